package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/demo"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// Every scenario at a tiny scale: the raw SQL runs on the dialect, the API side answers 2xx through
// vegeta, and both sides see the same data; the raw import writes what it claims.
func TestScenariosAtATinyScale(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		ctx := context.Background()
		svc := demo.Services{Store: a.Store, IAM: a.Modules.IAM, Dictionary: a.Modules.Dictionary,
			Customer: a.Modules.Customer, Activity: a.Modules.Activity}
		if _, err := demo.Scale(ctx, svc, a.DB, demo.ScaleOptions{Accounts: 400, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		f, err := loadFixtures(ctx, a.DB.SQL, d, "zhang.wei@"+demo.EmailDomain, "chen.zhiqiang@"+demo.EmailDomain)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.am.subtree) != 0 || len(f.director.subtree) < 3 || len(f.accounts) == 0 || len(f.searches) != 4 {
			t.Fatalf("fixtures %+v", f)
		}
		srv := &server{base: a.URL}
		for _, p := range []*principal{&f.am, &f.director} {
			if p.cookie, err = srv.login(p.email, demo.Password); err != nil {
				t.Fatal(err)
			}
		}
		for _, sc := range scenarios(f, d) {
			if err := sc.raw(ctx, a.DB.SQL, 1); err != nil {
				t.Errorf("%s, raw: %v", sc.name, err)
			}
			m := attack(sc.name, sc.target(a.URL), 1, 0, 300*time.Millisecond)
			if m.requests == 0 || m.success != 1 {
				t.Errorf("%s as %s: %d requests, %.0f%% ok: %v", sc.name, sc.as.label, m.requests, m.success*100, m.errors)
			}
		}
		// The raw search finds the account whose brand it searches for, like the API.
		var brand string
		for _, s := range f.searches {
			if s.kind == "Chinese substring" {
				brand = s.q
			}
		}
		hits := a.Client()
		hits.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": f.am.email, "password": demo.Password}).Want(t, 200)
		if items := hits.Do(t, "GET", "/api/v1/search?q="+brand, nil).Want(t, 200).Items(); len(items) == 0 {
			t.Errorf("the API finds nothing for %q", brand)
		}

		// The import scenario through the import API, then the same rows through raw SQL.
		before := count(t, a, "SELECT COUNT(*) FROM accounts")
		imp, err := runImport(ctx, options{importRows: 300}, &dataset{dialect: d}, srv, a.DB.SQL, f)
		if err != nil || imp == nil || imp.api <= 0 || imp.raw <= 0 || imp.created != 300 || imp.skipped+imp.failed != 0 {
			t.Fatalf("import: %+v, %v", imp, err)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts"); n != before+600 {
			t.Errorf("after the import scenario: %d accounts, want %d", n, before+600)
		}

		before = count(t, a, "SELECT COUNT(*) FROM accounts")
		if err := rawImport(ctx, a.DB.SQL, d, f.am, importRows(1500, f.industries)); err != nil {
			t.Fatal(err)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts"); n != before+1500 {
			t.Errorf("raw import: %d accounts, want %d", n, before+1500)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts WHERE number IS NULL OR number NOT LIKE 'KH%'"); n != 0 {
			t.Errorf("%d imported accounts without a number", n)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM search_index WHERE title LIKE '导入%'"); n != 1500+600 {
			t.Errorf("raw import: %d search rows", n)
		}
	})
}

func count(t *testing.T, a *testkit.App, q string) int64 {
	t.Helper()
	var n int64
	if err := a.DB.SQL.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestHelpers(t *testing.T) {
	if got := rebind(db.Postgres, "a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("rebind: %s", got)
	}
	if got := rebind(db.SQLite, "a = ?"); got != "a = ?" {
		t.Errorf("rebind sqlite: %s", got)
	}
	for in, want := range map[string]string{"上海星辰云帆科技有限公司": "星辰云帆", "石家庄华信博创数据有限公司": "华信博创"} {
		if got := brandOf(in); got != want {
			t.Errorf("brandOf(%s) = %s", in, got)
		}
	}
	if got := latinPrefix("https://www.xingchenyunfan-it.com.cn"); got != "xingch" {
		t.Errorf("latinPrefix: %s", got)
	}
	p := principal{id: 7, subtree: []int64{2, 3}}
	if got := p.scope("a"); got != "(a.owner_id = 7 OR a.team_id IN (2, 3))" {
		t.Errorf("scope: %s", got)
	}
	if got := multiInsert(db.Postgres, "t", []string{"x", "y"}, 2); got != "INSERT INTO t (x, y) VALUES ($1, $2), ($3, $4)" {
		t.Errorf("multiInsert: %s", got)
	}
	csv := string(importCSV(importRows(2, []string{"it"})))
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "客户名称,") {
		t.Errorf("import CSV:\n%s", csv)
	}
}
