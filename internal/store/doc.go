// Package store binds the generated ent client to a database: it installs the audit hook, carries the
// transaction in the context (WithTx reuses an outer transaction), and refuses audited writes made
// outside a transaction, so that a change and its audit row always commit together.
package store
