package customer_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of the customer module's default grants (doc.go), written again by hand.
var (
	allRights = []string{"account:read", "account:create", "account:update", "account:delete", "account:assign",
		"account:export", "account:read_sensitive", "contact:read", "contact:create", "contact:update",
		"contact:delete", "contact:export", "contact:read_sensitive"}
	oracleGrants = map[string]testkit.Grants{
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
	for _, r := range allRights {
		oracleGrants["sales_director"][r] = testkit.ScopeSubtree
		oracleGrants["admin"][r] = testkit.ScopeAll
	}
}

type world struct {
	a     *testkit.App
	tp    testkit.Topology
	tree  testkit.TeamTree
	roles map[string]string // principal → role key
	n     atomic.Int64
}

func (w *world) scope(p testkit.Principal, right string) testkit.Scope {
	return oracleGrants[w.roles[p.Name]][right]
}

// place returns the owner and team a record of relation rel has for principal p.
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

func (w *world) newAccount(t testing.TB, owner, team int64) (int64, int64) {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		acc, err := w.a.Store.Client(ctx).Account.Create().SetName(fmt.Sprintf("客户 %d", w.n.Add(1))).
			SetPhone("13812345678").SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err == nil {
			id = acc.ID
			_, err = w.a.Store.Client(ctx).Contact.Create().SetAccountID(id).SetName("联系人").SetEmail("c@example.com").
				SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := testkit.System()
	cid := w.a.Store.Client(ctx).Contact.Query().Where(contact.AccountID(id)).OnlyIDX(ctx)
	return id, cid
}

// target makes a fresh account (and contact) of relation rel; contact selects the contact as the target.
func (w *world) target(isContact bool) func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		if rel == testkit.RelMissing {
			return testkit.Target{ID: testkit.MissingID, Version: 1}
		}
		owner, team, _ := w.place(p, rel)
		id, cid := w.newAccount(t, owner, team)
		tg := testkit.Target{ID: id, Version: 1, Team: team, Data: map[string]any{"account": id, "contact": cid}}
		if isContact {
			tg.ID = cid
		}
		return tg
	}
}

// reaches is the oracle's answer for record operations: 403 without the right, 404 out of reach of the
// read scope or the action's scope, else ok.
func (w *world) reaches(p testkit.Principal, rel testkit.Relation, ok int, read string, rights ...string) int {
	for _, r := range rights {
		if w.scope(p, r) == testkit.ScopeNone {
			return 403
		}
	}
	if rel == testkit.RelMissing {
		return 404
	}
	for _, r := range append([]string{read}, rights...) {
		if !testkit.ReachesRelation(w.scope(p, r), rel) {
			return 404
		}
	}
	return ok
}

