package customer_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// bulkOracle is the oracle's statement of the bulk operations: 403 without every right the action
// needs (update always, plus assign or delete); otherwise one unreachable record (missing, or outside
// the read scope or a needed right's scope) refuses the whole request as invalid (422).
func (w *world) bulkOracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	entity, rights := "account", []string{"account:update"}
	switch op.Name {
	case "bulkAssignAccounts":
		rights = append(rights, "account:assign")
	case "bulkDeleteAccounts":
		rights = append(rights, "account:delete")
	case "bulkTagContacts":
		entity, rights = "contact", []string{"contact:update"}
	case "bulkDeleteContacts":
		entity, rights = "contact", []string{"contact:update", "contact:delete"}
	}
	for _, r := range rights {
		if w.scope(p, r) == testkit.ScopeNone {
			return 403
		}
	}
	if op.Name == "bulkAllAccounts" {
		return 200 // out of scope simply matches nothing (Verify checks the count)
	}
	if rel == testkit.RelMissing {
		return 422
	}
	for _, r := range append([]string{entity + ":read"}, rights...) {
		if !testkit.ReachesRelation(w.scope(p, r), rel) {
			return 422
		}
	}
	return 200
}

func (w *world) bulkOperations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
		testkit.RelNoTeam, testkit.RelMissing}
	unchanged := func(key string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target) error {
		return func(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
			if rel == testkit.RelMissing {
				return nil
			}
			ctx := testkit.System()
			acc, err := w.a.Store.Client(ctx).Account.Get(ctx, tg.Data["account"].(int64))
			if err != nil || acc.Version != 1 || len(acc.Tags) != 0 {
				return fmt.Errorf("account changed: %v %+v", err, acc)
			}
			c, err := w.a.Store.Client(ctx).Contact.Get(ctx, tg.Data["contact"].(int64))
			if err != nil || c.Version != 1 || len(c.Tags) != 0 {
				return fmt.Errorf("contact changed: %v %+v", err, c)
			}
			return nil
		}
	}
	// Every record is listed next to a record of the principal's own, so a refusal must also leave the
	// principal's own record alone (all or nothing).
	ids := func(key string) func(testkit.Principal, testkit.Relation, testkit.Target) []int64 {
		return func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) []int64 {
			return []int64{tg.Data["own"+key].(int64), tg.Data[key].(int64)}
		}
	}
	body := func(key string, extra func(p testkit.Principal) map[string]any) func(testkit.Principal, testkit.Relation, testkit.Target) any {
		return func(p testkit.Principal, rel testkit.Relation, tg testkit.Target) any {
			b := extra(p)
			b["ids"] = ids(key)(p, rel, tg)
			return b
		}
	}
	tag := func(testkit.Principal) map[string]any {
		return map[string]any{"action": "addTags", "tags": []string{"矩阵"}}
	}
	ownIntact := func(key string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target) error {
		return func(t testing.TB, p testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
			if err := unchanged(key)(t, p, rel, tg); err != nil {
				return err
			}
			ctx := testkit.System()
			if own, err := w.a.Store.Client(ctx).Account.Get(ctx, tg.Data["ownaccount"].(int64)); err != nil || own.Version != 1 {
				return fmt.Errorf("the principal's own account changed: %v %+v", err, own)
			}
			return nil
		}
	}
	target := func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		tg := w.target(false)(t, p, rel)
		if rel == testkit.RelMissing {
			tg.Data = map[string]any{"account": testkit.MissingID, "contact": testkit.MissingID}
		}
		// The principal's own record, reachable whenever the right is held at all (own scope and up);
		// principals without a user id never get this far (403).
		oa, oc := w.newAccount(t, p.UserID, p.TeamID)
		tg.Data["ownaccount"], tg.Data["owncontact"] = oa, oc
		return tg
	}
	denied := func(key string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target) error {
		return ownIntact(key)
	}
	return []testkit.Operation{
		{Name: "bulkTagAccounts", Method: "POST", Path: "/api/v1/accounts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Body: body("account", tag), Denied: denied("account"),
			Verify: w.verifyTagged("account")},
		{Name: "bulkEditAccounts", Method: "POST", Path: "/api/v1/accounts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Denied: denied("account"),
			Body: body("account", func(testkit.Principal) map[string]any {
				return map[string]any{"action": "edit", "field": "lifecycle", "value": "loyal"}
			})},
		{Name: "bulkAssignAccounts", Method: "POST", Path: "/api/v1/accounts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Denied: denied("account"),
			Body: body("account", func(p testkit.Principal) map[string]any {
				return map[string]any{"action": "assign", "ownerId": p.UserID}
			})},
		{Name: "bulkDeleteAccounts", Method: "POST", Path: "/api/v1/accounts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Denied: denied("account"),
			Body: body("account", func(testkit.Principal) map[string]any { return map[string]any{"action": "delete"} })},
		{Name: "bulkTagContacts", Method: "POST", Path: "/api/v1/contacts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Body: body("contact", tag), Denied: denied("contact"), Verify: w.verifyTagged("contact")},
		{Name: "bulkDeleteContacts", Method: "POST", Path: "/api/v1/contacts/bulk", Relations: rels, Applies: w.applies,
			Setup: target, Denied: denied("contact"),
			Body: body("contact", func(testkit.Principal) map[string]any { return map[string]any{"action": "delete"} })},
		{Name: "bulkAllAccounts", Method: "POST", Path: "/api/v1/accounts/bulk", Relations: rels[:len(rels)-1], Applies: w.applies,
			Setup: w.target(false),
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				ctx := testkit.System()
				name := w.a.Store.Client(ctx).Account.GetX(ctx, tg.ID).Name
				return map[string]any{"all": true, "filter": []string{"name:eq:" + name}, "action": "addTags", "tags": []string{"全部"}}
			},
			Verify: func(t testing.TB, p testkit.Principal, rel testkit.Relation, tg testkit.Target, r *testkit.Response) error {
				want := 0
				if testkit.ReachesRelation(w.scope(p, "account:read"), rel) {
					want = 1
				}
				ctx := testkit.System()
				tags := w.a.Store.Client(ctx).Account.GetX(ctx, tg.ID).Tags
				if r.JSON["matched"] != float64(want) || slices.Contains(tags, "全部") != (want == 1) {
					return fmt.Errorf("matched %v, tags %v; want %d", r.JSON["matched"], tags, want)
				}
				return nil
			}},
	}
}

func (w *world) verifyTagged(key string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
	return func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target, r *testkit.Response) error {
		ctx := testkit.System()
		var tags []string
		if key == "account" {
			tags = w.a.Store.Client(ctx).Account.GetX(ctx, tg.Data["account"].(int64)).Tags
		} else {
			tags = w.a.Store.Client(ctx).Contact.GetX(ctx, tg.Data["contact"].(int64)).Tags
		}
		if !slices.Equal(tags, []string{"矩阵"}) || r.JSON["changed"] != float64(2) {
			return fmt.Errorf("tags %v, answer %s", tags, r.Raw)
		}
		return nil
	}
}

func TestBulkAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &world{a: a, tp: tp, tree: tp.Tree(), roles: map[string]string{}}
		people := []struct {
			name, email, role string
			user, team        int64
		}{
			{"admin", "admin", "admin", tp.Admin, 0}, {"director", "director", "sales_director", tp.Director, tp.East},
			{"amEast", "am.east", "account_manager", tp.AMEast, tp.East},
			{"amWest", "am.west", "account_manager", tp.AMWest, tp.West},
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
