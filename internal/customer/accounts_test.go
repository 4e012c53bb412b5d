package customer_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestAccountCRUDAndValidation(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		defineField(t, a, "account", "budget", "number", nil)
		am := a.Login(t, "am.east@kehu.test")
		r := am.Do(t, "POST", "/api/v1/accounts", map[string]any{
			"name": "华为技术有限公司", "type": "company", "level": "key", "industry": "it", "region": "east",
			"source": "referral", "phone": "13812345678", "email": "li@example.com", "website": "https://huawei.com",
			"creditLimit": 1000000, "currency": "CNY", "satisfaction": 4, "tags": []string{"vip", "华东"},
			"custom": map[string]any{"budget": 5000},
		}).Want(t, 201)
		id := r.ID()
		if r.Str("number") != fmt.Sprintf("KH%06d", id) || r.JSON["ownerId"] != float64(tp.AMEast) ||
			r.JSON["teamId"] != float64(tp.East) || r.Str("phone") != "13812345678" || etag(r) != `"2"` && etag(r) != `"1"` {
			t.Fatalf("created: %s", r.Raw)
		}
		v := etag(r)
		// Validation names every bad field.
		bad := am.Do(t, "POST", "/api/v1/accounts", map[string]any{
			"name": " ", "email": "nope", "phone": "abc", "website": "ftp://x", "creditLimit": -1, "satisfaction": 9,
			"level": "no_such_level", "currency": "rmb", "tags": []string{strings.Repeat("长", 31)},
			"custom": map[string]any{"nested": map[string]any{"a": 1}},
		}).Want(t, 422).FieldErrors()
		for _, f := range []string{"body.name", "body.email", "body.phone", "body.website", "body.creditLimit",
			"body.satisfaction", "body.level", "body.currency", "body.tags", "body.custom.nested"} {
			if bad[f] == "" {
				t.Errorf("%s not named: %v", f, bad)
			}
		}
		tooMany := make([]string, 21)
		for i := range tooMany {
			tooMany[i] = fmt.Sprint("t", i)
		}
		if am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "x", "tags": tooMany}).Want(t, 422).FieldErrors()["body.tags"] == "" {
			t.Error("21 tags accepted")
		}
		am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": strings.Repeat("名", 201)}).Want(t, 422)
		// Hostile text is stored verbatim.
		hostile := `'); DROP TABLE accounts; -- <script>alert(1)</script>`
		hid := newAccount(t, am, map[string]any{"name": hostile, "address": hostile})
		if got := am.Do(t, "GET", "/api/v1/accounts/"+itoa(hid), nil).Want(t, 200); got.Str("name") != hostile || got.Str("address") != hostile {
			t.Errorf("hostile text changed: %s", got.Raw)
		}
		// Update with If-Match.
		am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"name": "华为"}).Want(t, 428)
		am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"name": "华为"}, "If-Match", `"99"`).Want(t, 412)
		up := am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"name": "华为", "lifecycle": "customer"}, "If-Match", v).Want(t, 200)
		if up.Str("name") != "华为" || up.Str("lifecycle") != "customer" {
			t.Errorf("update: %s", up.Raw)
		}
		// An account manager may not reassign, nor delete accounts.
		am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"ownerId": tp.AMEast1}, "If-Match", etag(up)).Want(t, 403)
		am.Do(t, "DELETE", "/api/v1/accounts/"+itoa(id), nil).Want(t, 403)
		// Audit rows carry old → new, but no sensitive value in clear.
		ctx := testkit.System()
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("Account"), auditevent.EntityID(id)).AllX(ctx)
		if len(evs) == 0 {
			evs = a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.EntityID(id)).AllX(ctx)
		}
		var sawRename bool
		for _, e := range evs {
			raw := fmt.Sprint(e.Changes)
			if strings.Contains(raw, "13812345678") || strings.Contains(raw, "li@example.com") {
				t.Errorf("audit holds a sensitive value: %s", raw)
			}
			if ch, ok := e.Changes["name"]; ok && ch.Old == "华为技术有限公司" && ch.New == "华为" {
				sawRename = true
			}
		}
		if !sawRename {
			t.Errorf("no audit row for the rename: %+v", evs)
		}
		// The director deletes; the account and its contacts are gone.
		dir := a.Login(t, "director@kehu.test")
		cid := am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "李雷"}).Want(t, 201).ID()
		dir.Do(t, "DELETE", "/api/v1/accounts/"+itoa(id), nil).Want(t, 204)
		dir.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 404)
		dir.Do(t, "GET", "/api/v1/contacts/"+itoa(cid), nil).Want(t, 404)
		if n := a.Store.Client(ctx).Contact.Query().CountX(ctx); n != 0 {
			t.Errorf("%d contacts survive their account", n)
		}
	})
}

