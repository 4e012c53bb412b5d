package export

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// Params are the query parameters every export endpoint takes besides its list's own: the file format
// and the columns.
type Params struct {
	Format  string `query:"format" enum:"csv,xlsx" default:"csv" doc:"csv (UTF-8 with BOM) or xlsx"`
	Columns string `query:"columns" maxLength:"2000" doc:"Comma-separated API field names (custom.<key> for custom fields); default: every field"`
}

// ColumnNames splits the columns parameter.
func (p Params) ColumnNames() []string {
	var out []string
	for _, c := range strings.Split(p.Columns, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// Responses documents an export operation's answer.
func Responses() map[string]*huma.Response {
	return map[string]*huma.Response{"200": {
		Description: "The file, as an attachment",
		Content: map[string]*huma.MediaType{
			"text/csv":         {Schema: &huma.Schema{Type: "string", Format: "binary"}},
			XLSX.ContentType(): {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		},
	}}
}

// Timeout bounds one export's writing (the server's write timeout is extended to it).
const Timeout = 15 * time.Minute

// Stream answers with the file of j in format. Headers are final once the first byte is out, so a
// failure later is logged, audited as incomplete and leaves a truncated download.
func Stream(j *Job, format Format) *huma.StreamResponse {
	return &huma.StreamResponse{Body: func(hctx huma.Context) { stream(hctx, j, format) }}
}

func stream(hctx huma.Context, j *Job, format Format) {
	ctx := hctx.Context()
	if format != XLSX {
		format = CSV
	}
	day := time.Now().UTC().Format(time.DateOnly)
	name := j.Label + "-" + day + "." + string(format)
	hctx.SetHeader("Content-Type", format.ContentType())
	hctx.SetHeader("Content-Disposition", `attachment; filename="`+j.Entity+"-"+day+"."+string(format)+
		`"; filename*=UTF-8''`+url.PathEscape(name))
	hctx.SetHeader("Cache-Control", "no-store")
	w := hctx.BodyWriter()
	if rw, ok := w.(http.ResponseWriter); ok {
		_ = http.NewResponseController(rw).SetWriteDeadline(time.Now().Add(Timeout))
	}
	hctx.SetStatus(http.StatusOK)
	fw, err := New(format, w, j.Label)
	n := 0
	if err == nil {
		err = fw.Row(Header(j.Columns))
	}
	if err == nil {
		f := j.Formatter(ctx)
		n, err = j.Each(ctx, func(rows []map[string]any) error {
			for _, r := range rows {
				if err := fw.Row(f.Row(ctx, j.Columns, r)); err != nil {
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
		slog.ErrorContext(ctx, "export failed", "entity", j.Entity, "rows", n, "error", err.Error())
	}
	if aerr := j.Audit(context.WithoutCancel(ctx), string(format), n, err == nil); aerr != nil {
		slog.ErrorContext(ctx, "export audit failed", "entity", j.Entity, "error", aerr.Error())
	}
}
