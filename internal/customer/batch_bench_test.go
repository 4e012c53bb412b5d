package customer_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// BenchmarkInsertAccounts measures the import's write path alone: one transaction per batch of 1,000
// checked accounts (Batch, CheckAccount, InsertAccounts with its audit, search and dedup work), as the
// importer runs it. It reports rows/s; the HTTP upload, job queue and polling of the import test are
// left out. Run: KEHU_TEST_POSTGRES=1 go test ./internal/customer/ -run '^$' -bench InsertAccounts
func BenchmarkInsertAccounts(b *testing.B) {
	for _, d := range testkit.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			a := testkit.NewApp(b, d)
			tp := a.NewTopology(b)
			act, err := a.Modules.IAM.ActorOf(testkit.System(), tp.AMEast)
			if err != nil || act == nil {
				b.Fatalf("actor: %v", err)
			}
			ctx := authz.WithActor(context.Background(), act)
			const n = 1000
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				if err := benchBatch(ctx, a, i, n); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*n)/time.Since(start).Seconds(), "rows/s")
		})
	}
}

// benchBatch checks and inserts one batch of n accounts in one transaction.
func benchBatch(ctx context.Context, a *testkit.App, batch, n int) error {
	svc := a.Modules.Customer
	return a.Store.WithTx(ctx, func(ctx context.Context) error {
		s := svc.Batch()
		rows := make([]customer.CheckedAccount, n)
		for i := range rows {
			k := batch*n + i
			var err error
			rows[i], err = s.CheckAccount(ctx, customer.AccountInput{Name: ptr(fmt.Sprintf("基准客户%07d", k)),
				Phone: ptr(fmt.Sprintf("021-%08d", 10000000+k)), Email: ptr(fmt.Sprintf("b%d@bench.test", k)),
				Tags: &[]string{"a", "b"}})
			if err != nil {
				return err
			}
		}
		_, err := s.InsertAccounts(ctx, rows)
		return err
	})
}
