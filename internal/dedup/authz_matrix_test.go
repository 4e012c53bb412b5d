package dedup_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/duplicatedismissal"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of the built-in roles' customer grants (customer/doc.go), written again by
// hand, and of the duplicate rules (dedup/doc.go): check, list and preview need <entity>:read and see
// only readable records; dismiss needs <entity>:update over both records; merge needs <entity>:update
// over the survivor (else 404) and <entity>:delete over the merged record (else 422 naming mergeId).
var (
	matrixRights = []string{"account:read", "account:create", "account:update", "account:delete", "account:assign",
		"account:export", "account:read_sensitive", "contact:read", "contact:create", "contact:update",
		"contact:delete", "contact:export", "contact:read_sensitive"}
	matrixGrants = map[string]testkit.Grants{
		"account_manager": {"account:read": testkit.ScopeOwn, "account:create": testkit.ScopeOwn,
			"account:update": testkit.ScopeOwn, "account:read_sensitive": testkit.ScopeOwn,
			"contact:read": testkit.ScopeOwn, "contact:create": testkit.ScopeOwn, "contact:update": testkit.ScopeOwn,
			"contact:delete": testkit.ScopeOwn, "contact:read_sensitive": testkit.ScopeOwn},
		"sales_director": {},
		"executive":      {"account:read": testkit.ScopeAll, "contact:read": testkit.ScopeAll},
		"marketing":      {"account:read": testkit.ScopeAll, "contact:read": testkit.ScopeAll},
		"service_agent": {"account:read": testkit.ScopeAll, "account:read_sensitive": testkit.ScopeAll,
			"contact:read": testkit.ScopeAll, "contact:read_sensitive": testkit.ScopeAll},
		"admin": {},
		"":      {},
	}
)

func init() {
	for _, r := range matrixRights {
		matrixGrants["sales_director"][r] = testkit.ScopeSubtree
		matrixGrants["admin"][r] = testkit.ScopeAll
	}
}

// worldName is the name every account of the shared world carries, so they are all duplicates.
const worldName = "矩阵重复科技有限公司"

type mworld struct {
	a     *testkit.App
	tree  testkit.TeamTree
	roles map[string]string
	n     atomic.Int64
	// merged counts successful merges (each writes one merge log).
	merged atomic.Int64
}

func (w *mworld) scope(p testkit.Principal, right string) testkit.Scope {
	return matrixGrants[w.roles[p.Name]][right]
}

func (w *mworld) place(p testkit.Principal, rel testkit.Relation) (owner, team int64, ok bool) {
	if rel == testkit.RelSelf {
		return p.UserID, p.TeamID, p.UserID != 0
	}
	team, ok = w.tree.TeamFor(rel, p.TeamID)
	return 0, team, ok
}

func (w *mworld) applies(p testkit.Principal, rel testkit.Relation) bool {
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

// newAccount creates an account (with one contact) as the system; the hooks write its keys.
func (w *mworld) newAccount(t testing.TB, name, contactName string, owner, team int64) (int64, int64) {
	t.Helper()
	var id, cid int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		c := w.a.Store.Client(ctx)
		acc, err := c.Account.Create().SetName(name).SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err != nil {
			return err
		}
		con, err := c.Contact.Create().SetAccountID(acc.ID).SetName(contactName).SetEmail(contactName + "@example.com").
			SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err != nil {
			return err
		}
		id, cid = acc.ID, con.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, cid
}

// pairTarget makes two duplicate accounts (each with a duplicate contact) of relation rel; ID is the
// first account or contact, Data["other"] the second.
func (w *mworld) pairTarget(isContact bool) func(testing.TB, testkit.Principal, testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		if rel == testkit.RelMissing {
			a1, c1 := w.newAccount(t, fmt.Sprintf("缺失对照 %d", w.n.Add(1)), fmt.Sprintf("m%d", w.n.Add(1)), p.UserID, p.TeamID)
			other := a1
			if isContact {
				other = c1
			}
			return testkit.Target{ID: testkit.MissingID, Version: 1, Data: map[string]any{"other": other}}
		}
		owner, team, _ := w.place(p, rel)
		name, person := fmt.Sprintf("配对科技 %d", w.n.Add(1)), fmt.Sprintf("p%d", w.n.Add(1))
		a1, c1 := w.newAccount(t, name+"有限公司", person, owner, team)
		a2, c2 := w.newAccount(t, name, person, owner, team)
		if isContact {
			return testkit.Target{ID: c1, Version: 1, Team: team, Data: map[string]any{"other": c2}}
		}
		return testkit.Target{ID: a1, Version: 1, Team: team, Data: map[string]any{"other": a2}}
	}
}

