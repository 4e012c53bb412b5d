// Package writebatch carries, in a context, the writes that ent hooks defer during one bulk insert.
//
// Normally every hook that follows a record write (audit log, search index, dedup keys) writes its
// own rows per record, right after the change. A bulk create of 1,000 records then costs thousands of
// statements after its single INSERT. When the context carries a Batch (store.WithBatch makes one),
// the hooks append what they would write — audit events, and the ids of created records per purpose
// and entity — and the store's flush writes it all with set-based statements in the same transaction,
// before it commits. The content written is the same; only the number of statements changes.
//
// Decisions:
//   - Only creates are deferred by the search and dedup hooks: updates and deletes keep their per-record
//     path (they read ids before the change and handle cascades), and flush re-reads the records, so
//     a record created and then updated in the same batch is indexed as it finally is.
//   - A flushed Batch is closed: From returns nil for it, so a write made after the flush with the
//     same context falls back to the per-record path instead of being collected and lost.
//   - The package knows nothing of what it carries (audit payloads are opaque): it sits below the
//     store, the audit package and the hooks, which all import it.
package writebatch
