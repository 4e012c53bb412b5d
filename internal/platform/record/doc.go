// Package record is the generic machinery every CRM list shares: keyset (cursor) pagination over any
// ent query, sort parsing against an entity's sortable fields, and optimistic-concurrency versions.
// It knows nothing about HTTP; platform/httpx exposes it with the API's conventions.
package record