func (w *world) verifyList(entity string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
	return func(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, _ *testkit.Response) error {
		items, st := p.Client.ListAll(t, "/api/v1/"+entity+"s")
		if st != 200 {
			return fmt.Errorf("status %d", st)
		}
		ctx := testkit.System()
		var want []int64
		scope := w.scope(p, entity+":read")
		sens := w.scope(p, entity+":read_sensitive")
		add := func(id int64, owner, team *int64) {
			if w.tree.Reaches(scope, p.UserID, p.TeamID, deref(owner), deref(team)) {
				want = append(want, id)
			}
		}
		if entity == "account" {
			for _, r := range w.a.Store.Client(ctx).Account.Query().AllX(ctx) {
				add(r.ID, r.OwnerID, r.TeamID)
			}
		} else {
			for _, r := range w.a.Store.Client(ctx).Contact.Query().AllX(ctx) {
				add(r.ID, r.OwnerID, r.TeamID)
			}
		}
		if diff := testkit.SameIDs(testkit.IDs(items), want); diff != "" {
			return fmt.Errorf("%s list: %s", entity, diff)
		}
		for _, it := range items {
			owner, _ := it["ownerId"].(float64)
			team, _ := it["teamId"].(float64)
			masked := !w.tree.Reaches(sens, p.UserID, p.TeamID, int64(owner), int64(team))
			if it["masked"] != masked {
				return fmt.Errorf("%s %v: masked=%v, want %v", entity, it["id"], it["masked"], masked)
			}
		}
		return nil
	}
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
	noMissing := rels[:len(rels)-1]
	accountGone := func(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
		if rel == testkit.RelMissing {
			return nil
		}
		ctx := testkit.System()
		acc, err := w.a.Store.Client(ctx).Account.Get(ctx, tg.Data["account"].(int64))
		if err != nil || acc.Version != 1 {
			return fmt.Errorf("account changed: %v %+v", err, acc)
		}
		return nil
	}
	contactSame := func(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
		if rel == testkit.RelMissing {
			return nil
		}
		ctx := testkit.System()
		c, err := w.a.Store.Client(ctx).Contact.Get(ctx, tg.Data["contact"].(int64))
		if err != nil || c.Version != 1 {
			return fmt.Errorf("contact changed: %v %+v", err, c)
		}
		return nil
	}
	verifyMask := func(field, real string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target, *testkit.Response) error {
		return func(_ testing.TB, p testkit.Principal, rel testkit.Relation, _ testkit.Target, r *testkit.Response) error {
			entity := "account"
			if field == "email" {
				entity = "contact"
			}
			see := testkit.ReachesRelation(w.scope(p, entity+":read_sensitive"), rel)
			if got := r.Str(field); (got == real) != see {
				return fmt.Errorf("%s %q, sees sensitive: %v", field, got, see)
			}
			return nil
		}
	}
	return []testkit.Operation{
		{Name: "listAccounts", Method: "GET", Path: "/api/v1/accounts", Verify: w.verifyList("account")},
		{Name: "listContacts", Method: "GET", Path: "/api/v1/contacts", Verify: w.verifyList("contact")},
		{Name: "getAccount", Method: "GET", Path: "/api/v1/accounts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false), Verify: verifyMask("phone", "13812345678")},
		{Name: "getContact", Method: "GET", Path: "/api/v1/contacts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(true), Verify: verifyMask("email", "c@example.com")},
		{Name: "listAccountContacts", Method: "GET", Path: "/api/v1/accounts/{id}/contacts", Relations: rels,
			Applies: w.applies, Setup: w.target(false)},
		{Name: "createAccount", Method: "POST", Path: "/api/v1/accounts",
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"name": fmt.Sprintf("新客户 %d", w.n.Add(1))}
			}},
		{Name: "updateAccount", Method: "PATCH", Path: "/api/v1/accounts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false), Denied: accountGone,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"address": "新地址"}
			}},
		{Name: "assignAccount", Method: "PATCH", Path: "/api/v1/accounts/{id}", Relations: noMissing[1:], Applies: w.applies,
			Setup: w.target(false), Denied: accountGone,
			Body: func(p testkit.Principal, _ testkit.Relation, _ testkit.Target) any {
				return map[string]any{"ownerId": p.UserID}
			}},
		{Name: "deleteAccount", Method: "DELETE", Path: "/api/v1/accounts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(false), Denied: accountGone},
		{Name: "createContact", Method: "POST", Path: "/api/v1/contacts", Relations: noMissing, Applies: w.applies,
			Setup: w.target(false),
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"accountId": tg.ID, "name": "新联系人"}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				ctx := testkit.System()
				if n := w.a.Store.Client(ctx).Contact.Query().Where(contact.AccountID(tg.ID)).CountX(ctx); n != 1 {
					return fmt.Errorf("%d contacts", n)
				}
				return nil
			}},
		{Name: "updateContact", Method: "PATCH", Path: "/api/v1/contacts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(true), Denied: contactSame,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"title": "经理"}
			}},
		{Name: "deleteContact", Method: "DELETE", Path: "/api/v1/contacts/{id}", Relations: rels, Applies: w.applies,
			Setup: w.target(true), Denied: contactSame},
		{Name: "transferAccounts", Method: "POST", Path: "/api/v1/accounts/transfer", Relations: rels, Applies: w.applies,
			Setup: w.transferTarget, Denied: accountGone,
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"fromOwnerId": tg.Data["from"], "toOwnerId": tg.Data["to"],
					"accountIds": []int64{tg.Data["account"].(int64)}}
			},
			Verify: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target, r *testkit.Response) error {
				ctx := testkit.System()
				acc := w.a.Store.Client(ctx).Account.GetX(ctx, tg.Data["account"].(int64))
				c := w.a.Store.Client(ctx).Contact.GetX(ctx, tg.Data["contact"].(int64))
				to := tg.Data["to"].(int64)
				if r.JSON["accounts"] != float64(1) || r.JSON["contacts"] != float64(1) || deref(acc.OwnerID) != to || deref(c.OwnerID) != to {
					return fmt.Errorf("%s: account owner %d, contact owner %d, want %d", r.Raw, deref(acc.OwnerID), deref(c.OwnerID), to)
				}
				return nil
			}},
	}
}

