package app_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// TestRequestStatements pins how many SQL statements the cheap customer-360 requests cost once the
// caches are warm (KEHU_TEST_SQL=1 prints them).
func TestRequestStatements(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		database, tr := testkit.NewTracedDB(t, d)
		a := testkit.NewAppOn(t, database)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "华为"}).Want(t, 201).ID()
		am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": acc, "name": "李雷"}).Want(t, 201)
		id := strconv.FormatInt(acc, 10)
		// The trace records the whole pool: stop the background jobs (reminder sweep, clean-ups) so that
		// only the requests' statements are counted.
		if err := a.Jobs.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		requests := []struct {
			method, path string
			body         any
			max          int
		}{
			{"GET", "/api/v1/accounts/" + id, nil, 2},
			{"GET", "/api/v1/accounts/" + id + "/contacts", nil, 4},
			{"GET", "/api/v1/activities?accountId=" + id, nil, 2},
			{"POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "电话", "accountId": acc}, 13},
		}
		for _, rq := range requests {
			am.Do(t, rq.method, rq.path, rq.body) // warm
			tr.Start()
			r := am.Do(t, rq.method, rq.path, rq.body)
			got := tr.Stop()
			if r.Status >= 300 {
				t.Fatalf("%s %s: %d %s", rq.method, rq.path, r.Status, r.Raw)
			}
			if os.Getenv("KEHU_TEST_SQL") != "" {
				t.Logf("%s %s: %d statements\n  %s", rq.method, rq.path, len(got), strings.Join(got, "\n  "))
			}
			if len(got) > rq.max {
				t.Errorf("%s %s: %d statements, want at most %d:\n  %s", rq.method, rq.path, len(got), rq.max, strings.Join(got, "\n  "))
			}
		}
	})
}
