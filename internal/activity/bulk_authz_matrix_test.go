package activity_test

import (
	"fmt"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// bulkOracle: 403 without activity:update (and activity:delete to delete); a missing activity or one
// outside the read scope or a needed right's scope refuses the whole request as invalid (422).
func (w *world) bulkOracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	rights := []string{"activity:update"}
	if op.Name == "bulkDeleteActivities" {
		rights = append(rights, "activity:delete")
	}
	for _, r := range rights {
		if w.scope(p, r) == testkit.ScopeNone {
			return 403
		}
	}
	if rel == testkit.RelMissing {
		return 422
	}
	for _, r := range append([]string{"activity:read"}, rights...) {
		if !testkit.ReachesRelation(w.scope(p, r), rel) {
			return 422
		}
	}
	return 200
}

func (w *world) bulkOperations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
		testkit.RelNoTeam, testkit.RelMissing}
	// Each target is listed after an activity of the principal's own: a refusal must leave both alone.
	setup := func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		tg := w.target(false)(t, p, rel)
		tg.Data = map[string]any{"own": w.newActivity(t, p.UserID, p.TeamID)}
		return tg
	}
	body := func(extra map[string]any) func(testkit.Principal, testkit.Relation, testkit.Target) any {
		return func(p testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
			b := map[string]any{"ids": []int64{tg.Data["own"].(int64), tg.ID}}
			for k, v := range extra {
				b[k] = v
			}
			if b["action"] == "assign" {
				b["ownerId"] = p.UserID
			}
			return b
		}
	}
	denied := func(t testing.TB, p testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
		if err := w.unchanged(t, p, rel, tg); err != nil {
			return err
		}
		ctx := testkit.System()
		if r, err := w.a.Store.Client(ctx).Activity.Get(ctx, tg.Data["own"].(int64)); err != nil || r.Version != 1 {
			return fmt.Errorf("own activity changed: %v %+v", err, r)
		}
		return nil
	}
	return []testkit.Operation{
		{Name: "bulkTagActivities", Method: "POST", Path: "/api/v1/activities/bulk", Relations: rels, Applies: w.applies,
			Setup: setup, Denied: denied, Body: body(map[string]any{"action": "addTags", "tags": []string{"矩阵"}}),
			Verify: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target, r *testkit.Response) error {
				ctx := testkit.System()
				if tags := w.a.Store.Client(ctx).Activity.GetX(ctx, tg.ID).Tags; len(tags) != 1 || tags[0] != "矩阵" {
					return fmt.Errorf("tags %v", tags)
				}
				return nil
			}},
		{Name: "bulkEditActivities", Method: "POST", Path: "/api/v1/activities/bulk", Relations: rels, Applies: w.applies,
			Setup: setup, Denied: denied, Body: body(map[string]any{"action": "edit", "field": "outcome", "value": "批量结果"})},
		{Name: "bulkAssignActivities", Method: "POST", Path: "/api/v1/activities/bulk", Relations: rels, Applies: w.applies,
			Setup: setup, Denied: denied, Body: body(map[string]any{"action": "assign"})},
		{Name: "bulkDeleteActivities", Method: "POST", Path: "/api/v1/activities/bulk", Relations: rels, Applies: w.applies,
			Setup: setup, Denied: denied, Body: body(map[string]any{"action": "delete"})},
	}
}

func TestBulkAuthorizationMatrix(t *testing.T) {
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
			{"agent", "agent", "service_agent", tp.Agent, tp.West}, {"exec", "exec", "executive", tp.Exec, 0},
			{"nobody", "nobody", "", tp.Nobody, tp.West},
		}
		var principals []testkit.Principal
		for _, p := range people {
			w.roles[p.name] = p.role
			principals = append(principals, testkit.Principal{Name: p.name, Client: a.Login(t, p.email+"@kehu.test"),
				UserID: p.user, TeamID: p.team})
		}
		m := testkit.Matrix{Principals: principals, Ops: w.bulkOperations(), Oracle: w.bulkOracle}
		m.Run(t)
	})
}
