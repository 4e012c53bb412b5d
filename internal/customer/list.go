package customer

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
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

// searchColumns lists, per entity, the columns a list's q looks in (search) and the subset q may only
// use when the actor sees sensitive fields on every readable record (sensitive). The list and a bulk
// "all matching" run share them, so that both select the same records.
var searchColumns = map[string]struct{ search, sensitive []string }{
	"account": {
		search:    []string{account.FieldName, account.FieldNumber, account.FieldPhone, account.FieldEmail},
		sensitive: []string{account.FieldPhone, account.FieldEmail},
	},
	"contact": {
		search:    []string{contact.FieldName, contact.FieldTitle, contact.FieldPhone, contact.FieldMobile, contact.FieldEmail},
		sensitive: []string{contact.FieldPhone, contact.FieldMobile, contact.FieldEmail},
	},
}

// condition turns a list query's filters and q into one SQL condition over entity's columns, refusing
// sensitive fields the actor may not query; q looks in entity's searchColumns.
func (s *Service) condition(ctx context.Context, entity string, lq ListQuery) (func(*sql.Selector), error) {
	search, sensitive := searchColumns[entity].search, searchColumns[entity].sensitive
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
	pred, err := record.Predicate(cols, filters, authz.FromContext(ctx).Location())
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
