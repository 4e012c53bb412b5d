package iam_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle. Everything between here and "The world" is the test's own statement of who may do what
// with iam data; it deliberately does not read iam.BuiltinRoles or the authz package.

const (
	none    = testkit.ScopeNone
	own     = testkit.ScopeOwn
	team    = testkit.ScopeTeam
	subtree = testkit.ScopeSubtree
	all     = testkit.ScopeAll
)

// iamRights are the rights of the iam module (users, teams, roles, audit log).
var iamRights = []string{"user:read", "user:create", "user:update", "team:read", "team:create", "team:update",
	"team:delete", "role:read", "role:create", "role:update", "role:delete", "audit:read"}

// builtinGrants restates SPEC A2 for the iam resources, role by role:
//   - the administrator manages users, roles and settings: every right, everywhere;
//   - the sales director sees their team's data (their team and the teams below), may read the
//     organisation chart and the role catalogue, and reviews the audit trail of their teams;
//   - account managers, service agents and marketing see the people of their own team and the chart;
//   - the executive reviews everything but changes nothing.
var builtinGrants = map[string]testkit.Grants{
	"admin": func() testkit.Grants {
		g := testkit.Grants{}
		for _, r := range iamRights {
			g[r] = all
		}
		return g
	}(),
	"sales_director":  {"user:read": subtree, "team:read": all, "role:read": all, "audit:read": subtree},
	"account_manager": {"user:read": team, "team:read": all},
	"service_agent":   {"user:read": team, "team:read": all},
	"marketing":       {"user:read": team, "team:read": all},
	"executive":       {"user:read": all, "team:read": all, "role:read": all, "audit:read": all},
}

// Custom roles this test creates, to reach the scoped write paths no built-in role has.
var (
	// A department head manages the people of their own team and the teams below theirs; they hold
	// role rights with less than the all scope, which must not let them change roles.
	deptHeadGrants = testkit.Grants{"user:read": subtree, "user:create": team, "user:update": team,
		"team:read": all, "team:create": subtree, "team:update": subtree, "team:delete": subtree,
		"role:read": all, "role:create": team, "role:update": subtree, "role:delete": team, "audit:read": team}
	// Self-service reaches only the holder's own record.
	selfServiceGrants = testkit.Grants{"user:read": own, "user:update": own, "team:read": own, "audit:read": own}
)

// who is a principal with what the oracle knows about it.
type who struct {
	testkit.Principal
	grants testkit.Grants
	// active is false for the anonymous client and for a deactivated user's session.
	active bool
	// token is set when the principal authenticates with an API token.
	token   bool
	roleIDs []int64
}

