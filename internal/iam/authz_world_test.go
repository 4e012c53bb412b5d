package iam_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// world is the matrix fixture: the topology, two custom roles, signed-in clients and records to act on.
type world struct {
	a     *testkit.App
	tp    testkit.Topology
	tree  testkit.TeamTree
	admin *testkit.Client
	who   map[string]*who
	order []string
	// users maps every user in the database to their team (0: none).
	users map[int64]int64
	// targets holds a role-less user per team (key 0: the one without a team).
	targets map[int64]int64
	// tokens lists each user's API token ids.
	tokens map[int64][]int64
	// signedIn are the users who signed in (so the audit log holds events of theirs).
	signedIn []int64
	roles    []int64
	roleIDs  map[string]int64
	seq      int
}

func (w *world) next() int { w.seq++; return w.seq }

func newWorld(t *testing.T, a *testkit.App) *world {
	tp := a.NewTopology(t)
	w := &world{a: a, tp: tp, tree: tp.Tree(), who: map[string]*who{}, users: map[int64]int64{},
		targets: map[int64]int64{}, tokens: map[int64][]int64{}, roleIDs: map[string]int64{}}
	for key := range builtinGrants {
		id := a.RoleID(t, key)
		w.roleIDs[key] = id
		w.roles = append(w.roles, id)
	}
	add := func(name string, c *testkit.Client, user, team int64, active bool, roles ...string) *who {
		x := &who{Principal: testkit.Principal{Name: name, Client: c, UserID: user, TeamID: team}, grants: testkit.Grants{}, active: active}
		for _, r := range roles {
			x.grants = testkit.MergeGrants(x.grants, builtinGrants[r])
			x.roleIDs = append(x.roleIDs, w.roleIDs[r])
		}
		if user != 0 {
			w.users[user] = team
		}
		w.who[name] = x
		w.order = append(w.order, name)
		return x
	}
	login := func(email string, user int64) *testkit.Client {
		w.signedIn = append(w.signedIn, user)
		return a.Login(t, email)
	}
	add("anonymous", a.Client(), 0, 0, false)
	for _, u := range []struct {
		name, email string
		id, team    int64
		role        string
	}{
		{"admin", "admin@kehu.test", tp.Admin, 0, "admin"},
		{"director", "director@kehu.test", tp.Director, tp.East, "sales_director"},
		{"amEast", "am.east@kehu.test", tp.AMEast, tp.East, "account_manager"},
		{"amEast1", "am.east1@kehu.test", tp.AMEast1, tp.East1, "account_manager"},
		{"amWest", "am.west@kehu.test", tp.AMWest, tp.West, "account_manager"},
		{"agent", "agent@kehu.test", tp.Agent, tp.West, "service_agent"},
		{"exec", "exec@kehu.test", tp.Exec, 0, "executive"},
		{"marketer", "marketer@kehu.test", tp.Marketer, 0, "marketing"},
		{"nobody", "nobody@kehu.test", tp.Nobody, tp.West, ""},
	} {
		var roles []string
		if u.role != "" {
			roles = []string{u.role}
		}
		add(u.name, login(u.email, u.id), u.id, u.team, true, roles...)
	}
	w.admin = w.who["admin"].Client

	// Custom roles and their holders, made through the API as an administrator would.
	custom := func(name, email string, teamID int64, grants testkit.Grants) {
		var gs []map[string]string
		for r, s := range grants {
			gs = append(gs, map[string]string{"right": r, "scope": s.String()})
		}
		roleID := w.admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": name, "grants": gs}).Want(t, 201).ID()
		w.roles = append(w.roles, roleID)
		uid := w.admin.Do(t, "POST", "/api/v1/users", map[string]any{"email": email, "name": name, "password": testkit.Password,
			"teamId": teamID, "roleIds": []int64{roleID}}).Want(t, 201).ID()
		x := add(name, login(email, uid), uid, teamID, true)
		x.grants, x.roleIDs = grants, []int64{roleID}
	}
	custom("deptHead", "dept.head@kehu.test", tp.East, deptHeadGrants)
	custom("selfService", "self.service@kehu.test", tp.East1, selfServiceGrants)

	// A deactivated account manager whose browser still holds its session cookie.
	leaver := a.NewUser(t, "leaver@kehu.test", tp.West, "account_manager")
	add("deactivated", login("leaver@kehu.test", leaver), leaver, tp.West, false)
	w.admin.Do(t, "POST", fmt.Sprintf("/api/v1/users/%d/deactivate", leaver), nil).Want(t, 200)

	// API tokens: the administrator's limited to user:read; an account manager's unlimited one.
	token := func(owner string, scopes []string) *testkit.Client {
		o := w.who[owner]
		r := o.Client.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "matrix", "scopes": scopes}).Want(t, 201)
		w.tokens[o.UserID] = append(w.tokens[o.UserID], r.ID())
		c := a.Client()
		c.Bearer = r.Str("token")
		return c
	}
	x := add("admin+token[user:read]", token("admin", []string{"user:read"}), tp.Admin, 0, true)
	x.grants, x.token = builtinGrants["admin"].Only("user:read"), true
	x = add("amEast+token", token("amEast", nil), tp.AMEast, tp.East, true)
	x.grants, x.roleIDs, x.token = builtinGrants["account_manager"], w.who["amEast"].roleIDs, true

	// One role-less user per team and one without a team: the records read cases point at.
	for i, tm := range []int64{tp.HQ, tp.East, tp.East1, tp.West, 0} {
		id := a.NewUser(t, fmt.Sprintf("target%d@kehu.test", i), tm)
		w.targets[tm], w.users[id] = id, tm
	}
	return w
}

