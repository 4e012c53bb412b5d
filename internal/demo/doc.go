// Package demo loads a realistic, bilingual demo data set (SPEC P7) — so far a team tree, a user for
// every built-in role and a few hundred accounts with their contacts.
//
// Decisions:
//   - Everything is written through the module services as the system actor, never into tables, so
//     validation, numbering, data scope (owner → team) and the audit trail apply exactly as they do for
//     a user; dictionary codes are read from the dictionary service, never assumed.
//   - The data is a pure function of the seed and the dictionary: the same seed gives the same
//     companies, people and owners on every run and on both databases.
//   - Each account is written with its contacts in one short transaction, so a SQLite database stays
//     responsive to other writers while the loader runs.
//   - A database that already has accounts is refused unless Options.Force is set; the team tree and the
//     demo users are then reused (looked up by name and e-mail), and only accounts are added.
package demo