func (w *world) want(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	x := w.who[p.Name]
	if !x.active {
		return http.StatusUnauthorized
	}
	g := x.grants
	// needs answers 403 when the operation's right is not held at all, whatever the record.
	needs := func(right string) bool { return g[right] > none }
	reach := func(right string, r testkit.Relation) bool { return testkit.ReachesRelation(g[right], r) }
	// userRecord: out of read scope or out of write scope both look like a missing record.
	userRecord := func(write string, ok int) int {
		switch {
		case rel == testkit.RelMissing, !reach("user:read", rel), !reach(write, rel):
			return http.StatusNotFound
		}
		return ok
	}
	switch op.Name {
	case "listUsers", "getUser":
		if !needs("user:read") {
			return http.StatusForbidden
		}
		if rel == testkit.RelNone {
			return http.StatusOK
		}
		return userRecord("user:read", http.StatusOK)
	case "createUser":
		// Placement: the new user's team must lie within the user:create scope (no team needs all).
		if !needs("user:create") || !reach("user:create", rel) {
			return http.StatusForbidden
		}
		return http.StatusCreated
	case "updateUser", "activateUser":
		if !needs("user:update") {
			return http.StatusForbidden
		}
		return userRecord("user:update", http.StatusOK)
	case "deactivateUser":
		if !needs("user:update") {
			return http.StatusForbidden
		}
		if rel == testkit.RelSelf {
			return http.StatusConflict
		}
		return userRecord("user:update", http.StatusOK)
	case "setUserRoles":
		if !needs("user:update") {
			return http.StatusForbidden
		}
		if rel == testkit.RelMissing || !reach("user:read", rel) {
			return http.StatusNotFound
		}
		// Changing roles is a permission change: role:update with the all scope, else 403.
		if g["role:update"] != all {
			return http.StatusForbidden
		}
		return userRecord("user:update", http.StatusOK)
	case "moveUser":
		// The user moved is a fresh one of the principal's own team (or of none); rel is the destination.
		home := testkit.RelSameTeam
		if x.TeamID == 0 {
			home = testkit.RelNoTeam
		}
		switch {
		case !needs("user:update"):
			return http.StatusForbidden
		case !reach("user:read", home), !reach("user:update", home):
			return http.StatusNotFound
		case !reach("user:update", rel):
			return http.StatusForbidden
		}
		return http.StatusOK

	case "listTeams", "getTeam":
		// Teams are the organisation chart: any scope of team:read reads every team.
		if !needs("team:read") {
			return http.StatusForbidden
		}
		if rel == testkit.RelMissing {
			return http.StatusNotFound
		}
		return http.StatusOK
	case "createTeam":
		// rel is where the new team hangs; top level (noTeam) needs all.
		if !needs("team:create") || !reach("team:create", rel) {
			return http.StatusForbidden
		}
		return http.StatusCreated
	case "updateTeam", "deleteTeam":
		right := "team:update"
		if op.Name == "deleteTeam" {
			right = "team:delete"
		}
		switch {
		case !needs(right):
			return http.StatusForbidden
		case rel == testkit.RelMissing, !reach(right, rel):
			return http.StatusNotFound
		case op.Name == "updateTeam":
			return http.StatusOK
		case rel == testkit.RelSameTeam:
			return http.StatusConflict // the principal's own team has members
		}
		return http.StatusNoContent

	case "listRoles", "getRole", "listRights":
		if !needs("role:read") {
			return http.StatusForbidden
		}
		if rel == testkit.RelMissing {
			return http.StatusNotFound
		}
		return http.StatusOK
	case "createRole", "updateRole", "deleteRole":
		// Roles are organisation-wide: a role right with a scope below all grants nothing.
		if g["role:"+strings.TrimSuffix(op.Name, "Role")] != all {
			return http.StatusForbidden
		}
		switch {
		case op.Name == "createRole":
			return http.StatusCreated
		case rel == testkit.RelMissing:
			return http.StatusNotFound
		case op.Name == "updateRole":
			return http.StatusOK
		}
		return http.StatusNoContent

	case "listAuditEvents":
		if !needs("audit:read") {
			return http.StatusForbidden
		}
		return http.StatusOK

	case "listApiTokens", "getMe":
		return http.StatusOK
	case "createApiToken", "revokeApiToken":
		// Tokens are managed from a signed-in session only: a token that could mint tokens could
		// escape its own scopes and expiry.
		if x.token {
			return http.StatusForbidden
		}
		if op.Name == "createApiToken" {
			return http.StatusCreated
		}
		// Tokens are personal: only one's own exists.
		if rel == testkit.RelSelf {
			return http.StatusNoContent
		}
		return http.StatusNotFound
	}
	panic("oracle: unknown operation " + op.Name)
}

// The world: the topology, the custom-role principals, target records and what the test knows of them.

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

