package customer_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/bulk"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// snapshot is every account's version and tags, to prove that a refused bulk changed nothing.
func snapshot(t testing.TB, a *testkit.App) map[int64]string {
	t.Helper()
	ctx := testkit.System()
	out := map[int64]string{}
	for _, r := range a.Store.Client(ctx).Account.Query().AllX(ctx) {
		out[r.ID] = fmt.Sprintf("v%d %v %s %v", r.Version, r.Tags, r.Lifecycle, deref(r.OwnerID))
	}
	return out
}

func account1(t testing.TB, a *testkit.App, id int64) *ent.Account {
	t.Helper()
	ctx := testkit.System()
	return a.Store.Client(ctx).Account.GetX(ctx, id)
}

func result(t testing.TB, r *testkit.Response) (int, int) {
	t.Helper()
	m, _ := r.JSON["matched"].(float64)
	c, _ := r.JSON["changed"].(float64)
	return int(m), int(c)
}

func TestBulkAccounts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		dir := a.Login(t, "director@kehu.test")
		var mine []int64
		for i := range 3 {
			id := newAccount(t, am, map[string]any{"name": fmt.Sprintf("批量客户%d Bulkco", i), "tags": []string{"老客户"}})
			mine = append(mine, id)
			am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": fmt.Sprintf("联系人%d", i)}).Want(t, 201)
		}
		foreign := newAccount(t, west, map[string]any{"name": "西部 Bulkco"})
		path := "/api/v1/accounts/bulk"

		// Tag: only new tags change a record; every change is audited like a single update.
		ctx := testkit.System()
		updates := func() int {
			return a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("account"), auditevent.EntityID(mine[0]),
				auditevent.Action("update")).CountX(ctx)
		}
		audited := updates()
		r := am.Do(t, "POST", path, map[string]any{"ids": mine[:2], "action": "addTags", "tags": []string{"重点", "老客户"}}).Want(t, 200)
		if m, c := result(t, r); m != 2 || c != 2 {
			t.Fatalf("addTags: %s", r.Raw)
		}
		if got := account1(t, a, mine[0]).Tags; !slices.Equal(got, []string{"老客户", "重点"}) {
			t.Fatalf("tags %v", got)
		}
		r = am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "addTags", "tags": []string{"重点"}}).Want(t, 200)
		if m, c := result(t, r); m != 3 || c != 1 {
			t.Fatalf("addTags again: %s", r.Raw)
		}
		if n := updates() - audited; n != 1 {
			t.Errorf("audit rows for the tagged account: %d", n)
		}
		// The tag filter finds them (search index and list agree with the stored tags).
		if got := testkit.IDs(am.Do(t, "GET", "/api/v1/accounts?filter=tags:has:重点", nil).Want(t, 200).Items()); len(got) != 3 {
			t.Fatalf("tag filter: %v", got)
		}
		r = am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "removeTags", "tags": []string{"老客户"}}).Want(t, 200)
		if _, c := result(t, r); c != 3 || !slices.Equal(account1(t, a, mine[2]).Tags, []string{"重点"}) {
			t.Fatalf("removeTags: %s %v", r.Raw, account1(t, a, mine[2]).Tags)
		}

		// Edit one field, validated exactly like a single update.
		r = am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "edit", "field": "lifecycle", "value": "customer"}).Want(t, 200)
		if _, c := result(t, r); c != 3 || account1(t, a, mine[1]).Lifecycle != account.LifecycleCustomer {
			t.Fatalf("edit: %s", r.Raw)
		}
		before := snapshot(t, a)
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"ids": mine, "action": "edit", "field": "lifecycle", "value": "immortal"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "satisfaction", "value": 9}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "creditLimit", "value": "lots"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "website", "value": "javascript:alert(1)"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "name", "value": "同名"}, "body.field"},
			{map[string]any{"ids": mine, "action": "edit", "field": "custom.nope", "value": 1}, "body.custom.nope"},
			{map[string]any{"ids": mine, "action": "addTags", "tags": []string{" "}}, "body.tags[0]"},
			{map[string]any{"ids": mine, "action": "addTags"}, "body.tags"},
			{map[string]any{"ids": mine, "action": "assign"}, "body.ownerId"},
			{map[string]any{"action": "delete"}, "body.ids"},
			{map[string]any{"ids": mine, "all": true, "action": "delete"}, "body.all"},
			{map[string]any{"all": true, "filter": []string{"bogus:eq:1"}, "action": "delete"}, "body.filter[0]"},
		} {
			resp := dir.Do(t, "POST", path, c.body)
			if resp.Status != 422 && resp.Status != 403 {
				t.Errorf("%v: status %d", c.body, resp.Status)
			}
			if fe := resp.FieldErrors(); resp.Status == 422 && fe[c.field] == "" && fe[bulkValue(c.field)] == "" {
				t.Errorf("%v: errors %v, want %s", c.body, fe, c.field)
			}
		}
		if after := snapshot(t, a); !maps.Equal(before, after) {
			t.Fatalf("refused bulk requests changed data:\n%v\n%v", before, after)
		}
		// Too many tags on one record fails the whole request, naming that record.
		many := []string{}
		for i := range 19 {
			many = append(many, fmt.Sprintf("t%d", i))
		}
		am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(mine[2]), map[string]any{"tags": many}, "If-Match", fmt.Sprintf(`"%d"`, account1(t, a, mine[2]).Version)).Want(t, 200)
		before = snapshot(t, a)
		r = am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "addTags", "tags": []string{"x1", "x2"}}).Want(t, 422)
		if fe := r.FieldErrors(); fe["body.tags"] == "" || !strings.Contains(r.Str("detail"), itoa(mine[2])) {
			t.Errorf("record naming: %s", r.Raw)
		}
		if after := snapshot(t, a); !maps.Equal(before, after) {
			t.Fatalf("a refused bulk changed data:\n%v\n%v", before, after)
		}

		// A mix of own and foreign ids fails without changing anything, naming the foreign one.
		for _, c := range []*testkit.Client{am, dir} {
			r = c.Do(t, "POST", path, map[string]any{"ids": []int64{mine[0], foreign, mine[1]}, "action": "addTags", "tags": []string{"混"}}).Want(t, 422)
			if fe := r.FieldErrors(); fe["body.ids[1]"] == "" {
				t.Errorf("mixed ids: %s", r.Raw)
			}
			r = c.Do(t, "POST", path, map[string]any{"ids": []int64{mine[0], testkit.MissingID}, "action": "edit", "field": "lifecycle", "value": "lost"}).Want(t, 422)
			if fe := r.FieldErrors(); fe["body.ids[1]"] == "" {
				t.Errorf("missing id: %s", r.Raw)
			}
		}
		if after := snapshot(t, a); !maps.Equal(before, after) {
			t.Fatalf("a refused bulk changed data:\n%v\n%v", before, after)
		}
		// Account managers may neither assign nor delete accounts.
		am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "assign", "ownerId": tp.AMEast1}).Want(t, 403)
		am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "delete"}).Want(t, 403)

		// An open activity of the old owner on an account follows the account, as in a transfer.
		task := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "task", "subject": "跟进", "accountId": mine[0]}).Want(t, 201).ID()
		// "All matching" acts within scope and filter only: the director's Bulkco accounts, not the west's.
		r = dir.Do(t, "POST", path, map[string]any{"all": true, "q": "Bulkco", "filter": []string{"lifecycle:eq:customer"},
			"action": "assign", "ownerId": tp.AMEast1}).Want(t, 200)
		if m, c := result(t, r); m != 3 || c != 3 {
			t.Fatalf("assign all: %s", r.Raw)
		}
		for _, id := range mine {
			acc := account1(t, a, id)
			if deref(acc.OwnerID) != tp.AMEast1 || deref(acc.TeamID) != tp.East1 {
				t.Fatalf("account %d not assigned: %+v", id, acc)
			}
			for _, c := range a.Store.Client(ctx).Contact.Query().Where(contact.AccountID(id)).AllX(ctx) {
				if deref(c.OwnerID) != tp.AMEast1 {
					t.Fatalf("contact %d did not follow its account", c.ID)
				}
			}
		}
		if act := a.Store.Client(ctx).Activity.GetX(ctx, task); deref(act.OwnerID) != tp.AMEast1 || deref(act.TeamID) != tp.East1 {
			t.Fatalf("the open activity stayed with its old owner: %+v", act)
		}
		if acc := account1(t, a, foreign); deref(acc.OwnerID) != tp.AMWest {
			t.Fatalf("the foreign account moved: %+v", acc)
		}
		// Assigning to someone outside the director's scope is refused like an unknown user.
		fe := dir.Do(t, "POST", path, map[string]any{"ids": mine, "action": "assign", "ownerId": tp.AMWest}).Want(t, 422).FieldErrors()
		if fe["body.ownerId"] == "" {
			t.Errorf("assign outside scope: %v", fe)
		}

		// Delete: contacts go with their accounts; all matching with a filter matching nothing does nothing.
		r = dir.Do(t, "POST", path, map[string]any{"all": true, "filter": []string{"name:contains:没有这个"}, "action": "delete"}).Want(t, 200)
		if m, c := result(t, r); m != 0 || c != 0 {
			t.Fatalf("empty delete: %s", r.Raw)
		}
		r = dir.Do(t, "POST", path, map[string]any{"ids": mine[:2], "action": "delete"}).Want(t, 200)
		if m, c := result(t, r); m != 2 || c != 2 {
			t.Fatalf("delete: %s", r.Raw)
		}
		if n := a.Store.Client(ctx).Account.Query().Where(account.IDIn(mine...)).CountX(ctx); n != 1 {
			t.Fatalf("accounts left: %d", n)
		}
		if n := a.Store.Client(ctx).Contact.Query().Where(contact.AccountIDIn(mine[:2]...)).CountX(ctx); n != 0 {
			t.Fatalf("contacts left: %d", n)
		}
	})
}

