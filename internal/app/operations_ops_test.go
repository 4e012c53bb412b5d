package app_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestHealthReadinessAndMetrics(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		c := a.Client()
		c.Do(t, "GET", "/healthz", nil).Want(t, 200)
		c.Do(t, "GET", "/readyz", nil).Want(t, 200)
		adminClient(t, a).Do(t, "GET", "/api/v1/users", nil).Want(t, 200)
		m := string(c.Do(t, "GET", "/metrics", nil).Want(t, 200).Raw)
		for _, want := range []string{`kehu_http_requests_total{code="200",operation="listUsers"} 1`,
			`kehu_http_request_duration_seconds_bucket{operation="login"`, "go_sql_open_connections", "go_goroutines"} {
			if !strings.Contains(m, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		// A migration that is recorded as not applied makes the node not ready.
		if _, err := a.DB.SQL.Exec("DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)"); err != nil {
			t.Fatal(err)
		}
		c.Do(t, "GET", "/readyz", nil).Want(t, 503)
		c.Do(t, "GET", "/healthz", nil).Want(t, 200)
	})
}

func TestJobsAreObservedInMetrics(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		m := string(a.Client().Do(t, "GET", "/metrics", nil).Raw)
		if strings.Contains(m, `kehu_jobs_total{kind="iam_cleanup",outcome="ok"}`) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the clean-up job never showed up in the metrics")
}

func TestDatabaseOutageGivesProblemsAndRecovers(t *testing.T) {
	if len(testkit.Dialects(t)) < 2 {
		t.Skip("needs PostgreSQL (KEHU_TEST_POSTGRES)")
	}
	a := testkit.NewApp(t, db.Postgres)
	c := adminClient(t, a)
	c.Do(t, "GET", "/api/v1/users", nil).Want(t, 200)
	restore := testkit.PostgresOutage(t, a.DB)
	r := c.Do(t, "POST", "/api/v1/teams", map[string]any{"name": "during outage"})
	if r.Status != 503 || r.Header.Get("Content-Type") != "application/problem+json" || strings.Contains(string(r.Raw), "goroutine") {
		t.Fatalf("during outage: %d %s", r.Status, r.Raw)
	}
	a.Client().Do(t, "GET", "/readyz", nil).Want(t, 503)
	restore()
	deadline := time.Now().Add(10 * time.Second)
	for a.Client().Do(t, "GET", "/readyz", nil).Status != 200 {
		if time.Now().After(deadline) {
			t.Fatal("never ready again")
		}
		time.Sleep(100 * time.Millisecond)
	}
	items := c.Do(t, "GET", "/api/v1/teams", nil).Want(t, 200).Items()
	if len(items) != 0 {
		t.Fatalf("a write refused during the outage left %v", items)
	}
}

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	httpx.Register(a.API, httpx.Public(), huma.Operation{OperationID: "slow", Method: "GET", Path: "/api/v1/test-slow"},
		func(ctx context.Context, _ *struct{}) (*struct{ Body string }, error) {
			time.Sleep(700 * time.Millisecond)
			return &struct{ Body string }{Body: "finished"}, nil
		})
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(s string) { addr <- s }) }()
	base := "http://" + <-addr
	got := make(chan string, 1)
	go func() {
		res, err := http.Get(base + "/api/v1/test-slow")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cancel()
	if body := <-got; !strings.Contains(body, "finished") {
		t.Fatalf("in-flight request: %q", body)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("shutdown took %s", took)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
}
