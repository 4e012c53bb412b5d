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
package dedup
