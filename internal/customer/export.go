package customer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

var exportRights = map[string]authz.Right{"account": AccountExport, "contact": ContactExport}

// PrepareExport checks the right, the columns (API field names; empty: every field) and the list's
// filters and sort, and reads the first page, so that every mistake is reported before any byte of
// the file is written. The rows are the list's: same scope, same masking.
func (s *Service) PrepareExport(ctx context.Context, entity string, lq ListQuery, columns []string) (*export.Job, error) {
	right, ok := exportRights[entity]
	if !ok {
		return nil, apperr.NotFoundOf(entity, 0)
	}
	if err := authz.Require(ctx, right); err != nil { // before reading the custom field definitions
		return nil, err
	}
	defs, err := s.customDefs(ctx, entity)
	if err != nil {
		return nil, err
	}
	var em meta.EntityMeta
	for _, e := range s.reg.EntitiesWithCustom(i18n.Locale(ctx), map[string][]meta.CustomDef{entity: defs}) {
		if e.Name == entity {
			em = e
		}
	}
	var labels export.Labeler
	if s.dict != nil {
		labels = s.dict
	}
	lq.Page.Limit, lq.Page.Max = export.PageSize, export.PageSize
	return export.Prepare(ctx, export.Spec{Right: right, Entity: em, Columns: columns, Filters: lq.Filters, Q: lq.Q,
		Labels: labels, Record: s.st.Record, Pager: s.exportPager(entity, lq)})
}

// exportPager reads the list page by page, ref fields shown by name.
func (s *Service) exportPager(entity string, lq ListQuery) export.Pager {
	return func(ctx context.Context, after string) ([]map[string]any, string, error) {
		lq.Page.After = after
		var out []map[string]any
		switch entity {
		case "account":
			rows, next, err := s.ListAccounts(ctx, lq)
			if err != nil {
				return nil, "", err
			}
			dtos, err := s.accountDTOs(ctx, rows)
			if err != nil {
				return nil, "", err
			}
			for i := range dtos {
				m := export.Flatten(&dtos[i])
				m["ownerId"], m["teamId"] = dtos[i].OwnerName, dtos[i].TeamName
				out = append(out, m)
			}
			return out, next, nil
		default:
			rows, next, err := s.ListContacts(ctx, 0, lq)
			if err != nil {
				return nil, "", err
			}
			dtos, err := s.contactDTOs(ctx, rows)
			if err != nil {
				return nil, "", err
			}
			for i := range dtos {
				m := export.Flatten(&dtos[i])
				m["ownerId"], m["teamId"], m["accountId"] = dtos[i].OwnerName, dtos[i].TeamName, dtos[i].AccountName
				out = append(out, m)
			}
			return out, next, nil
		}
	}
}
