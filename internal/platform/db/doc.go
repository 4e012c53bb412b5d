// Package db is where Kehu's two databases differ: it opens SQLite (modernc, pure Go) or PostgreSQL
// (pgx) with the settings each needs, applies the embedded versioned migrations with goose, and answers
// readiness questions. Everything above it speaks ent or plain database/sql and does not care which.
package db
