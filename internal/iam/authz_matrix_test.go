package iam_test

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

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
