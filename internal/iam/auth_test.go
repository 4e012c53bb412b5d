package iam_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestFirstRunSetup(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := a.Client()
		if got := c.Do(t, "GET", "/api/v1/setup", nil).Want(t, 200).JSON["needed"]; got != true {
			t.Fatalf("setup needed = %v on an empty database", got)
		}
		// Invalid input names every bad field and creates nothing.
		r := c.Do(t, "POST", "/api/v1/setup", map[string]string{"email": "not-an-email", "name": " ", "password": "short", "locale": "en"}).Want(t, 422)
		fe := r.FieldErrors()
		for _, f := range []string{"body.email", "body.name", "body.password"} {
			if fe[f] == "" {
				t.Errorf("no error for %s in %s", f, r.Raw)
			}
		}
		res := c.Do(t, "POST", "/api/v1/setup", map[string]string{"email": "Boss@Example.COM", "name": "老板", "password": "A-good-passphrase-1", "locale": "zh-CN"}).Want(t, 200)
		if res.Str("email") != "boss@example.com" || res.JSON["rights"].(map[string]any)["user:create"] != "all" {
			t.Fatalf("setup result: %s", res.Raw)
		}
		cookie := res.Header.Get("Set-Cookie")
		for _, attr := range []string{"kehu_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, attr) {
				t.Errorf("cookie %q lacks %s", cookie, attr)
			}
		}
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		if got := c.Do(t, "GET", "/api/v1/setup", nil).Want(t, 200).JSON["needed"]; got != false {
			t.Fatal("setup still needed after the first administrator exists")
		}
		again := a.Client().Do(t, "POST", "/api/v1/setup", map[string]string{"email": "x@example.com", "name": "X", "password": "Another-good-pass-2", "locale": "en"})
		again.Want(t, 409)
	})
}

func TestLoginLogoutAndSameAnswerForUnknownEmail(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "li.lei@kehu.test", 0, "account_manager")
		wrong := a.Client().Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "li.lei@kehu.test", "password": "nope-nope-nope"}).Want(t, 401)
		unknown := a.Client().Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "ghost@kehu.test", "password": "nope-nope-nope"}).Want(t, 401)
		if string(wrong.Raw) != string(unknown.Raw) {
			t.Fatalf("answers differ:\n%s\n%s", wrong.Raw, unknown.Raw)
		}
		if ct := wrong.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("content type %q", ct)
		}
		c := a.Client()
		c.Lang = "zh-CN"
		r := c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "LI.LEI@kehu.test ", "password": "nope"}).Want(t, 401)
		if r.Str("detail") != "邮箱或密码错误。" {
			t.Errorf("zh detail %q", r.Str("detail"))
		}
		c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "LI.LEI@kehu.test", "password": testkit.Password}).Want(t, 200)
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		c.Do(t, "POST", "/api/v1/auth/logout", nil).Want(t, 204)
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
	})
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "han.meimei@kehu.test", 0, "account_manager")
		for _, email := range []string{"han.meimei@kehu.test", "nobody-here@kehu.test"} {
			c := a.Client()
			for i := range 5 {
				c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "wrong-password"}).Want(t, 401)
				_ = i
			}
			r := c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": testkit.Password}).Want(t, 429)
			if r.Header.Get("Retry-After") == "" {
				t.Errorf("%s: 429 without Retry-After", email)
			}
		}
		// Another address is unaffected.
		a.NewUser(t, "other@kehu.test", 0)
		a.Login(t, "other@kehu.test")
	})
}

func TestDeactivationStopsSessionsAndTokensAtOnce(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		uid := a.NewUser(t, "leaver@kehu.test", 0, "account_manager")
		admin := a.Login(t, "admin@kehu.test")
		leaver := a.Login(t, "leaver@kehu.test")
		tok := leaver.Do(t, "POST", "/api/v1/api-tokens", map[string]string{"name": "script"}).Want(t, 201).Str("token")
		bearer := a.Client()
		bearer.Bearer = tok
		bearer.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)

		admin.Do(t, "POST", "/api/v1/users/"+itoa(uid)+"/deactivate", nil).Want(t, 200)
		leaver.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		bearer.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		a.Client().Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "leaver@kehu.test", "password": testkit.Password}).Want(t, 401)
		// Reactivated, they may sign in again.
		admin.Do(t, "POST", "/api/v1/users/"+itoa(uid)+"/activate", nil).Want(t, 200)
		a.Login(t, "leaver@kehu.test")
	})
}

func TestAPITokens(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		c := a.Login(t, "admin@kehu.test")
		created := c.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "read users", "scopes": []string{"user:read"}}).Want(t, 201)
		tok := created.Str("token")
		if !strings.HasPrefix(tok, "khu_") || !strings.HasPrefix(tok, created.Str("prefix")) {
			t.Fatalf("token %q prefix %q", tok, created.Str("prefix"))
		}
		list := c.Do(t, "GET", "/api/v1/api-tokens", nil).Want(t, 200)
		if strings.Contains(string(list.Raw), tok) || len(list.Items()) != 1 {
			t.Fatalf("list leaks the token or is wrong: %s", list.Raw)
		}
		b := a.Client()
		b.Bearer = tok
		b.Do(t, "GET", "/api/v1/users", nil).Want(t, 200)
		// The token is scoped to user:read: creating a user is refused although its owner may.
		b.Do(t, "POST", "/api/v1/users", map[string]any{"email": "n@kehu.test", "name": "N", "password": "Long-enough-pass-1"}).Want(t, 403)
		// A token never falls back to the cookie, and a bad token is refused outright.
		bad := a.Client()
		bad.Bearer = tok + "x"
		bad.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		c.Do(t, "DELETE", "/api/v1/api-tokens/"+itoa(created.ID()), nil).Want(t, 204)
		b.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		// Unknown scopes and past expiry are rejected with the field named.
		r := c.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "x", "scopes": []string{"nope:nope"}, "expiresAt": "2001-01-01T00:00:00Z"}).Want(t, 422)
		if fe := r.FieldErrors(); fe["body.scopes[0]"] == "" || fe["body.expiresAt"] == "" {
			t.Fatalf("field errors: %s", r.Raw)
		}
		// Another user cannot revoke it (404, as if it did not exist).
		a.NewUser(t, "other@kehu.test", 0)
		other := a.Login(t, "other@kehu.test")
		t2 := c.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "mine"}).Want(t, 201).ID()
		other.Do(t, "DELETE", "/api/v1/api-tokens/"+itoa(t2), nil).Want(t, 404)
		_ = http.StatusOK
	})
}
