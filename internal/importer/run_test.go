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

		// The head of the same file again in skip mode: every row is a duplicate, nothing is written twice.
		m := min(n, 2000)
		again := upload(t, c, "account", "big.csv", rowsFile(m, "Bulk")).Want(t, 201)
		start = time.Now()
		done = run(t, c, again.ID())
		el = time.Since(start)
		if done.Str("status") != "done" || num(done, "skippedCount") != m || num(done, "createdCount") != 0 {
			t.Fatalf("re-import: %s", done.Raw)
		}
		if got := accountCount(t, a); got != n {
			t.Fatalf("accounts after re-import: %d, want %d", got, n)
		}
		t.Logf("%s: %d duplicate rows skipped in %v = %.0f rows/s (skip mode against %d stored accounts, one dedup lookup per row)",
			d, m, el.Round(time.Millisecond), float64(m)/el.Seconds(), n)
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

// A run killed in the middle of a batch (its context cancelled before the commit) leaves exactly the
// batches committed before; running again finishes the import with exact totals.
func TestImportKilledRunResumes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		const n = 2500
		up := upload(t, c, "account", "kill.csv", rowsFile(n, "Kill")).Want(t, 201)
		sys := testkit.System()
		// Queued without a River job: this test drives the run itself.
		a.Store.Client(sys).ImportJob.UpdateOneID(up.ID()).SetStatus("queued").ExecX(sys)
		ctx, kill := context.WithCancel(context.Background())
		a.Modules.Importer.SetBatchHook(func(_ context.Context, _ int64, batch int) error {
			if batch == 1 {
				kill() // the process dies while batch 1 is being written
			}
			return nil
		})
		if err := a.Modules.Importer.Run(ctx, up.ID()); err == nil {
			t.Fatal("a killed run reported success")
		}
		job := a.Store.Client(sys).ImportJob.GetX(sys, up.ID())
		if job.NextRow != 1000 || job.CreatedCount != 1000 || accountCount(t, a) != 1000 {
			t.Fatalf("after the kill: next_row %d, created %d, accounts %d; want 1000 each", job.NextRow, job.CreatedCount, accountCount(t, a))
		}
		a.Modules.Importer.SetBatchHook(nil)
		if err := a.Modules.Importer.Run(context.Background(), up.ID()); err != nil {
			t.Fatal(err)
		}
		job = a.Store.Client(sys).ImportJob.GetX(sys, up.ID())
		if job.Status != "done" || job.NextRow != n || job.CreatedCount != n || accountCount(t, a) != n {
			t.Fatalf("after resuming: %s next_row %d created %d accounts %d", job.Status, job.NextRow, job.CreatedCount, accountCount(t, a))
		}
	})
}

// An import whose user was deactivated before it ran fails with a reason and writes nothing.
func TestImportOfDeactivatedUserFails(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		up := upload(t, c, "account", "gone.csv", rowsFile(5, "Gone")).Want(t, 201)
		sys := testkit.System()
		a.Store.Client(sys).ImportJob.UpdateOneID(up.ID()).SetStatus("queued").ExecX(sys)
		if _, err := a.IAM.SetActive(sys, tp.AMEast, false); err != nil {
			t.Fatal(err)
		}
		if err := a.Modules.Importer.Run(context.Background(), up.ID()); err != nil {
			t.Fatal(err)
		}
		admin := a.Login(t, "admin@kehu.test")
		admin.Lang = "en"
		got := admin.Do(t, "GET", path(up.ID(), ""), nil).Want(t, 200)
		if got.Str("status") != "failed" || !strings.Contains(got.Str("error"), "deactivated") && !strings.Contains(got.Str("error"), "停用") {
			t.Fatalf("import of a deactivated user: %s", got.Raw)
		}
		if n := accountCount(t, a); n != 0 {
			t.Fatalf("%d accounts written", n)
		}
	})
}

// An import started with an API token runs with the token's rights, not all of the user's: a token
// without account:update cannot update duplicates the user could, and a token revoked before the run
// stops the run before any row is written.
func TestImportWithTokenKeepsTheTokensRights(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		east := a.Login(t, "am.east@kehu.test")
		east.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "令牌客户有限公司", "address": "原地址"}).Want(t, 201)
		bearer := func(name string) (*testkit.Client, int64) {
			tok := east.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": name,
				"scopes": []string{"import:create", "account:create", "account:read"}}).Want(t, 201)
			b := a.Client()
			b.Bearer = tok.Str("token")
			return b, tok.ID()
		}

		narrow, _ := bearer("narrow")
		up := upload(t, narrow, "account", "tok.csv", csvOf("name,address", "令牌客户,新地址", "令牌新客户,一号")).Want(t, 201)
		narrow.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": "update"}, "If-Match", up.Header.Get("ETag")).Want(t, 200)
		done := run(t, narrow, up.ID())
		if num(done, "createdCount") != 1 || num(done, "updatedCount") != 0 || num(done, "failedCount") != 1 {
			t.Fatalf("import with a token lacking account:update: %s", done.Raw)
		}
		got := byName(t, east, "/api/v1/accounts?limit=100")
		if addr := got["令牌客户有限公司"][0]["address"]; addr != "原地址" {
			t.Fatalf("the token's missing update right was not applied: address %v", addr)
		}

		revoked, id := bearer("revoked")
		up = upload(t, revoked, "account", "tok2.csv", csvOf("name", "撤销后客户")).Want(t, 201)
		sys := testkit.System()
		a.Store.Client(sys).ImportJob.UpdateOneID(up.ID()).SetStatus("queued").ExecX(sys)
		east.Do(t, "DELETE", "/api/v1/api-tokens/"+itoa(id), nil).Want(t, 204)
		if err := a.Modules.Importer.Run(context.Background(), up.ID()); err != nil {
			t.Fatal(err)
		}
		// The message is written in the importer's language when the run fails.
		job := east.Do(t, "GET", path(up.ID(), ""), nil).Want(t, 200)
		if job.Str("status") != "failed" || !strings.Contains(job.Str("error"), "revoked") && !strings.Contains(job.Str("error"), "撤销") {
			t.Fatalf("import with a revoked token: %s", job.Raw)
		}
		if _, ok := byName(t, east, "/api/v1/accounts?limit=100")["撤销后客户"]; ok {
			t.Fatal("a row was written after the token was revoked")
		}
	})
}