func (w *world) operations() []testkit.Operation {
	userRels := testkit.TeamRelations
	placeRels := []testkit.Relation{testkit.RelSameTeam, testkit.RelSubteam, testkit.RelParentTeam, testkit.RelOtherTeam, testkit.RelNoTeam}
	teamRels := []testkit.Relation{testkit.RelSameTeam, testkit.RelSubteam, testkit.RelParentTeam, testkit.RelOtherTeam, testkit.RelMissing}
	anyRels := []testkit.Relation{testkit.RelAny, testkit.RelMissing}
	appliesTeam := func(p testkit.Principal, rel testkit.Relation) bool {
		if rel == testkit.RelMissing {
			return true
		}
		_, ok := w.teamOf(p, rel)
		return ok
	}
	uniq := func(prefix string) string { return fmt.Sprintf("%s %d", prefix, w.next()) }
	return []testkit.Operation{
		// Lists and reads first: their content checks see the world as built.
		{Name: "listUsers", Method: "GET", Path: "/api/v1/users", Verify: w.verifyUsers},
		{Name: "listTeams", Method: "GET", Path: "/api/v1/teams", Query: "limit=200", Verify: w.verifyTeams},
		{Name: "listRoles", Method: "GET", Path: "/api/v1/roles", Query: "limit=200", Verify: w.verifyRoles},
		{Name: "listRights", Method: "GET", Path: "/api/v1/rights"},
		{Name: "listAuditEvents", Method: "GET", Path: "/api/v1/audit-events", Verify: w.verifyAudit},
		{Name: "listApiTokens", Method: "GET", Path: "/api/v1/api-tokens", Query: "limit=200", Verify: w.verifyTokens},
		{Name: "getMe", Method: "GET", Path: "/api/v1/me", Verify: w.verifyMe},
		{Name: "getUser", Method: "GET", Path: "/api/v1/users/{id}", Relations: userRels, Applies: w.appliesUser,
			Setup: w.existingUser},
		{Name: "getTeam", Method: "GET", Path: "/api/v1/teams/{id}", Relations: teamRels, Applies: appliesTeam,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				if rel == testkit.RelMissing {
					return testkit.Target{ID: testkit.MissingID}
				}
				tm, _ := w.teamOf(p, rel)
				return testkit.Target{ID: tm}
			}},
		{Name: "getRole", Method: "GET", Path: "/api/v1/roles/{id}", Relations: anyRels,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				if rel == testkit.RelMissing {
					return testkit.Target{ID: testkit.MissingID}
				}
				return testkit.Target{ID: w.roleIDs["account_manager"]}
			}},

		// Users.
		{Name: "createUser", Method: "POST", Path: "/api/v1/users", Relations: placeRels, Applies: appliesTeam,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				tm, _ := w.teamOf(p, rel)
				return testkit.Target{Team: tm, Data: map[string]any{"email": fmt.Sprintf("new%d@kehu.test", w.next())}}
			},
			Body: func(p testkit.Principal, rel testkit.Relation, tg testkit.Target) any {
				return map[string]any{"email": tg.Data["email"], "name": "New", "password": testkit.Password, "teamId": tg.Team}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				ctx := testkit.System()
				if ok, _ := w.a.Store.Client(ctx).User.Query().Where(user.Email(tg.Data["email"].(string))).Exist(ctx); ok {
					return fmt.Errorf("user %s was created", tg.Data["email"])
				}
				return nil
			}},
		{Name: "updateUser", Method: "PATCH", Path: "/api/v1/users/{id}", Relations: userRels, Applies: w.appliesUser,
			Setup: w.freshUser(false), Denied: w.userUnchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"name": uniq("Renamed")}
			}},
		{Name: "setUserRoles", Method: "PATCH", Path: "/api/v1/users/{id}", Relations: userRels, Applies: w.appliesUser,
			Setup: w.freshUser(false), Denied: w.userUnchanged,
			Body: func(p testkit.Principal, rel testkit.Relation, _ testkit.Target) any {
				roles := []int64{w.roleIDs["service_agent"]}
				if rel == testkit.RelSelf {
					roles = w.who[p.Name].roleIDs // unchanged, so an administrator keeps theirs
				}
				return map[string]any{"roleIds": append([]int64{}, roles...)}
			}},
		{Name: "moveUser", Method: "PATCH", Path: "/api/v1/users/{id}", Relations: placeRels, Applies: appliesTeam,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				dest, _ := w.teamOf(p, rel)
				id := w.a.NewUser(t, fmt.Sprintf("mover%d@kehu.test", w.next()), p.TeamID)
				return testkit.Target{ID: id, Team: dest, Version: w.userVersion(t, id)}
			},
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"teamId": tg.Team}
			},
			Denied: w.userUnchanged},
		{Name: "deactivateUser", Method: "POST", Path: "/api/v1/users/{id}/deactivate", Relations: userRels, Applies: w.appliesUser,
			Setup: w.freshUser(false), Denied: w.userUnchanged},
		{Name: "activateUser", Method: "POST", Path: "/api/v1/users/{id}/activate", Relations: userRels, Applies: w.appliesUser,
			Setup: w.freshUser(true), Denied: w.userUnchanged},

		// Teams.
		{Name: "createTeam", Method: "POST", Path: "/api/v1/teams", Relations: placeRels, Applies: appliesTeam,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				tm, _ := w.teamOf(p, rel)
				return testkit.Target{Team: tm}
			},
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"name": uniq("New team"), "parentId": tg.Team}
			}},
		{Name: "updateTeam", Method: "PATCH", Path: "/api/v1/teams/{id}", Relations: teamRels, Applies: appliesTeam,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				if rel == testkit.RelMissing {
					return testkit.Target{ID: testkit.MissingID, Version: 1}
				}
				tm, _ := w.teamOf(p, rel)
				return testkit.Target{ID: tm, Version: w.teamVersion(t, tm)}
			},
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"description": uniq("Described")}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				if tg.ID != testkit.MissingID && w.teamVersion(t, tg.ID) != tg.Version {
					return fmt.Errorf("team %d changed", tg.ID)
				}
				return nil
			}},
		{Name: "deleteTeam", Method: "DELETE", Path: "/api/v1/teams/{id}",
			Relations: []testkit.Relation{testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam, testkit.RelNoTeam, testkit.RelMissing},
			Applies: func(p testkit.Principal, rel testkit.Relation) bool {
				if rel == testkit.RelSubteam {
					return p.TeamID != 0 // a fresh team is made below the principal's
				}
				return appliesTeam(p, rel)
			},
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				switch rel {
				case testkit.RelMissing:
					return testkit.Target{ID: testkit.MissingID}
				case testkit.RelSameTeam:
					return testkit.Target{ID: p.TeamID}
				case testkit.RelSubteam:
					return testkit.Target{ID: w.a.NewTeam(t, uniq("Doomed"), p.TeamID)}
				}
				parent, _ := w.teamOf(p, rel) // otherTeam: below an unrelated team; noTeam: top level
				return testkit.Target{ID: w.a.NewTeam(t, uniq("Doomed"), parent)}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				if _, err := w.a.IAM.GetTeam(testkit.System(), tg.ID); tg.ID != testkit.MissingID && err != nil {
					return fmt.Errorf("team %d: %v", tg.ID, err)
				}
				return nil
			}},

		// Roles.
		{Name: "createRole", Method: "POST", Path: "/api/v1/roles",
			Setup: func(testing.TB, testkit.Principal, testkit.Relation) testkit.Target {
				return testkit.Target{Data: map[string]any{"name": uniq("Made role")}}
			},
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"name": tg.Data["name"], "grants": []map[string]string{{"right": "user:read", "scope": "own"}}}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				ctx := testkit.System()
				if ok, _ := w.a.Store.Client(ctx).Role.Query().Where(role.Name(tg.Data["name"].(string))).Exist(ctx); ok {
					return fmt.Errorf("role %q was created", tg.Data["name"])
				}
				return nil
			}},
		{Name: "updateRole", Method: "PATCH", Path: "/api/v1/roles/{id}", Relations: anyRels, Setup: w.freshRole, Denied: w.roleUnchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"description": uniq("Described")}
			}},
		{Name: "deleteRole", Method: "DELETE", Path: "/api/v1/roles/{id}", Relations: anyRels, Setup: w.freshRole, Denied: w.roleUnchanged},

		// API tokens (personal).
		{Name: "createApiToken", Method: "POST", Path: "/api/v1/api-tokens",
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"name": uniq("made")}
			}},
		{Name: "revokeApiToken", Method: "DELETE", Path: "/api/v1/api-tokens/{id}",
			Relations: []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelOtherTeam, testkit.RelNoTeam, testkit.RelMissing},
			Applies:   w.appliesUser,
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				switch rel {
				case testkit.RelMissing:
					return testkit.Target{ID: testkit.MissingID}
				case testkit.RelSelf:
					return testkit.Target{ID: w.tokenOf(t, p.UserID)}
				}
				tm, _ := w.teamOf(p, rel)
				return testkit.Target{ID: w.tokenOf(t, w.targets[tm])}
			}},
	}
}

