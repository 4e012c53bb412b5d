package export

import (
	"context"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// PageSize is how many rows an export reads per list query.
const PageSize = 1000

// Pager reads the page of an export's rows after the cursor after ("" for the first), each row
// flattened to API field name → value as the list shows it (scoped and masked), and the next cursor
// ("" after the last page).
type Pager func(ctx context.Context, after string) (rows []map[string]any, next string, err error)

// Recorder writes an audit event (store.Store.Record).
type Recorder func(ctx context.Context, ev audit.Event) error

// Spec is what a module hands Prepare: the entity's metadata with its active custom fields, the
// requested columns (API field names; none: every field), the list's filters and free text (audited,
// never the data), and how to read pages, label codes and record the audit event.
type Spec struct {
	// Right is the export right: required, and its scope narrows the rows (authz.ReadingFor).
	Right   authz.Right
	Entity  meta.EntityMeta
	Columns []string
	Filters []string
	Q       string
	Labels  Labeler
	Record  Recorder
	Pager   Pager
}

// Job is a checked export of one list, ready to stream (SPEC C9, I3).
type Job struct {
	Entity  string
	Label   string // the entity's name in the request's language
	Columns []Column
	spec    Spec
	first   []map[string]any
	next    string
	done    bool
	rows    int
}

// Prepare resolves the columns and reads the first page, so that every mistake (a bad column, filter
// or sort) is reported before any byte of the file is written.
func Prepare(ctx context.Context, spec Spec) (*Job, error) {
	if err := authz.Require(ctx, spec.Right); err != nil {
		return nil, err
	}
	cols, err := Columns(spec.Entity, spec.Columns)
	if err != nil {
		return nil, err
	}
	j := &Job{Entity: spec.Entity.Name, Label: spec.Entity.Label, Columns: cols, spec: spec}
	if j.first, err = j.page(ctx); err != nil {
		return nil, err
	}
	return j, nil
}

// Columns resolves API field names against an entity's metadata ("id" and every field but the raw
// custom map; custom fields appear as custom.<key>). No names: every field, in metadata order.
func Columns(em meta.EntityMeta, names []string) ([]Column, error) {
	all := map[string]Column{"id": {Key: "id", Label: "ID", Type: "number"}}
	var order []string
	for _, f := range em.Fields {
		if f.Type == "custom" {
			continue
		}
		all[f.Name] = ColumnOf(f)
		order = append(order, f.Name)
	}
	if len(names) == 0 {
		names = order
	}
	var out []Column
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
			out = append(out, c)
		}
	}
	if len(bad) > 0 {
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: bad}
	}
	return out, nil
}

// page reads the next page.
func (j *Job) page(ctx context.Context) ([]map[string]any, error) {
	rows, next, err := j.spec.Pager(authz.ReadingFor(ctx, j.spec.Right), j.next)
	if err != nil {
		return nil, err
	}
	j.next, j.done = next, next == ""
	return rows, nil
}

// Each calls fn with every page of rows in turn and returns how many rows there were.
func (j *Job) Each(ctx context.Context, fn func(rows []map[string]any) error) (int, error) {
	rows := j.first
	j.first = nil
	for {
		if err := fn(rows); err != nil {
			return j.rows, err
		}
		j.rows += len(rows)
		if j.done {
			return j.rows, nil
		}
		var err error
		if rows, err = j.page(ctx); err != nil {
			return j.rows, err
		}
	}
}

// Formatter returns the cell formatter of this export in the request's language.
func (j *Job) Formatter(ctx context.Context) *Formatter {
	return NewFormatter(i18n.Locale(ctx), j.spec.Labels)
}

// Audit records the export (SPEC A7): what was asked for and how many rows left, never the data.
func (j *Job) Audit(ctx context.Context, format string, rows int, complete bool) error {
	cols := make([]string, len(j.Columns))
	for i, c := range j.Columns {
		cols[i] = c.Key
	}
	ch := map[string]audit.Change{
		"filter":  {New: strings.Join(j.spec.Filters, "; ")},
		"q":       {New: j.spec.Q},
		"format":  {New: format},
		"columns": {New: strings.Join(cols, ",")},
		"rows":    {New: rows},
	}
	if !complete {
		ch["incomplete"] = audit.Change{New: true}
	}
	return j.spec.Record(ctx, audit.Event{Action: audit.ActionExport, Entity: j.Entity, Changes: ch})
}
