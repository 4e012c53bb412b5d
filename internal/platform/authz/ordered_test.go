package authz

import (
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/entx"
)

var accountRule = EntityRule{Resource: "account", OwnerField: "owner_id", TeamField: "team_id"}

// page builds what record.Page.Apply builds for a first page sorted by name, with a filter before it.
func page(d string, mark bool) *sql.Selector {
	t := sql.Dialect(d).Table("accounts")
	s := sql.Dialect(d).Select(t.C("id")).From(t)
	s.Where(sql.EQ(s.C("industry"), "it"))
	s.OrderBy(sql.Asc(s.C("name")), sql.Asc(s.C("id"))).Limit(21)
	if mark {
		entx.MarkPage(s, 21)
	}
	return s
}

func TestScopePredicateOnAnOrderedPageReadsEachBranchInOrder(t *testing.T) {
	director := &Actor{Kind: KindUser, UserID: 7, TeamID: 2, Subtree: []int64{2, 3}}
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		s := page(d, true)
		ScopePredicate(accountRule, director, ScopeSubtree)(s)
		q, args := s.Query()
		plus := "+`accounts`.`owner_id` = ? OR +`accounts`.`team_id` IN (?, ?)"
		if d == dialect.Postgres {
			plus = `+"accounts"."owner_id" = $2 OR +"accounts"."team_id" IN ($3, $4)`
		}
		for _, want := range []string{"UNION ALL", "LIMIT 21) AS", "IN (SELECT", plus} {
			if !strings.Contains(q, want) {
				t.Errorf("%s: %q lacks %q", d, q, want)
			}
		}
		// The scope itself, then one branch per disjunct (owner 7, team 2, team 3), each repeating the filter.
		if strings.Count(q, "ORDER BY") != 4 || strings.Count(q, "UNION ALL") != 2 {
			t.Errorf("%s: %q", d, q)
		}
		want := []any{"it", int64(7), int64(2), int64(3), "it", int64(7), "it", int64(2), "it", int64(3)}
		if len(args) != len(want) {
			t.Fatalf("%s: args %v, want %v", d, args, want)
		}
		for i := range want {
			if args[i] != want[i] {
				t.Errorf("%s: args %v, want %v", d, args, want)
				break
			}
		}
		if d == dialect.Postgres && !strings.Contains(q, "$10") {
			t.Errorf("postgres placeholders not numbered through the branches: %q", q)
		}
	}
}

func TestScopePredicateWithoutBranchesIsThePlainCondition(t *testing.T) {
	manager := &Actor{Kind: KindUser, UserID: 7, TeamID: 2, Subtree: []int64{2, 3}}
	for _, c := range []struct {
		name  string
		scope Scope
		mark  bool
	}{{"own scope: one branch", ScopeOwn, true}, {"not a page", ScopeSubtree, false}} {
		s := page(dialect.SQLite, c.mark)
		ScopePredicate(accountRule, manager, c.scope)(s)
		if q, _ := s.Query(); strings.Contains(q, "UNION") {
			t.Errorf("%s: %q", c.name, q)
		}
	}
}
