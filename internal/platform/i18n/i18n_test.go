package i18n

import (
	"sort"
	"testing"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	zh, err := catalogueKeys(ZH)
	if err != nil {
		t.Fatal(err)
	}
	en, err := catalogueKeys(EN)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for k := range zh {
		if !en[k] {
			missing = append(missing, "en lacks "+k)
		}
	}
	for k := range en {
		if !zh[k] {
			missing = append(missing, "zh-CN lacks "+k)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
	if len(en) < 50 {
		t.Fatalf("catalogue suspiciously small: %d keys", len(en))
	}
}

func TestTranslateAndMatch(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if got := b.T(ZH, "error.login_locked", map[string]any{"Minutes": 15}); got != "登录失败次数过多，请在 15 分钟后重试。" {
		t.Errorf("zh: %q", got)
	}
	if got := b.T(EN, "field.password_too_short", map[string]any{"Min": 10}); got != "Use at least 10 characters." {
		t.Errorf("en: %q", got)
	}
	cases := map[string]string{"zh-CN,zh;q=0.9,en;q=0.8": ZH, "zh": ZH, "zh-TW": ZH, "en-US": EN, "": EN, "fr": EN, "garbage;;": EN}
	for h, want := range cases {
		if got := Match(h); got != want {
			t.Errorf("Match(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestValidationTranslator(t *testing.T) {
	tr := NewValidationTranslator()
	if got := tr.Translate(ZH, "expected length <= 100"); got != "长度应 <= 100" {
		t.Errorf("got %q", got)
	}
	if got := tr.Translate(ZH, "expected required property email to be present"); got != "缺少必填字段 email" {
		t.Errorf("got %q", got)
	}
	if got := tr.Translate(EN, "unexpected property"); got != "unexpected property" {
		t.Errorf("got %q", got)
	}
}
