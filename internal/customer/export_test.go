package customer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// readCSV checks the BOM and returns the records of an exported CSV.
func readCSV(t *testing.T, r *testkit.Response) [][]string {
	t.Helper()
	if !bytes.HasPrefix(r.Raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no BOM: %q", r.Raw[:min(len(r.Raw), 20)])
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("content type %q", ct)
	}
	recs, err := csv.NewReader(bytes.NewReader(r.Raw[3:])).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	return recs
}

// column returns the values of the column headed label (header row excluded).
func column(t *testing.T, recs [][]string, label string) []string {
	t.Helper()
	for i, h := range recs[0] {
		if h == label {
			var out []string
			for _, r := range recs[1:] {
				out = append(out, r[i])
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", label, recs[0])
	return nil
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// giveRole creates a role with grants and gives it (with the user's built-in roles) to user uid.
func giveRole(t *testing.T, a *testkit.App, admin *testkit.Client, uid int64, name string, grants map[string]string, keep ...string) {
	t.Helper()
	var gs []map[string]string
	for r, s := range grants {
		gs = append(gs, map[string]string{"right": r, "scope": s})
	}
	role := admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": name, "grants": gs}).Want(t, 201).ID()
	ids := []int64{role}
	for _, k := range keep {
		ids = append(ids, a.RoleID(t, k))
	}
	u := admin.Do(t, "GET", "/api/v1/users/"+itoa(uid), nil).Want(t, 200)
	admin.Do(t, "PATCH", "/api/v1/users/"+itoa(uid), map[string]any{"roleIds": ids}, "If-Match", etag(u)).Want(t, 200)
}

func TestExportAccountsAndContacts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		am := a.Login(t, "am.east@kehu.test")
		main := newAccount(t, am, map[string]any{"name": "东方科技", "level": "key", "lifecycle": "customer", "phone": "13812345678",
			"creditLimit": 1280000, "currency": "CNY", "tags": []string{"vip", "hot"}})
		for _, n := range []string{"=1+1", "+cmd", "-2", "@SUM(A1)"} {
			newAccount(t, am, map[string]any{"name": n})
		}
		am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": main, "name": "王芳", "mobile": "13987654321",
			"preferredChannel": "wechat"}).Want(t, 201)
		newAccount(t, a.Login(t, "am.east1@kehu.test"), map[string]any{"name": "一组客户"})
		newAccount(t, a.Login(t, "am.west@kehu.test"), map[string]any{"name": "西部客户"})

		// Without the right: 403, for accounts and contacts alike.
		am.Do(t, "GET", "/api/v1/accounts/export", nil).Want(t, 403)
		a.Login(t, "exec@kehu.test").Do(t, "GET", "/api/v1/contacts/export", nil).Want(t, 403)

		// A director exports the subtree, in Chinese: localised headers, labels, money, tags, formulas neutralised.
		dir := a.Login(t, "director@kehu.test")
		dir.Lang = "zh-CN"
		r := dir.Do(t, "GET", "/api/v1/accounts/export?format=csv", nil).Want(t, 200)
		if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") ||
			!strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("客户-")) || !strings.HasSuffix(cd, ".csv") {
			t.Errorf("disposition %q", cd)
		}
		recs := readCSV(t, r)
		names := column(t, recs, "客户名称")
		if len(names) != 6 || has(names, "西部客户") || !has(names, "一组客户") {
			t.Errorf("director exported %v", names)
		}
		for _, want := range []string{"'=1+1", "'+cmd", "'-2", "'@SUM(A1)"} {
			if !has(names, want) {
				t.Errorf("formula %q not neutralised in %v", want, names)
			}
		}
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = recs[len(recs)-1][i] // sorted by id descending: the first account is last
		}
		if row["客户名称"] != "东方科技" || row["客户等级"] != "重点客户" || row["生命周期"] != "成交客户" ||
			row["信用额度"] != "12800.00 CNY" || row["标签"] != "vip, hot" || row["电话"] != "13812345678" || row["负责人"] == "" {
			t.Errorf("director's row: %v", row)
		}

		// English headers and labels in the user's language; a filter narrows; columns choose.
		dir.Do(t, "PATCH", "/api/v1/me", map[string]any{"locale": "en"}).Want(t, 200)
		recs = readCSV(t, dir.Do(t, "GET", "/api/v1/accounts/export?columns=name,level&filter="+url.QueryEscape("lifecycle:eq:customer"), nil).Want(t, 200))
		if len(recs) != 2 || strings.Join(recs[0], "|") != "Name|Customer level" && strings.Join(recs[0], "|") != "Name|Level" ||
			recs[1][0] != "东方科技" || recs[1][1] != "Key" {
			t.Errorf("filtered export: %v", recs)
		}

		// A bad column or filter is a 422 problem, never a file.
		if dir.Do(t, "GET", "/api/v1/accounts/export?columns=name,bogus", nil).Want(t, 422).FieldErrors()["query.columns"] == "" {
			t.Error("bad column not named")
		}
		dir.Do(t, "GET", "/api/v1/accounts/export?filter="+url.QueryEscape("nosuch:eq:1"), nil).Want(t, 422)
		dir.Do(t, "GET", "/api/v1/accounts/export?format=pdf", nil).Want(t, 422)

		// An account manager with an own-scope export right exports only their own accounts.
		giveRole(t, a, admin, tp.AMEast, "Own exporter", map[string]string{"account:export": "own"}, "account_manager")
		am = a.Login(t, "am.east@kehu.test")
		if names := column(t, readCSV(t, am.Do(t, "GET", "/api/v1/accounts/export", nil).Want(t, 200)), "客户名称"); len(names) != 5 || has(names, "一组客户") {
			t.Errorf("account manager exported %v", names)
		}

		// A role that reads everything without the sensitive fields exports them masked.
		giveRole(t, a, admin, tp.Marketer, "Masked exporter", map[string]string{"account:read": "all", "account:export": "all",
			"contact:read": "all", "contact:export": "all"})
		mk := a.Login(t, "marketer@kehu.test")
		recs = readCSV(t, mk.Do(t, "GET", "/api/v1/accounts/export?columns=name,phone", nil).Want(t, 200))
		if len(recs) != 8 || !strings.Contains(fmt.Sprint(recs), "138****5678") || strings.Contains(string(mk.Do(t, "GET",
			"/api/v1/accounts/export?columns=name,phone", nil).Raw), "13812345678") {
			t.Errorf("masked export: %v", recs)
		}
		mk.Lang = "zh-CN"
		recs = readCSV(t, mk.Do(t, "GET", "/api/v1/contacts/export", nil).Want(t, 200))
		ct := map[string]string{}
		for i, h := range recs[0] {
			ct[h] = recs[1][i]
		}
		if len(recs) != 2 || ct["姓名"] != "王芳" || ct["手机"] != "139****4321" || ct["首选沟通方式"] != "微信" || ct["所属客户"] != "东方科技" {
			t.Errorf("contact export: %v", recs)
		}

		// XLSX: the same rows; formula-like text is a plain string, never a formula.
		x := dir.Do(t, "GET", "/api/v1/accounts/export?format=xlsx&columns=name,level", nil).Want(t, 200)
		if ct := x.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("xlsx content type %q", ct)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x.Raw))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheet := f.GetSheetName(0)
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) != 7 || rows[0][0] != "Name" {
			t.Fatalf("xlsx rows %v %v", rows, err)
		}
		seen := 0
		for i, rw := range rows {
			if !has([]string{"=1+1", "+cmd", "-2", "@SUM(A1)"}, rw[0]) {
				continue
			}
			seen++
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			formula, _ := f.GetCellFormula(sheet, cell)
			typ, _ := f.GetCellType(sheet, cell)
			if formula != "" || typ == excelize.CellTypeFormula || typ == excelize.CellTypeNumber {
				t.Errorf("%s %q: formula %q type %v", cell, rw[0], formula, typ)
			}
		}
		if seen != 4 {
			t.Errorf("xlsx formula cells seen %d: %v", seen, rows)
		}

		// One audit event per export, with the filter and the row count, not the data.
		ctx := testkit.System()
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Action("export"), auditevent.Entity("account")).AllX(ctx)
		if len(evs) != 6 {
			t.Errorf("%d account export events", len(evs))
		}
		var found bool
		for _, e := range evs {
			raw := fmt.Sprint(e.Changes)
			if strings.Contains(raw, "东方科技") || strings.Contains(raw, "13812345678") {
				t.Errorf("audit holds data: %s", raw)
			}
			if e.Changes["filter"].New == "lifecycle:eq:customer" && fmt.Sprint(e.Changes["rows"].New) == "1" && e.ActorID != nil && *e.ActorID == tp.Director {
				found = true
			}
		}
		if !found {
			t.Errorf("no audit event of the filtered export: %v", evs)
		}
	})
}