func (w *world) principals() []testkit.Principal {
	out := make([]testkit.Principal, len(w.order))
	for i, n := range w.order {
		out[i] = w.who[n].Principal
	}
	return out
}

// teamOf answers the team of relation rel for p, or false when p can have no such record.
func (w *world) teamOf(p testkit.Principal, rel testkit.Relation) (int64, bool) {
	return w.tree.TeamFor(rel, p.TeamID)
}

// appliesUser: self needs a person, missing always exists, other relations need such a team.
func (w *world) appliesUser(p testkit.Principal, rel testkit.Relation) bool {
	switch rel {
	case testkit.RelSelf:
		return p.UserID != 0
	case testkit.RelMissing:
		return true
	}
	_, ok := w.teamOf(p, rel)
	return ok
}

func (w *world) userVersion(t testing.TB, id int64) int64 {
	u, err := w.a.IAM.GetUser(testkit.System(), id)
	if err != nil {
		t.Fatalf("user %d: %v", id, err)
	}
	return u.Version
}

// existingUser points at the principal or at the target user of the relation's team.
func (w *world) existingUser(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	switch rel {
	case testkit.RelSelf:
		return testkit.Target{ID: p.UserID, Team: p.TeamID}
	case testkit.RelMissing:
		return testkit.Target{ID: testkit.MissingID, Version: 1}
	}
	tm, _ := w.teamOf(p, rel)
	return testkit.Target{ID: w.targets[tm], Team: tm}
}

// freshUser makes a new user of the relation's team for a case that changes it (self: the principal).
func (w *world) freshUser(inactive bool) func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		switch rel {
		case testkit.RelSelf:
			return testkit.Target{ID: p.UserID, Team: p.TeamID, Version: w.userVersion(t, p.UserID)}
		case testkit.RelMissing:
			return testkit.Target{ID: testkit.MissingID, Version: 1}
		}
		tm, _ := w.teamOf(p, rel)
		id := w.a.NewUser(t, fmt.Sprintf("fresh%d@kehu.test", w.next()), tm)
		if inactive {
			if _, err := w.a.IAM.SetActive(testkit.System(), id, false); err != nil {
				t.Fatal(err)
			}
		}
		return testkit.Target{ID: id, Team: tm, Version: w.userVersion(t, id)}
	}
}

// userUnchanged reports a refused change that nevertheless reached the user (every change bumps the
// version).
func (w *world) userUnchanged(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
	if tg.ID == testkit.MissingID || tg.Version == 0 {
		return nil
	}
	u, err := w.a.IAM.GetUser(testkit.System(), tg.ID)
	if err != nil {
		return err
	}
	if u.Version != tg.Version {
		return fmt.Errorf("user %d went from version %d to %d (team now %v, active %v)", tg.ID, tg.Version, u.Version, u.TeamID, u.Active)
	}
	return nil
}

func (w *world) roleUnchanged(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
	if tg.ID == testkit.MissingID {
		return nil
	}
	r, err := w.a.IAM.GetRole(testkit.System(), tg.ID)
	if err != nil {
		return fmt.Errorf("role %d: %v", tg.ID, err)
	}
	if r.Version != tg.Version {
		return fmt.Errorf("role %d went from version %d to %d", tg.ID, tg.Version, r.Version)
	}
	return nil
}

