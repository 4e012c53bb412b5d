package dedup_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func newAccount(t testing.TB, c *testkit.Client, body map[string]any) int64 {
	t.Helper()
	return c.Do(t, "POST", "/api/v1/accounts", body).Want(t, 201).ID()
}

func check(t testing.TB, c *testkit.Client, entity string, values map[string]any) (ids []int64, hidden int, r *testkit.Response) {
	t.Helper()
	r = c.Do(t, "POST", "/api/v1/duplicates/check", map[string]any{"entity": entity, "values": values}).Want(t, 200)
	return testkit.IDs(r.Items()), int(r.JSON["hidden"].(float64)), r
}

// pairs lists every pair of entity (following cursors with a small page) as "a-b" keys.
func pairs(t testing.TB, c *testkit.Client, entity string) []string {
	t.Helper()
	var out []string
	path := "/api/v1/duplicates?limit=1&entity=" + entity
	for range 100 {
		r := c.Do(t, "GET", path, nil).Want(t, 200)
		for _, it := range r.Items() {
			a, b := it["a"].(map[string]any), it["b"].(map[string]any)
			out = append(out, fmt.Sprintf("%v-%v", a["id"], b["id"]))
		}
		next, _ := r.JSON["nextCursor"].(string)
		if next == "" {
			return out
		}
		path = "/api/v1/duplicates?limit=1&entity=" + entity + "&cursor=" + next
	}
	t.Fatal("cursor loop")
	return nil
}

func pairKey(a, b int64) string { return fmt.Sprintf("%d-%d", min(a, b), max(a, b)) }

func TestCheck(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		east := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		nobody := a.Login(t, "nobody@kehu.test")

		mine := newAccount(t, east, map[string]any{"name": "上海示例科技有限公司", "phone": "021-61234567"})
		theirs := newAccount(t, west, map[string]any{"name": "上海示例科技"})

		ids, hidden, r := check(t, east, "account", map[string]any{"name": "上海示例科技（有限公司）"})
		if !slices.Equal(ids, []int64{mine}) || hidden != 1 {
			t.Fatalf("am.east: %v hidden %d, want [%d] and 1", ids, hidden, mine)
		}
		it := r.Items()[0]
		if it["name"] != "上海示例科技有限公司" || it["ownerName"] != "am.east@kehu.test" ||
			fmt.Sprint(it["kinds"]) != "[name]" || it["score"] != float64(40) {
			t.Errorf("candidate: %v", it)
		}
		ids, hidden, _ = check(t, admin, "account", map[string]any{"name": "上海示例科技", "phone": "+86 21 6123 4567"})
		if !slices.Equal(ids, []int64{mine, theirs}) || hidden != 0 {
			t.Errorf("admin: %v hidden %d", ids, hidden)
		}
		// Editing a record does not find itself.
		ids, hidden, _ = check(t, east, "account", map[string]any{"id": mine, "name": "上海示例科技"})
		if len(ids) != 0 || hidden != 1 {
			t.Errorf("self: %v hidden %d", ids, hidden)
		}
		// Contacts match by name within one account, by phone or e-mail anywhere.
		con := east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": mine, "name": "王芳",
			"mobile": "13900139000"}).Want(t, 201).ID()
		if ids, _, _ := check(t, east, "contact", map[string]any{"accountId": mine, "name": "王 芳"}); !slices.Equal(ids, []int64{con}) {
			t.Errorf("contact by name: %v", ids)
		}
		if ids, _, _ := check(t, east, "contact", map[string]any{"accountId": theirs, "name": "王芳"}); len(ids) != 0 {
			t.Errorf("a namesake at another account matched: %v", ids)
		}
		if ids, _, _ := check(t, east, "contact", map[string]any{"phone": "+86 139 0013 9000"}); !slices.Equal(ids, []int64{con}) {
			t.Errorf("contact by phone: %v", ids)
		}
		// Hostile input is data: it is matched (or not) and never breaks the query.
		for _, p := range []string{`x'); DROP TABLE dedup_keys;--`, "<script>alert(1)</script>", "a\x00b@c.cn", "客户\u202e反转", "%_\\"} {
			check(t, admin, "account", map[string]any{"name": p, "email": p, "website": p, "phone": p})
			check(t, admin, "contact", map[string]any{"name": p, "email": p, "mobile": p, "accountId": mine})
		}
		if ids, _, _ := check(t, admin, "account", map[string]any{"name": "上海示例科技"}); len(ids) != 2 {
			t.Errorf("keys damaged by hostile input: %v", ids)
		}
		// Validation and rights.
		bad := admin.Do(t, "POST", "/api/v1/duplicates/check", map[string]any{"entity": "lead", "values": map[string]any{}}).Want(t, 422)
		if _, ok := bad.FieldErrors()["body.entity"]; !ok {
			t.Errorf("entity not named: %s", bad.Raw)
		}
		admin.Do(t, "POST", "/api/v1/duplicates/check", map[string]any{"entity": "account", "values": map[string]any{"bogus": 1}}).Want(t, 422)
		nobody.Do(t, "POST", "/api/v1/duplicates/check", map[string]any{"entity": "account", "values": map[string]any{"name": "x"}}).Want(t, 403)
		a.Client().Do(t, "POST", "/api/v1/duplicates/check", map[string]any{"entity": "account", "values": map[string]any{}}).Want(t, 401)
	})
}

