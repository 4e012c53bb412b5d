package importer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// ImportPreviewRow is one data row as it would be saved, with its problems and its likely duplicates.
type ImportPreviewRow struct {
	Row    int                     `json:"row" doc:"1-based data row number (the header is row 0)"`
	Cells  []string                `json:"cells" doc:"The row's cells as uploaded"`
	Values map[string]any          `json:"values" doc:"Typed values by field API name, custom values under custom"`
	Errors []schema.ImportRowError `json:"errors"`
	// Duplicates are visible existing records sharing a matching key; DuplicateOfRow is an earlier row
	// of the file it duplicates (0: none).
	Duplicates     []dedup.Match `json:"duplicates"`
	HiddenMatches  int           `json:"hiddenMatches" doc:"Matching records outside your scope (never updated)"`
	DuplicateOfRow int           `json:"duplicateOfRow"`
}

// ImportPreview is the head of a job's file checked with the current mapping.
type ImportPreview struct {
	Rows []ImportPreviewRow `json:"rows"`
	// Invalid and Duplicates count the previewed rows with errors and with a duplicate.
	Invalid    int `json:"invalid"`
	Duplicates int `json:"duplicates"`
}

// MaxPreview bounds the rows of a preview.
const MaxPreview = 200

// Preview checks the first limit rows exactly as the run will (same conversion, the entity's create
// checks, duplicate lookup in the actor's scope) without writing anything.
func (s *Service) Preview(ctx context.Context, id int64, limit int) (*ImportPreview, error) {
	job, tg, err := s.owned(ctx, id)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxPreview {
		limit = min(max(limit, 50), MaxPreview)
	}
	data, err := s.file(ctx, id)
	if err != nil {
		return nil, err
	}
	table, err := Parse(data, job.Format, s.limits.MaxRows)
	if err != nil {
		return nil, err
	}
	locale := i18n.Locale(ctx)
	fields, err := s.Fields(ctx, job.Entity, locale)
	if err != nil {
		return nil, err
	}
	conv, err := newConverter(ctx, s.st, fields, job.Mapping)
	if err != nil {
		return nil, err
	}
	rows := table.Rows[:min(limit, len(table.Rows))]
	if err := conv.lookup(ctx, rows); err != nil {
		return nil, err
	}
	tb := tg.Batch()
	out := &ImportPreview{Rows: make([]ImportPreviewRow, 0, len(rows))}
	seen := map[dedup.Key]int{}
	for i, cells := range rows {
		r := s.checkRow(ctx, tb, conv, job.Entity, cells, locale)
		if r.err != nil {
			return nil, r.err
		}
		pr := ImportPreviewRow{Row: i + 1, Cells: cells, Values: r.values, Errors: numbered(i+1, r.errors),
			Duplicates: []dedup.Match{}}
		if pr.Errors == nil {
			pr.Errors = []schema.ImportRowError{}
		}
		if len(r.errors) > 0 {
			out.Invalid++
		} else {
			for _, k := range r.keys {
				if prev, ok := seen[k]; ok && pr.DuplicateOfRow == 0 {
					pr.DuplicateOfRow = prev
				}
			}
			for _, k := range r.keys {
				if _, ok := seen[k]; !ok {
					seen[k] = i + 1
				}
			}
			res, err := dedup.Lookup(ctx, s.st.Client(ctx), job.Entity, dedupValues(r.values))
			if err != nil {
				return nil, err
			}
			if res.Matches != nil {
				pr.Duplicates = res.Matches
			}
			pr.HiddenMatches = res.Hidden
			if len(pr.Duplicates) > 0 || pr.DuplicateOfRow > 0 {
				out.Duplicates++
			}
		}
		out.Rows = append(out.Rows, pr)
	}
	return out, nil
}

// owned returns a job the actor may change: only its importer acts on it (the run works as them).
func (s *Service) owned(ctx context.Context, id int64) (*ent.ImportJob, Target, error) {
	job, err := s.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	tg, err := s.target("body.entity", job.Entity)
	if err != nil {
		return nil, nil, err
	}
	if err := requireImport(ctx, tg); err != nil {
		return nil, nil, err
	}
	if job.UserID != authz.FromContext(ctx).UserID {
		return nil, nil, apperr.New(apperr.Forbidden, "import.not_yours", nil)
	}
	return job, tg, nil
}
