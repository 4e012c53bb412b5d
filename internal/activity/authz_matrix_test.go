package activity_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of the default grants (doc.go of this module, and account:read from the
// customer module's doc.go, which decides which accounts may be linked), written again by hand.
var oracleGrants = map[string]testkit.Grants{
	"account_manager": {"activity:read": testkit.ScopeOwn, "activity:create": testkit.ScopeOwn,
		"activity:update": testkit.ScopeOwn, "activity:delete": testkit.ScopeOwn, "account:read": testkit.ScopeOwn},
	"sales_director": {"activity:read": testkit.ScopeSubtree, "activity:create": testkit.ScopeSubtree,
		"activity:update": testkit.ScopeSubtree, "activity:delete": testkit.ScopeSubtree, "activity:export": testkit.ScopeSubtree,
		"account:read": testkit.ScopeSubtree},
	"executive": {"activity:read": testkit.ScopeAll, "account:read": testkit.ScopeAll},
	"service_agent": {"activity:read": testkit.ScopeTeam, "activity:create": testkit.ScopeTeam,
		"activity:update": testkit.ScopeTeam, "activity:delete": testkit.ScopeTeam, "account:read": testkit.ScopeAll},
	"marketing": {"activity:read": testkit.ScopeOwn, "activity:create": testkit.ScopeOwn,
		"activity:update": testkit.ScopeOwn, "activity:delete": testkit.ScopeOwn, "account:read": testkit.ScopeAll},
	"admin": {"activity:read": testkit.ScopeAll, "activity:create": testkit.ScopeAll,
		"activity:update": testkit.ScopeAll, "activity:delete": testkit.ScopeAll, "activity:export": testkit.ScopeAll,
		"account:read": testkit.ScopeAll},
	"": {},
}

type world struct {
	a     *testkit.App
	tree  testkit.TeamTree
	roles map[string]string
	n     atomic.Int64
}

func (w *world) scope(p testkit.Principal, right string) testkit.Scope {
	return oracleGrants[w.roles[p.Name]][right]
}

func (w *world) place(p testkit.Principal, rel testkit.Relation) (owner, team int64, ok bool) {
	if rel == testkit.RelSelf {
		return p.UserID, p.TeamID, p.UserID != 0
	}
	team, ok = w.tree.TeamFor(rel, p.TeamID)
	return 0, team, ok
}

func (w *world) applies(p testkit.Principal, rel testkit.Relation) bool {
	if rel == testkit.RelMissing {
		return true
	}
	_, _, ok := w.place(p, rel)
	return ok
}

func opt(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// newActivity writes an open activity, due in the past, owned by owner in team, as the system.
func (w *world) past() time.Time { return time.Now().UTC().Add(-48 * time.Hour) }

func (w *world) newActivity(t testing.TB, owner, team int64) int64 {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		r, err := w.a.Store.Client(ctx).Activity.Create().SetType("call").SetSubject(fmt.Sprintf("活动 %d", w.n.Add(1))).
			SetDueAt(w.past()).SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err == nil {
			id = r.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) newAccount(t testing.TB, owner, team int64) int64 {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		r, err := w.a.Store.Client(ctx).Account.Create().SetName(fmt.Sprintf("客户 %d", w.n.Add(1))).
			SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err == nil {
			id = r.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) target(account bool) func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		if rel == testkit.RelMissing {
			return testkit.Target{ID: testkit.MissingID, Version: 1}
		}
		owner, team, _ := w.place(p, rel)
		if account {
			return testkit.Target{ID: w.newAccount(t, owner, team), Team: team}
		}
		return testkit.Target{ID: w.newActivity(t, owner, team), Version: 1, Team: team}
	}
}

// reaches is the oracle's answer for record operations: 403 without the read right or the action's,
// 404 out of reach of either scope (or missing), else ok.
func (w *world) reaches(p testkit.Principal, rel testkit.Relation, ok int, rights ...string) int {
	rights = append([]string{"activity:read"}, rights...)
	for _, r := range rights {
		if w.scope(p, r) == testkit.ScopeNone {
			return 403
		}
	}
	if rel == testkit.RelMissing {
		return 404
	}
	for _, r := range rights {
		if !testkit.ReachesRelation(w.scope(p, r), rel) {
			return 404
		}
	}
	return ok
}

func (w *world) unchanged(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
	if rel == testkit.RelMissing {
		return nil
	}
	ctx := testkit.System()
	r, err := w.a.Store.Client(ctx).Activity.Get(ctx, tg.ID)
	if err != nil || r.Version != 1 {
		return fmt.Errorf("activity changed: %v %+v", err, r)
	}
	return nil
}

func (w *world) verifyList(path string, mine bool) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
	return func(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
		items := r.Items()
		if !mine {
			var st int
			if items, st = p.Client.ListAll(t, path); st != 200 {
				return fmt.Errorf("status %d", st)
			}
		}
		ctx := testkit.System()
		var want []int64
		scope := w.scope(p, "activity:read")
		for _, r := range w.a.Store.Client(ctx).Activity.Query().AllX(ctx) {
			owner, team := deref(r.OwnerID), deref(r.TeamID)
			if mine && (owner != p.UserID || r.Status != "open") {
				continue
			}
			if w.tree.Reaches(scope, p.UserID, p.TeamID, owner, team) {
				want = append(want, r.ID)
			}
		}
		return nilIfEmpty(testkit.SameIDs(testkit.IDs(items), want))
	}
}

// verifyExport: the file holds exactly the activities the principal may read (the list's scope).
func (w *world) verifyExport(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Raw, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(recs) == 0 || recs[0][0] != "ID" {
		return fmt.Errorf("not the expected CSV (%v): %q", err, r.Raw[:min(len(r.Raw), 80)])
	}
	var got []int64
	for _, rec := range recs[1:] {
		id, err := strconv.ParseInt(rec[0], 10, 64)
		if err != nil {
			return err
		}
		got = append(got, id)
	}
	ctx := testkit.System()
	var want []int64
	scope := w.scope(p, "activity:read")
	for _, a := range w.a.Store.Client(ctx).Activity.Query().AllX(ctx) {
		if w.tree.Reaches(scope, p.UserID, p.TeamID, deref(a.OwnerID), deref(a.TeamID)) {
			want = append(want, a.ID)
		}
	}
	return nilIfEmpty(testkit.SameIDs(got, want))
}

func nilIfEmpty(s string) error {
	if s == "" {
		return nil
	}
	return fmt.Errorf("%s", s)
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func (w *world) operations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
		testkit.RelNoTeam, testkit.RelMissing}
	return []testkit.Operation{
		{Name: "listActivities", Method: "GET", Path: "/api/v1/activities", Verify: w.verifyList("/api/v1/activities", false)},
		{Name: "myDay", Method: "GET", Path: "/api/v1/me/day", Verify: w.verifyList("", true)},
		{Name: "getCalendar", Method: "GET", Path: "/api/v1/calendar", Query: w.calendarWindow() + "&everyone=true",
			Verify: w.verifyCalendar},
		{Name: "getActivityKPIs", Method: "GET", Path: "/api/v1/activity-kpis", Verify: w.verifyKPIs},
		{Name: "exportActivities", Method: "GET", Path: "/api/v1/activities/export", Query: "columns=id,subject",
			Verify: w.verifyExport},
		{Name: "getCalendarFeedStatus", Method: "GET", Path: "/api/v1/me/calendar-feed"},
		{Name: "createCalendarFeed", Method: "POST", Path: "/api/v1/me/calendar-feed", Verify: w.verifyFeed},
		{Name: "deleteCalendarFeed", Method: "DELETE", Path: "/api/v1/me/calendar-feed"},
		{Name: "getActivity", Method: "GET", Path: "/api/v1/activities/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false)},
		{Name: "createActivity", Method: "POST", Path: "/api/v1/activities",
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"type": "note", "subject": "新活动"}
			}},
		{Name: "createLinkedActivity", Method: "POST", Path: "/api/v1/activities", Relations: rels, Applies: w.applies,
			Setup: w.target(true),
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"type": "visit", "subject": "拜访", "accountId": tg.ID}
			}},
		{Name: "updateActivity", Method: "PATCH", Path: "/api/v1/activities/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false), Denied: w.unchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any { return map[string]any{"subject": "改"} }},
		{Name: "completeActivity", Method: "POST", Path: "/api/v1/activities/{id}/complete", Relations: rels,
			Applies: w.applies, Setup: w.target(false), Denied: w.unchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any { return map[string]any{"outcome": "好"} }},
		{Name: "deleteActivity", Method: "DELETE", Path: "/api/v1/activities/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false), Denied: w.unchanged},
	}
}

