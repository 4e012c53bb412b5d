package activity_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func kpiLines(r *testkit.Response) map[float64]map[string]any {
	out := map[float64]map[string]any{}
	for _, u := range r.JSON["users"].([]any) {
		m := u.(map[string]any)
		out[m["userId"].(float64)] = m
	}
	return out
}

func TestActivityKPIs(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		am1 := a.Login(t, "am.east1@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		director := a.Login(t, "director@kehu.test")
		exec := a.Login(t, "exec@kehu.test")
		now := time.Now().UTC()
		day := func(n int) string { return now.AddDate(0, 0, n).Format(time.RFC3339) }

		// am.east: 2 calls (1 done), 1 overdue task; am.east1: 1 visit done; west: 1 call.
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "a", "dueAt": day(-3), "status": "done"}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "b", "dueAt": day(2)}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "task", "subject": "c", "dueAt": day(-1)}).Want(t, 201)
		am1.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "d", "dueAt": day(-2), "status": "done"}).Want(t, 201)
		west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "e"}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "too old", "dueAt": day(-100)}).Want(t, 201)

		// Follow-up gaps: two old east accounts, one touched recently; one old west account.
		ctx := testkit.System()
		old := now.AddDate(0, 0, -60)
		var touched int64
		if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			c := a.Store.Client(ctx)
			c.Account.Create().SetName("久未跟进").SetOwnerID(tp.AMEast).SetTeamID(tp.East).SetCreatedAt(old).SaveX(ctx)
			touched = c.Account.Create().SetName("最近跟进").SetOwnerID(tp.AMEast).SetTeamID(tp.East).SetCreatedAt(old).SaveX(ctx).ID
			c.Account.Create().SetName("新客户").SetOwnerID(tp.AMEast).SetTeamID(tp.East).SaveX(ctx)
			c.Account.Create().SetName("西部老客户").SetOwnerID(tp.AMWest).SetTeamID(tp.West).SetCreatedAt(old).SaveX(ctx)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "note", "subject": "f", "accountId": touched, "dueAt": day(-200)}).Want(t, 201)

		q := "/api/v1/activity-kpis?from=" + url.QueryEscape(day(-30)) + "&to=" + url.QueryEscape(day(30))
		// The director sees the subtree: am.east and am.east1, not west.
		r := director.Do(t, "GET", q, nil).Want(t, 200)
		lines := kpiLines(r)
		if len(lines) != 2 || lines[float64(tp.AMWest)] != nil {
			t.Fatalf("director's lines: %s", r.Raw)
		}
		e := lines[float64(tp.AMEast)]
		if e["total"] != float64(3) || e["done"] != float64(1) || e["open"] != float64(2) || e["overdue"] != float64(3) ||
			e["byType"].(map[string]any)["call"] != float64(2) || e["gapAccounts"] != float64(1) || e["userName"] == "" {
			t.Errorf("am.east line: %v", e)
		}
		if l := lines[float64(tp.AMEast1)]; l["total"] != float64(1) || l["done"] != float64(1) {
			t.Errorf("am.east1 line: %v", l)
		}
		if r.JSON["total"] != float64(4) || r.JSON["gaps"] != float64(1) || r.JSON["overdue"] != float64(3) {
			t.Errorf("director totals: %s", r.Raw)
		}
		if gl := r.JSON["gapList"].([]any); len(gl) != 1 || gl[0].(map[string]any)["accountName"] != "久未跟进" {
			t.Errorf("gap list: %v", gl)
		}
		// Overdue counts open work due before now whenever it was due: c, "too old" and f.
		// A team filter narrows within the scope; the account manager sees only themselves.
		if l := kpiLines(director.Do(t, "GET", q+"&teamId="+itoa(tp.East1), nil).Want(t, 200)); len(l) != 1 || l[float64(tp.AMEast1)] == nil {
			t.Errorf("team filter: %v", l)
		}
		if l := kpiLines(director.Do(t, "GET", q+"&teamId="+itoa(tp.West), nil).Want(t, 200)); len(l) != 0 {
			t.Errorf("team outside the scope: %v", l)
		}
		if l := kpiLines(am1.Do(t, "GET", q, nil).Want(t, 200)); len(l) != 1 || l[float64(tp.AMEast1)] == nil {
			t.Errorf("account manager's lines: %v", l)
		}
		// The executive reads every activity and account: every owner, both gaps.
		ex := exec.Do(t, "GET", q, nil).Want(t, 200)
		if l := kpiLines(ex); len(l) != 3 || ex.JSON["gaps"] != float64(2) {
			t.Errorf("executive: %s", ex.Raw)
		}
		// Defaults: the last 30 days.
		if def := am.Do(t, "GET", "/api/v1/activity-kpis", nil).Want(t, 200); def.JSON["gapDays"] != float64(30) || def.JSON["total"] != float64(2) {
			t.Errorf("defaults: %s", def.Raw)
		}

		for _, c := range []struct{ query, field string }{
			{"?from=" + url.QueryEscape(day(-400)) + "&to=" + url.QueryEscape(day(0)), "query.to"},
			{"?from=" + url.QueryEscape(day(0)) + "&to=" + url.QueryEscape(day(-1)), "query.to"},
			{"?from=last-week", "query.from"},
			{"?gapDays=0", "query.gapDays"},
			{"?gapDays=1000", "query.gapDays"},
			{"?teamId=987654321", "query.teamId"},
		} {
			if fe := director.Do(t, "GET", "/api/v1/activity-kpis"+c.query, nil).Want(t, 422).FieldErrors(); fe[c.field] == "" {
				t.Errorf("%s: %s not named: %v", c.query, c.field, fe)
			}
		}
	})
}
