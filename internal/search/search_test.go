package search_test

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func newAccount(t *testing.T, c *testkit.Client, body map[string]any) int64 {
	t.Helper()
	return c.Do(t, "POST", "/api/v1/accounts", body).Want(t, 201).ID()
}

// find searches and returns the hits' "entity:id" keys in order.
func find(t *testing.T, c *testkit.Client, q string, extra ...string) []string {
	t.Helper()
	path := "/api/v1/search?q=" + url.QueryEscape(q) + strings.Join(extra, "")
	var keys []string
	for _, it := range c.Do(t, "GET", path, nil).Want(t, 200).Items() {
		keys = append(keys, it["entity"].(string)+":"+itoa(int64(it["id"].(float64))))
	}
	return keys
}

func acc(id int64) string { return "account:" + itoa(id) }
func con(id int64) string { return "contact:" + itoa(id) }

func same(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func TestSearch(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		amEast := a.Login(t, "am.east@kehu.test")
		amEast1 := a.Login(t, "am.east1@kehu.test")
		amWest := a.Login(t, "am.west@kehu.test")
		director := a.Login(t, "director@kehu.test")
		exec := a.Login(t, "exec@kehu.test")

		acme := newAccount(t, amEast, map[string]any{"name": "Acme", "phone": "13812345678", "email": "li@example.org"})
		trading := newAccount(t, amEast, map[string]any{"name": "Acme Trading 科技"})
		crm := newAccount(t, amEast1, map[string]any{"name": "上海客户关系管理科技有限公司"})
		west := newAccount(t, amWest, map[string]any{"name": "西部科技客户"})
		wang := amEast.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": acme, "name": "王芳", "title": "采购经理",
			"mobile": "139-8765-4321", "email": "wang.fang@example.com"}).Want(t, 201).ID()

		// Chinese two-character words, substrings of longer names, Latin prefixes, mixed scripts.
		same(t, "科技", find(t, admin, "科技"), acc(trading), acc(crm), acc(west))
		same(t, "客户", find(t, admin, "客户"), acc(crm), acc(west))
		same(t, "关系管理", find(t, admin, "关系管理"), acc(crm))
		same(t, "部", find(t, admin, "部"), acc(west))
		same(t, "acm", find(t, admin, "acm"), acc(acme), acc(trading), con(wang))
		same(t, "acme 科技", find(t, admin, "acme 科技"), acc(trading))
		same(t, "accounts only", find(t, admin, "acm", "&types=account"), acc(acme), acc(trading))
		same(t, "contact by job title", find(t, admin, "采购"), con(wang))
		// Ranking: the exact name first.
		if got := find(t, admin, "ACME"); len(got) == 0 || got[0] != acc(acme) {
			t.Errorf("exact name not first: %v", got)
		}
		// E-mail and phone digits (the whole number, its last 4+ digits, written with separators).
		same(t, "e-mail", find(t, admin, "wang.fang@example.com"), con(wang))
		same(t, "e-mail part", find(t, admin, "wang.fa"), con(wang))
		same(t, "phone tail", find(t, admin, "5678"), acc(acme))
		same(t, "phone", find(t, admin, "138 1234 5678"), acc(acme))
		same(t, "mobile tail", find(t, admin, "87654321"), con(wang))
		r := admin.Do(t, "GET", "/api/v1/search?q="+url.QueryEscape("王芳"), nil).Want(t, 200).Items()
		if len(r) != 1 || r[0]["accountId"] != float64(acme) || !strings.Contains(r[0]["subtitle"].(string), "Acme") {
			t.Errorf("contact hit: %v", r)
		}

		// Data scope in SQL: an account manager finds only their own, a director the subtree's.
		same(t, "am.east 科技", find(t, amEast, "科技"), acc(trading))
		same(t, "am.east1 科技", find(t, amEast1, "科技"), acc(crm))
		same(t, "director 科技", find(t, director, "科技"), acc(trading), acc(crm))
		same(t, "am.west acme", find(t, amWest, "acme"))
		same(t, "nobody", find(t, a.Login(t, "nobody@kehu.test"), "科技"))

		// Sensitive fields: no phone or e-mail match without read_sensitive, and no raw value shown.
		same(t, "exec phone", find(t, exec, "5678"))
		same(t, "exec e-mail", find(t, exec, "wang.fang@example.com"))
		same(t, "exec mixed", find(t, exec, "王芳 4321"))
		same(t, "exec name", find(t, exec, "王芳"), con(wang))
		for _, it := range exec.Do(t, "GET", "/api/v1/search?q=acm", nil).Want(t, 200).Items() {
			if s := it["subtitle"].(string); strings.Contains(s, "1381") || strings.Contains(s, "@") {
				t.Errorf("sensitive value in a hit: %v", it)
			}
		}
		same(t, "am.east own phone", find(t, amEast, "5678"), acc(acme))

		// Validation and hostile input.
		for _, q := range []string{"", "   ", strings.Repeat("客", 101)} {
			resp := admin.Do(t, "GET", "/api/v1/search?q="+url.QueryEscape(q), nil).Want(t, 422)
			if resp.FieldErrors()["query.q"] == "" {
				t.Errorf("q=%q: error does not name query.q: %s", q, resp.Raw)
			}
		}
		admin.Do(t, "GET", "/api/v1/search?q=a&types=lead", nil).Want(t, 422)
		for _, q := range []string{"'; DROP TABLE search_index; --", `" OR 1=1 --`, "<script>alert(1)</script>",
			`terms : "x"* OR NOT`, "acme') OR ('1'='1", "*", "NEAR(a b)", "科技\x00"} {
			admin.Do(t, "GET", "/api/v1/search?q="+url.QueryEscape(q), nil).Want(t, 200)
		}
		same(t, "after payloads", find(t, admin, "科技"), acc(trading), acc(crm), acc(west))

		// The index follows updates, owner changes and deletes.
		v := amEast.Do(t, "GET", "/api/v1/accounts/"+itoa(acme), nil).Want(t, 200).Header.Get("ETag")
		amEast.Do(t, "PATCH", "/api/v1/accounts/"+itoa(acme), map[string]any{"name": "Zenith 天顶", "phone": "010-66668888"},
			"If-Match", v).Want(t, 200)
		same(t, "renamed", find(t, admin, "zeni"), acc(acme), con(wang))
		same(t, "old name", find(t, admin, "acme"), acc(trading))
		same(t, "old phone", find(t, admin, "5678"))
		same(t, "new phone", find(t, admin, "8888"), acc(acme))
		v = amEast.Do(t, "GET", "/api/v1/contacts/"+itoa(wang), nil).Want(t, 200).Header.Get("ETag")
		amEast.Do(t, "PATCH", "/api/v1/contacts/"+itoa(wang), map[string]any{"name": "王小芳", "mobile": "13700001111"},
			"If-Match", v).Want(t, 200)
		same(t, "contact renamed", find(t, admin, "小芳"), con(wang))
		same(t, "contact new mobile", find(t, admin, "1111"), con(wang))
		same(t, "contact old mobile", find(t, admin, "4321"))

		v = director.Do(t, "GET", "/api/v1/accounts/"+itoa(acme), nil).Want(t, 200).Header.Get("ETag")
		director.Do(t, "PATCH", "/api/v1/accounts/"+itoa(acme), map[string]any{"ownerId": tp.AMEast1}, "If-Match", v).Want(t, 200)
		same(t, "moved away", find(t, amEast, "zenith"))
		same(t, "moved here", find(t, amEast1, "zenith"), acc(acme), con(wang))
		same(t, "director still", find(t, director, "zenith"), acc(acme), con(wang))

		admin.Do(t, "DELETE", "/api/v1/accounts/"+itoa(west), nil).Want(t, 204)
		same(t, "deleted", find(t, admin, "西部"))
		admin.Do(t, "DELETE", "/api/v1/accounts/"+itoa(acme), nil).Want(t, 204)
		same(t, "cascaded contact", find(t, admin, "小芳"))

		// Reindex rebuilds everything from the records.
		if _, err := a.DB.SQL.Exec("DELETE FROM search_index"); err != nil {
			t.Fatal(err)
		}
		same(t, "emptied", find(t, admin, "科技"))
		if err := a.Modules.Search.Reindex(testkit.System()); err != nil {
			t.Fatal(err)
		}
		same(t, "reindexed", find(t, admin, "科技"), acc(trading), acc(crm))
		same(t, "reindexed prefix", find(t, admin, "trad"), acc(trading))
	})
}
