package customer

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ListQuery is what a list request asks for.
type ListQuery struct {
	// Filters are raw `field:op:value` conditions.
	Filters []string
	// Q is free text matched against the entity's search fields.
	Q    string
	Page record.Page
}

// condition turns a list query's filters and q into one SQL condition over entity's columns, refusing
// sensitive fields the actor may not query. search lists the columns q looks in, sensitive lists the
// subset q may only use when the actor sees sensitive fields on every readable record.
func (s *Service) condition(ctx context.Context, entity string, lq ListQuery, search, sensitive []string) (func(*sql.Selector), error) {
	cols, _, err := s.columns(ctx, entity)
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	filters, err := record.ParseFilters(lq.Filters)
	if err != nil {
		return nil, err
	}
	if err := fls.CheckFilters(a, entity, cols, filters); err != nil {
		return nil, err
	}
	if err := fls.CheckSort(a, entity, cols, lq.Page.Sort); err != nil {
		return nil, err
	}
	pred, err := record.Predicate(cols, filters)
	if err != nil {
		return nil, err
	}
	q := strings.TrimSpace(lq.Q)
	if q != "" && !fls.SeesAll(a, entity) {
		kept := make([]string, 0, len(search))
		for _, c := range search {
			if !contains(sensitive, c) {
				kept = append(kept, c)
			}
		}
		search = kept
	}
	return func(sel *sql.Selector) {
		pred(sel)
		if q == "" {
			return
		}
		ors := make([]*sql.Predicate, 0, len(search))
		for _, c := range search {
			ors = append(ors, sql.ContainsFold(sel.C(c), q))
		}
		sel.Where(sql.Or(ors...))
	}, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
