// Package importer imports accounts and contacts from CSV and Excel files (SPEC I3): upload, column
// mapping with suggestions, a validating preview, a background run in batches with progress, duplicate
// handling and an error report.
//
// Decisions:
//   - Generic over the metadata registry: the importable fields of an entity are the registry's fields
//     its create body accepts (Target.Accepts) plus its active custom fields; cells are converted by
//     field type (enum and dictionary values by code or label in either language, users by e-mail or
//     name, accounts by number or name, tags split on , ， ; ； | 、, amounts in major units, dates in
//     common spellings or Excel serials). Another entity gets import by implementing Target.
//   - No second validation: a row passes exactly the checks of the owning module's create path
//     (customer.CheckAccount / CheckContact, which CreateAccount and CreateContact use too) and is
//     written by its bulk insert (ent CreateBulk, so privacy and hooks run per record; the audit,
//     search and dedup hooks defer their rows to one set-based flush per insert in the same transaction,
//     store.WithBatch). The preview runs the same conversion and checks and writes nothing.
//   - Files: CSV encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, otherwise GB18030,
//     a superset of GBK); the delimiter is sniffed among comma, semicolon and tab; XLSX is read with
//     excelize's streaming Rows and RawCellValue, so formulas are never evaluated and their text is
//     only ever data. Bytes are stored in ImportFile, apart from the job, so polling never reads them.
//     Limits (bytes, rows) come from the typed config; the upload route gets its own body cap.
//   - Runs: a River job works as the importing user (iam.ActorOf), so their rights and data scope apply
//     to every row and the audit rows name them. Each batch (1,000 rows) is one transaction that also
//     advances ImportJob.next_row and the counters, so a crash never leaves half a batch and a retried
//     job resumes exactly after the last committed batch. Cancelling is checked inside each batch.
//     Invalid rows are skipped and kept as row errors (capped; failed_count is exact).
//   - Duplicates come from the dedup package's keys, in the importer's scope: skip, update the first
//     visible match, or create anyway. A record outside the importer's scope is never updated (it is
//     not a match for them). Rows of the same file duplicate each other too: pending creates are
//     flushed before a row whose keys they share is looked up.
//   - Imports are personal records: everyone sees their own; import:read widens that (a sales
//     director sees the team's). Only the uploader configures, previews and starts an import; an
//     administrator may also cancel it. Start, cancel and finish are audited as import events.
//   - An import started with an API token records it: the run is narrowed to the token's rights
//     and fails when the token is revoked or expired meanwhile, as the user's own requests would.
package importer
