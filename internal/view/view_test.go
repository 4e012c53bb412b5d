package view_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func names(items []map[string]any) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it["name"].(string))
	}
	return out
}

func TestSavedViewCRUDAndValidation(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		zh, en, key, typ, yes := "预算", "Budget", "budget", "number", true
		if _, err := a.Modules.CustomField.Create(testkit.System(), customfield.Input{Entity: ptr("account"), Key: &key,
			Type: &typ, LabelZh: &zh, LabelEn: &en, Filterable: &yes}); err != nil {
			t.Fatal(err)
		}

		body := map[string]any{"entity": "account", "name": " 重点科技客户 ", "q": "科技",
			"filters": []string{"name:contains:科技", "tags:has:vip", "level:in:key,major", "custom.budget:gte:1000"},
			"sort":    "-name", "columns": []string{"name", "level", "custom.budget"}}
		r := am.Do(t, "POST", "/api/v1/views", body).Want(t, 201)
		id := r.ID()
		if r.Str("name") != "重点科技客户" || r.JSON["shared"] != false || r.JSON["mine"] != true || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("created: %s", r.Raw)
		}
		if got := r.JSON["filters"].([]any); len(got) != 4 || got[3] != "custom.budget:gte:1000" {
			t.Fatalf("filters: %v", got)
		}

		// Every bad part is named, exactly where it is in the body.
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"entity": "account", "name": "x", "filters": []string{"bogus:eq:1"}}, "body.filters[0]"},
			{map[string]any{"entity": "account", "name": "x", "filters": []string{"name:contains:a", "level:gt:3"}}, "body.filters[1]"},
			{map[string]any{"entity": "account", "name": "x", "filters": []string{"custom.nope:eq:1"}}, "body.filters[0]"},
			{map[string]any{"entity": "account", "name": "x", "filters": []string{"creditLimit:gte:lots"}}, "body.filters[0]"},
			{map[string]any{"entity": "account", "name": "x", "filters": []string{"noop"}}, "body.filters[0]"},
			{map[string]any{"entity": "account", "name": "x", "sort": "address"}, "body.sort"},
			{map[string]any{"entity": "account", "name": "x", "columns": []string{"name", "secretSauce"}}, "body.columns[1]"},
			{map[string]any{"entity": "account", "name": "x", "columns": []string{"name", "name"}}, "body.columns[1]"},
			{map[string]any{"entity": "account", "name": "  "}, "body.name"},
			{map[string]any{"entity": "account", "name": "重点科技客户"}, "body.name"},
			{map[string]any{"entity": "invoice", "name": "x"}, "body.entity"},
			{map[string]any{"entity": "account", "name": "<script>alert(1)</script>", "q": string(make([]byte, 0)) + "x\x00"}, "body.q"},
		} {
			fe := am.Do(t, "POST", "/api/v1/views", c.body).Want(t, 422).FieldErrors()
			if fe[c.field] == "" {
				t.Errorf("%v: errors %v, want %s", c.body, fe, c.field)
			}
		}
		// A role that does not see phones cannot save a filter on them either.
		exec := a.Login(t, "exec@kehu.test")
		fe := exec.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "电话",
			"filters": []string{"phone:contains:138"}}).Want(t, 422).FieldErrors()
		if fe["body.filters[0]"] == "" {
			t.Errorf("sensitive filter: %v", fe)
		}

		// Update needs the current version; a rename keeps the rest.
		path := "/api/v1/views/" + itoa(id)
		am.Do(t, "PATCH", path, map[string]any{"name": "改名"}).Want(t, 428)
		am.Do(t, "PATCH", path, map[string]any{"name": "改名"}, "If-Match", `"7"`).Want(t, 412)
		r = am.Do(t, "PATCH", path, map[string]any{"name": "改名", "columns": []string{"name"}}, "If-Match", `"1"`).Want(t, 200)
		if r.Str("name") != "改名" || r.Str("q") != "科技" || len(r.JSON["columns"].([]any)) != 1 || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("updated: %s", r.Raw)
		}
		fe = am.Do(t, "PATCH", path, map[string]any{"filters": []string{"ownerId:eq:abc"}}, "If-Match", `"2"`).Want(t, 422).FieldErrors()
		if fe["body.filters[0]"] == "" {
			t.Errorf("update validation: %v", fe)
		}

		// Reorder own views; the answer lists them in the new order.
		v2 := am.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "第二"}).Want(t, 201).ID()
		v3 := am.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "第三"}).Want(t, 201).ID()
		items := am.Do(t, "POST", "/api/v1/views/reorder", map[string]any{"entity": "account", "ids": []int64{v3, id}}).Want(t, 200).Items()
		if got := names(items); !slices.Equal(got, []string{"第三", "改名", "第二"}) {
			t.Fatalf("reordered: %v", got)
		}
		fe = am.Do(t, "POST", "/api/v1/views/reorder", map[string]any{"entity": "account", "ids": []int64{v2, v2}}).Want(t, 422).FieldErrors()
		if fe["body.ids[1]"] == "" {
			t.Errorf("reorder twice: %v", fe)
		}
		// Views are per entity.
		if items := am.Do(t, "GET", "/api/v1/views?entity=contact", nil).Want(t, 200).Items(); len(items) != 0 {
			t.Fatalf("contact views: %v", items)
		}
		am.Do(t, "GET", "/api/v1/views?entity=nothing", nil).Want(t, 422)

		// Delete; then it is gone. Every change was audited.
		am.Do(t, "DELETE", path, nil).Want(t, 204)
		am.Do(t, "GET", path, nil).Want(t, 404)
		ctx := testkit.System()
		n := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("saved_view"), auditevent.EntityID(id)).CountX(ctx)
		if n != 4 { // create, update, reorder position, delete
			t.Errorf("audit events for the view: %d", n)
		}
	})
}

