package view_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of who may do what with saved views (doc.go of this module) and who reads
// accounts (the customer module's doc.go), written again by hand: views are personal; sharing needs
// saved_view:share (sales directors, administrators); a shared view is seen by whoever reads the entity.
var (
	mayShare    = map[string]bool{"admin": true, "sales_director": true}
	readsAccess = map[string]bool{"admin": true, "sales_director": true, "account_manager": true, "executive": true,
		"marketing": true, "service_agent": true}
)

// Relations of a view to the principal.
const (
	relOwn           testkit.Relation = "own"
	relOwnShared     testkit.Relation = "ownShared"
	relOthersShared  testkit.Relation = "othersShared"
	relOthersPrivate testkit.Relation = "othersPrivate"
)

type world struct {
	a     *testkit.App
	roles map[string]string
	other map[string]int64 // principal → a user who is someone else
	n     atomic.Int64
	tags  map[int64][]string // account owner → tags on their account
	east  []int64            // the users of the East subtree
}

// readsAccountOf says whether p reads an account owned by owner (in the owner's team).
func (w *world) readsAccountOf(p testkit.Principal, owner int64) bool {
	switch w.roles[p.Name] {
	case "account_manager":
		return owner == p.UserID
	case "sales_director":
		return slices.Contains(w.east, owner)
	case "":
		return false
	}
	return true
}

func (w *world) newView(t testing.TB, owner int64, shared bool) int64 {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		v, err := w.a.Store.Client(ctx).SavedView.Create().SetOwnerID(owner).SetEntity("account").
			SetName(fmt.Sprintf("视图 %d", w.n.Add(1))).SetShared(shared).Save(ctx)
		if err == nil {
			id = v.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) target(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	switch rel {
	case testkit.RelMissing:
		return testkit.Target{ID: testkit.MissingID, Version: 1}
	case relOwn, relOwnShared:
		return testkit.Target{ID: w.newView(t, p.UserID, rel == relOwnShared), Version: 1}
	}
	return testkit.Target{ID: w.newView(t, w.other[p.Name], rel == relOthersShared), Version: 1}
}

func (w *world) unchanged(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
	if rel == testkit.RelMissing {
		return nil
	}
	ctx := testkit.System()
	v, err := w.a.Store.Client(ctx).SavedView.Get(ctx, tg.ID)
	if err != nil || v.Version != 1 {
		return fmt.Errorf("view changed: %v %+v", err, v)
	}
	return nil
}

func (w *world) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	role := w.roles[p.Name]
	switch op.Name {
	case "listViews":
		return 200
	case "createView":
		return 201
	case "createSharedView":
		if !mayShare[role] {
			return 403
		}
		return 201
	case "suggestTags":
		if !readsAccess[role] {
			return 403
		}
		return 200
	case "getView":
		if rel == relOwn || rel == relOwnShared || (rel == relOthersShared && readsAccess[role]) {
			return 200
		}
		return 404
	case "renameView", "deleteView", "unshareView":
		ok := 200
		if op.Name == "deleteView" {
			ok = 204
		}
		if rel != relOwn && rel != relOwnShared {
			return 404
		}
		if op.Name == "unshareView" && rel == relOwnShared && !mayShare[role] {
			return 403
		}
		return ok
	}
	panic(op.Name)
}

