package search_test

import (
	"fmt"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/search"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// withScopeTerm lists the index rows ("entity:id") that carry a scope term, asking the text index itself
// (FTS5 scope_terms column / tsvector label C), so that a term the database failed to generate or to
// move shows here even where the SQL scope predicate would hide it.
func withScopeTerm(t *testing.T, a *testkit.App, d db.Dialect, term string) []string {
	t.Helper()
	q := `SELECT si.entity, si.record_id FROM search_fts JOIN search_index si ON si.id = search_fts.rowid
		WHERE search_fts MATCH 'scope_terms : "` + term + `"'`
	if d == db.Postgres {
		q = `SELECT entity, record_id FROM search_index WHERE tsv @@ to_tsquery('simple', '` + term + `:C')`
	}
	rows, err := a.DB.SQL.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		var id int64
		if err := rows.Scan(&e, &id); err != nil {
			t.Fatal(err)
		}
		out = append(out, e+":"+itoa(id))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSearchScopeTerms(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		amEast := a.Login(t, "am.east@kehu.test")
		amEast1 := a.Login(t, "am.east1@kehu.test")
		amWest := a.Login(t, "am.west@kehu.test")
		director := a.Login(t, "director@kehu.test")
		exec := a.Login(t, "exec@kehu.test")

		east := newAccount(t, amEast, map[string]any{"name": "Orbit 轨道科技"})
		east1 := newAccount(t, amEast1, map[string]any{"name": "Orbital 轨道咨询"})
		west := newAccount(t, amWest, map[string]any{"name": "Orbiter 轨道西部"})
		c := amEast.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": east, "name": "赵轨道"}).Want(t, 201).ID()

		// The database generates the terms from the row's entity, owner and team.
		term := func(entity, kind string, id int64) string { return fmt.Sprintf("%s%s%d", entity, kind, id) }
		same(t, "account", withScopeTerm(t, a, d, "account"), acc(east), acc(east1), acc(west))
		same(t, "owner am.east", withScopeTerm(t, a, d, term("account", "o", tp.AMEast)), acc(east))
		same(t, "team east", withScopeTerm(t, a, d, term("account", "t", tp.East)), acc(east))
		same(t, "team east-1", withScopeTerm(t, a, d, term("account", "t", tp.East1)), acc(east1))
		same(t, "contact owner", withScopeTerm(t, a, d, term("contact", "o", tp.AMEast)), con(c))

		// Scope through the terms: own, team subtree, all.
		same(t, "am.east", find(t, amEast, "轨道"), acc(east), con(c))
		same(t, "am.east1", find(t, amEast1, "轨道"), acc(east1))
		same(t, "director (subtree East, East-1)", find(t, director, "轨道"), acc(east), acc(east1), con(c))
		same(t, "exec (all)", find(t, exec, "轨道"), acc(east), acc(east1), acc(west), con(c))

		// A query token never matches a scope term, whether or not the actor searches sensitive terms.
		for _, q := range []string{"account", term("account", "o", tp.AMEast), term("account", "t", tp.East), "contact",
			"o" + itoa(tp.AMEast), "t" + itoa(tp.East)} {
			same(t, "admin "+q, find(t, admin, q))
			same(t, "exec "+q, find(t, exec, q))
			same(t, "am.east "+q, find(t, amEast, q))
		}

		// An ownership transfer moves the terms with the rows.
		r := director.Do(t, "POST", "/api/v1/accounts/transfer", map[string]any{"fromOwnerId": tp.AMEast,
			"toOwnerId": tp.AMEast1}).Want(t, 200)
		if r.JSON["accounts"] != float64(1) {
			t.Fatalf("transfer: %s", r.Raw)
		}
		same(t, "old owner term", withScopeTerm(t, a, d, term("account", "o", tp.AMEast)))
		same(t, "new owner term", withScopeTerm(t, a, d, term("account", "o", tp.AMEast1)), acc(east), acc(east1))
		same(t, "new team term", withScopeTerm(t, a, d, term("account", "t", tp.East1)), acc(east), acc(east1))
		same(t, "old team term", withScopeTerm(t, a, d, term("account", "t", tp.East)))
		same(t, "contact moved", withScopeTerm(t, a, d, term("contact", "o", tp.AMEast1)), con(c))
		same(t, "am.east after", find(t, amEast, "轨道"))
		same(t, "am.east1 after", find(t, amEast1, "轨道"), acc(east), acc(east1), con(c))
	})
}

// The bound: a search ranks at most search.Candidates matching rows per entity (SQLite: the newest), and
// finds an exact title beyond the bound; with fewer matches every one is ranked.
func TestSearchCandidateBound(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		var ids []int64
		for _, n := range []string{"Bound", "Bound Alpha", "Bound Beta", "Bound Gamma", "Bound Delta"} {
			ids = append(ids, newAccount(t, am, map[string]any{"name": n}))
		}
		all := make([]string, len(ids))
		for i, id := range ids {
			all[i] = acc(id)
		}
		got := find(t, am, "bound")
		same(t, "all ranked", got, all...)
		if len(got) == 0 || got[0] != acc(ids[0]) {
			t.Errorf("exact title not first: %v", got)
		}

		search.SetCandidates(a.Modules.Search, 2)
		t.Cleanup(func() { search.SetCandidates(a.Modules.Search, search.Candidates) })
		got = find(t, am, "bound")
		if len(got) == 0 || got[0] != acc(ids[0]) {
			t.Errorf("exact title beyond the bound not first: %v", got)
		}
		if len(got) < 2 || len(got) > 3 {
			t.Errorf("bounded: %v", got)
		}
		if d == db.SQLite {
			same(t, "newest two and the exact title", got, acc(ids[0]), acc(ids[3]), acc(ids[4]))
		}
		// A prefix query that is no title: only the bound's rows.
		if got := find(t, am, "bou"); len(got) != 2 {
			t.Errorf("prefix, bounded: %v", got)
		}
	})
}
