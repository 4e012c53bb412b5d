package importer_test

import (
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func byName(t testing.TB, c *testkit.Client, path string) map[string][]map[string]any {
	t.Helper()
	items, status := c.ListAll(t, path)
	if status != 200 {
		t.Fatalf("GET %s: %d", path, status)
	}
	out := map[string][]map[string]any{}
	for _, it := range items {
		out[it["name"].(string)] = append(out[it["name"].(string)], it)
	}
	return out
}

// Each duplicate mode, against a stored record and between rows of the same file.
func TestImportDuplicateModes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		admin := a.Login(t, "admin@kehu.test")
		orig := c.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "上海星辰科技有限公司", "phone": "021-12345678"}).Want(t, 201).ID()
		file := csvOf("客户名称,邮箱,地址",
			"上海星辰科技,new@xingchen.test,新地址", // the stored account (legal form aside)
			"深圳海风贸易有限公司,a@haifeng.test,一号",
			"深圳海风贸易,a@haifeng.test,二号") // duplicates the row above
		for _, tc := range []struct {
			mode                       string
			created, updated, skipped  int
			xingchen, haifeng          int
			xingchenAddress, haifengAd string
		}{
			{"skip", 1, 0, 2, 1, 1, "", "一号"},
			{"update", 1, 2, 0, 1, 1, "新地址", "二号"},
			{"create", 3, 0, 0, 2, 2, "", ""},
		} {
			t.Run(tc.mode, func(t *testing.T) {
				// Start each mode from the one stored account.
				for _, rows := range byName(t, c, "/api/v1/accounts?limit=100") {
					for _, r := range rows {
						if int64(r["id"].(float64)) != orig {
							admin.Do(t, "DELETE", "/api/v1/accounts/"+itoa(int64(r["id"].(float64))), nil).Want(t, 204)
						}
					}
				}
				up := upload(t, c, "account", tc.mode+".csv", file).Want(t, 201)
				pv := c.Do(t, "GET", path(up.ID(), "/preview"), nil).Want(t, 200)
				rows := pv.JSON["rows"].([]any)
				if len(rows[0].(map[string]any)["duplicates"].([]any)) != 1 || rows[2].(map[string]any)["duplicateOfRow"].(float64) != 2 {
					t.Fatalf("preview duplicates: %s", pv.Raw)
				}
				c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": tc.mode}, "If-Match", up.Header.Get("ETag")).Want(t, 200)
				done := run(t, c, up.ID())
				if num(done, "createdCount") != tc.created || num(done, "updatedCount") != tc.updated || num(done, "skippedCount") != tc.skipped {
					t.Fatalf("%s: %s", tc.mode, done.Raw)
				}
				got := byName(t, c, "/api/v1/accounts?limit=100")
				xc := append(got["上海星辰科技有限公司"], got["上海星辰科技"]...)
				hf := append(got["深圳海风贸易有限公司"], got["深圳海风贸易"]...)
				if len(xc) != tc.xingchen || len(hf) != tc.haifeng {
					t.Fatalf("%s: %d xingchen, %d haifeng accounts: %v", tc.mode, len(xc), len(hf), got)
				}
				// Update writes the row's non-empty cells over the match (its name included).
				if tc.xingchenAddress != "" && (xc[0]["address"] != tc.xingchenAddress || xc[0]["name"] != "上海星辰科技" ||
					xc[0]["phone"] != "021-12345678") {
					t.Fatalf("update mode did not update the stored account as expected: %v", xc)
				}
				if tc.haifengAd != "" && hf[0]["address"] != tc.haifengAd {
					t.Fatalf("in-file duplicate: %v", hf)
				}
			})
		}
	})
}

// An account manager's rows are theirs; a duplicate they cannot see is never touched; contacts go only
// under accounts they can see.
func TestImportDataScope(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		west := a.Login(t, "am.west@kehu.test")
		westAcc := west.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "西部机密客户有限公司", "address": "原地址"}).Want(t, 201)
		east := a.Login(t, "am.east@kehu.test")
		up := upload(t, east, "account", "scope.csv", csvOf("name,address,owner",
			"西部机密客户,改掉的地址,",
			"东部新客户,一号,",
			"指定负责人,二号,am.west@kehu.test")).Want(t, 201)
		pv := east.Do(t, "GET", path(up.ID(), "/preview"), nil).Want(t, 200)
		r0 := pv.JSON["rows"].([]any)[0].(map[string]any)
		if len(r0["duplicates"].([]any)) != 0 || r0["hiddenMatches"].(float64) != 1 {
			t.Fatalf("hidden duplicate leaked or not counted: %v", r0)
		}
		east.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": "update"}, "If-Match", up.Header.Get("ETag")).Want(t, 200)
		done := run(t, east, up.ID())
		// Row 3 names another owner: an account manager may not assign (the create path's answer).
		if num(done, "createdCount") != 2 || num(done, "updatedCount") != 0 || num(done, "failedCount") != 1 {
			t.Fatalf("import: %s", done.Raw)
		}
		errs := done.JSON["errors"].([]any)
		if e := errs[0].(map[string]any); e["row"].(float64) != 3 {
			t.Fatalf("errors: %v", errs)
		}
		got := west.Do(t, "GET", "/api/v1/accounts/"+itoa(westAcc.ID()), nil).Want(t, 200)
		if got.Str("address") != "原地址" {
			t.Fatalf("an invisible account was changed: %s", got.Raw)
		}
		mine := byName(t, east, "/api/v1/accounts?limit=100")
		if len(mine) != 2 {
			t.Fatalf("east sees %v", mine)
		}
		for _, rows := range mine {
			if int64(rows[0]["ownerId"].(float64)) != tp.AMEast {
				t.Fatalf("imported account not owned by the importer: %v", rows[0])
			}
		}
		num0 := mine["东部新客户"][0]["number"].(string)

		// Contacts: account by name or number; an account out of scope is unknown.
		cu := upload(t, east, "contact", "contacts.csv", csvOf("姓名,客户,手机,采购角色,生日,同意营销联系",
			"张三,东部新客户,13800000000,决策者,1990/5/17,是",
			"李四,"+num0+",13900000000,,,否",
			"王五,西部机密客户有限公司,13700000000,,,")).Want(t, 201)
		m := cu.JSON["mapping"].(map[string]any)
		if m["1"] != "accountId" || m["2"] != "mobile" || m["5"] != "consent" {
			t.Fatalf("contact mapping: %v", m)
		}
		done = run(t, east, cu.ID())
		if num(done, "createdCount") != 2 || num(done, "failedCount") != 1 {
			t.Fatalf("contact import: %s", done.Raw)
		}
		e := done.JSON["errors"].([]any)[0].(map[string]any)
		if e["row"].(float64) != 3 || e["field"] != "accountId" {
			t.Fatalf("contact errors: %v", e)
		}
		contacts := byName(t, east, "/api/v1/contacts?limit=100")
		z := contacts["张三"][0]
		if z["birthday"] != "1990-05-17" || z["consent"] != true || z["mobile"] != "13800000000" || int64(z["ownerId"].(float64)) != tp.AMEast {
			t.Fatalf("张三: %v", z)
		}
		if z["buyingRole"] == "" || z["buyingRole"] == "决策者" {
			t.Fatalf("buying role label not converted to its code: %v", z["buyingRole"])
		}
	})
}
