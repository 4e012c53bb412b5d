package iam_test

import (
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestTeamHierarchy(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		c := a.Login(t, "admin@kehu.test")
		hq := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "总部"}).Want(t, 201).ID()
		east := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "华东", "parentId": hq}).Want(t, 201).ID()
		east1 := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "华东一组", "parentId": east}).Want(t, 201).ID()
		// A team cannot move below itself or its own descendant.
		r := c.Do(t, "PATCH", "/api/v1/teams/"+itoa(hq), map[string]any{"parentId": east1}, "If-Match", `"1"`).Want(t, 422)
		if r.FieldErrors()["body.parentId"] == "" {
			t.Errorf("cycle not named: %s", r.Raw)
		}
		c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "x", "parentId": 999999}).Want(t, 422)
		// Members are counted, and a team with sub-teams or members cannot be deleted.
		a.NewUser(t, "member@kehu.test", east1)
		if n := c.Do(t, "GET", "/api/v1/teams/"+itoa(east1), nil).Want(t, 200).JSON["memberCount"]; n != float64(1) {
			t.Errorf("memberCount %v", n)
		}
		c.Do(t, "DELETE", "/api/v1/teams/"+itoa(east), nil).Want(t, 409)
		c.Do(t, "DELETE", "/api/v1/teams/"+itoa(east1), nil).Want(t, 409)
		kids := c.Do(t, "GET", "/api/v1/teams?parentId="+itoa(hq), nil).Want(t, 200).Items()
		if len(kids) != 1 || kids[0]["name"] != "华东" {
			t.Errorf("children of HQ: %v", kids)
		}
		empty := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "临时"}).Want(t, 201).ID()
		c.Do(t, "DELETE", "/api/v1/teams/"+itoa(empty), nil).Want(t, 204)
		c.Do(t, "GET", "/api/v1/teams/"+itoa(empty), nil).Want(t, 404)
	})
}

func TestRolesAndRights(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		c := a.Login(t, "admin@kehu.test")
		roles := c.Do(t, "GET", "/api/v1/roles?limit=200", nil).Want(t, 200).Items()
		keys := map[string]bool{}
		for _, r := range roles {
			if k, ok := r["key"].(string); ok {
				keys[k] = true
			}
		}
		for _, k := range []string{"admin", "sales_director", "account_manager", "service_agent", "marketing", "executive"} {
			if !keys[k] {
				t.Errorf("built-in role %s missing", k)
			}
		}
		c.Do(t, "PATCH", "/api/v1/me", map[string]string{"locale": "en"}).Want(t, 200)
		byRight := func(items []map[string]any, right string) map[string]any {
			for _, it := range items {
				if it["right"] == right {
					return it
				}
			}
			t.Fatalf("right %s not listed in %v", right, items)
			return nil
		}
		rights := c.Do(t, "GET", "/api/v1/rights", nil).Want(t, 200).Items()
		if len(rights) < 12 {
			t.Fatalf("rights: %v", rights)
		}
		en := byRight(rights, "user:read")
		c.Do(t, "PATCH", "/api/v1/me", map[string]string{"locale": "zh-CN"}).Want(t, 200)
		zh := byRight(c.Do(t, "GET", "/api/v1/rights", nil).Want(t, 200).Items(), "user:read")
		if zh["actionLabel"] != "查看" || zh["resourceLabel"] != "用户" || en["actionLabel"] != "View" || en["resourceLabel"] != "Users" {
			t.Errorf("right labels not localised: %v / %v", zh, en)
		}
		bad := c.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Bad", "grants": []map[string]string{
			{"right": "user:fly", "scope": "all"}, {"right": "user:read", "scope": "all"}, {"right": "user:read", "scope": "own"}}}).Want(t, 422)
		fe := bad.FieldErrors()
		if fe["body.grants[0].right"] == "" || fe["body.grants[2].right"] == "" {
			t.Errorf("grant errors: %s", bad.Raw)
		}
		c.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Bad", "grants": []map[string]string{{"right": "user:read", "scope": "galaxy"}}}).Want(t, 422)
		custom := c.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Team reader", "grants": []map[string]string{{"right": "user:read", "scope": "team"}}}).Want(t, 201)
		id := custom.ID()
		// Grants take effect for holders at once.
		uid := a.NewUser(t, "reader@kehu.test", 0)
		reader := a.Login(t, "reader@kehu.test")
		reader.Do(t, "GET", "/api/v1/users", nil).Want(t, 403)
		c.Do(t, "PATCH", "/api/v1/users/"+itoa(uid), map[string]any{"roleIds": []int64{id}}, "If-Match", `"1"`).Want(t, 200)
		if s := reader.Do(t, "GET", "/api/v1/me", nil).Want(t, 200).JSON["rights"].(map[string]any)["user:read"]; s != "team" {
			t.Fatalf("reader's user:read scope %v", s)
		}
		reader.Do(t, "GET", "/api/v1/users", nil).Want(t, 200)
		c.Do(t, "DELETE", "/api/v1/roles/"+itoa(id), nil).Want(t, 409)
		c.Do(t, "DELETE", "/api/v1/roles/"+itoa(a.RoleID(t, "marketing")), nil).Want(t, 409)
		c.Do(t, "PATCH", "/api/v1/roles/"+itoa(id), map[string]any{"grants": []map[string]string{}}, "If-Match", `"1"`).Want(t, 200)
		reader.Do(t, "GET", "/api/v1/users", nil).Want(t, 403)
		spare := c.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Spare", "grants": []map[string]string{}}).Want(t, 201).ID()
		c.Do(t, "DELETE", "/api/v1/roles/"+itoa(spare), nil).Want(t, 204)
		c.Do(t, "GET", "/api/v1/roles/"+itoa(spare), nil).Want(t, 404)
	})
}

