package customer

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ExportInput is the query of an export: exactly a list's filter, q and sort, plus the file format and
// the columns.
type ExportInput struct {
	Filter  []string `query:"filter,explode" maxItems:"20" doc:"Conditions field:op:value, as in the list"`
	Q       string   `query:"q" maxLength:"100" doc:"Part of the name, number, phone or e-mail, as in the list"`
	Sort    string   `query:"sort" maxLength:"64" doc:"Field to sort by; prefix with - for descending"`
	Format  string   `query:"format" enum:"csv,xlsx" default:"csv" doc:"csv (UTF-8 with BOM) or xlsx"`
	Columns string   `query:"columns" maxLength:"2000" doc:"Comma-separated API field names (custom.<key> for custom fields); default: every field"`
}

func (in ExportInput) columns() []string {
	var out []string
	for _, c := range strings.Split(in.Columns, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// exportTimeout bounds one export's writing (the server's write timeout is extended to it).
const exportTimeout = 15 * time.Minute

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
			Responses: map[string]*huma.Response{"200": {
				Description: "The file, as an attachment",
				Content: map[string]*huma.MediaType{
					"text/csv":                {Schema: &huma.Schema{Type: "string", Format: "binary"}},
					export.XLSX.ContentType(): {Schema: &huma.Schema{Type: "string", Format: "binary"}},
				},
			}},
		}, func(ctx context.Context, in *ExportInput) (*huma.StreamResponse, error) {
			page, err := in.page(a.svc.reg.Sorts(entity))
			if err != nil {
				return nil, err
			}
			ex, err := a.svc.PrepareExport(ctx, entity, ListQuery{Filters: in.Filter, Q: in.Q, Page: page}, in.columns())
			if err != nil {
				return nil, err
			}
			return &huma.StreamResponse{Body: func(hctx huma.Context) { stream(hctx, ex, export.Format(in.Format)) }}, nil
		})
	}
}

func (in ExportInput) page(sorts map[string]string) (record.Page, error) {
	s, err := record.ParseSort(in.Sort, sorts, record.Sort{Column: "id", Desc: true})
	return record.Page{Sort: s}, err
}

// stream writes the file. Headers are final once the first byte is out, so a failure later is logged,
// audited as incomplete and leaves a truncated download.
func stream(hctx huma.Context, ex *Export, format export.Format) {
	ctx := hctx.Context()
	if format != export.XLSX {
		format = export.CSV
	}
	name := ex.Label + "-" + time.Now().UTC().Format(time.DateOnly) + "." + string(format)
	hctx.SetHeader("Content-Type", format.ContentType())
	hctx.SetHeader("Content-Disposition", `attachment; filename="`+ex.Entity+"-"+time.Now().UTC().Format(time.DateOnly)+"."+
		string(format)+`"; filename*=UTF-8''`+url.PathEscape(name))
	hctx.SetHeader("Cache-Control", "no-store")
	w := hctx.BodyWriter()
	if rw, ok := w.(http.ResponseWriter); ok {
		_ = http.NewResponseController(rw).SetWriteDeadline(time.Now().Add(exportTimeout))
	}
	hctx.SetStatus(http.StatusOK)
	fw, err := export.New(format, w, ex.Label)
	n := 0
	if err == nil {
		err = fw.Row(export.Header(ex.Columns))
	}
	if err == nil {
		f := ex.Formatter(ctx)
		n, err = ex.Each(ctx, func(rows []map[string]any) error {
			for _, r := range rows {
				if err := fw.Row(f.Row(ctx, ex.Columns, r)); err != nil {
					return err
				}
			}
			return nil
		})
		if cerr := fw.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		slog.ErrorContext(ctx, "export failed", "entity", ex.Entity, "rows", n, "error", err.Error())
	}
	if aerr := ex.Audit(context.WithoutCancel(ctx), string(format), n, err == nil); aerr != nil {
		slog.ErrorContext(ctx, "export audit failed", "entity", ex.Entity, "error", aerr.Error())
	}
}