// reach is the oracle for operations on one or two records of relation rel.
func (w *mworld) reach(p testkit.Principal, rel testkit.Relation, rights ...string) bool {
	for _, r := range rights {
		if !testkit.ReachesRelation(w.scope(p, r), rel) {
			return false
		}
	}
	return true
}

func (w *mworld) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	entity := "account"
	if op.Name == "mergeContact" || op.Name == "checkContacts" {
		entity = "contact"
	}
	read, update, del := entity+":read", entity+":update", entity+":delete"
	switch op.Name {
	case "checkAccounts", "checkContacts", "listDuplicates":
		if w.scope(p, read) == testkit.ScopeNone {
			return 403
		}
		return 200
	case "previewMerge":
		switch {
		case w.scope(p, read) == testkit.ScopeNone:
			return 403
		case rel == testkit.RelMissing || !w.reach(p, rel, read):
			return 404
		}
		return 200
	case "dismissDuplicate":
		switch {
		case w.scope(p, update) == testkit.ScopeNone:
			return 403
		case rel == testkit.RelMissing || !w.reach(p, rel, read, update):
			return 422
		}
		return 204
	case "mergeAccount", "mergeContact":
		switch {
		case w.scope(p, update) == testkit.ScopeNone || w.scope(p, del) == testkit.ScopeNone:
			return 403
		case rel == testkit.RelMissing || !w.reach(p, rel, read, update):
			return 404
		case !w.reach(p, rel, del):
			return 422
		}
		return 200
	}
	panic(op.Name)
}

// visibleWorld lists the world accounts (or their contacts) the principal reaches with scope.
func (w *mworld) visibleWorld(p testkit.Principal, entity string) (visible []int64, total int) {
	ctx := testkit.System()
	c := w.a.Store.Client(ctx)
	scope := w.scope(p, entity+":read")
	for _, r := range c.Account.Query().AllX(ctx) {
		if r.Name != worldName {
			continue
		}
		if entity == "contact" {
			for _, con := range r.QueryContacts().AllX(ctx) {
				total++
				if w.tree.Reaches(scope, p.UserID, p.TeamID, deref(con.OwnerID), deref(con.TeamID)) {
					visible = append(visible, con.ID)
				}
			}
			continue
		}
		total++
		if w.tree.Reaches(scope, p.UserID, p.TeamID, deref(r.OwnerID), deref(r.TeamID)) {
			visible = append(visible, r.ID)
		}
	}
	return visible, total
}

func (w *mworld) verifyCheck(entity string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
	return func(_ testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
		want, total := w.visibleWorld(p, entity)
		if diff := testkit.SameIDs(testkit.IDs(r.Items()), want); diff != "" {
			return fmt.Errorf("check %s: %s", entity, diff)
		}
		if h := int(r.JSON["hidden"].(float64)); h != total-len(want) {
			return fmt.Errorf("check %s: hidden %d, want %d", entity, h, total-len(want))
		}
		return nil
	}
}

// verifyPairs: exactly the pairs of same-named accounts that both lie in the principal's read scope,
// less dismissed pairs.
func (w *mworld) verifyPairs(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, _ *testkit.Response) error {
	items, st := p.Client.ListAll(t, "/api/v1/duplicates?entity=account")
	if st != 200 {
		return fmt.Errorf("status %d", st)
	}
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%v-%v", it["a"].(map[string]any)["id"], it["b"].(map[string]any)["id"]))
	}
	ctx := testkit.System()
	c := w.a.Store.Client(ctx)
	scope := w.scope(p, "account:read")
	var readable []int64
	names := map[int64]string{}
	for _, r := range c.Account.Query().AllX(ctx) {
		if w.tree.Reaches(scope, p.UserID, p.TeamID, deref(r.OwnerID), deref(r.TeamID)) {
			readable = append(readable, r.ID)
			names[r.ID] = r.Name
		}
	}
	slices.Sort(readable)
	var want []string
	for i, x := range readable {
		for _, y := range readable[i+1:] {
			if names[x] != worldName || names[y] != worldName {
				continue
			}
			if c.DuplicateDismissal.Query().Where(duplicatedismissal.AID(x), duplicatedismissal.BID(y)).ExistX(ctx) {
				continue
			}
			want = append(want, pairKey(x, y))
		}
	}
	if !sameSet(got, want) {
		return fmt.Errorf("pairs %v, want %v", got, want)
	}
	return nil
}

