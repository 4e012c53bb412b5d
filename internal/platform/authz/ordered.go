package authz

import (
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/entx"
)

// maxOrderedBranches bounds the subqueries orderedBranches writes; a wider scope keeps the plain condition.
const maxOrderedBranches = 32

// orderedPage reports whether orderedBranches applies to s: a page entx.MarkPage marked, ordered by
// plain columns, over one table, with a scope of several (but not too many) branches.
func orderedPage(s *sql.Selector, branches []func(*sql.Selector) *sql.Predicate) bool {
	_, ok := entx.PageLimit(s)
	return ok && len(branches) >= 2 && len(branches) <= maxOrderedBranches && !s.HasJoins() &&
		len(s.OrderColumns()) > 0
}

// orderedBranches makes an ordered page whose scope is "owner = me OR team IN (…)" cheap. Neither
// database can read such a disjunction in the page's order: SQLite collects every row in scope and sorts
// it (hundreds of thousands for a director), PostgreSQL walks the sort column's index and filters. So,
// on a selector entx.MarkPage marked, it adds
//
//	id IN (SELECT id FROM (SELECT id FROM t WHERE <conditions so far> AND owner = me ORDER BY … LIMIT n)
//	       UNION ALL SELECT id FROM (… AND team = t1 …) …)
//
// where each branch walks a (scope column, sort column, id) index in order and stops after n rows. The
// page's first n rows lie in that union (each of them is among the first n rows of its own branch), so the
// result is the same; the condition only ever narrows, and the scope condition stays applied as it is.
// base holds the selector's conditions before the scope (filters and the keyset cursor).
func orderedBranches(s *sql.Selector, base *sql.Predicate, branches []func(*sql.Selector) *sql.Predicate) {
	limit, _ := entx.PageLimit(s)
	order := s.OrderColumns()
	d := s.Dialect()
	var union *sql.Selector
	for i, branch := range branches {
		t := sql.Dialect(d).Table(s.TableName())
		sub := sql.Dialect(d).Select(t.C("id")).From(t)
		if base != nil {
			sub.Where(base)
		}
		sub.Where(branch(sub)).OrderBy(order...).Limit(limit)
		member := sql.Dialect(d).Select("id").From(sub.As(fmt.Sprintf("scope_branch_%d", i)))
		if union == nil {
			union = member
		} else {
			union.UnionAll(member)
		}
	}
	s.Where(sql.In(s.C("id"), union))
}
