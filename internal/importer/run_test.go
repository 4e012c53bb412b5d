package importer_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func rowsFile(n int, prefix string) []byte {
	var b strings.Builder
	b.WriteString("客户名称,电话,邮箱,标签\r\n")
	for i := range n {
		fmt.Fprintf(&b, "%s客户%06d,021-%08d,c%d@%s.test,\"a,b\"\r\n", prefix, i, 10000000+i, i, strings.ToLower(prefix))
	}
	return []byte(b.String())
}

func accountCount(t testing.TB, a *testkit.App) int {
	t.Helper()
	n, err := a.Store.Client(testkit.System()).Account.Query().Count(testkit.System())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// 10,000 rows arrive exactly once, and the speed is reported.
func TestImportTenThousandRowsExactly(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		n := 10_000
		if testing.Short() {
			n = 2000
		}
		up := upload(t, c, "account", "big.csv", rowsFile(n, "Bulk")).Want(t, 201)
		c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": "create"}, "If-Match", up.Header.Get("ETag")).Want(t, 200)
		start := time.Now()
		done := run(t, c, up.ID())
		el := time.Since(start)
		if done.Str("status") != "done" || num(done, "createdCount") != n || num(done, "nextRow") != n || num(done, "failedCount") != 0 {
			t.Fatalf("import: %s", done.Raw)
		}
		if got := accountCount(t, a); got != n {
			t.Fatalf("accounts stored: %d, want %d", got, n)
		}
		t.Logf("%s: %d rows in %v = %.0f rows/s (plain rows, create mode, with audit, search and dedup hooks)",
			d, n, el.Round(time.Millisecond), float64(n)/el.Seconds())
	})
}

// A batch that fails rolls back entirely; the retried job resumes after the last committed batch and
// the totals are exact.
func TestImportResumesAfterFailedBatch(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		const n = 3500 // batches of 1,000: 0, 1, 2, 3 (500 rows)
		var mu sync.Mutex
		attempts := map[int]int{}
		var seenOnRetry = -1
		a.Modules.Importer.SetBatchHook(func(ctx context.Context, jobID int64, batch int) error {
			mu.Lock()
			defer mu.Unlock()
			attempts[batch]++
			if batch == 2 && attempts[batch] == 1 {
				return errors.New("injected failure after inserting batch 2")
			}
			if batch == 2 {
				// Inside the retried batch's transaction: batches 0 and 1 plus this one, nothing left
				// over from the failed attempt.
				sys := authz.AsSystem(ctx)
				cnt, err := a.Store.Client(sys).Account.Query().Where(account.NameHasPrefix("Resume")).Count(sys)
				if err != nil {
					return err
				}
				seenOnRetry = cnt
			}
			return nil
		})
		up := upload(t, c, "account", "resume.csv", rowsFile(n, "Resume")).Want(t, 201)
		done := run(t, c, up.ID())
		if done.Str("status") != "done" || num(done, "createdCount") != n || num(done, "nextRow") != n {
			t.Fatalf("import: %s", done.Raw)
		}
		mu.Lock()
		defer mu.Unlock()
		if attempts[0] != 1 || attempts[1] != 1 || attempts[2] != 2 || attempts[3] != 1 {
			t.Fatalf("batch attempts %v: committed batches must not run again", attempts)
		}
		if seenOnRetry != 3000 {
			t.Fatalf("accounts inside the retried batch: %d, want 3000 (the failed attempt left rows behind)", seenOnRetry)
		}
		if got := accountCount(t, a); got != n {
			t.Fatalf("accounts stored: %d, want %d", got, n)
		}
	})
}

func TestImportCancel(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		started := make(chan struct{})
		release := make(chan struct{})
		var once sync.Once
		a.Modules.Importer.SetBatchHook(func(ctx context.Context, jobID int64, batch int) error {
			if batch == 0 {
				once.Do(func() { close(started) })
				<-release
			}
			return nil
		})
		up := upload(t, c, "account", "cancel.csv", rowsFile(2500, "Cancel")).Want(t, 201)
		c.Do(t, "POST", path(up.ID(), "/start"), nil).Want(t, 200)
		<-started
		go func() { time.Sleep(300 * time.Millisecond); close(release) }()
		c.Do(t, "POST", path(up.ID(), "/cancel"), nil).Want(t, 200)
		done := wait(t, c, up.ID())
		if done.Str("status") != "cancelled" {
			t.Fatalf("status %s", done.Str("status"))
		}
		// The batch in flight committed before the cancel was seen; nothing after it ran.
		if got := accountCount(t, a); got != num(done, "createdCount") || got != num(done, "nextRow") || got > 1000 {
			t.Fatalf("accounts %d, job %s", got, done.Raw)
		}
		c.Do(t, "POST", path(up.ID(), "/cancel"), nil).Want(t, 409)
	})
}
