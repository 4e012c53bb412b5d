package view

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent/savedview"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// columns returns the entity's fields by API name, with its active custom fields ("custom.<key>").
func (s *Service) columns(ctx context.Context, entity string) (map[string]meta.Column, error) {
	cols := s.reg.Columns(entity)
	if s.defs == nil {
		return cols, nil
	}
	defs, err := s.defs.Defs(ctx, entity)
	if err != nil {
		return nil, err
	}
	return s.reg.WithCustom(entity, cols, defs), nil
}

// validate checks a view's content the way the entity's list checks a request, reporting every bad
// part at once under the body's names. id is the view being updated (0 on create).
func (s *Service) validate(ctx context.Context, entity string, id int64, in Input, creating bool) error {
	var f apperr.Fields
	if creating || in.Name != nil {
		f.Text("body.name", in.Name, maxName, true)
		if in.Name != nil && *in.Name != "" {
			if err := s.nameTaken(ctx, &f, entity, id, *in.Name); err != nil {
				return err
			}
		}
	}
	if in.Q != nil && (utf8.RuneCountInString(*in.Q) > maxQ || strings.ContainsRune(*in.Q, 0)) {
		f.Add("body.q", "field.too_long", map[string]any{"Max": maxQ})
	}
	cols, err := s.columns(ctx, entity)
	if err != nil {
		return err
	}
	a := authz.FromContext(ctx)
	if in.Filters != nil {
		s.checkFilters(&f, a, entity, cols, *in.Filters)
	}
	if in.Sort != nil && *in.Sort != "" {
		srt, err := record.ParseSort(*in.Sort, s.reg.Sorts(entity), record.Sort{})
		if err == nil {
			err = fls.CheckSort(a, entity, cols, srt)
		}
		relocate(&f, err, "query.sort", "body.sort")
	}
	if in.Columns != nil {
		if len(*in.Columns) > MaxColumns {
			f.Add("body.columns", "field.too_many", map[string]any{"Max": MaxColumns})
		}
		seen := map[string]bool{}
		for i, c := range *in.Columns {
			if _, ok := cols[c]; !ok || seen[c] {
				f.Add(fmt.Sprintf("body.columns[%d]", i), "field.view_column", map[string]any{"Field": c})
			}
			seen[c] = true
		}
	}
	return f.Err()
}

// checkFilters parses and compiles the filters exactly as a list request would (unknown fields, bad
// operators and values, sensitive fields the actor may not query) without running them.
func (s *Service) checkFilters(f *apperr.Fields, a *authz.Actor, entity string, cols map[string]meta.Column, raw []string) {
	if len(raw) > MaxFilters {
		f.Add("body.filters", "field.too_many", map[string]any{"Max": MaxFilters})
		return
	}
	for i, r := range raw {
		if utf8.RuneCountInString(r) > 300 || strings.ContainsRune(r, 0) {
			f.Add(fmt.Sprintf("body.filters[%d]", i), "field.invalid", nil)
			return
		}
	}
	filters, err := record.ParseFilters(raw)
	if err == nil {
		err = fls.CheckFilters(a, entity, cols, filters)
	}
	if err == nil {
		_, err = record.Predicate(cols, filters, nil)
	}
	relocate(f, err, "query.filter", "body.filters")
}

// relocate adds a list validation error's field errors under the body's names.
func relocate(f *apperr.Fields, err error, from, to string) {
	if err == nil {
		return
	}
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.Invalid {
		f.Add(to, "field.invalid", nil)
		return
	}
	for _, fe := range e.Fields {
		loc := fe.Location
		if strings.HasPrefix(loc, from) {
			loc = to + strings.TrimPrefix(loc, from)
		}
		f.Add(loc, fe.Code, fe.Args)
	}
}

// nameTaken refuses a second view of the same name among the actor's views of the entity.
func (s *Service) nameTaken(ctx context.Context, f *apperr.Fields, entity string, id int64, name string) error {
	a := authz.FromContext(ctx)
	n, err := s.st.Client(ctx).SavedView.Query().Where(savedview.OwnerID(a.UserID), savedview.Entity(entity),
		savedview.Name(name), savedview.IDNEQ(id)).Count(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		f.Add("body.name", "field.view_name_taken", nil)
	}
	return nil
}
