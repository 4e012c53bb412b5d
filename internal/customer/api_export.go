package customer

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ExportInput is the query of an export: exactly a list's filter, q and sort, plus the file format and
// the columns.
type ExportInput struct {
	Filter []string `query:"filter,explode" maxItems:"20" doc:"Conditions field:op:value, as in the list"`
	Q      string   `query:"q" maxLength:"100" doc:"Part of the name, number, phone or e-mail, as in the list"`
	Sort   string   `query:"sort" maxLength:"64" doc:"Field to sort by; prefix with - for descending"`
	export.Params
}

func (a *API) registerExports(api huma.API) {
	for _, e := range []struct {
		entity, id, path, tag string
	}{
		{"account", "exportAccounts", "/api/v1/accounts/export", "Accounts"},
		{"contact", "exportContacts", "/api/v1/contacts/export", "Contacts"},
	} {
		entity := e.entity
		httpx.Register(api, httpx.Need(exportRights[entity]), huma.Operation{
			OperationID: e.id, Method: http.MethodGet, Path: e.path, Tags: []string{e.tag},
			Summary: "Export the " + entity + " list to CSV or Excel",
			Description: "Takes the list's filter, q and sort; exports every matching " + entity + " in your scope, " +
				"sensitive fields masked as in the list. Headers and labels follow the request's language. " +
				"A bad column or filter is a 422 problem before the download starts.",
			Responses: export.Responses(),
		}, func(ctx context.Context, in *ExportInput) (*huma.StreamResponse, error) {
			page, err := in.page(a.svc.reg.Sorts(entity))
			if err != nil {
				return nil, err
			}
			j, err := a.svc.PrepareExport(ctx, entity, ListQuery{Filters: in.Filter, Q: in.Q, Page: page}, in.ColumnNames())
			if err != nil {
				return nil, err
			}
			return export.Stream(j, export.Format(in.Format)), nil
		})
	}
}

func (in ExportInput) page(sorts map[string]string) (record.Page, error) {
	s, err := record.ParseSort(in.Sort, sorts, record.Sort{Column: "id", Desc: true})
	return record.Page{Sort: s}, err
}