func TestAccountFiltersAndSorting(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		defineField(t, a, "account", "budget", "number", func(in *customfield.Input) { in.Filterable = ptr(true) })
		c := a.Login(t, "admin@kehu.test")
		mk := func(name, level string, credit int64, tags []string, budget float64, phone string) int64 {
			return newAccount(t, c, map[string]any{"name": name, "level": level, "creditLimit": credit, "tags": tags,
				"custom": map[string]any{"budget": budget}, "phone": phone, "lifecycle": "customer"})
		}
		ids := []int64{
			mk("北京科技有限公司", "key", 500, []string{"vip"}, 1000, "13800000001"),
			mk("上海科技集团", "major", 100, []string{"vip", "new"}, 50, "13800000002"),
			mk("Acme Trading", "ordinary", 0, []string{}, 3000, ""),
			mk("深圳贸易", "key", 900, []string{"new"}, 10, "13800000004"),
		}
		for i := range 8 {
			mk(fmt.Sprintf("填充客户 %02d", i), "ordinary", int64(i*10), nil, float64(i), "")
		}
		list := func(q string) []int64 {
			items, st := c.ListAll(t, "/api/v1/accounts?"+q)
			if st != 200 {
				t.Fatalf("%s: %d", q, st)
			}
			return testkit.IDs(items)
		}
		f := func(s string) string { return "filter=" + url.QueryEscape(s) }
		for q, want := range map[string][]int64{
			f("name:contains:科技"):                       {ids[0], ids[1]},
			f("level:in:key,major"):                     {ids[0], ids[1], ids[3]},
			f("level:eq:key"):                           {ids[0], ids[3]},
			f("tags:has:vip"):                           {ids[0], ids[1]},
			f("custom.budget:gte:1000"):                 {ids[0], ids[2]},
			f("creditLimit:gt:400"):                     {ids[0], ids[3]},
			f("phone:prefix:1380000000"):                {ids[0], ids[1], ids[3]},
			f("tags:has:new") + "&" + f("level:eq:key"): {ids[3]},
			"q=" + url.QueryEscape("贸易"):                {ids[3]},
			"q=" + url.QueryEscape("acme"):              {ids[2]},
			"q=" + url.QueryEscape("13800000002"):       {ids[1]},
		} {
			if diff := testkit.SameIDs(list(q), want); diff != "" {
				t.Errorf("%s: %s", q, diff)
			}
		}
		for _, q := range []string{f("nosuch:eq:1"), f("custom:eq:1"), f("currency:eq:CNY"), f("level:gt:1"), f("creditLimit:gt:abc"), "sort=phone", "sort=nosuch"} {
			r := c.Do(t, "GET", "/api/v1/accounts?"+q, nil).Want(t, 422)
			if len(r.FieldErrors()) == 0 {
				t.Errorf("%s: no field named: %s", q, r.Raw)
			}
		}
		// Every sortable field walks every row exactly once, in order, with small pages.
		for _, s := range []string{"name", "-name", "lifecycle", "creditLimit", "-creditLimit", "createdAt", "-createdAt", "id", "-id"} {
			var got []int64
			cursor := ""
			for range 20 {
				p := "/api/v1/accounts?limit=5&sort=" + s
				if cursor != "" {
					p += "&cursor=" + url.QueryEscape(cursor)
				}
				r := c.Do(t, "GET", p, nil).Want(t, 200)
				got = append(got, testkit.IDs(r.Items())...)
				next, _ := r.JSON["nextCursor"].(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if len(got) != 12 {
				t.Errorf("sort %s: %d rows %v", s, len(got), got)
			}
			if diff := testkit.SameIDs(got, list("")); diff != "" {
				t.Errorf("sort %s: %s", s, diff)
			}
		}
	})
}