func TestBulkContacts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		acc := newAccount(t, am, map[string]any{"name": "联系人批量"})
		other := newAccount(t, am, map[string]any{"name": "另一个客户"})
		var cs []int64
		for i := range 3 {
			cs = append(cs, am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": acc, "name": fmt.Sprintf("人%d", i)}).Want(t, 201).ID())
		}
		wacc := newAccount(t, west, map[string]any{"name": "西"})
		wc := west.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": wacc, "name": "西人"}).Want(t, 201).ID()
		path := "/api/v1/contacts/bulk"
		ctx := testkit.System()

		r := am.Do(t, "POST", path, map[string]any{"all": true, "filter": []string{"accountId:eq:" + itoa(acc)}, "action": "addTags", "tags": []string{"决策人"}}).Want(t, 200)
		if m, c := result(t, r); m != 3 || c != 3 {
			t.Fatalf("tag contacts: %s", r.Raw)
		}
		r = am.Do(t, "POST", path, map[string]any{"ids": cs[:2], "action": "edit", "field": "accountId", "value": other}).Want(t, 200)
		if _, c := result(t, r); c != 2 || a.Store.Client(ctx).Contact.GetX(ctx, cs[0]).AccountID != other {
			t.Fatalf("move contacts: %s", r.Raw)
		}
		fe := am.Do(t, "POST", path, map[string]any{"ids": cs, "action": "edit", "field": "accountId", "value": wacc}).Want(t, 422).FieldErrors()
		if fe["body.value"] == "" {
			t.Errorf("moving to an unreachable account: %v", fe)
		}
		fe = am.Do(t, "POST", path, map[string]any{"ids": cs, "action": "assign", "ownerId": 1}).Want(t, 422).FieldErrors()
		if fe["body.action"] == "" {
			t.Errorf("contact assign: %v", fe)
		}
		fe = am.Do(t, "POST", path, map[string]any{"ids": []int64{cs[2], wc}, "action": "delete"}).Want(t, 422).FieldErrors()
		if fe["body.ids[1]"] == "" {
			t.Errorf("mixed delete: %v", fe)
		}
		if n := a.Store.Client(ctx).Contact.Query().Where(contact.IDIn(cs[2], wc)).CountX(ctx); n != 2 {
			t.Fatalf("a refused delete removed contacts: %d left", n)
		}
		am.Do(t, "POST", path, map[string]any{"ids": []int64{cs[2]}, "action": "delete"}).Want(t, 200)
		if n := a.Store.Client(ctx).Contact.Query().Where(contact.ID(cs[2])).CountX(ctx); n != 0 {
			t.Fatal("not deleted")
		}
	})
}

