package importer

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ImportJobDTO is an import as the API shows it.
type ImportJobDTO struct {
	ID            int64                   `json:"id"`
	UserID        int64                   `json:"userId"`
	Entity        string                  `json:"entity" enum:"account,contact"`
	FileName      string                  `json:"fileName"`
	Format        string                  `json:"format" enum:"csv,xlsx"`
	Encoding      string                  `json:"encoding" doc:"Detected text encoding of a CSV file"`
	Headers       []string                `json:"headers"`
	Mapping       map[string]string       `json:"mapping" doc:"Column index (as text) → field API name"`
	DuplicateMode string                  `json:"duplicateMode" enum:"skip,update,create"`
	Status        string                  `json:"status" enum:"uploaded,queued,running,done,failed,cancelled"`
	TotalRows     int                     `json:"totalRows"`
	NextRow       int                     `json:"nextRow" doc:"Rows processed so far"`
	CreatedCount  int                     `json:"createdCount"`
	UpdatedCount  int                     `json:"updatedCount"`
	SkippedCount  int                     `json:"skippedCount"`
	FailedCount   int                     `json:"failedCount"`
	Errors        []schema.ImportRowError `json:"errors" doc:"Row errors (the first ones; failedCount is exact)"`
	Error         string                  `json:"error" doc:"Why the whole import failed, if it did"`
	StartedAt     *time.Time              `json:"startedAt"`
	FinishedAt    *time.Time              `json:"finishedAt"`
	CreatedAt     time.Time               `json:"createdAt"`
	Version       int64                   `json:"version"`
}

// ImportDetail is a job with the fields its columns may map to.
type ImportDetail struct {
	ImportJobDTO
	Fields []ImportField `json:"fields" doc:"Importable fields of the entity, in your language"`
}

func dto(j *ent.ImportJob, withErrors bool) ImportJobDTO {
	d := ImportJobDTO{ID: j.ID, UserID: j.UserID, Entity: j.Entity, FileName: j.FileName, Format: j.Format,
		Encoding: j.Encoding, Headers: j.Headers, Mapping: j.Mapping, DuplicateMode: string(j.DuplicateMode),
		Status: string(j.Status), TotalRows: j.TotalRows, NextRow: j.NextRow, CreatedCount: j.CreatedCount,
		UpdatedCount: j.UpdatedCount, SkippedCount: j.SkippedCount, FailedCount: j.FailedCount,
		Errors: []schema.ImportRowError{}, Error: j.Error, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
		CreatedAt: j.CreatedAt, Version: j.Version}
	if d.Headers == nil {
		d.Headers = []string{}
	}
	if d.Mapping == nil {
		d.Mapping = map[string]string{}
	}
	if withErrors && j.Errors != nil {
		d.Errors = j.Errors
	}
	return d
}

// UploadForm is the multipart body of createImport.
type UploadForm struct {
	File   huma.FormFile `form:"file" required:"true" doc:"A .csv (UTF-8, UTF-16 or GBK; comma, semicolon or tab) or .xlsx file"`
	Entity string        `form:"entity" required:"true" enum:"account,contact" doc:"What the rows are"`
}

// UploadInput is the request of createImport.
type UploadInput struct {
	RawBody huma.MultipartFormFiles[UploadForm]
}

// ConfigureBody is the body of updateImport.
type ConfigureBody struct {
	Mapping       map[string]string `json:"mapping,omitempty" doc:"Column index → field API name; an empty name leaves the column out"`
	DuplicateMode string            `json:"duplicateMode,omitempty" enum:"skip,update,create"`
}

// ConfigureInput is the request of updateImport.
type ConfigureInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body ConfigureBody
}

