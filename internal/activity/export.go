package activity

import (
	"context"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// PrepareExport checks the export right, the columns (API field names; empty: every field) and the
// list query, and reads the first page, so that every mistake is reported before the file starts
// (SPEC C9). The rows are the list's: same scope, same masking of sensitive custom fields.
func (s *Service) PrepareExport(ctx context.Context, lq ListQuery, columns []string) (*export.Job, error) {
	if err := authz.Require(ctx, Export); err != nil { // before reading the custom field definitions
		return nil, err
	}
	defs, err := s.customDefs(ctx)
	if err != nil {
		return nil, err
	}
	var em meta.EntityMeta
	for _, e := range s.reg.EntitiesWithCustom(i18n.Locale(ctx), map[string][]meta.CustomDef{"activity": defs}) {
		if e.Name == "activity" {
			em = e
		}
	}
	var labels export.Labeler
	if s.dict != nil {
		labels = s.dict
	}
	lq.Page.Limit, lq.Page.Max = export.PageSize, export.PageSize
	pager := func(ctx context.Context, after string) ([]map[string]any, string, error) {
		lq.Page.After = after
		rows, next, err := s.List(ctx, lq)
		if err != nil {
			return nil, "", err
		}
		dtos, err := s.DTOs(ctx, rows)
		if err != nil {
			return nil, "", err
		}
		out := make([]map[string]any, 0, len(dtos))
		for i := range dtos {
			m := export.Flatten(&dtos[i])
			m["ownerId"], m["teamId"] = dtos[i].OwnerName, dtos[i].TeamName
			m["accountId"], m["contactId"] = dtos[i].AccountName, dtos[i].ContactName
			out = append(out, m)
		}
		return out, next, nil
	}
	return export.Prepare(ctx, export.Spec{Right: Export, Entity: em, Columns: columns, Filters: lq.Filters, Q: lq.Q,
		Labels: labels, Record: s.st.Record, Pager: pager})
}
