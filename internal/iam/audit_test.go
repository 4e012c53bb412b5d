package iam_test

import (
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func auditRows(t *testing.T, c *testkit.Client, query string) []map[string]any {
	t.Helper()
	return c.Do(t, "GET", "/api/v1/audit-events?limit=200&"+query, nil).Want(t, 200).Items()
}

func TestAuditTrail(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		adminID := a.NewUser(t, "admin@kehu.test", 0, "admin")
		c := a.Login(t, "admin@kehu.test")
		c.Header.Set("X-Request-Id", "req-audit-1")
		created := c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "new@kehu.test", "name": "新人", "password": "Initial-pass-123",
			"roleIds": []int64{a.RoleID(t, "account_manager")}}).Want(t, 201)
		id := created.ID()
		c.Do(t, "PATCH", "/api/v1/users/"+itoa(id), map[string]any{"name": "新同事"}, "If-Match", `"1"`).Want(t, 200)
		a.Client().Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "new@kehu.test", "password": "bad"}).Want(t, 401)

		rows := auditRows(t, c, "entity=user&entityId="+itoa(id))
		actions := map[string]map[string]any{}
		for _, r := range rows {
			actions[r["action"].(string)] = r
		}
		for _, want := range []string{"create", "update", "permission.change", "login.failure"} {
			if actions[want] == nil {
				t.Fatalf("no %s event in %v", want, rows)
			}
		}
		cr := actions["create"]
		if int64(cr["actorId"].(float64)) != adminID || cr["actorKind"] != "user" || cr["requestId"] != "req-audit-1" {
			t.Errorf("create event: %v", cr)
		}
		ch := cr["changes"].(map[string]any)
		if ch["password_hash"].(map[string]any)["new"] != "[redacted]" || ch["name"].(map[string]any)["new"] != "新人" {
			t.Errorf("create changes: %v", ch)
		}
		raw := string(c.Do(t, "GET", "/api/v1/audit-events?limit=200", nil).Raw)
		if strings.Contains(raw, "Initial-pass-123") || strings.Contains(raw, "$argon2id$") {
			t.Fatal("a secret reached the audit log")
		}
		up := actions["update"]["changes"].(map[string]any)["name"].(map[string]any)
		if up["old"] != "新人" || up["new"] != "新同事" {
			t.Errorf("update diff: %v", up)
		}
		if actions["login.failure"]["actorKind"] != "anonymous" {
			t.Errorf("login failure actor: %v", actions["login.failure"])
		}
		// Filters work and the log is newest first.
		logins := auditRows(t, c, "action=login.success")
		if len(logins) == 0 || int64(logins[0]["actorId"].(float64)) != adminID {
			t.Errorf("login.success rows: %v", logins)
		}
		// Permission changes on roles are audited with old and new grants.
		role := c.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Auditors", "grants": []map[string]string{{"right": "audit:read", "scope": "all"}}}).Want(t, 201)
		pc := auditRows(t, c, "entity=role&action=permission.change&entityId="+itoa(role.ID()))
		if len(pc) != 1 || !strings.Contains(toJSON(pc[0]["changes"]), "audit:read=all") {
			t.Errorf("role permission change: %v", pc)
		}
		// No operation edits or deletes audit rows.
		for _, m := range []string{"PATCH", "PUT", "DELETE"} {
			if s := c.Do(t, m, "/api/v1/audit-events/1", map[string]any{}).Status; s != 404 && s != 405 {
				t.Errorf("%s on an audit row answered %d", m, s)
			}
		}
	})
}

func TestSignInDoesNotAddAnUpdateRow(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	id := a.NewUser(t, "admin@kehu.test", 0, "admin")
	c := a.Login(t, "admin@kehu.test")
	a.Login(t, "admin@kehu.test")
	rows := auditRows(t, c, "entity=user&entityId="+itoa(id))
	counts := map[string]int{}
	for _, r := range rows {
		counts[r["action"].(string)]++
	}
	if counts["login.success"] != 2 || counts["update"] != 0 {
		t.Fatalf("audit rows for two sign-ins: %v", counts)
	}
}