// PreviewInput is the request of previewImport.
type PreviewInput struct {
	httpx.IDPath
	Limit int `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

// TemplateInput is the request of importTemplate.
type TemplateInput struct {
	Entity string `query:"entity" required:"true" enum:"account,contact"`
	Format string `query:"format" enum:"csv,xlsx" default:"csv"`
}

// PreviewOutput is the answer of previewImport.
type PreviewOutput struct{ Body *ImportPreview }

// DetailOutput is the answer of the operations on one import.
type DetailOutput = httpx.Versioned[ImportDetail]

// RegisterAPI adds the import operations.
func RegisterAPI(api huma.API, s *Service) {
	tags := []string{"Imports"}
	detail := func(ctx context.Context, job *ent.ImportJob, err error) (*DetailOutput, error) {
		if err != nil {
			return nil, err
		}
		fields, err := s.Fields(ctx, job.Entity, i18n.Locale(ctx))
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(ImportDetail{ImportJobDTO: dto(job, true), Fields: fields}, job.Version), nil
	}

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "createImport", Method: http.MethodPost, Path: "/api/v1/imports", Tags: tags,
		Summary: "Upload a CSV or Excel file to import", DefaultStatus: http.StatusCreated,
		Description: "Parses the file (encoding and delimiter detected), stores it and suggests a column mapping. " +
			"Needs import:create and the entity's create right. A file over the size limit is 413 (whole body) " +
			"or 422 on body.file; so are empty files, files without a header row, too many rows and binary junk.",
		MaxBodyBytes: s.limits.MaxBytes + 1<<20,
	}, func(ctx context.Context, in *UploadInput) (*DetailOutput, error) {
		form := in.RawBody.Data()
		if form.File.File == nil {
			return nil, fileError("field.required", nil)
		}
		if form.File.Size > s.limits.MaxBytes {
			return nil, fileError("import.too_large", map[string]any{"MaxMB": s.limits.MaxBytes >> 20})
		}
		data, err := io.ReadAll(io.LimitReader(form.File, s.limits.MaxBytes+1))
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "error.malformed", nil).Wrap(err)
		}
		job, err := s.Upload(ctx, form.Entity, form.File.Filename, data)
		return detail(ctx, job, err)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listImports", Method: http.MethodGet, Path: "/api/v1/imports", Tags: tags,
		Summary: "List your imports (import:read widens the scope)",
	}, func(ctx context.Context, in *httpx.ListParams) (*httpx.List[ImportJobDTO], error) {
		page, err := in.Page(map[string]string{"createdAt": "created_at", "id": "id"}, record.Sort{Column: "id", Desc: true})
		if err != nil {
			return nil, err
		}
		rows, next, err := s.List(ctx, page)
		if err != nil {
			return nil, err
		}
		out := make([]ImportJobDTO, len(rows))
		for i, r := range rows {
			out[i] = dto(r, false)
		}
		return httpx.NewList(out, next), nil
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "importTemplate", Method: http.MethodGet, Path: "/api/v1/imports/template", Tags: tags,
		Summary: "Download an empty import file with the entity's field labels as headers",
		Responses: map[string]*huma.Response{"200": {Description: "The template", Content: map[string]*huma.MediaType{
			"text/csv":                {Schema: &huma.Schema{Type: "string", Format: "binary"}},
			export.XLSX.ContentType(): {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		}}},
	}, func(ctx context.Context, in *TemplateInput) (*huma.StreamResponse, error) {
		if _, err := s.Fields(ctx, in.Entity, i18n.Locale(ctx)); err != nil {
			return nil, err
		}
		format := export.Format(in.Format)
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			name := in.Entity + "-import-template." + string(format)
			hctx.SetHeader("Content-Type", format.ContentType())
			hctx.SetHeader("Content-Disposition", `attachment; filename="`+name+`"`)
			hctx.SetHeader("Cache-Control", "no-store")
			hctx.SetStatus(http.StatusOK)
			_ = s.WriteTemplate(hctx.Context(), in.Entity, format, hctx.BodyWriter())
		}}, nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "getImport", Method: http.MethodGet, Path: "/api/v1/imports/{id}", Tags: tags,
		Summary: "Get an import: mapping, status and progress",
	}, func(ctx context.Context, in *httpx.IDPath) (*DetailOutput, error) {
		job, err := s.Get(ctx, in.ID)
		return detail(ctx, job, err)
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "updateImport", Method: http.MethodPatch, Path: "/api/v1/imports/{id}", Tags: tags,
		Summary: "Set the column mapping and the duplicate mode of an import that has not started",
	}, func(ctx context.Context, in *ConfigureInput) (*DetailOutput, error) {
		version, err := in.Version()
		if err != nil {
			return nil, err
		}
		job, err := s.Configure(ctx, in.ID, version, Settings{Mapping: in.Body.Mapping, DuplicateMode: in.Body.DuplicateMode})
		return detail(ctx, job, err)
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "previewImport", Method: http.MethodGet, Path: "/api/v1/imports/{id}/preview", Tags: tags,
		Summary: "Check the first rows as they would be saved, with errors and duplicates; writes nothing",
	}, func(ctx context.Context, in *PreviewInput) (*PreviewOutput, error) {
		p, err := s.Preview(ctx, in.ID, in.Limit)
		if err != nil {
			return nil, err
		}
		return &PreviewOutput{Body: p}, nil
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "startImport", Method: http.MethodPost, Path: "/api/v1/imports/{id}/start", Tags: tags,
		Summary: "Start importing in the background; poll getImport for progress",
	}, func(ctx context.Context, in *httpx.IDPath) (*DetailOutput, error) {
		job, err := s.Start(ctx, in.ID)
		return detail(ctx, job, err)
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "cancelImport", Method: http.MethodPost, Path: "/api/v1/imports/{id}/cancel", Tags: tags,
		Summary: "Stop an import; batches already committed stay",
	}, func(ctx context.Context, in *httpx.IDPath) (*DetailOutput, error) {
		job, err := s.Cancel(ctx, in.ID)
		return detail(ctx, job, err)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "importErrors", Method: http.MethodGet, Path: "/api/v1/imports/{id}/errors.csv", Tags: tags,
		Summary: "Download the rejected rows with their errors (CSV, UTF-8 with BOM)",
		Responses: map[string]*huma.Response{"200": {Description: "The error report", Content: map[string]*huma.MediaType{
			"text/csv": {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		}}},
	}, func(ctx context.Context, in *httpx.IDPath) (*huma.StreamResponse, error) {
		write, err := s.ErrorReport(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &huma.StreamResponse{Body: func(hctx huma.Context) {
			name := "import-" + strconv.FormatInt(in.ID, 10) + "-errors.csv"
			hctx.SetHeader("Content-Type", export.CSV.ContentType())
			hctx.SetHeader("Content-Disposition", `attachment; filename="`+name+`"; filename*=UTF-8''`+url.PathEscape(name))
			hctx.SetHeader("Cache-Control", "no-store")
			hctx.SetStatus(http.StatusOK)
			if err := write(hctx.BodyWriter()); err != nil {
				slog.ErrorContext(ctx, "import error report failed", "import", in.ID, "error", err.Error())
			}
		}}, nil
	})
}