func TestExportStreamsLargeLists(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		ctx := testkit.System()
		const total = 2500
		err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			for start := 0; start < total; start += 500 {
				bulk := make([]*ent.AccountCreate, 0, 500)
				for i := start; i < start+500; i++ {
					bulk = append(bulk, a.Store.Client(ctx).Account.Create().SetName(fmt.Sprintf("批量客户 %04d", i)).
						SetOwnerID(tp.AMEast).SetTeamID(tp.East))
				}
				if err := a.Store.Client(ctx).Account.CreateBulk(bulk...).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		dir := a.Login(t, "director@kehu.test")
		for _, format := range []string{"csv", "xlsx"} {
			r := dir.Do(t, "GET", "/api/v1/accounts/export?columns=id,name&sort=name&format="+format, nil).Want(t, 200)
			var rows [][]string
			if format == "csv" {
				rows = readCSV(t, r)
			} else {
				f, err := excelize.OpenReader(bytes.NewReader(r.Raw))
				if err != nil {
					t.Fatal(err)
				}
				rows, err = f.GetRows(f.GetSheetName(0))
				if err != nil {
					t.Fatal(err)
				}
				_ = f.Close()
			}
			if len(rows) != total+1 {
				t.Fatalf("%s: %d rows", format, len(rows)-1)
			}
			seen := map[string]bool{}
			for i, rw := range rows[1:] {
				if want := fmt.Sprintf("批量客户 %04d", i); rw[1] != want {
					t.Fatalf("%s row %d: %v, want %s", format, i, rw, want)
				}
				if seen[rw[0]] {
					t.Fatalf("%s: id %s twice", format, rw[0])
				}
				seen[rw[0]] = true
			}
		}
	})
}
