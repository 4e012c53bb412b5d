package timeline_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of who reads accounts and contacts (the customer module's doc.go), written
// again by hand: a timeline is readable exactly when its record is.
var readScope = map[string]testkit.Scope{
	"account_manager": testkit.ScopeOwn, "sales_director": testkit.ScopeSubtree, "executive": testkit.ScopeAll,
	"service_agent": testkit.ScopeAll, "marketing": testkit.ScopeAll, "admin": testkit.ScopeAll, "": testkit.ScopeNone,
}

type world struct {
	a     *testkit.App
	tree  testkit.TeamTree
	roles map[string]string
	n     atomic.Int64
}

func (w *world) place(p testkit.Principal, rel testkit.Relation) (owner, team int64, ok bool) {
	if rel == testkit.RelSelf {
		return p.UserID, p.TeamID, p.UserID != 0
	}
	team, ok = w.tree.TeamFor(rel, p.TeamID)
	return 0, team, ok
}

func opt(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (w *world) target(contact bool) func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		if rel == testkit.RelMissing {
			return testkit.Target{ID: testkit.MissingID}
		}
		owner, team, _ := w.place(p, rel)
		var id int64
		err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
			c := w.a.Store.Client(ctx)
			acc, err := c.Account.Create().SetName(fmt.Sprintf("客户 %d", w.n.Add(1))).
				SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
			if err != nil {
				return err
			}
			id = acc.ID
			if contact {
				con, err := c.Contact.Create().SetAccountID(acc.ID).SetName("联系人").
					SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
				if err != nil {
					return err
				}
				id = con.ID
			}
			return c.Comment.Create().SetEntity(map[bool]string{false: "account", true: "contact"}[contact]).
				SetRecordID(id).SetAccountID(acc.ID).SetBody("评论").SetAuthorID(1).Exec(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		return testkit.Target{ID: id, Team: team}
	}
}

func (w *world) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	scope := readScope[w.roles[p.Name]]
	switch {
	case scope == testkit.ScopeNone:
		return 403
	case rel == testkit.RelMissing || !testkit.ReachesRelation(scope, rel):
		return 404
	}
	return 200
}

// verify: a readable record's timeline shows its comment.
func verify(_ testing.TB, _ testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	for _, it := range r.Items() {
		if it["kind"] == "comment" {
			return nil
		}
	}
	return fmt.Errorf("no comment in %s", r.Raw)
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
		rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
			testkit.RelNoTeam, testkit.RelMissing}
		applies := func(p testkit.Principal, rel testkit.Relation) bool {
			if rel == testkit.RelMissing {
				return true
			}
			_, _, ok := w.place(p, rel)
			return ok
		}
		m := testkit.Matrix{Principals: principals, Oracle: w.oracle, CompareNotFound: true, Ops: []testkit.Operation{
			{Name: "getAccountTimeline", Method: "GET", Path: "/api/v1/accounts/{id}/timeline", Relations: rels,
				Applies: applies, Setup: w.target(false), Verify: verify},
			{Name: "getContactTimeline", Method: "GET", Path: "/api/v1/contacts/{id}/timeline", Relations: rels,
				Applies: applies, Setup: w.target(true), Verify: verify},
		}}
		m.Run(t)
	})
}
