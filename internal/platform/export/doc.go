// Package export writes list rows to CSV or Excel (SPEC C9, I3 export part) for any entity described by
// the metadata registry.
//
// Decisions:
//   - The caller streams: it hands rows over page by page and the writer never holds more than one row
//     (CSV goes straight to the response; XLSX uses excelize's StreamWriter, which spills to a temporary
//     file beyond its buffer, so memory stays flat).
//   - CSV starts with a UTF-8 byte-order mark, so Excel on zh-CN Windows does not read it as GBK, and
//     ends lines with CRLF (RFC 4180).
//   - Formula injection (OWASP "CSV injection"): a text cell starting with =, +, -, @, tab or CR gets a
//     leading apostrophe in CSV; in XLSX every text cell is written as a plain string value, never as a
//     formula, so it needs no prefix. Numbers are written as numbers and are not text.
//   - Values are shown as a person reads them, in the request's language: enum and dictionary codes as
//     their labels, money (minor units) as a decimal with its currency, dates ISO 8601, tags joined
//     with ", ", booleans as yes/no.
package export