func TestPairsScopePagingAndDismiss(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		east := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")

		e1 := newAccount(t, east, map[string]any{"name": "Acme Co., Ltd.", "email": "info@acme.com"})
		e2 := newAccount(t, east, map[string]any{"name": "ACME", "email": "INFO@acme.com "})
		e3 := newAccount(t, east, map[string]any{"name": "北京字节跳动科技有限公司"})
		w1 := newAccount(t, west, map[string]any{"name": "北京字节跳动科技"})
		w2 := newAccount(t, west, map[string]any{"name": "Acme Inc."})
		newAccount(t, east, map[string]any{"name": "Unrelated Ltd"})

		// Best score first: e-mail + name (100) before name alone (40).
		all := pairs(t, admin, "account")
		want := []string{pairKey(e1, e2), pairKey(e1, w2), pairKey(e2, w2), pairKey(e3, w1)}
		if len(all) != 4 || all[0] != pairKey(e1, e2) || !sameSet(all, want) {
			t.Fatalf("admin pairs %v, want %v (first %s)", all, want, pairKey(e1, e2))
		}
		// A pair with one record outside the caller's scope is not listed.
		if got := pairs(t, east, "account"); !slices.Equal(got, []string{pairKey(e1, e2)}) {
			t.Errorf("am.east pairs %v", got)
		}
		if got := pairs(t, west, "account"); len(got) != 0 {
			t.Errorf("am.west pairs %v", got)
		}
		r := admin.Do(t, "GET", "/api/v1/duplicates?entity=account&limit=10", nil).Want(t, 200)
		first := r.Items()[0]
		if fmt.Sprint(first["kinds"]) != "[email name]" || first["score"] != float64(100) ||
			first["a"].(map[string]any)["ownerName"] != "am.east@kehu.test" {
			t.Errorf("pair details: %v", first)
		}
		admin.Do(t, "GET", "/api/v1/duplicates?entity=account&cursor=!!!", nil).Want(t, 422)
		admin.Do(t, "GET", "/api/v1/duplicates?entity=account&cursor=bm9wZQ", nil).Want(t, 422)
		admin.Do(t, "GET", "/api/v1/duplicates?entity=lead", nil).Want(t, 422)

		// Dismissing needs update over both records; a pair is dismissed once, in either order.
		dismiss := func(c *testkit.Client, x, y int64) *testkit.Response {
			return c.Do(t, "POST", "/api/v1/duplicates/dismiss", map[string]any{"entity": "account", "aId": x, "bId": y})
		}
		if fe := dismiss(east, e1, w2).Want(t, 422).FieldErrors(); fe["body.bId"] == "" || fe["body.aId"] != "" {
			t.Errorf("out-of-scope record not named: %v", fe)
		}
		dismiss(east, e1, e1).Want(t, 422)
		a.Login(t, "exec@kehu.test").Do(t, "POST", "/api/v1/duplicates/dismiss",
			map[string]any{"entity": "account", "aId": e1, "bId": e2}).Want(t, 403)
		dismiss(east, e2, e1).Want(t, 204)
		dismiss(east, e1, e2).Want(t, 204)
		if got := pairs(t, east, "account"); len(got) != 0 {
			t.Errorf("dismissed pair still listed: %v", got)
		}
		if got := pairs(t, admin, "account"); len(got) != 3 || slices.Contains(got, pairKey(e1, e2)) {
			t.Errorf("admin after dismissal: %v", got)
		}

		// Contacts pair up too, by e-mail across accounts or by name within one account.
		c1 := east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": e1, "name": "王芳", "email": "wf@acme.com"}).Want(t, 201).ID()
		c2 := east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": e3, "name": "Fang Wang", "email": "WF@acme.com"}).Want(t, 201).ID()
		c3 := east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": e1, "name": "王 芳"}).Want(t, 201).ID()
		west.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": w1, "name": "王芳", "email": "wf@acme.com"}).Want(t, 201)
		if got := pairs(t, east, "contact"); !sameSet(got, []string{pairKey(c1, c2), pairKey(c1, c3)}) {
			t.Errorf("am.east contact pairs %v", got)
		}
	})
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
