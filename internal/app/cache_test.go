package app_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// TestCachesFollowWritesOnOtherNodes: two nodes share a database; node B has warm caches (actors,
// team tree, names, custom field definitions) and node A changes each of them. B's next request sees
// every change (store.Snapshot epochs), as it does a revoked session and a deactivated user.
func TestCachesFollowWritesOnOtherNodes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		database := testkit.NewDB(t, d)
		a := testkit.NewAppOn(t, database)
		b := testkit.NewAppOn(t, database)
		tp := a.NewTopology(t)
		sys := testkit.System()
		onB := func(c *testkit.Client) *testkit.Client {
			nc := b.Client()
			for _, ck := range c.Cookies(a.URL) {
				nc.SetCookie(b.URL, ck)
			}
			return nc
		}
		am1A := a.Login(t, "am.east1@kehu.test")
		am1, dir, admin := onB(am1A), onB(a.Login(t, "director@kehu.test")), onB(a.Login(t, "admin@kehu.test"))
		path := "/api/v1/accounts/" + strconv.FormatInt(am1.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "华为"}).Want(t, 201).ID(), 10)
		if got := am1.Do(t, "GET", path, nil).Want(t, 200).Str("ownerName"); got != "am.east1@kehu.test" {
			t.Fatalf("ownerName = %q", got)
		}

		// Team tree: East-1 moves from under East to under West; the East director loses its accounts.
		dir.Do(t, "GET", path, nil).Want(t, 200)
		tm, err := a.IAM.GetTeam(sys, tp.East1)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.IAM.UpdateTeam(sys, tp.East1, tm.Version, iam.TeamInput{ParentID: &tp.West}); err != nil {
			t.Fatal(err)
		}
		dir.Do(t, "GET", path, nil).Want(t, 404)

		// Names: a renamed owner shows at once.
		u, err := a.IAM.GetUser(sys, tp.AMEast1)
		if err != nil {
			t.Fatal(err)
		}
		name := "新名字"
		if _, err := a.IAM.UpdateUser(sys, tp.AMEast1, u.Version, iam.UserInput{Name: &name}); err != nil {
			t.Fatal(err)
		}
		if got := am1.Do(t, "GET", path, nil).Want(t, 200).Str("ownerName"); got != name {
			t.Fatalf("ownerName after rename = %q", got)
		}

		// Custom field definitions: a field defined on A is accepted on B.
		body := map[string]any{"name": "中兴", "custom": map[string]any{"budget": 5}}
		admin.Do(t, "POST", "/api/v1/accounts", body).Want(t, 422)
		onA := a.Login(t, "admin@kehu.test")
		onA.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "account", "key": "budget",
			"type": "number", "labelZh": "预算", "labelEn": "Budget"}).Want(t, 201)
		admin.Do(t, "POST", "/api/v1/accounts", body).Want(t, 201)

		// Role grants: account managers lose account:read.
		am1.Do(t, "GET", path, nil).Want(t, 200)
		rv, err := a.IAM.GetRole(sys, a.RoleID(t, "account_manager"))
		if err != nil {
			t.Fatal(err)
		}
		grants := slices.DeleteFunc(slices.Clone(rv.Grants), func(g iam.Grant) bool { return g.Right == "account:read" })
		if len(grants) == len(rv.Grants) {
			t.Fatal("account_manager has no account:read grant to remove")
		}
		if _, err := a.IAM.UpdateRole(sys, rv.ID, rv.Version, iam.RoleInput{Grants: &grants}); err != nil {
			t.Fatal(err)
		}
		am1.Do(t, "GET", path, nil).Want(t, 403)

		// Role membership: the director loses every role.
		dir.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		dirUser, err := a.IAM.GetUser(sys, tp.Director)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.IAM.UpdateUser(sys, tp.Director, dirUser.Version, iam.UserInput{RoleIDs: &[]int64{}}); err != nil {
			t.Fatal(err)
		}
		if rights := dir.Do(t, "GET", "/api/v1/me", nil).Want(t, 200).JSON["rights"].(map[string]any); len(rights) != 0 {
			t.Fatalf("rights after losing every role: %v", rights)
		}

		// A deactivated user and a revoked session are refused on the next request.
		if _, err := a.IAM.SetActive(sys, tp.Director, false); err != nil {
			t.Fatal(err)
		}
		dir.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		am1A.Do(t, "POST", "/api/v1/auth/logout", nil).Want(t, 204)
		am1.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
	})
}
