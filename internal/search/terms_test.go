package search

import (
	"reflect"
	"testing"
)

func TestTerms(t *testing.T) {
	for in, want := range map[string]string{
		"客户关系管理":             "客户 户关 关系 系管 管理 理",
		"科":                  "科",
		"Acme Trading":       "acme trading",
		"上海Acme科技有限公司":       "上海 海 acme 科技 技有 有限 限公 公司 司",
		"zhang.san@acme.com": "zhang san acme com",
		"KH2026001":          "kh2026001 kh 2026001 026001 26001 6001",
		"":                   "",
	} {
		if got := Terms(in); got != want {
			t.Errorf("Terms(%q) = %q, want %q", in, got, want)
		}
	}
	if got := PhoneTerms("+86 138-1234-5678"); got != "8613812345678 613812345678 13812345678 3812345678 812345678 12345678 2345678 345678 45678 5678" {
		t.Errorf("PhoneTerms = %q", got)
	}
	if got := Terms("Acme acme ACME"); got != "acme" {
		t.Errorf("duplicates kept: %q", got)
	}
}

func TestQuery(t *testing.T) {
	for in, want := range map[string][]Token{
		"客户":                  {{Text: "客户"}},
		"客户关系":                {{Text: "客户"}, {Text: "户关"}, {Text: "关系"}},
		"客":                   {{Text: "客", Prefix: true}},
		"acm":                 {{Text: "acm", Prefix: true}},
		"Acme 科技":             {{Text: "acme"}, {Text: "科技"}},
		"科技 acm":              {{Text: "科技"}, {Text: "acm", Prefix: true}},
		"5678":                {{Text: "5678", Prefix: true}},
		"138 1234 5678":       {{Text: "13812345678", Prefix: true}},
		"'; DROP TABLE x; --": {{Text: "drop"}, {Text: "table"}, {Text: "x", Prefix: true}},
		"!!!":                 nil,
	} {
		if got := Query(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Query(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestQueryExpressions(t *testing.T) {
	tk := []Token{{Text: "科技"}, {Text: "acm", Prefix: true}}
	if got := ftsQuery(tk, false); got != `terms : "科技" AND terms : "acm"*` {
		t.Error(got)
	}
	if got := ftsQuery(tk, true); got != `"科技" AND "acm"*` {
		t.Error(got)
	}
	if got := tsQuery(tk, false); got != `'科技':A & 'acm':*A` {
		t.Error(got)
	}
	if got := tsQuery(tk, true); got != `'科技' & 'acm':*` {
		t.Error(got)
	}
}
