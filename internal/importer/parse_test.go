package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

const sample = "公司名称,电话\r\n上海星辰科技有限公司,021-12345678\r\n北京云海,010-5555666\r\n"

func mustEncode(t *testing.T, tr transform.Transformer, s string) []byte {
	t.Helper()
	out, _, err := transform.Bytes(tr, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseEncodings(t *testing.T) {
	utf16 := mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), sample)
	utf16be := mustEncode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), sample)
	gbk := mustEncode(t, simplifiedchinese.GBK.NewEncoder(), sample)
	for name, tc := range map[string]struct {
		data []byte
		enc  string
	}{
		"utf-8":     {[]byte(sample), "utf-8"},
		"utf-8 bom": {append([]byte{0xEF, 0xBB, 0xBF}, sample...), "utf-8-bom"},
		"utf-16le":  {utf16, "utf-16"},
		"utf-16be":  {utf16be, "utf-16"},
		"gbk":       {gbk, "gb18030"},
	} {
		t.Run(name, func(t *testing.T) {
			tb, err := Parse(tc.data, "csv", 10)
			if err != nil {
				t.Fatal(err)
			}
			if tb.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", tb.Encoding, tc.enc)
			}
			if got := strings.Join(tb.Headers, "|"); got != "公司名称|电话" {
				t.Errorf("headers %q", got)
			}
			if len(tb.Rows) != 2 || tb.Rows[0][0] != "上海星辰科技有限公司" || tb.Rows[1][1] != "010-5555666" {
				t.Errorf("rows %q", tb.Rows)
			}
		})
	}
}

func TestParseDelimiters(t *testing.T) {
	for name, text := range map[string]string{
		"comma":     "name,phone\nA,1\n",
		"semicolon": "name;phone\n\"A; B\";1\n",
		"tab":       "name\tphone\nA, Inc\t1\n",
	} {
		t.Run(name, func(t *testing.T) {
			tb, err := Parse([]byte(text), "csv", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(tb.Headers) != 2 || len(tb.Rows[0]) != 2 || tb.Rows[0][1] != "1" {
				t.Fatalf("%s parsed as %q / %q", name, tb.Headers, tb.Rows)
			}
		})
	}
}

func fieldCode(t *testing.T, err error) string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || len(e.Fields) != 1 || e.Fields[0].Location != "body.file" {
		t.Fatalf("want one body.file field error, got %v", err)
	}
	return e.Fields[0].Code
}

func TestParseRejects(t *testing.T) {
	junk := make([]byte, 2048)
	for i := range junk {
		junk[i] = byte(i * 7 % 256)
	}
	for name, tc := range map[string]struct {
		data   []byte
		format string
		code   string
	}{
		"empty":            {[]byte(""), "csv", "import.empty_file"},
		"whitespace":       {[]byte(" \r\n\r\n "), "csv", "import.empty_file"},
		"header only":      {[]byte("name,phone\r\n"), "csv", "import.no_rows"},
		"only blank lines": {[]byte(",,\r\n,,\r\n"), "csv", "import.no_header"},
		"duplicate header": {[]byte("Name,name\r\nA,B\r\n"), "csv", "import.duplicate_header"},
		"too many rows":    {[]byte("name\r\na\r\nb\r\nc\r\n"), "csv", "import.too_many_rows"},
		"binary junk":      {junk, "csv", "import.binary"},
		"nul bytes":        {[]byte("name\x00,phone\r\na,b\r\n"), "csv", "import.binary"},
		"not an xlsx":      {[]byte("PK\x03\x04 not really a zip"), "xlsx", "import.bad_xlsx"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(tc.data, tc.format, 2)
			if got := fieldCode(t, err); got != tc.code {
				t.Fatalf("code %q, want %q", got, tc.code)
			}
		})
	}
}

func TestParseXLSXRawValuesAndFormulas(t *testing.T) {
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow("Sheet1", "A1", &[]any{"名称", "生日", "备注"}))
	must(f.SetSheetRow("Sheet1", "A2", &[]any{"=cmd|' /C calc'!A0", 45000, "<script>alert(1)</script>"}))
	must(f.SetCellFormula("Sheet1", "C3", "1+1"))
	must(f.SetCellValue("Sheet1", "A3", "公式客户"))
	var buf bytes.Buffer
	must(f.Write(&buf))
	tb, err := Parse(buf.Bytes(), "xlsx", 10)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows[0][0] != "=cmd|' /C calc'!A0" {
		t.Errorf("text that looks like a formula must stay text, got %q", tb.Rows[0][0])
	}
	if tb.Rows[0][1] != "45000" {
		t.Errorf("raw value of a number cell %q, want 45000 (not formatted)", tb.Rows[0][1])
	}
	if tb.Rows[0][2] != "<script>alert(1)</script>" {
		t.Errorf("script text %q", tb.Rows[0][2])
	}
	// A formula cell without a cached value is never evaluated: it reads as empty, not "2".
	if got := Cell(tb.Rows[1], 2); got == "2" {
		t.Errorf("formula was evaluated: %q", got)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"a.CSV": "csv", "b.xlsx": "xlsx", "c.xls": "", "d.txt": "csv", "e": "csv"} {
		if got := FormatOf(name, nil); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", name, got, want)
		}
	}
	if got := FormatOf("upload", []byte("PK\x03\x04rest")); got != "xlsx" {
		t.Errorf("zip content = %q", got)
	}
}
