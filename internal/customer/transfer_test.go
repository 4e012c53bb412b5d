package customer_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// placement is an account's and its contacts' owner and team as stored.
type placement struct{ owner, team, version int64 }

func placements(t testing.TB, a *testkit.App, ids ...int64) map[int64][]placement {
	t.Helper()
	ctx := testkit.System()
	out := map[int64][]placement{}
	for _, id := range ids {
		acc := a.Store.Client(ctx).Account.GetX(ctx, id)
		out[id] = append(out[id], placement{deref(acc.OwnerID), deref(acc.TeamID), acc.Version})
		for _, c := range a.Store.Client(ctx).Contact.Query().Where(contact.AccountID(id)).Order(contact.ByID()).AllX(ctx) {
			out[id] = append(out[id], placement{deref(c.OwnerID), deref(c.TeamID), c.Version})
		}
	}
	return out
}

func TestTransferAccounts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		dir := a.Login(t, "director@kehu.test")
		am1 := a.Login(t, "am.east1@kehu.test")
		var accs []int64
		for i := range 3 {
			id := newAccount(t, am, map[string]any{"name": fmt.Sprintf("转移测试客户%d Transferco", i)})
			accs = append(accs, id)
			for j := range 2 {
				am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": fmt.Sprintf("联系人%d-%d Relay", i, j)}).Want(t, 201)
			}
		}
		west := newAccount(t, a.Login(t, "am.west@kehu.test"), map[string]any{"name": "西部客户"})
		search := func(c *testkit.Client) []int64 {
			var out []int64
			for _, it := range c.Do(t, "GET", "/api/v1/search?q="+url.QueryEscape("Transferco"), nil).Want(t, 200).Items() {
				if it["entity"] == "account" {
					out = append(out, int64(it["id"].(float64)))
				}
			}
			return out
		}
		if got := search(am1); len(got) != 0 {
			t.Fatalf("am.east1 finds %v before the transfer", got)
		}
		path := "/api/v1/accounts/transfer"

		// An account manager cannot transfer (no account:assign).
		am.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1}).Want(t, 403)

		// Validation: same user; users outside the director's subtree are reported like unknown ones.
		fe := dir.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast}).Want(t, 422).FieldErrors()
		if fe["body.toOwnerId"] == "" {
			t.Errorf("same user: %v", fe)
		}
		before := placements(t, a, append(accs, west)...)
		for _, bad := range []struct {
			from, to int64
			field    string
		}{{tp.AMEast, tp.AMWest, "body.toOwnerId"}, {tp.AMWest, tp.AMEast1, "body.fromOwnerId"},
			{tp.AMEast, testkit.MissingID, "body.toOwnerId"}, {testkit.MissingID, tp.AMEast1, "body.fromOwnerId"}} {
			fe := dir.Do(t, "POST", path, map[string]any{"fromOwnerId": bad.from, "toOwnerId": bad.to}).Want(t, 422).FieldErrors()
			if fe[bad.field] == "" {
				t.Errorf("%d → %d: %v", bad.from, bad.to, fe)
			}
		}
		// One unreachable id (another owner's account, a missing one) refuses the whole request.
		fe = dir.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1,
			"accountIds": []int64{accs[0], west, testkit.MissingID}}).Want(t, 422).FieldErrors()
		if fe["body.accountIds[1]"] == "" || fe["body.accountIds[2]"] == "" || fe["body.accountIds[0]"] != "" {
			t.Errorf("unreachable ids: %v", fe)
		}
		if after := placements(t, a, append(accs, west)...); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Fatalf("a refused transfer changed data:\n%v\n%v", before, after)
		}

		// Selective transfer by ids.
		r := dir.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1,
			"accountIds": []int64{accs[0]}}).Want(t, 200)
		if r.JSON["accounts"] != float64(1) || r.JSON["contacts"] != float64(2) {
			t.Fatalf("selective: %s", r.Raw)
		}
		// All the rest of the leaving manager's accounts.
		r = dir.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1}).Want(t, 200)
		if r.JSON["accounts"] != float64(2) || r.JSON["contacts"] != float64(4) {
			t.Fatalf("all: %s", r.Raw)
		}
		for id, ps := range placements(t, a, accs...) {
			for _, p := range ps {
				if p.owner != tp.AMEast1 || p.team != tp.East1 || p.version != 2 {
					t.Errorf("account %d: %+v", id, ps)
				}
			}
		}
		if p := placements(t, a, west)[west][0]; p.owner != tp.AMWest || p.version != 1 {
			t.Errorf("west account moved: %+v", p)
		}
		// Nothing left to move: 200 with zero counts.
		r = dir.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1}).Want(t, 200)
		if r.JSON["accounts"] != float64(0) {
			t.Errorf("again: %s", r.Raw)
		}
		// The new owner reads and finds them; the old one no longer does.
		if diff := testkit.SameIDs(search(am1), accs); diff != "" {
			t.Errorf("search for the new owner: %s", diff)
		}
		if got := search(am); len(got) != 0 {
			t.Errorf("old owner still finds %v", got)
		}
		am1.Do(t, "GET", "/api/v1/accounts/"+itoa(accs[1]), nil).Want(t, 200)
		am.Do(t, "GET", "/api/v1/accounts/"+itoa(accs[1]), nil).Want(t, 404)

		// Audit: one summary event per transfer, plus an update row per account and contact moved.
		ctx := testkit.System()
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Action("transfer")).Order(auditevent.ByID()).AllX(ctx)
		if len(evs) != 3 {
			t.Fatalf("%d transfer events", len(evs))
		}
		ev := evs[1]
		if deref(ev.ActorID) != tp.Director || ev.Entity != "account" || fmt.Sprint(ev.Changes["accounts"].New) != "2" ||
			fmt.Sprint(ev.Changes["contacts"].New) != "4" || fmt.Sprint(ev.Changes["owner_id"].Old) != fmt.Sprint(tp.AMEast) ||
			fmt.Sprint(ev.Changes["owner_id"].New) != fmt.Sprint(tp.AMEast1) {
			t.Errorf("summary event: %+v", ev)
		}
		for _, id := range accs {
			n := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Action("update"), auditevent.Entity("account"),
				auditevent.EntityID(id), auditevent.ActorID(tp.Director)).CountX(ctx)
			if n != 1 {
				t.Errorf("account %d: %d update rows", id, n)
			}
		}
		cids := a.Store.Client(ctx).Contact.Query().Where(contact.AccountIDIn(accs...)).IDsX(ctx)
		if n := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Action("update"), auditevent.Entity("contact"),
			auditevent.EntityIDIn(cids...), auditevent.ActorID(tp.Director)).CountX(ctx); n != len(cids) {
			t.Errorf("%d contact update rows for %d contacts", n, len(cids))
		}

		// The administrator may hand accounts to someone without a team; the team is then cleared.
		admin := a.Login(t, "admin@kehu.test")
		r = admin.Do(t, "POST", path, map[string]any{"fromOwnerId": tp.AMEast1, "toOwnerId": tp.Exec,
			"accountIds": []int64{accs[2]}}).Want(t, 200)
		if r.JSON["accounts"] != float64(1) || r.JSON["contacts"] != float64(2) {
			t.Fatalf("admin: %s", r.Raw)
		}
		if acc := a.Store.Client(ctx).Account.Query().Where(account.ID(accs[2])).OnlyX(ctx); deref(acc.OwnerID) != tp.Exec || acc.TeamID != nil {
			t.Errorf("teamless owner: %+v", acc)
		}
	})
}

