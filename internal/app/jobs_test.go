package app_test

import (
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// TestPeriodicJobRunsOnceAcrossNodes starts two nodes, each with its own connection pool, on one
// database: the clean-up job (run on start, then every 15 minutes) must be enqueued and worked once.
func TestPeriodicJobRunsOnceAcrossNodes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		database := testkit.NewDB(t, d)
		testkit.NewAppOn(t, database)
		testkit.NewAppOn(t, testkit.Reopen(t, database))
		count := func(state string) int {
			var n int
			q := "SELECT COUNT(*) FROM river_job WHERE kind = 'iam_cleanup'"
			if state != "" {
				q += " AND state = '" + state + "'"
			}
			if err := database.SQL.QueryRow(q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		deadline := time.Now().Add(20 * time.Second)
		for count("completed") < 1 {
			if time.Now().After(deadline) {
				t.Fatalf("the periodic job never completed (%d enqueued)", count(""))
			}
			time.Sleep(200 * time.Millisecond)
		}
		// Give the other node time to (wrongly) schedule its own run.
		time.Sleep(3 * time.Second)
		if n := count(""); n != 1 {
			t.Fatalf("periodic job enqueued %d times by two nodes, want 1", n)
		}
	})
}