func (w *world) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	switch op.Name {
	case "listActivities", "myDay", "getCalendar", "getActivityKPIs", "getCalendarFeedStatus":
		if w.scope(p, "activity:read") == testkit.ScopeNone {
			return 403
		}
		return 200
	case "exportActivities":
		if w.scope(p, "activity:export") == testkit.ScopeNone {
			return 403
		}
		return 200
	case "getActivity":
		return w.reaches(p, rel, 200)
	case "createCalendarFeed", "deleteCalendarFeed":
		if w.scope(p, "activity:read") == testkit.ScopeNone {
			return 403
		}
		if op.Name == "createCalendarFeed" {
			return 201
		}
		return 204
	case "createActivity":
		if w.scope(p, "activity:create") == testkit.ScopeNone {
			return 403
		}
		return 201
	case "createLinkedActivity":
		if w.scope(p, "activity:create") == testkit.ScopeNone {
			return 403
		}
		if rel == testkit.RelMissing || !testkit.ReachesRelation(w.scope(p, "account:read"), rel) {
			return 422
		}
		return 201
	case "updateActivity", "completeActivity":
		return w.reaches(p, rel, 200, "activity:update")
	case "deleteActivity":
		return w.reaches(p, rel, 204, "activity:delete")
	}
	panic(op.Name)
}

func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &world{a: a, tree: tp.Tree(), roles: map[string]string{}}
		people := []struct {
			name, email, role string
			user, team        int64
		}{
			{"admin", "admin", "admin", tp.Admin, 0}, {"director", "director", "sales_director", tp.Director, tp.East},
			{"amEast", "am.east", "account_manager", tp.AMEast, tp.East},
			{"amEast1", "am.east1", "account_manager", tp.AMEast1, tp.East1},
			{"amWest", "am.west", "account_manager", tp.AMWest, tp.West},
			{"agent", "agent", "service_agent", tp.Agent, tp.West}, {"exec", "exec", "executive", tp.Exec, 0},
			{"marketer", "marketer", "marketing", tp.Marketer, 0}, {"nobody", "nobody", "", tp.Nobody, tp.West},
		}
		var principals []testkit.Principal
		for _, p := range people {
			w.roles[p.name] = p.role
			principals = append(principals, testkit.Principal{Name: p.name, Client: a.Login(t, p.email+"@kehu.test"),
				UserID: p.user, TeamID: p.team})
		}
		// The world the lists see: one activity owned by each person, one per team, one of none.
		for _, p := range people {
			w.newActivity(t, p.user, p.team)
		}
		for _, tm := range []int64{tp.HQ, tp.East, tp.East1, tp.West, 0} {
			w.newActivity(t, 0, tm)
		}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		m.Run(t)
	})
}