// failingParticipant stands for a module (open activities) whose part of a transfer fails after the
// accounts and contacts were moved.
type failingParticipant struct{ plans int }

func (f *failingParticipant) Name() string { return "activities" }

func (f *failingParticipant) TransferOwned(_ context.Context, plan customer.TransferPlan) (int, error) {
	f.plans += len(plan.AccountIDs)
	return 0, errors.New("activities unavailable")
}

// A failure after accounts and contacts were moved rolls the whole transfer back, audit included.
func TestTransferAllOrNothing(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		var accs []int64
		for i := range 2 {
			id := newAccount(t, am, map[string]any{"name": fmt.Sprintf("回滚客户%d", i)})
			am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "联系人"}).Want(t, 201)
			accs = append(accs, id)
		}
		before := placements(t, a, accs...)
		fp := &failingParticipant{}
		a.Modules.Customer.AddTransferParticipant(fp)
		a.Login(t, "director@kehu.test").Do(t, "POST", "/api/v1/accounts/transfer",
			map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1}).Want(t, 500)
		if fp.plans != 2 {
			t.Fatalf("participant saw %d accounts", fp.plans)
		}
		if after := placements(t, a, accs...); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("failed transfer changed data:\n%v\n%v", before, after)
		}
		ctx := testkit.System()
		if n := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Or(auditevent.Action("transfer"),
			auditevent.And(auditevent.Action("update"), auditevent.ActorID(tp.Director)))).CountX(ctx); n != 0 {
			t.Errorf("%d audit rows of a rolled-back transfer", n)
		}
	})
}