// TestAuthzMatrix walks every iam operation for every principal and record relationship on each
// database, against the oracle above.
func TestAuthzMatrix(t *testing.T) {
	if os.Getenv("KEHU_TEST_LOG") == "" {
		// Every refused case would otherwise log a line through the default logger.
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
		t.Cleanup(func() { slog.SetDefault(prev) })
	}
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		w := newWorld(t, a)
		m := &testkit.Matrix{Principals: w.principals(), Ops: w.operations(), Oracle: w.want, CompareNotFound: true}
		m.Run(t)

		t.Run("TokenNeverExceedsItsScopes", func(t *testing.T) {
			adm := w.who["admin+token[user:read]"].Client
			adm.Do(t, "GET", "/api/v1/users", nil).Want(t, 200)
			adm.Do(t, "POST", "/api/v1/users", map[string]any{"email": "by-token@kehu.test", "name": "T", "password": testkit.Password}).Want(t, 403)
			// Whatever the answer to minting another token, the result must not exceed user:read.
			r := adm.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "child"})
			if r.Status == 201 {
				child := a.Client()
				child.Bearer = r.Str("token")
				if got := child.Do(t, "POST", "/api/v1/users", map[string]any{"email": "by-child@kehu.test", "name": "C", "password": testkit.Password}); got.Status != 403 {
					t.Errorf("a token limited to user:read minted a token (201) that created a user: %d %s", got.Status, got.Raw)
				}
			}
		})
		t.Run("TokenNeverExceedsItsOwner", func(t *testing.T) {
			am := w.who["amEast"].Client
			r := am.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "greedy",
				"scopes": []string{"user:read", "user:create", "user:update", "role:update", "audit:read"}})
			if r.Status != 201 {
				// Refusing rights the owner lacks is also acceptable.
				r.Want(t, 422)
				return
			}
			c := a.Client()
			c.Bearer = r.Str("token")
			c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "greedy@kehu.test", "name": "G", "password": testkit.Password}).Want(t, 403)
			c.Do(t, "GET", "/api/v1/audit-events", nil).Want(t, 403)
			c.Do(t, "PATCH", fmt.Sprintf("/api/v1/users/%d", w.tp.AMEast), map[string]any{"name": "x"}, "If-Match", `"1"`).Want(t, 403)
			me := c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
			rights, _ := me.JSON["rights"].(map[string]any)
			if len(rights) != 1 || rights["user:read"] != "team" {
				t.Errorf("token rights %v, want just user:read=team", rights)
			}
			viaToken, _ := c.ListAll(t, "/api/v1/users")
			viaOwner, _ := am.ListAll(t, "/api/v1/users")
			if d := testkit.SameIDs(testkit.IDs(viaToken), testkit.IDs(viaOwner)); d != "" {
				t.Errorf("token's user list against its owner's: %s", d)
			}
		})
	})
}
