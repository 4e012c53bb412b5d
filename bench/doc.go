// Command bench is `make bench`: the load scenarios of issue 3 (docs/PERFORMANCE.md), run against the
// real `kehu serve` binary and, side by side in the same run, against the database directly.
//
// For each database (a SQLite file; PostgreSQL at PG_BASE when it answers) it builds a data set with
// `kehu demo --scale N` unless a finished one of that scale is cached under bench/.data, starts
// `kehu serve` on it as a child process, signs in as a scoped account manager and as a sales director,
// and drives the HTTP API with vegeta (as a library, a fixed number of workers, no rate limit). The
// same scenarios then run as raw SQL through database/sql with the same DSN and the same concurrency.
// It prints a Markdown table: p50/p95/p99, throughput, API ÷ raw, and the server's peak RSS (VmHWM).
//
// Decisions:
//   - The raw SQL is what the endpoint needs, written by hand: the scoped, filtered, sorted page with
//     the owner and team names; the search over search_index with the same predicates and ranking;
//     an activity insert with its audit row. The ratio therefore measures everything Kehu adds
//     (HTTP, sessions, authorization, ent, validation, DTOs, JSON), not a different query plan.
//   - The customer 360 is measured per request (account, its contacts, its recent activities), the
//     three calls the page makes, so a slow part shows by name.
//   - Scenarios run one after another with warm caches (a short warm-up is not counted), because the
//     targets are about steady-state latency, not cold starts.
//   - The cached data set is reused across runs; scenarios that write (create activity, import) add
//     rows to it. `-rebuild` starts from a fresh one.
package main
