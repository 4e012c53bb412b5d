package app_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func adminClient(t *testing.T, a *testkit.App) *testkit.Client {
	a.NewUser(t, "admin@kehu.test", 0, "admin")
	return a.Login(t, "admin@kehu.test")
}

func TestStrictDecodingAndMalformedBodies(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := adminClient(t, a)
		r := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "Sales", "colour": "red"}).Want(t, 422)
		if _, ok := r.FieldErrors()["body.colour"]; !ok {
			t.Errorf("unknown field not named: %s", r.Raw)
		}
		c.Do(t, "POST", "/api/v1/teams", `{"name": "Sales"`).Want(t, 400)
		c.Do(t, "POST", "/api/v1/teams", `{"name": 42}`).Want(t, 422)
		big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		c.Do(t, "POST", "/api/v1/teams", big).Want(t, 413)
		long := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": strings.Repeat("长", 101)}).Want(t, 422)
		if _, ok := long.FieldErrors()["body.name"]; !ok {
			t.Errorf("over-long name not named: %s", long.Raw)
		}
		// Nothing was half-written by any of the refused requests.
		if items := c.Do(t, "GET", "/api/v1/teams", nil).Want(t, 200).Items(); len(items) != 0 {
			t.Fatalf("refused requests left teams behind: %v", items)
		}
		// Validation messages follow Accept-Language.
		c.Lang = "zh-CN"
		zh := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "x", "colour": 1}).Want(t, 422)
		if zh.Str("title") != "输入无效" || zh.FieldErrors()["body.colour"] != "不允许的字段" {
			t.Errorf("not localised: %s", zh.Raw)
		}
		// Secrets are never echoed back in an error.
		pw := c.Do(t, "POST", "/api/v1/users", map[string]any{"email": "a@b.cn", "name": "A", "password": "Secret-value-123", "bogus": true}).Want(t, 422)
		if strings.Contains(string(pw.Raw), "Secret-value-123") {
			t.Errorf("password echoed: %s", pw.Raw)
		}
	})
}

func TestHostilePayloadsAreStoredAsData(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := adminClient(t, a)
		payloads := []string{`Robert'); DROP TABLE users;--`, `<script>alert(1)</script>`, `" OR 1=1 --`, `${jndi:ldap://x}`, "客户\u202e反转", `%00%27`}
		for _, p := range payloads {
			r := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": p, "description": p}).Want(t, 201)
			got := c.Do(t, "GET", "/api/v1/teams/"+itoa(r.ID()), nil).Want(t, 200)
			if got.Str("name") != p || got.Str("description") != p {
				t.Errorf("payload %q came back as %q", p, got.Str("name"))
			}
			c.Do(t, "GET", "/api/v1/users?q="+urlq(p), nil).Want(t, 200)
		}
		c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "nul\x00byte"}).Want(t, 422)
		if n := len(c.Do(t, "GET", "/api/v1/users", nil).Want(t, 200).Items()); n != 1 {
			t.Fatalf("users table damaged: %d users", n)
		}
	})
}

func urlq(s string) string {
	return strings.NewReplacer("%", "%25", " ", "%20", "&", "%26", "#", "%23", "+", "%2B").Replace(s)
}

func TestIdempotencyKey(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := adminClient(t, a)
		body := map[string]any{"name": "Retry team"}
		first := c.Do(t, "POST", "/api/v1/teams", body, "Idempotency-Key", "k-1").Want(t, 201)
		again := c.Do(t, "POST", "/api/v1/teams", body, "Idempotency-Key", "k-1").Want(t, 201)
		if first.ID() != again.ID() || string(first.Raw) != string(again.Raw) || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay differs: %s vs %s", first.Raw, again.Raw)
		}
		c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "Other"}, "Idempotency-Key", "k-1").Want(t, 422)
		if n := len(c.Do(t, "GET", "/api/v1/teams", nil).Items()); n != 1 {
			t.Fatalf("%d teams after retries, want 1", n)
		}
		// A failed request does not burn its key.
		c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": ""}, "Idempotency-Key", "k-2").Want(t, 422)
		c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "Fixed"}, "Idempotency-Key", "k-2").Want(t, 201)
		// Keys are per principal.
		a.NewUser(t, "admin2@kehu.test", 0, "admin")
		other := a.Login(t, "admin2@kehu.test")
		o := other.Do(t, "POST", "/api/v1/teams", body, "Idempotency-Key", "k-1").Want(t, 201)
		if o.ID() == first.ID() {
			t.Fatal("another user's key replayed someone else's response")
		}
	})
}

