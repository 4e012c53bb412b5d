package export

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+cmd": "'+cmd", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "plain": "plain", "": "", "a=b": "a=b", "客户": "客户"} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w, err := NewCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Row([]any{"名称", "数量"})
	_ = w.Row([]any{"=HYPERLINK(\"x\")", int64(-2)})
	_ = w.Row([]any{"a,b", nil})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBF名称,数量\r\n\"'=HYPERLINK(\"\"x\"\")\",-2\r\n\"a,b\",\r\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestXLSXWritesTextNeverFormulas(t *testing.T) {
	var b bytes.Buffer
	w, err := NewXLSX(&b, "客户")
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Row([]any{"=1+1", int64(3)})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.GetSheetName(0) != "客户" {
		t.Errorf("sheet %q", f.GetSheetName(0))
	}
	v, _ := f.GetCellValue("客户", "A1")
	formula, _ := f.GetCellFormula("客户", "A1")
	typ, _ := f.GetCellType("客户", "A1")
	if v != "=1+1" || formula != "" || typ != excelize.CellTypeInlineString {
		t.Errorf("A1 %q formula %q type %v", v, formula, typ)
	}
}

type labels map[string]string

func (l labels) Label(_ context.Context, kind, code, locale string) string {
	return l[kind+"/"+code+"/"+locale]
}

func TestFormatter(t *testing.T) {
	f := NewFormatter("zh-CN", labels{"customer_level/key/zh-CN": "重点客户"})
	ctx := context.Background()
	row := map[string]any{"currency": "CNY"}
	cases := []struct {
		c    Column
		v    any
		want any
	}{
		{Column{Type: "enum", Options: map[string]string{"wechat": "微信"}}, "wechat", "微信"},
		{Column{Type: "dict", Dict: "customer_level"}, "key", "重点客户"},
		{Column{Type: "dict", Dict: "customer_level"}, "unknown", "unknown"},
		{Column{Type: "money"}, int64(1280050), "12800.50 CNY"},
		{Column{Type: "tags"}, []string{"vip", "hot"}, "vip, hot"},
		{Column{Type: "tags", Options: map[string]string{"a": "甲"}}, []any{"a", "b"}, "甲, b"},
		{Column{Type: "bool"}, true, "是"},
		{Column{Type: "date"}, time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC), "2026-11-23"},
		{Column{Type: "datetime"}, time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC), "2026-11-23T05:00:00Z"},
		{Column{Type: "number"}, float64(4), int64(4)},
		{Column{Type: "string"}, (*string)(nil), nil},
	}
	for _, c := range cases {
		if got := f.Cell(ctx, c.c, c.v, row); got != c.want {
			t.Errorf("%s %v: %#v, want %#v", c.c.Type, c.v, got, c.want)
		}
	}
	flat := Flatten(&struct {
		Name   string         `json:"name"`
		Custom map[string]any `json:"custom"`
	}{"n", map[string]any{"budget": 3}})
	if flat["name"] != "n" || flat["custom.budget"] != 3 {
		t.Errorf("flatten %v", flat)
	}
}