func TestUserAdministration(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		adminID := a.NewUser(t, "admin@kehu.test", 0, "admin")
		c := a.Login(t, "admin@kehu.test")
		r := c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "x", "name": "", "password": "1", "timeZone": "Nowhere/City", "teamId": 4242, "roleIds": []int64{4242}}).Want(t, 422)
		fe := r.FieldErrors()
		for _, f := range []string{"body.email", "body.password", "body.teamId", "body.roleIds", "body.timeZone"} {
			if fe[f] == "" {
				t.Errorf("no error for %s: %s", f, r.Raw)
			}
		}
		loc := c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "fr@kehu.test", "name": "Fr", "password": "Long-enough-pass-1", "locale": "fr"}).Want(t, 422)
		if loc.FieldErrors()["body.locale"] == "" {
			t.Errorf("bad locale not named: %s", loc.Raw)
		}
		c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "ADMIN@kehu.test", "name": "Dup", "password": "Long-enough-pass-1"}).Want(t, 422)
		u := c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "chen@kehu.test", "name": "陈", "password": "Long-enough-pass-1", "locale": "en"}).Want(t, 201)
		if u.Str("locale") != "en" || u.Str("timeZone") != "Asia/Shanghai" || u.JSON["active"] != true {
			t.Errorf("created user: %s", u.Raw)
		}
		c.Do(t, "POST", "/api/v1/users/"+itoa(adminID)+"/deactivate", nil).Want(t, 409)
		list := c.Do(t, "GET", "/api/v1/users?q=陈", nil).Want(t, 200).Items()
		if len(list) != 1 || list[0]["email"] != "chen@kehu.test" {
			t.Errorf("search by name: %v", list)
		}
		if n := len(c.Do(t, "GET", "/api/v1/users?active=false", nil).Want(t, 200).Items()); n != 0 {
			t.Errorf("%d inactive users", n)
		}
		meta := c.Do(t, "GET", "/api/v1/meta", nil).Want(t, 200)
		ents := meta.JSON["entities"].([]any)
		found := false
		for _, e := range ents {
			em := e.(map[string]any)
			if em["name"] == "user" {
				found = true
				for _, f := range em["fields"].([]any) {
					if f.(map[string]any)["name"] == "passwordHash" {
						t.Error("meta exposes the password hash")
					}
				}
			}
		}
		if !found {
			t.Errorf("no user entity in meta: %s", meta.Raw)
		}
	})
}
