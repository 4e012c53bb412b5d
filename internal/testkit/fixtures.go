package testkit

import (
	"context"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Password is the password every fixture user has.
const Password = "Fixture-pass-2026"

// System returns a context acting as the system.
func System() context.Context { return authz.AsSystem(context.Background()) }

// RoleID returns the id of a built-in role.
func (a *App) RoleID(t testing.TB, key string) int64 {
	t.Helper()
	ctx := System()
	id, err := a.Store.Client(ctx).Role.Query().Where(role.Key(key)).OnlyID(ctx)
	if err != nil {
		t.Fatalf("role %s: %v", key, err)
	}
	return id
}

// NewTeam creates a team below parent (0 for top level).
func (a *App) NewTeam(t testing.TB, name string, parent int64) int64 {
	t.Helper()
	tm, err := a.IAM.CreateTeam(System(), iam.TeamInput{Name: &name, ParentID: &parent})
	if err != nil {
		t.Fatalf("team %s: %v", name, err)
	}
	return tm.ID
}

// NewUser creates an active user with built-in roles (by key) in team (0 for none).
func (a *App) NewUser(t testing.TB, email string, team int64, roleKeys ...string) int64 {
	t.Helper()
	ids := []int64{}
	for _, k := range roleKeys {
		ids = append(ids, a.RoleID(t, k))
	}
	pw, name := Password, email
	u, err := a.IAM.CreateUser(System(), iam.UserInput{Email: &email, Name: &name, Password: &pw, TeamID: &team, RoleIDs: &ids})
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u.ID
}

// Login returns a client signed in as email (with the fixture password).
func (a *App) Login(t testing.TB, email string) *Client {
	t.Helper()
	c := a.Client()
	c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": Password}).Want(t, 200)
	return c
}

// Topology is the authorization fixture: a team tree and one user per built-in role.
//
//	HQ
//	├── East            director (sales_director), amEast (account_manager)
//	│   └── East-1      amEast1 (account_manager)
//	└── West            amWest (account_manager), agent (service_agent)
//	(no team)           admin, exec (executive), marketer (marketing), nobody (no role)
type Topology struct {
	HQ, East, East1, West                                                   int64
	Admin, Director, AMEast, AMEast1, AMWest, Agent, Exec, Marketer, Nobody int64
}

// NewTopology builds the fixture on a.
func (a *App) NewTopology(t testing.TB) Topology {
	t.Helper()
	var tp Topology
	tp.HQ = a.NewTeam(t, "HQ 总部", 0)
	tp.East = a.NewTeam(t, "East 华东", tp.HQ)
	tp.East1 = a.NewTeam(t, "East-1 华东一组", tp.East)
	tp.West = a.NewTeam(t, "West 华西", tp.HQ)
	tp.Admin = a.NewUser(t, "admin@kehu.test", 0, "admin")
	tp.Director = a.NewUser(t, "director@kehu.test", tp.East, "sales_director")
	tp.AMEast = a.NewUser(t, "am.east@kehu.test", tp.East, "account_manager")
	tp.AMEast1 = a.NewUser(t, "am.east1@kehu.test", tp.East1, "account_manager")
	tp.AMWest = a.NewUser(t, "am.west@kehu.test", tp.West, "account_manager")
	tp.Agent = a.NewUser(t, "agent@kehu.test", tp.West, "service_agent")
	tp.Exec = a.NewUser(t, "exec@kehu.test", 0, "executive")
	tp.Marketer = a.NewUser(t, "marketer@kehu.test", 0, "marketing")
	tp.Nobody = a.NewUser(t, "nobody@kehu.test", tp.West)
	return tp
}
