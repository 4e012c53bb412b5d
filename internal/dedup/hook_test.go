package dedup_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// keysOf reads the stored keys of a record as "kind=key" strings, sorted.
func keysOf(t *testing.T, a *testkit.App, entity string, id int64) []string {
	t.Helper()
	ctx := testkit.System()
	rows, err := a.Store.Client(ctx).DedupKey.Query().Where(dedupkey.Entity(entity), dedupkey.RecordID(id)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Kind+"="+r.Key)
	}
	slices.Sort(out)
	return out
}

func wantKeys(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: keys %v, want %v", what, got, want)
	}
}

func TestHookKeepsKeys(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")

		acc := admin.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "上海示例科技有限公司",
			"phone": "+86 138-0013-8000", "website": "https://www.example.cn/"}).Want(t, 201)
		id := acc.ID()
		wantKeys(t, "created", keysOf(t, a, "account", id), "name=上海示例科技", "phone=13800138000", "website=example.cn")

		admin.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"name": "Acme Co., Ltd.", "phone": "",
			"email": "Info@Acme.com"}, "If-Match", `"1"`).Want(t, 200)
		wantKeys(t, "updated", keysOf(t, a, "account", id), "name=acme", "email=info@acme.com", "website=example.cn")

		con := admin.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "张 三",
			"mobile": "13900139000"}).Want(t, 201).ID()
		wantKeys(t, "contact", keysOf(t, a, "contact", con), "name="+itoa(id)+":张三", "phone=13900139000")

		// A change that touches no matching field leaves the keys as they are.
		admin.Do(t, "PATCH", "/api/v1/contacts/"+itoa(con), map[string]any{"title": "CEO"}, "If-Match", `"1"`).Want(t, 200)
		wantKeys(t, "title only", keysOf(t, a, "contact", con), "name="+itoa(id)+":张三", "phone=13900139000")

		admin.Do(t, "DELETE", "/api/v1/contacts/"+itoa(con), nil).Want(t, 204)
		wantKeys(t, "contact deleted", keysOf(t, a, "contact", con))

		// Deleting an account drops its keys and those of the contacts the database deletes with it.
		con2 := admin.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "李四",
			"email": "li@acme.com"}).Want(t, 201).ID()
		if len(keysOf(t, a, "contact", con2)) != 2 {
			t.Fatalf("contact keys missing: %v", keysOf(t, a, "contact", con2))
		}
		admin.Do(t, "DELETE", "/api/v1/accounts/"+itoa(id), nil).Want(t, 204)
		wantKeys(t, "account deleted", keysOf(t, a, "account", id))
		wantKeys(t, "cascaded contact", keysOf(t, a, "contact", con2))
	})
}

func actor(user, team int64, grants map[authz.Right]authz.Scope) context.Context {
	return authz.WithActor(context.Background(), authz.NewUserActor(user, team, []int64{team}, grants, 0))
}

func TestFindRespectsScope(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		east := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		mine := east.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "北京字节跳动科技有限公司",
			"email": "bd@bytedance.example"}).Want(t, 201).ID()
		theirs := west.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "北京字节跳动科技"}).Want(t, 201).ID()
		other := west.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "无关公司",
			"email": "BD@bytedance.example"}).Want(t, 201).ID()

		c := a.Store.Client(context.Background())
		values := dedup.Values{"name": "北京字节跳动科技（有限公司）", "email": "bd@bytedance.example"}

		ownEast := actor(tp.AMEast, tp.East, map[authz.Right]authz.Scope{"account:read": authz.ScopeOwn})
		r, err := dedup.Lookup(ownEast, c, "account", values)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) != 1 || r.Matches[0].ID != mine || r.Hidden != 2 {
			t.Fatalf("own scope: %+v, want only %d and 2 hidden", r, mine)
		}
		if !slices.Equal(r.Matches[0].Kinds, []string{"email", "name"}) || r.Matches[0].Name != "北京字节跳动科技有限公司" {
			t.Errorf("match details: %+v", r.Matches[0])
		}

		all := actor(tp.Admin, 0, map[authz.Right]authz.Scope{"account:read": authz.ScopeAll})
		r, err = dedup.Lookup(all, c, "account", values)
		if err != nil {
			t.Fatal(err)
		}
		got := []int64{}
		for _, m := range r.Matches {
			got = append(got, m.ID)
		}
		// Two keys first (e-mail + name), then e-mail alone (60) before name alone (40).
		if !slices.Equal(got, []int64{mine, other, theirs}) || r.Hidden != 0 {
			t.Errorf("all scope: %v hidden %d, want %v", got, r.Hidden, []int64{mine, other, theirs})
		}

		// The record being edited does not match itself.
		self := dedup.Values{"id": itoa(mine), "name": "北京字节跳动科技", "email": "bd@bytedance.example"}
		found, err := dedup.Find(all, c, "account", self)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 2 || slices.ContainsFunc(found, func(m dedup.Match) bool { return m.ID == mine }) {
			t.Errorf("self excluded: %+v", found)
		}

		// Without the read right every match is hidden.
		none := actor(tp.Nobody, tp.West, nil)
		r, err = dedup.Lookup(none, c, "account", values)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) != 0 || r.Hidden != 3 {
			t.Errorf("no right: %+v", r)
		}
		if found, err := dedup.Find(all, c, "account", dedup.Values{"name": "完全不同"}); err != nil || len(found) != 0 {
			t.Errorf("no match: %v %v", found, err)
		}
	})
}
