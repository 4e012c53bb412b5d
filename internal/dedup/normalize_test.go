package dedup

import (
	"strings"
	"testing"
)

func TestCompanyNameEquivalences(t *testing.T) {
	groups := [][]string{
		{"北京字节跳动科技有限公司", "北京字节跳动科技", "北京字节跳动科技（有限公司）", "北京字节跳动科技(有限公司)",
			" 北京字节跳动科技股份有限公司 ", "北京字节跳动科技有限责任公司", "北京字节跳动科技集团有限公司", "北京 字节跳动 科技"},
		{"Acme Co., Ltd.", "ACME", "acme inc", "Acme, Inc.", "ACME LLC", "Acme GmbH", "Acme Corp.", "ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．", "Acme Company Limited"},
		{"西门子（中国）有限公司", "西门子", "西门子(中国)", "(中国)西门子公司"},
		{"上海示例科技有限公司", "上海示例科技", "上海示例科技公司"},
		{"阿里巴巴集团控股有限公司", "阿里巴巴集团", "阿里巴巴"},
		{"Hello-World Trading Co Ltd", "hello world trading"},
	}
	for _, g := range groups {
		want := CompanyName(g[0])
		if want == "" {
			t.Fatalf("CompanyName(%q) is empty", g[0])
		}
		for _, s := range g[1:] {
			if got := CompanyName(s); got != want {
				t.Errorf("CompanyName(%q) = %q, want %q (as %q)", s, got, want, g[0])
			}
		}
	}
}

func TestCompanyNameExact(t *testing.T) {
	cases := map[string]string{
		"北京字节跳动科技有限公司":   "北京字节跳动科技",
		"Acme Co., Ltd.": "acme",
		"ＡＢＣ科技（中国）有限公司":  "abc科技",
		"A公司":                           "",     // too short once the suffix is gone
		"":                              "",     // nothing
		"   ":                           "",     // nothing
		"有限公司":                          "有限公司", // the whole name is never stripped away
		"Co":                            "co",
		"Company of Heroes":             "companyofheroes", // legal words only count at the end
		"上海分公司":                         "上海分",             // a branch is not the parent company
		"Foo (Beijing) Ltd":             "foobeijing",      // other bracketed words are kept
		"<script>alert(1)</script> Ltd": "scriptalert1script",
	}
	for in, want := range cases {
		if got := CompanyName(in); got != want {
			t.Errorf("CompanyName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompanyNamesThatDiffer(t *testing.T) {
	pairs := [][2]string{
		{"北京字节跳动科技有限公司", "上海字节跳动科技有限公司"},
		{"Acme Co., Ltd.", "Acme Tools Co., Ltd."},
		{"西门子（中国）有限公司", "西门子医疗有限公司"},
	}
	for _, p := range pairs {
		if a, b := CompanyName(p[0]), CompanyName(p[1]); a == b {
			t.Errorf("CompanyName(%q) == CompanyName(%q) == %q", p[0], p[1], a)
		}
	}
}

func TestPhone(t *testing.T) {
	cases := map[string]string{
		"+86 138-0013-8000":   "13800138000",
		"13800138000":         "13800138000",
		"8613800138000":       "13800138000",
		"0086 138 0013 8000":  "13800138000",
		"+86 (138) 0013 8000": "13800138000",
		"＋８６ １３８００１３８０００": "13800138000",
		"010-12345678":           "01012345678",
		"+86 10 1234 5678":       "01012345678",
		"+86-21-6123-4567 ext 8": "02161234567",
		"021-61234567转801":       "02161234567",
		"+1 (415) 555-0100":      "14155550100",
		"12345":                  "",
		"":                       "",
		"n/a":                    "",
	}
	for in, want := range cases {
		if got := Phone(in); got != want {
			t.Errorf("Phone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmail(t *testing.T) {
	cases := map[string]string{
		"  Zhang.San@Example.COM ": "zhang.san@example.com",
		"mailto:a@b.cn":            "a@b.cn",
		"ＡＢ＠ｂ．ｃｎ":                  "ab@b.cn",
		"not an email":             "",
		"@example.com":             "",
		"someone@":                 "",
		"":                         "",
	}
	for in, want := range cases {
		if got := Email(in); got != want {
			t.Errorf("Email(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWebsite(t *testing.T) {
	cases := map[string]string{
		"https://www.Example.com/about?x=1": "example.com",
		"http://example.com:8080":           "example.com",
		"www.example.com.":                  "example.com",
		"example.com/":                      "example.com",
		"//user@shop.example.cn#top":        "shop.example.cn",
		"EXAMPLE.COM":                       "example.com",
		"localhost":                         "",
		"":                                  "",
		"not a site":                        "",
	}
	for in, want := range cases {
		if got := Website(in); got != want {
			t.Errorf("Website(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeys(t *testing.T) {
	got := Keys(Account, Values{"name": "Acme Co., Ltd.", "phone": "+86 138-0013-8000", "email": "A@Acme.com",
		"website": "https://www.acme.com/", "address": "ignored"})
	want := []Key{{KindName, "acme"}, {KindPhone, "13800138000"}, {KindEmail, "a@acme.com"}, {KindWebsite, "acme.com"}}
	if !equalKeys(got, want) {
		t.Errorf("account keys = %v, want %v", got, want)
	}
	got = Keys(Contact, Values{"name": "张 三", "accountId": "42", "phone": "13800138000", "mobile": "+86 13800138000",
		"email": ""})
	want = []Key{{KindName, "42:张三"}, {KindPhone, "13800138000"}}
	if !equalKeys(got, want) {
		t.Errorf("contact keys = %v, want %v", got, want)
	}
	if got := Keys(Contact, Values{"name": "张三"}); len(got) != 0 {
		t.Errorf("a contact name without an account gives no key, got %v", got)
	}
	if got := Keys("lead", Values{"name": "Acme"}); got != nil {
		t.Errorf("unknown entity gives no key, got %v", got)
	}
	long := Keys(Account, Values{"name": strings.Repeat("名", 200)})
	if len(long) != 1 || len(long[0].Key) > maxKeyBytes || !strings.HasPrefix(long[0].Key, "名名") ||
		len(long[0].Key)%3 != 0 {
		t.Errorf("long name key not truncated on a rune boundary: %d bytes", len(long[0].Key))
	}
}

func equalKeys(a, b []Key) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
