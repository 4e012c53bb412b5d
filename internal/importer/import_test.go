package importer_test

import (
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestImportAccountsEndToEnd(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		c.Lang = "zh-CN"
		file := csvOf("公司名称,电话,邮箱,标签,生命周期,信用额度",
			"上海星辰科技有限公司,021-12345678,info@xingchen.test,\"VIP，重点\",成交客户,\"12,800.50\"",
			",021-1111111,bad-mail,,,",
			"Acme Ltd,+1 555 0100,ops@acme.test,a|b,Prospect,100")
		up := upload(t, c, "account", "客户.csv", file).Want(t, 201)
		id := up.ID()
		m, _ := up.JSON["mapping"].(map[string]any)
		want := map[string]string{"0": "name", "1": "phone", "2": "email", "3": "tags", "4": "lifecycle", "5": "creditLimit"}
		for col, f := range want {
			if m[col] != f {
				t.Errorf("suggested mapping of column %s = %v, want %s (all: %v)", col, m[col], f, m)
			}
		}
		pv := c.Do(t, "GET", path(id, "/preview?limit=10"), nil).Want(t, 200)
		if num(pv, "invalid") != 1 {
			t.Fatalf("preview invalid = %d, want 1: %s", num(pv, "invalid"), pv.Raw)
		}
		rows, _ := pv.JSON["rows"].([]any)
		r2 := rows[1].(map[string]any)
		errs := r2["errors"].([]any)
		fields := map[string]bool{}
		for _, e := range errs {
			fields[e.(map[string]any)["field"].(string)] = true
		}
		if !fields["name"] || !fields["email"] {
			t.Fatalf("row 2 errors %v, want name and email", errs)
		}
		r1 := rows[0].(map[string]any)["values"].(map[string]any)
		if r1["lifecycle"] != "customer" || r1["creditLimit"].(float64) != 1280050 {
			t.Fatalf("row 1 values %v", r1)
		}
		done := run(t, c, id)
		if done.Str("status") != "done" || num(done, "createdCount") != 2 || num(done, "failedCount") != 1 || num(done, "nextRow") != 3 {
			t.Fatalf("finished import: %s", done.Raw)
		}
		items, _ := c.ListAll(t, "/api/v1/accounts?limit=100")
		if len(items) != 2 {
			t.Fatalf("accounts after import: %d", len(items))
		}
		for _, it := range items {
			if int64(it["ownerId"].(float64)) != tp.AMEast {
				t.Errorf("imported account owner %v, want the importer %d", it["ownerId"], tp.AMEast)
			}
		}
	})
}
