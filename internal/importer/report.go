package importer

import (
	"context"
	"io"
	"sort"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// ErrorReport prepares a job's error report and returns its writer: the rejected rows with their
// original cells, the row number and the problems, as UTF-8 CSV with a BOM. Cells that a spreadsheet
// would run as a formula are neutralised by platform/export.
func (s *Service) ErrorReport(ctx context.Context, id int64) (func(w io.Writer) error, error) {
	job, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	data, err := s.file(ctx, id)
	if err != nil {
		return nil, err
	}
	table, err := Parse(data, job.Format, s.limits.MaxRows)
	if err != nil {
		return nil, err
	}
	return func(w io.Writer) error { return s.writeErrors(ctx, job, table, w) }, nil
}

func (s *Service) writeErrors(ctx context.Context, job *ent.ImportJob, table *Table, w io.Writer) error {
	byRow := map[int][]string{}
	for _, e := range job.Errors {
		msg := e.Message
		if e.Field != "" {
			msg = e.Field + ": " + msg
		}
		byRow[e.Row] = append(byRow[e.Row], msg)
	}
	rows := make([]int, 0, len(byRow))
	for r := range byRow {
		rows = append(rows, r)
	}
	sort.Ints(rows)
	fw, err := export.NewCSV(w)
	if err != nil {
		return err
	}
	locale := i18n.Locale(ctx)
	header := []any{s.bundle.T(locale, "import.col_row", nil)}
	for _, h := range job.Headers {
		header = append(header, h)
	}
	header = append(header, s.bundle.T(locale, "import.col_errors", nil))
	if err := fw.Row(header); err != nil {
		return err
	}
	for _, r := range rows {
		cells := []any{r}
		var src []string
		if r >= 1 && r <= len(table.Rows) {
			src = table.Rows[r-1]
		}
		for i := range job.Headers {
			cells = append(cells, Cell(src, i))
		}
		cells = append(cells, strings.Join(byRow[r], "; "))
		if err := fw.Row(cells); err != nil {
			return err
		}
	}
	return fw.Close()
}

// WriteTemplate writes an empty file whose header row holds entity's importable field labels in the
// request's language (required fields first), in format csv or xlsx.
func (s *Service) WriteTemplate(ctx context.Context, entity string, format export.Format, w io.Writer) error {
	fields, err := s.Fields(ctx, entity, i18n.Locale(ctx))
	if err != nil {
		return err
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Required && !fields[j].Required })
	header := make([]any, len(fields))
	for i, f := range fields {
		header[i] = f.Label
	}
	fw, err := export.New(format, w, entity)
	if err != nil {
		return err
	}
	if err := fw.Row(header); err != nil {
		return err
	}
	return fw.Close()
}
