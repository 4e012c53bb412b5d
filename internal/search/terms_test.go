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
	scope := []string{"accounto6", "accountt3"}
	// User tokens never reach the scope column (FTS5) or label C (PostgreSQL), sensitive or not.
	for _, c := range []struct{ got, want string }{
		{ftsQuery(tk, false, nil), `terms : "科技" AND terms : "acm"*`},
		{ftsQuery(tk, true, nil), `{terms sensitive_terms} : "科技" AND {terms sensitive_terms} : "acm"*`},
		{ftsQuery(tk, false, scope), `terms : "科技" AND terms : "acm"* AND (scope_terms : "accounto6" OR scope_terms : "accountt3")`},
		{ftsQuery(tk, true, []string{"account"}), `{terms sensitive_terms} : "科技" AND {terms sensitive_terms} : "acm"* AND (scope_terms : "account")`},
		{tsQuery(tk, false, nil), `'科技':A & 'acm':*A`},
		{tsQuery(tk, true, nil), `'科技':AB & 'acm':*AB`},
		{tsQuery(tk, false, scope), `'科技':A & 'acm':*A & ('accounto6':C | 'accountt3':C)`},
		{tsQuery(tk, true, []string{"account"}), `'科技':AB & 'acm':*AB & ('account':C)`},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
