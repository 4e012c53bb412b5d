package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestImportGBKAndXLSX(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")

		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(csvOf("客户名称;电话;地址", "杭州湖畔科技有限公司;0571-88886666;杭州市西湖区文三路 1 号"))
		if err != nil {
			t.Fatal(err)
		}
		up := upload(t, c, "account", "gbk.csv", gbk).Want(t, 201)
		if up.Str("encoding") != "gb18030" {
			t.Fatalf("encoding %q", up.Str("encoding"))
		}
		if done := run(t, c, up.ID()); num(done, "createdCount") != 1 {
			t.Fatalf("gbk import: %s", done.Raw)
		}
		items, _ := c.ListAll(t, "/api/v1/accounts?q="+"杭州湖畔")
		if len(items) != 1 || items[0]["address"] != "杭州市西湖区文三路 1 号" {
			t.Fatalf("gbk account: %v", items)
		}

		f := excelize.NewFile()
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Credit limit", "Satisfaction", "Tags"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Excel 客户", 5000, 4, "x;y"})
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		up = upload(t, c, "account", "book.xlsx", buf.Bytes()).Want(t, 201)
		if up.Str("format") != "xlsx" {
			t.Fatalf("format %q", up.Str("format"))
		}
		if done := run(t, c, up.ID()); num(done, "createdCount") != 1 {
			t.Fatalf("xlsx import: %s", done.Raw)
		}
		items, _ = c.ListAll(t, "/api/v1/accounts?q=Excel")
		if len(items) != 1 || items[0]["creditLimit"].(float64) != 500000 || items[0]["satisfaction"].(float64) != 4 {
			t.Fatalf("xlsx account: %v", items)
		}
	})
}

// Hostile cells are data: a formula is stored as typed and neutralised in the error report; script
// text is stored verbatim (the UI renders text, never HTML).
func TestImportFormulaAndScriptCells(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		formula := "=cmd|' /C calc'!A0"
		script := "<script>alert(1)</script>"
		up := upload(t, c, "account", "evil.csv", csvOf("name,address,email",
			formula+",x,",
			"Script Co,"+script+",",
			"Bad Row,"+"=HYPERLINK(\"http://evil\"),not-an-email")).Want(t, 201)
		done := run(t, c, up.ID())
		if num(done, "createdCount") != 2 || num(done, "failedCount") != 1 {
			t.Fatalf("import: %s", done.Raw)
		}
		items, _ := c.ListAll(t, "/api/v1/accounts?limit=50")
		byName := map[string]map[string]any{}
		for _, it := range items {
			byName[it["name"].(string)] = it
		}
		if byName[formula] == nil {
			t.Fatalf("formula text not stored verbatim: %v", items)
		}
		if byName["Script Co"]["address"] != script {
			t.Fatalf("script text not stored verbatim: %v", byName["Script Co"])
		}
		rep := c.Do(t, "GET", path(up.ID(), "/errors.csv"), nil).Want(t, 200)
		body := string(rep.Raw)
		if !strings.HasPrefix(body, "\ufeff") {
			t.Fatal("error report lacks the UTF-8 BOM")
		}
		if !strings.Contains(body, `'=HYPERLINK(""http://evil"")`) || strings.Contains(body, ",=HYPERLINK") {
			t.Fatalf("formula not neutralised in the error report:\n%s", body)
		}
		if !strings.Contains(body, "Bad Row") || !strings.Contains(body, "email") || strings.Contains(body, "Script Co") {
			t.Fatalf("error report rows:\n%s", body)
		}
	})
}

func TestImportRejectsBadUploads(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d, func(c *config.Config) { c.ImportMaxBytes = 4096; c.ImportMaxRows = 50 })
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		field := func(r *testkit.Response) string { return r.FieldErrors()["body.file"] }
		big := bytes.Repeat([]byte("name\r\n"), 1000) // 6 KB: over the file limit, under the body cap
		if r := upload(t, c, "account", "big.csv", big).Want(t, 422); field(r) == "" {
			t.Fatalf("oversized file: %s", r.Raw)
		}
		huge := bytes.Repeat([]byte("x"), 2<<20) // over the whole-body cap
		upload(t, c, "account", "huge.csv", huge).Want(t, 413)
		rows := []string{"name"}
		for range 60 {
			rows = append(rows, "n")
		}
		if r := upload(t, c, "account", "rows.csv", csvOf(rows...)).Want(t, 422); !strings.Contains(field(r), "50") {
			t.Fatalf("too many rows: %s", r.Raw)
		}
		for name, data := range map[string][]byte{"empty.csv": {}, "header.csv": csvOf("name"), "old.xls": []byte("\xD0\xCF\x11\xE0")} {
			if r := upload(t, c, "account", name, data).Want(t, 422); field(r) == "" {
				t.Fatalf("%s: %s", name, r.Raw)
			}
		}
		upload(t, c, "lead", "a.csv", csvOf("name", "x")).Want(t, 422)
		upload(t, c, "", "a.csv", csvOf("name", "x")).Want(t, 422)

		// A file whose columns map to nothing required cannot start.
		up := upload(t, c, "account", "nomatch.csv", csvOf("foo,bar", "1,2")).Want(t, 201)
		if m, _ := up.JSON["mapping"].(map[string]any); len(m) != 0 {
			t.Fatalf("mapping of unknown headers: %v", m)
		}
		r := c.Do(t, "POST", path(up.ID(), "/start"), nil).Want(t, 422)
		if r.FieldErrors()["body.mapping"] == "" {
			t.Fatalf("start without name: %s", r.Raw)
		}
		// Bad mappings name the column.
		r = c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"mapping": map[string]string{"0": "name", "1": "name", "7": "phone"}},
			"If-Match", up.Header.Get("ETag")).Want(t, 422)
		fe := r.FieldErrors()
		if fe["body.mapping.7"] == "" || (fe["body.mapping.1"] == "" && fe["body.mapping.0"] == "") {
			t.Fatalf("bad mapping: %s", r.Raw)
		}
		r = c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"mapping": map[string]string{"0": "name", "1": "number"}},
			"If-Match", up.Header.Get("ETag")).Want(t, 422)
		if r.FieldErrors()["body.mapping.1"] == "" {
			t.Fatalf("read-only field mapped: %s", r.Raw)
		}
		ok := c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"mapping": map[string]string{"0": "name"}, "duplicateMode": "create"},
			"If-Match", up.Header.Get("ETag")).Want(t, 200)
		c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": "skip"}, "If-Match", up.Header.Get("ETag")).Want(t, 412)
		done := run(t, c, ok.ID())
		if num(done, "createdCount") != 1 || done.Str("duplicateMode") != "create" {
			t.Fatalf("after remapping: %s", done.Raw)
		}
		c.Do(t, "POST", path(up.ID(), "/start"), nil).Want(t, 409)
		c.Do(t, "PATCH", path(up.ID(), ""), map[string]any{"duplicateMode": "skip"}, "If-Match", done.Header.Get("ETag")).Want(t, 409)
	})
}