// transferTarget makes an account (with a contact) owned by a user of relation rel to the principal,
// to be transferred to the principal; the principal's own account goes to a new user of their team.
// A missing relation lists an id no account has.
func (w *world) transferTarget(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	newUser := func(team int64) int64 {
		return w.a.NewUser(t, fmt.Sprintf("transfer%d@kehu.test", w.n.Add(1)), team)
	}
	switch rel {
	case testkit.RelMissing:
		return testkit.Target{Data: map[string]any{"from": newUser(p.TeamID), "to": p.UserID, "account": testkit.MissingID}}
	case testkit.RelSelf:
		id, cid := w.newAccount(t, p.UserID, p.TeamID)
		return testkit.Target{Team: p.TeamID, Data: map[string]any{"from": p.UserID, "to": newUser(p.TeamID), "account": id, "contact": cid}}
	}
	team, _ := w.tree.TeamFor(rel, p.TeamID)
	from := newUser(team)
	id, cid := w.newAccount(t, from, team)
	return testkit.Target{Team: team, Data: map[string]any{"from": from, "to": p.UserID, "account": id, "contact": cid}}
}

func (w *world) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	switch op.Name {
	case "listAccounts", "listContacts":
		if w.scope(p, map[string]string{"listAccounts": "account:read", "listContacts": "contact:read"}[op.Name]) == testkit.ScopeNone {
			return 403
		}
		return 200
	case "getAccount":
		return w.reaches(p, rel, 200, "account:read", "account:read")
	case "getContact":
		return w.reaches(p, rel, 200, "contact:read", "contact:read")
	case "listAccountContacts":
		return w.reaches(p, rel, 200, "account:read", "contact:read", "account:read")
	case "createAccount":
		if w.scope(p, "account:create") == testkit.ScopeNone {
			return 403
		}
		return 201
	case "updateAccount":
		return w.reaches(p, rel, 200, "account:read", "account:update")
	case "assignAccount":
		if st := w.reaches(p, rel, 200, "account:read", "account:update"); st != 200 {
			return st
		}
		if !testkit.ReachesRelation(w.scope(p, "account:assign"), rel) {
			return 403
		}
		return 200
	case "deleteAccount":
		return w.reaches(p, rel, 204, "account:read", "account:delete")
	case "createContact":
		if w.scope(p, "contact:create") == testkit.ScopeNone {
			return 403
		}
		if !testkit.ReachesRelation(w.scope(p, "account:read"), rel) {
			return 422
		}
		return 201
	case "updateContact":
		return w.reaches(p, rel, 200, "contact:read", "contact:update")
	case "deleteContact":
		return w.reaches(p, rel, 204, "contact:read", "contact:delete")
	case "transferAccounts":
		// Needs the right (403); both users and the account must be reachable for read, update and
		// assign, else the request is refused as invalid (422), missing ids included.
		if w.scope(p, "account:assign") == testkit.ScopeNone {
			return 403
		}
		if rel == testkit.RelMissing {
			return 422
		}
		toRel := testkit.RelSelf
		if rel == testkit.RelSelf {
			toRel = testkit.RelSameTeam
			if p.TeamID == 0 {
				toRel = testkit.RelNoTeam
			}
		}
		for _, r := range []string{"account:read", "account:update", "account:assign"} {
			if !testkit.ReachesRelation(w.scope(p, r), rel) || !testkit.ReachesRelation(w.scope(p, r), toRel) {
				return 422
			}
		}
		return 200
	}
	panic(op.Name)
}

func TestAuthorizationMatrix(t *testing.T) {
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
		// The world the lists see: one account (with a contact) owned by each person, one per team, one of none.
		for _, p := range people {
			w.newAccount(t, p.user, p.team)
		}
		for _, tm := range []int64{tp.HQ, tp.East, tp.East1, tp.West, 0} {
			w.newAccount(t, 0, tm)
		}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		m.Run(t)
		ctx := testkit.System()
		if n := a.Store.Client(ctx).Account.Query().Where(account.OwnerIDIsNil()).CountX(ctx); n == 0 {
			t.Error("no unowned accounts in the world")
		}
	})
}
