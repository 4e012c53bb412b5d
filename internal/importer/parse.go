package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

// Table is a parsed upload: its header row and its data rows (cells as text, trailing empty rows
// dropped). Data rows are numbered from 1 in errors and in ImportJob.next_row.
type Table struct {
	Format   string
	Encoding string
	Headers  []string
	Rows     [][]string
}

// maxColumns bounds the header row; no real customer sheet has more.
const maxColumns = 200

// maxCell bounds one cell; longer text is never a valid field value anyway.
const maxCell = 32 * 1024

// fileError is a 422 naming body.file.
func fileError(code string, args map[string]any) error { return apperr.Field("body.file", code, args) }

// Parse reads a .csv or .xlsx upload. format is "csv" or "xlsx"; maxRows bounds the data rows.
func Parse(data []byte, format string, maxRows int) (*Table, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fileError("import.empty_file", nil)
	}
	var t *Table
	var err error
	switch format {
	case "xlsx":
		t, err = parseXLSX(data, maxRows)
	case "csv":
		t, err = parseCSV(data, maxRows)
	default:
		return nil, fileError("import.unsupported_format", nil)
	}
	if err != nil {
		return nil, err
	}
	return t, t.check()
}

// FormatOf picks the format from the file name, falling back to the content (an XLSX file is a ZIP).
func FormatOf(name string, data []byte) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".xlsx"):
		return "xlsx"
	case strings.HasSuffix(lower, ".csv"), strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".tsv"):
		return "csv"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "xlsx"
	case strings.HasSuffix(lower, ".xls"):
		return ""
	}
	return "csv"
}

func (t *Table) check() error {
	// Drop trailing rows that are entirely empty (spreadsheets often carry some).
	for len(t.Rows) > 0 && blank(t.Rows[len(t.Rows)-1]) {
		t.Rows = t.Rows[:len(t.Rows)-1]
	}
	if len(t.Headers) == 0 || blank(t.Headers) {
		return fileError("import.no_header", nil)
	}
	if len(t.Headers) > maxColumns {
		return fileError("import.too_many_columns", map[string]any{"Max": maxColumns})
	}
	seen := map[string]bool{}
	for i, h := range t.Headers {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		t.Headers[i] = h
		if h == "" {
			continue
		}
		k := normalise(h)
		if seen[k] {
			return fileError("import.duplicate_header", map[string]any{"Header": h})
		}
		seen[k] = true
	}
	if len(t.Rows) == 0 {
		return fileError("import.no_rows", nil)
	}
	return nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// decodeText turns CSV bytes into UTF-8: a UTF-8 or UTF-16 byte order mark wins; valid UTF-8 is taken
// as is; anything else is tried as GB18030 (a superset of GBK, what Excel on zh-CN Windows writes).
// Bytes that decode to control characters are binary junk and are refused.
func decodeText(data []byte) (string, string, error) {
	var text, enc string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text, enc = string(data[3:]), "utf-8-bom"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", "", fileError("import.bad_encoding", nil)
		}
		text, enc = string(out), "utf-16"
	case utf8.Valid(data):
		text, enc = string(data), "utf-8"
	default:
		out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
		if err != nil || !utf8.Valid(out) {
			return "", "", fileError("import.bad_encoding", nil)
		}
		text, enc = string(out), "gb18030"
	}
	if binary(text) {
		return "", "", fileError("import.binary", nil)
	}
	return text, enc, nil
}

// binary reports text that holds NUL or other control characters no spreadsheet writes, or the
// replacement character in quantity (a mis-decoded binary file).
func binary(s string) bool {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == 0 || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == utf8.RuneError {
			bad++
		}
	}
	return n > 0 && (bad*100/n > 1 || strings.ContainsRune(s, 0))
}

// sniff picks the delimiter among comma, semicolon and tab: the one found most often, and equally
// often, on the first lines (outside quotes).
func sniff(text string) rune {
	lines := strings.SplitN(text, "\n", 6)
	if len(lines) > 5 {
		lines = lines[:5]
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', ';', '\t'} {
		counts := make([]int, 0, len(lines))
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			counts = append(counts, countOutsideQuotes(l, d))
		}
		if len(counts) == 0 || counts[0] == 0 {
			continue
		}
		score := counts[0] * 10
		for _, c := range counts[1:] {
			if c == counts[0] {
				score += 5
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

func parseCSV(data []byte, maxRows int) (*Table, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniff(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	t := &Table{Format: "csv", Encoding: enc}
	for line := 0; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fileError("import.bad_csv", map[string]any{"Line": line + 1})
		}
		if err := t.add(rec, maxRows); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// add appends the header or a data row, enforcing the limits.
func (t *Table) add(rec []string, maxRows int) error {
	for _, c := range rec {
		if len(c) > maxCell {
			return fileError("import.cell_too_long", map[string]any{"Max": maxCell})
		}
	}
	if t.Headers == nil {
		if blank(rec) {
			return nil // leading empty lines
		}
		t.Headers = rec
		return nil
	}
	if len(t.Rows) >= maxRows && !blank(rec) {
		return fileError("import.too_many_rows", map[string]any{"Max": maxRows})
	}
	t.Rows = append(t.Rows, rec)
	return nil
}

// parseXLSX streams the first sheet with raw cell values: formulas are read as their cached value
// text, never evaluated, and dates arrive as Excel serial numbers (converted by the date field).
func parseXLSX(data []byte, maxRows int) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fileError("import.bad_xlsx", nil)
	}
	defer func() { _ = f.Close() }()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileError("import.no_header", nil)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fileError("import.bad_xlsx", nil)
	}
	defer func() { _ = rows.Close() }()
	t := &Table{Format: "xlsx", Encoding: "utf-8"}
	for rows.Next() {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileError("import.bad_xlsx", nil)
		}
		if err := t.add(rec, maxRows); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("importer: read sheet: %w", err)
	}
	return t, nil
}

// Cell returns column i of a row ("" past its end), trimmed.
func Cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}
