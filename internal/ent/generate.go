// Package ent holds Kehu's data schema (schema/) and the client generated from it. Run `go generate
// ./internal/ent` after changing a schema, then `make migration name=…` to write the versioned migrations.
package ent

//go:generate go tool ent generate --feature privacy,intercept,sql/versioned-migration,sql/upsert,sql/execquery ./schema
