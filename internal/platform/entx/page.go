package entx

import (
	"context"

	"entgo.io/ent/dialect/sql"
)

type pageKey struct{}

// MarkPage records on a list selector that it reads one ordered page of at most limit rows (its ORDER BY
// is already set), so that predicates applied after it (the data scope, see authz.ScopePredicate) may
// add an equivalent condition the database can answer by walking indexes in order.
func MarkPage(s *sql.Selector, limit int) {
	s.WithContext(context.WithValue(s.Context(), pageKey{}, limit))
}

// PageLimit returns the limit MarkPage recorded on s.
func PageLimit(s *sql.Selector) (int, bool) {
	limit, ok := s.Context().Value(pageKey{}).(int)
	return limit, ok && limit > 0
}
