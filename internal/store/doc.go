// Package store binds the generated ent client to a database: it installs the audit hook, carries the
// transaction in the context (WithTx reuses an outer transaction), and refuses audited writes made
// outside a transaction, so that a change and its audit row always commit together.
//
// It also holds the in-memory caches of rarely changing data (epoch.go): roles and grants, the team
// tree, user and team display names, custom field definitions. Each family has a counter in the
// cache_epochs table that an ent hook bumps in the writing transaction; an authenticated request reads
// all counters in the one statement that resolves its session (iam.ResolveSession) and uses a cached
// value only if it was loaded at the same counter. Staleness bound: none for requests — a change
// committed on any node is seen by every request that starts after the commit; work without a
// snapshot (jobs, anonymous requests) reads the database directly. Writes that bypass ent (raw SQL
// loaders) do not bump the counters and need a restart of running nodes.
package store