func TestSavedViewSharingAndScope(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		dir := a.Login(t, "director@kehu.test")
		nobody := a.Login(t, "nobody@kehu.test")

		private := am.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "我的"}).Want(t, 201).ID()
		// Account managers may not share.
		am.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "共享", "shared": true}).Want(t, 403)
		am.Do(t, "PATCH", "/api/v1/views/"+itoa(private), map[string]any{"shared": true}, "If-Match", `"1"`).Want(t, 403)
		// A director may.
		shared := dir.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "团队重点",
			"filters": []string{"level:eq:key"}, "shared": true}).Want(t, 201).ID()

		// Others see the shared view (read-only, after their own), never the private one.
		west.Do(t, "POST", "/api/v1/views", map[string]any{"entity": "account", "name": "西部"}).Want(t, 201)
		items := west.Do(t, "GET", "/api/v1/views?entity=account", nil).Want(t, 200).Items()
		if got := names(items); !slices.Equal(got, []string{"西部", "团队重点"}) || items[1]["mine"] != false {
			t.Fatalf("west sees %v", items)
		}
		west.Do(t, "GET", "/api/v1/views/"+itoa(shared), nil).Want(t, 200)
		missing := west.Do(t, "GET", "/api/v1/views/"+itoa(testkit.MissingID), nil).Want(t, 404)
		other := west.Do(t, "GET", "/api/v1/views/"+itoa(private), nil).Want(t, 404)
		if missing.JSON["title"] != other.JSON["title"] || missing.JSON["type"] != other.JSON["type"] {
			t.Errorf("another's private view is distinguishable from a missing one: %s vs %s", other.Raw, missing.Raw)
		}
		// Only the owner changes or deletes a view, shared or not.
		west.Do(t, "PATCH", "/api/v1/views/"+itoa(shared), map[string]any{"name": "抢"}, "If-Match", `"1"`).Want(t, 404)
		west.Do(t, "DELETE", "/api/v1/views/"+itoa(shared), nil).Want(t, 404)
		west.Do(t, "DELETE", "/api/v1/views/"+itoa(private), nil).Want(t, 404)
		fe := west.Do(t, "POST", "/api/v1/views/reorder", map[string]any{"entity": "account", "ids": []int64{shared}}).Want(t, 422).FieldErrors()
		if fe["body.ids[0]"] == "" {
			t.Errorf("reordering another's view: %v", fe)
		}
		// Someone who may not read accounts sees no shared account views.
		if items := nobody.Do(t, "GET", "/api/v1/views?entity=account", nil).Want(t, 200).Items(); len(items) != 0 {
			t.Fatalf("nobody sees %v", items)
		}
		nobody.Do(t, "GET", "/api/v1/views/"+itoa(shared), nil).Want(t, 404)

		// Unsharing hides it again.
		dir.Do(t, "PATCH", "/api/v1/views/"+itoa(shared), map[string]any{"shared": false}, "If-Match", `"1"`).Want(t, 200)
		if got := names(west.Do(t, "GET", "/api/v1/views?entity=account", nil).Want(t, 200).Items()); !slices.Equal(got, []string{"西部"}) {
			t.Fatalf("after unsharing west sees %v", got)
		}
		ctx := testkit.System()
		if v := a.Store.Client(ctx).SavedView.GetX(ctx, shared); v.Name != "团队重点" || v.Shared {
			t.Fatalf("stored %+v", v)
		}
	})
}

func TestSuggestTags(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "甲", "tags": []string{"VIP", "华东", "50%_off"}}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "乙", "tags": []string{"vip-2026", "华东"}}).Want(t, 201)
		west.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "丙", "tags": []string{"西部秘密", "VIP"}}).Want(t, 201)

		tags := func(c *testkit.Client, query string) []string {
			var out []string
			r := c.Do(t, "GET", "/api/v1/tags?"+query, nil).Want(t, 200)
			for _, v := range r.JSON["items"].([]any) {
				out = append(out, v.(string))
			}
			return out
		}
		if got := tags(am, "entity=account"); !slices.Equal(got, []string{"50%_off", "VIP", "vip-2026", "华东"}) {
			t.Errorf("am.east: %v", got)
		}
		if got := tags(am, "entity=account&q=vip"); !slices.Equal(got, []string{"VIP", "vip-2026"}) {
			t.Errorf("am.east vip: %v", got)
		}
		if got := tags(am, "entity=account&q=%25_"); !slices.Equal(got, []string{"50%_off"}) {
			t.Errorf("LIKE wildcards are literal: %v", got)
		}
		if got := tags(am, "entity=account&q=秘密"); len(got) != 0 {
			t.Errorf("a tag only on another's account leaked: %v", got)
		}
		if got := tags(a.Login(t, "exec@kehu.test"), "entity=account&q=秘密"); !slices.Equal(got, []string{"西部秘密"}) {
			t.Errorf("exec: %v", got)
		}
		if got := tags(am, "entity=account&limit=1"); len(got) != 1 {
			t.Errorf("limit: %v", got)
		}
		if got := tags(am, "entity=contact"); len(got) != 0 {
			t.Errorf("contacts: %v", got)
		}
		a.Login(t, "nobody@kehu.test").Do(t, "GET", "/api/v1/tags?entity=account", nil).Want(t, 403)
		am.Do(t, "GET", "/api/v1/tags?entity=invoice", nil).Want(t, 422)
	})
}

func ptr[T any](v T) *T { return &v }