// TestBulkLimits: more than bulk.MaxIDs ids, or more than bulk.MaxMatching matching records, are refused
// before anything changes.
func TestBulkLimits(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		ids := make([]int64, bulk.MaxIDs+1)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		admin.Do(t, "POST", "/api/v1/accounts/bulk", map[string]any{"ids": ids, "action": "delete"}).Want(t, 422)

		ctx := testkit.System()
		c := a.Store.Client(ctx)
		for start := 0; start <= bulk.MaxMatching; start += 1000 {
			n := min(1000, bulk.MaxMatching+1-start)
			if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
				tc := a.Store.Client(ctx)
				builders := make([]*ent.AccountCreate, n)
				for i := range builders {
					builders[i] = tc.Account.Create().SetName(fmt.Sprintf("海量 %d", start+i)).SetTags([]string{}).SetCustom(map[string]any{})
				}
				return tc.Account.CreateBulk(builders...).Exec(ctx)
			}); err != nil {
				t.Fatal(err)
			}
		}
		r := admin.Do(t, "POST", "/api/v1/accounts/bulk", map[string]any{"all": true, "q": "海量", "action": "addTags", "tags": []string{"x"}}).Want(t, 422)
		if r.FieldErrors()["body.all"] == "" {
			t.Errorf("too many matching: %s", r.Raw)
		}
		tagged := 0
		for _, acc := range c.Account.Query().Select(account.FieldTags).AllX(ctx) {
			if len(acc.Tags) > 0 {
				tagged++
			}
		}
		if tagged != 0 {
			t.Fatalf("%d accounts tagged by a refused bulk", tagged)
		}
		// One fewer matches: it runs.
		first := c.Account.Query().Where(account.Name("海量 0")).OnlyIDX(ctx)
		admin.Do(t, "DELETE", "/api/v1/accounts/"+itoa(first), nil).Want(t, 204)
		r = admin.Do(t, "POST", "/api/v1/accounts/bulk", map[string]any{"all": true, "q": "海量", "action": "removeTags", "tags": []string{"x"}}).Want(t, 200)
		if m, ch := result(t, r); m != bulk.MaxMatching || ch != 0 {
			t.Fatalf("at the limit: %s", r.Raw)
		}
	})
}

// bulkValue is where an edit's custom value error lands (the single update names body.custom.<key>).
func bulkValue(field string) string {
	if strings.HasPrefix(field, "body.custom.") {
		return "body.value"
	}
	return field
}
