// Package demo loads demo data (SPEC P7): `kehu demo` writes a realistic, bilingual organisation with a
// year of history through the module services; `kehu demo --scale N` bulk-generates a large data set
// for benchmarks (`make bench`).
//
// Decisions for `kehu demo`:
//   - Everything is written through the module services as the system actor, never into tables, so
//     validation, numbering, data scope (owner → team), follow-up tasks, the search index and the audit
//     trail apply exactly as they do for a user; dictionary codes are read from the dictionary service.
//   - A service writes the present, so history is created now and then moved into the past with one
//     raw UPDATE of its timestamps (created/updated/done, reminder times) and tags: no hook runs for
//     that move, so the timeline shows each activity once, as logged on its day, not as an edit.
//     Accounts and contacts are likewise dated before their first activity.
//   - Activities are realistic notes per type, in Chinese, or in English for foreign accounts; about a
//     third ask for a follow-up, which the activity service turns into a task: past ones are mostly
//     completed (through the service), some left overdue, future ones wait, often with a reminder an
//     hour before. Past reminders are marked sent so the reminder job does not replay a year of them.
//     Every account manager also gets one overdue task and one upcoming task with a reminder.
//   - Comments with @mentions (an account manager asks the director above them, who answers) are
//     written through ent as the author (authz.Attributed names them in the audit trail); the
//     collaboration module owns the comment API and its notifications.
//   - The data is a pure function of the seed and the dictionary; the history draws from its own
//     random stream, so the accounts are the same with or without it. Each account is written with its
//     contacts and history in one short transaction, so a SQLite database stays responsive.
//   - A database that already has accounts is refused unless Options.Force is set; the team tree and
//     the demo users are then reused (looked up by name and e-mail), and only accounts are added.
//
// Decisions for `--scale`:
//   - The organisation goes through the services as above; the bulk rows do not: accounts (3 contacts
//     and 10 activities each), their search_index rows and their dedup_key rows are written in ONE
//     transaction with COPY (pgx CopyFrom) on PostgreSQL and prepared 500-row INSERTs on SQLite,
//     bypassing ent and its per-row hooks. The rows those hooks would write are built by the packages
//     that own them (search.AccountDoc/ContactDoc, dedup.Keys), never copied here.
//   - The tables' secondary indexes are dropped first and rebuilt at the end inside the same
//     transaction (their definitions are read from the catalogue, so none is restated here); a failure
//     rolls everything back, indexes included. ANALYZE runs after the commit.
//   - Every account draws from its own random stream (seed, index), so the data does not depend on
//     batching; company names are unique by construction (a permutation of city × brand × brand ×
//     industry word × legal form, about six million names before they are numbered).
//   - Ids are given explicitly (continuing above the highest existing ones with --force), and the
//     PostgreSQL identity sequences are moved past them, so the product keeps creating records after.
//   - Search rows of other searchable entities (activities, once they are a search.Source) are written
//     after the bulk transaction with that source's Page and search.Refresh, in batches: slower than
//     in memory, but how an entity is indexed stays in internal/search.
package demo