func (w *world) teamVersion(t testing.TB, id int64) int64 {
	tm, err := w.a.IAM.GetTeam(testkit.System(), id)
	if err != nil {
		t.Fatalf("team %d: %v", id, err)
	}
	return tm.Version
}

func (w *world) freshRole(t testing.TB, _ testkit.Principal, rel testkit.Relation) testkit.Target {
	if rel == testkit.RelMissing {
		return testkit.Target{ID: testkit.MissingID, Version: 1}
	}
	r := w.admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": fmt.Sprintf("Fresh role %d", w.next()), "grants": []any{}}).Want(t, 201)
	v, _ := r.JSON["version"].(float64)
	return testkit.Target{ID: r.ID(), Version: int64(v)}
}

// tokenOf creates an API token of user (as that user) and returns its id.
func (w *world) tokenOf(t testing.TB, user int64) int64 {
	ctx := authz.WithActor(context.Background(), authz.NewUserActor(user, w.users[user], nil, nil, 0))
	tk, _, err := w.a.IAM.CreateToken(ctx, iam.TokenInput{Name: fmt.Sprintf("victim %d", w.next())})
	if err != nil {
		t.Fatalf("token of %d: %v", user, err)
	}
	return tk.ID
}

// Content checks of list answers (run before any case changes the world: operations run in order).

func (w *world) visibleUsers(x *who) []int64 {
	var out []int64
	for id, tm := range w.users {
		if w.tree.Reaches(x.grants["user:read"], x.UserID, x.TeamID, id, tm) {
			out = append(out, id)
		}
	}
	return out
}

func (w *world) verifyUsers(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	x := w.who[p.Name]
	items, status := p.Client.ListAll(t, "/api/v1/users")
	if status != 200 {
		return fmt.Errorf("paging: status %d", status)
	}
	if d := testkit.SameIDs(testkit.IDs(items), w.visibleUsers(x)); d != "" {
		return fmt.Errorf("user list with user:read=%s: %s", x.grants["user:read"], d)
	}
	return nil
}

func (w *world) verifyTeams(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	var want []int64
	for id := range w.tree {
		want = append(want, id)
	}
	if d := testkit.SameIDs(testkit.IDs(r.Items()), want); d != "" {
		return fmt.Errorf("team list: %s", d)
	}
	return nil
}

func (w *world) verifyRoles(t testing.TB, _ testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	if d := testkit.SameIDs(testkit.IDs(r.Items()), w.roles); d != "" {
		return fmt.Errorf("role list: %s", d)
	}
	return nil
}

func (w *world) verifyTokens(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	if d := testkit.SameIDs(testkit.IDs(r.Items()), w.tokens[p.UserID]); d != "" {
		return fmt.Errorf("token list of user %d: %s", p.UserID, d)
	}
	return nil
}

func (w *world) verifyAudit(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, _ *testkit.Response) error {
	x := w.who[p.Name]
	sc := x.grants["audit:read"]
	items, status := p.Client.ListAll(t, "/api/v1/audit-events")
	if status != 200 {
		return fmt.Errorf("paging: status %d", status)
	}
	seen := map[int64]bool{}
	for _, ev := range items {
		f, ok := ev["actorId"].(float64)
		actor := int64(f)
		if !ok {
			if sc != all {
				return fmt.Errorf("audit:read=%s sees event %v without a person as actor", sc, ev["id"])
			}
			continue
		}
		seen[actor] = true
		tm, known := w.users[actor]
		if !known || !w.tree.Reaches(sc, x.UserID, x.TeamID, actor, tm) {
			return fmt.Errorf("audit:read=%s sees event %v (%v) of user %d (team %d)", sc, ev["id"], ev["action"], actor, tm)
		}
	}
	for _, u := range w.signedIn {
		if w.tree.Reaches(sc, x.UserID, x.TeamID, u, w.users[u]) && !seen[u] {
			return fmt.Errorf("audit:read=%s does not see the sign-in of user %d (team %d)", sc, u, w.users[u])
		}
	}
	return nil
}

func (w *world) verifyMe(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	x := w.who[p.Name]
	if r.ID() != p.UserID {
		return fmt.Errorf("me is user %d, want %d", r.ID(), p.UserID)
	}
	got := map[string]string{}
	rights, _ := r.JSON["rights"].(map[string]any)
	for k, v := range rights {
		if slices.Contains(iamRights, k) {
			got[k] = fmt.Sprint(v)
		}
	}
	want := map[string]string{}
	for k, v := range x.grants {
		if v > none {
			want[k] = v.String()
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return fmt.Errorf("iam rights %v, want %v", got, want)
	}
	return nil
}
