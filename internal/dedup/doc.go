// Package dedup finds likely duplicate accounts and contacts, lists them for review and merges them
// (SPEC C6).
//
// # Matching keys
//
// Every account and contact has normalised matching keys in dedup_key, kept in step with each create,
// update and delete by Hook in the same transaction (the store installs it next to the search hook).
// Two records of the same entity sharing any key are a likely duplicate pair. Keys (pure functions in
// normalize.go, table-tested) are:
//
//   - account name (kind "name"): full-width forms folded to half-width (ＡＢＣ（中国）→ abc(中国)),
//     case-folded; bracketed registration notes "(中国)", "(China)", "(香港)" and bracketed legal forms
//     "(有限公司)" dropped; then trailing legal forms removed repeatedly, Chinese (股份有限公司,
//     有限责任公司, 集团有限公司, 控股有限公司, 有限公司, 股份公司, 集团, 公司, 控股) and English/European
//     as whole trailing words (Co., Ltd., Limited, Inc., LLC, LLP, PLC, GmbH, AG, Corp., Corporation,
//     Company, Group, Holdings, Pte, SA, BV, SRL, KG); finally everything but letters and digits is
//     stripped. A name that is only a legal form keeps it; a result under two characters gives no key.
//     So 北京字节跳动科技有限公司 ≡ 北京字节跳动科技 ≡ 北京字节跳动科技（有限公司）and "Acme Co., Ltd." ≡ "ACME",
//     but a branch (上海分公司) is not its parent.
//   - phone (accounts: phone; contacts: phone and mobile, kind "phone"): digits only, after cutting an
//     extension ("ext", "x", "转", "#"); the Chinese country code is removed when written +86 or 0086,
//     or as 86 before an 11-digit mobile number, and a landline dialled internationally gets its trunk
//     0 back (+86 10 1234 5678 ≡ 010-12345678). Fewer than 7 digits give no key.
//   - e-mail (kind "email"): trimmed, "mailto:" dropped, lower-cased; needs a local part and a domain.
//   - website (accounts, kind "website"): the bare host: no scheme, user, port, path, query, fragment,
//     "www." or trailing dot; it needs a dot.
//   - contact name (kind "name"): the account id and the normalised person name ("42:张三"), so two
//     people called 张三 at different companies are not duplicates.
//
// A pair's score (0–100) adds weights of the kinds matched: e-mail 60, phone 50, name 40, website 30.
//
// # Lookup for other packages
//
// Find/Lookup run as the caller: matches come from a query the entity's privacy policy scopes, so only
// readable records are returned; Lookup also counts matching records outside the caller's scope
// (Hidden) without telling anything else about them. The import module uses them to flag duplicates;
// bulk loaders that bypass ent hooks call Refresh.
//
// # Review
//
// Pairs are computed per page in SQL: dedup_key joined with itself on (entity, kind, key), both record
// ids restricted to the caller's read scope with authz.ScopePredicate (the entity's own rule, read from
// its schema), grouped per pair with one flag per kind, dismissed pairs left out, ordered by score
// then ids with a keyset cursor. A pair with one record outside the caller's scope is never listed.
// There is no precomputed pair table: at million-record scale a page costs a self-join over the keys
// the caller can read, which is the known limit of this design.
//
// # Rights
//
// No new right. Check, list and preview need <entity>:read (the operations are declared SignedIn and
// the entity comes in the request, as for search). Dismissing needs <entity>:update over both records.
// A merge changes the survivor and removes the other record, so it needs <entity>:update over the
// survivor (out of scope: 404, like a missing record) and <entity>:delete over the merged record (out
// of scope or missing: 422 naming mergeId). A dedicated "merge" right was considered and rejected: it
// would let someone remove records they may not delete.
//
// # Merge
//
// One transaction (Service.Merge): the survivor is updated as the caller with If-Match (412 on an old
// version) — a field listed as "merged" takes the other record's value, a field left out keeps the
// survivor's unless that is empty; custom values are chosen per key ("custom.<key>"); tags are united;
// sensitive values the caller sees masked on the other record cannot be taken (422) and are never
// taken by default. Then, as the system: contacts move to the survivor (with its owner and team, as
// contacts follow their account), activities, comments (their record and their account) and
// notifications are re-pointed — comment and notification targets are immutable in the schema, so
// they are moved with one UPDATE each, recorded by the merge event; a merge_log row keeps a snapshot of
// the merged record (sensitive values included: readers must mask them) and the choices; dismissals of
// the merged record are dropped; the merged record is deleted as the caller (nothing is left for the
// database to cascade); a "merge" audit event on the survivor names the merged id and what moved.
// The audit rows of the merged record stay; the timeline reads merge_log to show them on the survivor.
// Search rows and dedup keys follow through the store's hooks.
package dedup