func TestIfMatchOnUpdates(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := adminClient(t, a)
		created := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "Ops"}).Want(t, 201)
		id := itoa(created.ID())
		if created.Header.Get("ETag") != `"1"` {
			t.Fatalf("ETag %q", created.Header.Get("ETag"))
		}
		c.Do(t, "PATCH", "/api/v1/teams/"+id, map[string]any{"name": "Ops 2"}).Want(t, 428)
		ok := c.Do(t, "PATCH", "/api/v1/teams/"+id, map[string]any{"name": "Ops 2"}, "If-Match", `"1"`).Want(t, 200)
		if ok.Header.Get("ETag") != `"2"` || ok.Str("name") != "Ops 2" {
			t.Fatalf("update: %s %s", ok.Header.Get("ETag"), ok.Raw)
		}
		stale := c.Do(t, "PATCH", "/api/v1/teams/"+id, map[string]any{"name": "Lost update"}, "If-Match", `"1"`).Want(t, 412)
		if stale.Str("detail") == "" {
			t.Error("412 without detail")
		}
		if c.Do(t, "GET", "/api/v1/teams/"+id, nil).Str("name") != "Ops 2" {
			t.Fatal("stale update was applied")
		}
		c.Do(t, "PATCH", "/api/v1/teams/999999", map[string]any{"name": "x"}, "If-Match", `"1"`).Want(t, 404)
		c.Do(t, "PATCH", "/api/v1/teams/"+id, map[string]any{"name": "x"}, "If-Match", `"abc"`).Want(t, 422)
	})
}

func TestCursorPaginationWalksEveryRowOnce(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := adminClient(t, a)
		for i := range 23 {
			a.NewUser(t, fmt.Sprintf("u%02d@kehu.test", i), 0)
		}
		for _, sort := range []string{"", "-name", "email", "-createdAt", "id"} {
			seen := map[float64]bool{}
			cursor, pages := "", 0
			for {
				r := c.Do(t, "GET", "/api/v1/users?limit=5&sort="+sort+"&cursor="+cursor, nil).Want(t, 200)
				for _, it := range r.Items() {
					if seen[it["id"].(float64)] {
						t.Fatalf("sort %q: id %v twice", sort, it["id"])
					}
					seen[it["id"].(float64)] = true
				}
				pages++
				next, _ := r.JSON["nextCursor"].(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if len(seen) != 24 || pages != 5 {
				t.Errorf("sort %q: %d users over %d pages, want 24 over 5", sort, len(seen), pages)
			}
		}
		c.Do(t, "GET", "/api/v1/users?cursor=garbage!!", nil).Want(t, 422)
		c.Do(t, "GET", "/api/v1/users?sort=passwordHash", nil).Want(t, 422)
		c.Do(t, "GET", "/api/v1/users?limit=1000", nil).Want(t, 422)
	})
}

func TestHTTPHardening(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	c := adminClient(t, a)
	r := c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
		"Referrer-Policy": "strict-origin-when-cross-origin",
	} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q", csp)
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	// A cross-site, cookie-carrying write is refused (CSRF); the same request from the same site passes.
	c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "csrf"}, "Sec-Fetch-Site", "cross-site").Want(t, 403)
	c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "csrf"}, "Origin", "https://evil.example").Want(t, 403)
	c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "ok"}, "Sec-Fetch-Site", "same-origin").Want(t, 201)
	// Unknown API paths and methods answer with problems, not the web page.
	nf := c.Do(t, "GET", "/api/v1/nope", nil).Want(t, 404)
	if nf.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("404 content type %q", nf.Header.Get("Content-Type"))
	}
	c.Do(t, "DELETE", "/api/v1/audit-events/1", nil)
	c.Do(t, "PATCH", "/api/v1/audit-events/1", map[string]any{}).Want(t, 404)
	// The web app answers client-side routes.
	page := a.Client().Do(t, "GET", "/admin/users", nil).Want(t, 200)
	if !strings.Contains(string(page.Raw), "<") {
		t.Error("no HTML for a client route")
	}
	a.Client().Do(t, "GET", "/api/v1/me", nil, "Authorization", "Basic abc").Want(t, 401)
	_ = http.StatusOK
}

func TestSecretsAreNeverStoredForReplay(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	c := adminClient(t, a)
	tok := c.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "ci"}, "Idempotency-Key", "tok-1").Want(t, 201).Str("token")
	var n int
	if err := a.DB.SQL.QueryRow("SELECT COUNT(*) FROM idempotency_keys WHERE body LIKE ?", "%"+tok+"%").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatal("a new API token was stored in clear for idempotent replay")
	}
}
