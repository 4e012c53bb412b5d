package activity_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// exported parses an exported CSV (after checking its BOM) into rows keyed by header.
func exported(t *testing.T, r *testkit.Response) []map[string]string {
	t.Helper()
	if !bytes.HasPrefix(r.Raw, []byte("\uFEFF")) || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("not a CSV with BOM: %s %q", r.Header.Get("Content-Type"), r.Raw[:min(len(r.Raw), 40)])
	}
	recs, err := csv.NewReader(bytes.NewReader(r.Raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func TestExportActivities(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		admin.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "activity", "key": "secret_note",
			"labelZh": "机密", "labelEn": "Secret", "type": "text", "sensitive": true}).Want(t, 201)
		am := a.Login(t, "am.east@kehu.test")
		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "东方科技"}).Want(t, 201).ID()
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "=HYPERLINK(\"x\")",
			"accountId": acc, "dueAt": "2030-03-01T10:00:00+08:00", "tags": []string{"重点", "Q3"},
			"custom": map[string]any{"secret_note": "底价 80 万"}}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "上门拜访"}).Want(t, 201)
		a.Login(t, "am.west@kehu.test").Do(t, "POST", "/api/v1/activities", map[string]any{"type": "note", "subject": "西部记录"}).Want(t, 201)

		// Account managers may not export; the executive reads everything but has no export right either.
		am.Do(t, "GET", "/api/v1/activities/export", nil).Want(t, 403)
		a.Login(t, "exec@kehu.test").Do(t, "GET", "/api/v1/activities/export", nil).Want(t, 403)

		// The director exports their subtree in Chinese: labels, the account's name, tags, formulas neutralised,
		// the sensitive custom field readable (the director holds activity:read_sensitive for the subtree).
		dir := a.Login(t, "director@kehu.test")
		r := dir.Do(t, "GET", "/api/v1/activities/export", nil).Want(t, 200)
		if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") ||
			!strings.Contains(cd, `filename="activity-`) || !strings.HasSuffix(cd, ".csv") {
			t.Errorf("disposition %q", cd)
		}
		rows := exported(t, r)
		if len(rows) != 2 {
			t.Fatalf("director exported %d rows: %v", len(rows), rows)
		}
		call := rows[1] // newest first
		if call["活动类型"] != "电话" || call["主题"] != `'=HYPERLINK("x")` || call["客户"] != "东方科技" ||
			call["状态"] != "未完成" || call["标签"] != "重点, Q3" || call["截止时间"] != "2030-03-01T02:00:00Z" ||
			call["机密"] != "底价 80 万" {
			t.Errorf("director's call row: %v", call)
		}
		if rows[0]["主题"] != "上门拜访" || rows[0]["活动类型"] != "拜访" {
			t.Errorf("director's visit row: %v", rows[0])
		}

		// The list's conditions narrow the file; chosen columns come in the order asked; English follows the profile.
		dir.Do(t, "PATCH", "/api/v1/me", map[string]any{"locale": "en"}).Want(t, 200)
		r = dir.Do(t, "GET", "/api/v1/activities/export?columns=subject,type&accountId="+itoa(acc)+
			"&filter="+url.QueryEscape("type:in:call"), nil).Want(t, 200)
		if rows := exported(t, r); len(rows) != 1 || len(rows[0]) != 2 || rows[0]["Type"] != "Call" {
			t.Errorf("filtered export: %v", rows)
		}
		// The web UI narrows an account page's export with a filter on the account (accountId:eq:<id>).
		if rows := exported(t, dir.Do(t, "GET", "/api/v1/activities/export?filter="+url.QueryEscape("accountId:eq:"+itoa(acc)), nil).Want(t, 200)); len(rows) != 1 {
			t.Errorf("account filter: %v", rows)
		}
		if rows := exported(t, dir.Do(t, "GET", "/api/v1/activities/export?status=done", nil).Want(t, 200)); len(rows) != 0 {
			t.Errorf("no activity is done, exported %v", rows)
		}

		// Mistakes are 422 problems naming the parameter, never a file.
		if fe := dir.Do(t, "GET", "/api/v1/activities/export?columns=subject,bogus", nil).Want(t, 422).FieldErrors(); fe["query.columns"] == "" {
			t.Errorf("bad column: %v", fe)
		}
		dir.Do(t, "GET", "/api/v1/activities/export?filter="+url.QueryEscape("nosuch:eq:1"), nil).Want(t, 422)
		dir.Do(t, "GET", "/api/v1/activities/export?from=yesterday", nil).Want(t, 422)
		dir.Do(t, "GET", "/api/v1/activities/export?format=pdf", nil).Want(t, 422)

		// A role that exports everything but may not see sensitive fields gets them masked.
		role := admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Activity exporter", "grants": []map[string]string{
			{"right": "activity:read", "scope": "all"}, {"right": "activity:export", "scope": "all"}}}).Want(t, 201).ID()
		u := admin.Do(t, "GET", "/api/v1/users/"+itoa(tp.Marketer), nil).Want(t, 200)
		admin.Do(t, "PATCH", "/api/v1/users/"+itoa(u.ID()), map[string]any{"roleIds": []int64{role}},
			"If-Match", u.Header.Get("ETag")).Want(t, 200)
		mk := a.Login(t, "marketer@kehu.test")
		r = mk.Do(t, "GET", "/api/v1/activities/export?columns=subject,custom.secret_note", nil).Want(t, 200)
		if rows := exported(t, r); len(rows) != 3 || strings.Contains(string(r.Raw), "底价") {
			t.Errorf("masked export: %s", r.Raw)
		}

		// The export right's scope narrows the file even where the read right reaches further.
		own := admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Own activity exporter", "grants": []map[string]string{
			{"right": "activity:read", "scope": "all"}, {"right": "activity:create", "scope": "own"},
			{"right": "activity:export", "scope": "own"}}}).Want(t, 201).ID()
		u = admin.Do(t, "GET", "/api/v1/users/"+itoa(tp.Marketer), nil).Want(t, 200)
		admin.Do(t, "PATCH", "/api/v1/users/"+itoa(tp.Marketer), map[string]any{"roleIds": []int64{own}},
			"If-Match", u.Header.Get("ETag")).Want(t, 200)
		mk = a.Login(t, "marketer@kehu.test")
		mk.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "email", "subject": "市场邮件"}).Want(t, 201)
		if n := len(mk.Do(t, "GET", "/api/v1/activities", nil).Want(t, 200).Items()); n != 4 {
			t.Errorf("the role reads %d activities, want 4", n)
		}
		if rows := exported(t, mk.Do(t, "GET", "/api/v1/activities/export?columns=subject", nil).Want(t, 200)); len(rows) != 1 || rows[0]["主题"] != "市场邮件" && rows[0]["Subject"] != "市场邮件" {
			t.Errorf("own-scope export: %v", rows)
		}

		// XLSX: the same rows; formula-like text stays a plain string.
		x := dir.Do(t, "GET", "/api/v1/activities/export?format=xlsx&columns=subject", nil).Want(t, 200)
		f, err := excelize.OpenReader(bytes.NewReader(x.Raw))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		xrows, err := f.GetRows(f.GetSheetName(0))
		if err != nil || len(xrows) != 3 || xrows[2][0] != `=HYPERLINK("x")` {
			t.Fatalf("xlsx rows %v (%v)", xrows, err)
		}
		if formula, _ := f.GetCellFormula(f.GetSheetName(0), "A3"); formula != "" {
			t.Errorf("a formula was written: %q", formula)
		}

		// Every export is audited with what was asked and how many rows left, never the data.
		ctx := testkit.System()
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Action("export"), auditevent.Entity("activity")).AllX(ctx)
		if len(evs) != 7 {
			t.Fatalf("%d export audit events, want 7", len(evs))
		}
		for _, ev := range evs {
			if strings.Contains(fmt.Sprint(ev.Changes), "底价") || strings.Contains(fmt.Sprint(ev.Changes), "HYPERLINK") {
				t.Errorf("audit holds data: %v", ev.Changes)
			}
		}
	})
}
