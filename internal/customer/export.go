package customer

import (
	"context"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// exportPageSize is how many rows an export reads per list query.
const exportPageSize = 1000

// Export is a checked export of one list, ready to stream (SPEC C9, I3): its columns and a pager over
// the same scoped, masked list the list endpoint shows.
type Export struct {
	s       *Service
	Entity  string
	Label   string // the entity's name in the request's language
	Columns []export.Column
	lq      ListQuery
	first   []map[string]any
	next    string
	done    bool
	rows    int
}

var exportRights = map[string]authz.Right{"account": AccountExport, "contact": ContactExport}

// PrepareExport checks the right, the columns (API field names; empty: every field) and the list's
// filters and sort, and reads the first page, so that every mistake is reported before any byte of
// the file is written.
func (s *Service) PrepareExport(ctx context.Context, entity string, lq ListQuery, columns []string) (*Export, error) {
	right, ok := exportRights[entity]
	if !ok {
		return nil, apperr.NotFoundOf(entity, 0)
	}
	if err := authz.Require(ctx, right); err != nil {
		return nil, err
	}
	ex := &Export{s: s, Entity: entity, lq: lq}
	if err := s.exportColumns(ctx, ex, columns); err != nil {
		return nil, err
	}
	ex.lq.Page.Limit, ex.lq.Page.Max, ex.lq.Page.After = exportPageSize, exportPageSize, ""
	first, err := ex.page(ctx)
	if err != nil {
		return nil, err
	}
	ex.first = first
	return ex, nil
}

// exportColumns resolves the requested columns against the entity's metadata with its active
// custom fields, in the request's language.
func (s *Service) exportColumns(ctx context.Context, ex *Export, names []string) error {
	defs, err := s.customDefs(ctx, ex.Entity)
	if err != nil {
		return err
	}
	locale := i18n.Locale(ctx)
	var em meta.EntityMeta
	for _, e := range s.reg.EntitiesWithCustom(locale, map[string][]meta.CustomDef{ex.Entity: defs}) {
		if e.Name == ex.Entity {
			em = e
		}
	}
	ex.Label = em.Label
	all := map[string]export.Column{"id": {Key: "id", Label: "ID", Type: "number"}}
	var order []string
	for _, f := range em.Fields {
		if f.Type == "custom" {
			continue
		}
		all[f.Name] = export.ColumnOf(f)
		order = append(order, f.Name)
	}
	if len(names) == 0 {
		names = order
	}
	var bad []apperr.FieldError
	seen := map[string]bool{}
	for _, n := range names {
		c, ok := all[n]
		if !ok {
			bad = append(bad, apperr.FieldError{Location: "query.columns", Code: "field.invalid", Value: n})
			continue
		}
		if !seen[n] {
			seen[n] = true
			ex.Columns = append(ex.Columns, c)
		}
	}
	if len(bad) > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: bad}
	}
	return nil
}

// page reads the next page of rows, flattened to field API name → value, ref fields shown by name.
func (ex *Export) page(ctx context.Context) ([]map[string]any, error) {
	ex.lq.Page.After = ex.next
	var out []map[string]any
	switch ex.Entity {
	case "account":
		rows, next, err := ex.s.ListAccounts(ctx, ex.lq)
		if err != nil {
			return nil, err
		}
		dtos, err := ex.s.accountDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		for i := range dtos {
			m := export.Flatten(&dtos[i])
			m["ownerId"], m["teamId"] = dtos[i].OwnerName, dtos[i].TeamName
			out = append(out, m)
		}
		ex.next = next
	case "contact":
		rows, next, err := ex.s.ListContacts(ctx, 0, ex.lq)
		if err != nil {
			return nil, err
		}
		dtos, err := ex.s.contactDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		for i := range dtos {
			m := export.Flatten(&dtos[i])
			m["ownerId"], m["teamId"], m["accountId"] = dtos[i].OwnerName, dtos[i].TeamName, dtos[i].AccountName
			out = append(out, m)
		}
		ex.next = next
	}
	ex.done = ex.next == ""
	return out, nil
}

// Each calls fn with every page of rows in turn and returns how many rows there were.
func (ex *Export) Each(ctx context.Context, fn func(rows []map[string]any) error) (int, error) {
	rows := ex.first
	ex.first = nil
	for {
		if err := fn(rows); err != nil {
			return ex.rows, err
		}
		ex.rows += len(rows)
		if ex.done {
			return ex.rows, nil
		}
		var err error
		if rows, err = ex.page(ctx); err != nil {
			return ex.rows, err
		}
	}
}

// Formatter returns the cell formatter of this export in the request's language.
func (ex *Export) Formatter(ctx context.Context) *export.Formatter {
	var labels export.Labeler
	if ex.s.dict != nil {
		labels = ex.s.dict
	}
	return export.NewFormatter(i18n.Locale(ctx), labels)
}

// Audit records the export (SPEC A7): what was asked for and how many rows left, never the data.
func (ex *Export) Audit(ctx context.Context, format string, rows int, complete bool) error {
	cols := make([]string, len(ex.Columns))
	for i, c := range ex.Columns {
		cols[i] = c.Key
	}
	ch := map[string]audit.Change{
		"filter":  {New: strings.Join(ex.lq.Filters, "; ")},
		"q":       {New: ex.lq.Q},
		"format":  {New: format},
		"columns": {New: strings.Join(cols, ",")},
		"rows":    {New: rows},
	}
	if !complete {
		ch["incomplete"] = audit.Change{New: true}
	}
	return ex.s.st.Record(ctx, audit.Event{Action: audit.ActionExport, Entity: ex.Entity, Changes: ch})
}
