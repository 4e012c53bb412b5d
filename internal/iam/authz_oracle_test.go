// The oracle: what each principal may do, restated by hand from SPEC A2 and ARCHITECTURE.md §4.

package iam_test

import (
	"net/http"
	"strings"

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