func (w *world) operations() []testkit.Operation {
	rels := []testkit.Relation{relOwn, relOwnShared, relOthersShared, relOthersPrivate, testkit.RelMissing}
	return []testkit.Operation{
		{Name: "listViews", Method: "GET", Path: "/api/v1/views", Query: "entity=account",
			Verify: func(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
				ctx := testkit.System()
				var want []int64
				for _, v := range w.a.Store.Client(ctx).SavedView.Query().AllX(ctx) {
					if v.OwnerID == p.UserID || (v.Shared && readsAccess[w.roles[p.Name]]) {
						want = append(want, v.ID)
					}
				}
				if d := testkit.SameIDs(testkit.IDs(r.Items()), want); d != "" {
					return fmt.Errorf("%s", d)
				}
				return nil
			}},
		{Name: "createView", Method: "POST", Path: "/api/v1/views",
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"entity": "account", "name": fmt.Sprintf("新视图 %d", w.n.Add(1)), "filters": []string{"name:contains:科技"}}
			}},
		{Name: "createSharedView", Method: "POST", Path: "/api/v1/views",
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"entity": "account", "name": fmt.Sprintf("共享视图 %d", w.n.Add(1)), "shared": true}
			}},
		{Name: "getView", Method: "GET", Path: "/api/v1/views/{id}", Relations: rels, Setup: w.target},
		{Name: "renameView", Method: "PATCH", Path: "/api/v1/views/{id}", Relations: rels, Setup: w.target,
			Denied: w.unchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"name": fmt.Sprintf("改名 %d", w.n.Add(1))}
			}},
		{Name: "unshareView", Method: "PATCH", Path: "/api/v1/views/{id}", Relations: rels, Setup: w.target,
			Denied: w.unchanged,
			Body:   func(testkit.Principal, testkit.Relation, testkit.Target) any { return map[string]any{"shared": false} }},
		{Name: "deleteView", Method: "DELETE", Path: "/api/v1/views/{id}", Relations: rels, Setup: w.target,
			Denied: w.unchanged},
		{Name: "suggestTags", Method: "GET", Path: "/api/v1/tags", Query: "entity=account",
			Verify: func(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
				var got []string
				for _, v := range r.JSON["items"].([]any) {
					got = append(got, v.(string))
				}
				want := w.visibleTags(p)
				if !slices.Equal(got, want) {
					return fmt.Errorf("tags %v, want %v", got, want)
				}
				return nil
			}},
	}
}

// visibleTags is the oracle's reading of the default account:read scopes: account managers their own,
// the director their subtree (East: themselves and the two East account managers), others all.
func (w *world) visibleTags(p testkit.Principal) []string {
	var out []string
	for owner, tags := range w.tags {
		if w.readsAccountOf(p, owner) {
			out = append(out, tags...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &world{a: a, roles: map[string]string{}, other: map[string]int64{}, tags: map[int64][]string{}}
		people := []struct {
			name, email, role string
			user, team        int64
		}{
			{"admin", "admin", "admin", tp.Admin, 0}, {"director", "director", "sales_director", tp.Director, tp.East},
			{"amEast", "am.east", "account_manager", tp.AMEast, tp.East},
			{"amWest", "am.west", "account_manager", tp.AMWest, tp.West},
			{"agent", "agent", "service_agent", tp.Agent, tp.West}, {"exec", "exec", "executive", tp.Exec, 0},
			{"marketer", "marketer", "marketing", tp.Marketer, 0}, {"nobody", "nobody", "", tp.Nobody, tp.West},
		}
		var principals []testkit.Principal
		for _, p := range people {
			w.roles[p.name] = p.role
			w.other[p.name] = tp.AMEast1
			principals = append(principals, testkit.Principal{Name: p.name, Client: a.Login(t, p.email+"@kehu.test"),
				UserID: p.user, TeamID: p.team})
		}
		// One tagged account per account manager and one for the director (its team is the owner's).
		east1 := a.Login(t, "am.east1@kehu.test")
		for _, c := range []struct {
			client *testkit.Client
			owner  int64
		}{{principals[2].Client, tp.AMEast}, {principals[3].Client, tp.AMWest}, {east1, tp.AMEast1}, {principals[1].Client, tp.Director}} {
			tag := fmt.Sprintf("标签%d", c.owner)
			c.client.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": tag, "tags": []string{tag, "共同"}}).Want(t, 201)
			w.tags[c.owner] = []string{tag, "共同"}
		}
		w.east = []int64{tp.Director, tp.AMEast, tp.AMEast1}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		m.Run(t)
	})
}