func (w *mworld) operations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
		testkit.RelNoTeam, testkit.RelMissing}
	checkBody := func(entity string) func(testkit.Principal, testkit.Relation, testkit.Target) any {
		return func(testkit.Principal, testkit.Relation, testkit.Target) any {
			if entity == "contact" {
				return map[string]any{"entity": entity, "values": map[string]any{"email": "world@example.com"}}
			}
			return map[string]any{"entity": entity, "values": map[string]any{"name": "矩阵重复科技"}}
		}
	}
	unchanged := func(entity string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target) error {
		return func(_ testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
			ctx := testkit.System()
			c := w.a.Store.Client(ctx)
			other := tg.Data["other"].(int64)
			if entity == "contact" {
				if x, err := c.Contact.Get(ctx, other); err != nil || x.Version != 1 {
					return fmt.Errorf("merged contact changed: %v", err)
				}
			} else if x, err := c.Account.Get(ctx, other); err != nil || x.Version != 1 {
				return fmt.Errorf("merged account changed: %v", err)
			}
			if n := c.MergeLog.Query().CountX(ctx); n != w.merges(entity) {
				return fmt.Errorf("merge logs: %d", n)
			}
			if rel != testkit.RelMissing && c.DuplicateDismissal.Query().Where(duplicatedismissal.AID(min(tg.ID, other))).ExistX(ctx) {
				return fmt.Errorf("dismissal written")
			}
			return nil
		}
	}
	mergeBody := func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
		return map[string]any{"mergeId": tg.Data["other"], "fields": map[string]string{"name": "merged"}}
	}
	mergeDone := func(entity string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
		return func(_ testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target, _ *testkit.Response) error {
			w.merged.Add(1)
			ctx := testkit.System()
			c := w.a.Store.Client(ctx)
			other := tg.Data["other"].(int64)
			var gone bool
			if entity == "contact" {
				_, err := c.Contact.Get(ctx, other)
				gone = err != nil
			} else {
				_, err := c.Account.Get(ctx, other)
				gone = err != nil
			}
			if !gone {
				return fmt.Errorf("merged %s %d still there", entity, other)
			}
			return nil
		}
	}
	return []testkit.Operation{
		{Name: "checkAccounts", Method: "POST", Path: "/api/v1/duplicates/check", Body: checkBody("account"), Verify: w.verifyCheck("account")},
		{Name: "checkContacts", Method: "POST", Path: "/api/v1/duplicates/check", Body: checkBody("contact"), Verify: w.verifyCheck("contact")},
		{Name: "listDuplicates", Method: "GET", Path: "/api/v1/duplicates", Query: "entity=account", Verify: w.verifyPairs},
		{Name: "previewMerge", Method: "GET", Path: "/api/v1/duplicates/preview?entity=account&survivorId={id}&mergeId={other}", Relations: rels, Applies: w.applies,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				tg := w.pairTarget(false)(t, p, rel)
				tg.Version = 0
				tg.Vars = map[string]string{"other": fmt.Sprint(tg.Data["other"])}
				return tg
			}},
		{Name: "dismissDuplicate", Method: "POST", Path: "/api/v1/duplicates/dismiss", Relations: rels, Applies: w.applies,
			Setup: w.pairTarget(false), Denied: unchanged("account"),
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"entity": "account", "aId": tg.ID, "bId": tg.Data["other"]}
			}},
		{Name: "mergeAccount", Method: "POST", Path: "/api/v1/accounts/{id}/merge", Relations: rels, Applies: w.applies,
			Setup: w.pairTarget(false), Body: mergeBody, Verify: mergeDone("account"), Denied: unchanged("account")},
		{Name: "mergeContact", Method: "POST", Path: "/api/v1/contacts/{id}/merge", Relations: rels, Applies: w.applies,
			Setup: w.pairTarget(true), Body: mergeBody, Verify: mergeDone("contact"), Denied: unchanged("contact")},
	}
}

func (w *mworld) merges(string) int { return int(w.merged.Load()) }

func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &mworld{a: a, tree: tp.Tree(), roles: map[string]string{}}
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
		// The world: a duplicate account (with a duplicate contact) owned by each person, one per team, one of none.
		for _, p := range people {
			w.newAccount(t, worldName, "world", p.user, p.team)
		}
		for _, tm := range []int64{tp.HQ, tp.East, tp.East1, tp.West, 0} {
			w.newAccount(t, worldName, "world", 0, tm)
		}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		res := m.Run(t)
		if res.Cases < 100 {
			t.Errorf("only %d cases", res.Cases)
		}
	})
}
