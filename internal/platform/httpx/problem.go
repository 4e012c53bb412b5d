package httpx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"entgo.io/ent/privacy"
	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
)

// ProblemContentType is the media type of every error response.
const ProblemContentType = "application/problem+json"

// translator is set once by NewAPI; every API built in one process uses identical catalogues.
type translator struct {
	bundle     *i18n.Bundle
	validation *i18n.ValidationTranslator
}

var tr = &translator{}

func installErrors(b *i18n.Bundle) {
	tr.bundle = b
	tr.validation = i18n.NewValidationTranslator()
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		return frameworkProblem(context.Background(), status, msg, errs)
	}
	huma.NewErrorWithContext = func(hctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
		ctx := context.Background()
		if hctx != nil {
			ctx = hctx.Context()
		}
		return frameworkProblem(ctx, status, msg, errs)
	}
}

func (t *translator) T(ctx context.Context, id string, args map[string]any) string {
	if t.bundle == nil {
		return id
	}
	return t.bundle.T(i18n.Locale(ctx), id, args)
}

func newModel(ctx context.Context, status int, code, detail string) *huma.ErrorModel {
	return &huma.ErrorModel{
		Type:   "urn:kehu:problem:" + code,
		Title:  tr.T(ctx, "status."+strconv.Itoa(status), nil),
		Status: status,
		Detail: detail,
	}
}

// frameworkProblem localises errors raised by huma itself (validation, parsing, body size).
func frameworkProblem(ctx context.Context, status int, msg string, errs []error) huma.StatusError {
	code, detailID := "error", ""
	switch status {
	case http.StatusUnprocessableEntity:
		code, detailID = "validation", "error.validation"
	case http.StatusBadRequest:
		code, detailID = "malformed", "error.malformed"
	case http.StatusRequestEntityTooLarge:
		code, detailID = "body_too_large", "error.body_too_large"
	case http.StatusNotAcceptable:
		code, detailID = "not_acceptable", "error.not_acceptable"
	case http.StatusMethodNotAllowed:
		code, detailID = "method_not_allowed", "error.method_not_allowed"
	}
	if status >= 500 {
		slog.ErrorContext(ctx, "internal error", "message", msg, "errors", fmt.Sprint(errs), "request_id", reqinfo.From(ctx).ID)
		return newModel(ctx, http.StatusInternalServerError, "internal", tr.T(ctx, "error.internal", nil))
	}
	detail := msg
	if detailID != "" {
		detail = tr.T(ctx, detailID, nil)
	}
	m := newModel(ctx, status, code, detail)
	locale := i18n.Locale(ctx)
	for _, e := range errs {
		var d huma.ErrorDetailer
		if errors.As(e, &d) {
			det := *d.ErrorDetail()
			det.Message = tr.validation.Translate(locale, det.Message)
			det.Value = echoable(det.Location, det.Value)
			m.Errors = append(m.Errors, &det)
			continue
		}
		m.Errors = append(m.Errors, &huma.ErrorDetail{Message: e.Error()})
	}
	return m
}

// Problem maps any error from a service to a localised problem. Unknown errors are logged and
// reported as a generic 500 without details; database outages become 503.
func Problem(ctx context.Context, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err
	}
	if ae, ok := apperr.As(err); ok {
		return appProblem(ctx, ae)
	}
	var fe *authz.ForbiddenError
	switch {
	case errors.Is(err, authz.ErrUnauthenticated):
		return newModel(ctx, http.StatusUnauthorized, "unauthenticated", tr.T(ctx, "error.unauthenticated", nil))
	case errors.As(err, &fe), errors.Is(err, privacy.Deny):
		slog.DebugContext(ctx, "forbidden", "reason", err.Error())
		return newModel(ctx, http.StatusForbidden, "forbidden", tr.T(ctx, "error.forbidden", nil))
	case ent.IsNotFound(err):
		return newModel(ctx, http.StatusNotFound, "not_found", tr.T(ctx, "error.not_found", map[string]any{"Entity": "record"}))
	case ent.IsConstraintError(err):
		return newModel(ctx, http.StatusConflict, "conflict", tr.T(ctx, "error.malformed", nil))
	case db.IsUnavailable(err):
		slog.WarnContext(ctx, "database unavailable", "error", err.Error())
		return huma.ErrorWithHeaders(newModel(ctx, http.StatusServiceUnavailable, "unavailable", tr.T(ctx, "error.unavailable", nil)),
			http.Header{"Retry-After": {"5"}})
	}
	slog.ErrorContext(ctx, "internal error", "error", err.Error())
	return newModel(ctx, http.StatusInternalServerError, "internal", tr.T(ctx, "error.internal", nil))
}

// echoable keeps an invalid value in the problem only when it is a plain scalar that cannot be a
// secret: the framework would otherwise echo whole request bodies, passwords included.
func echoable(location string, v any) any {
	l := strings.ToLower(location)
	if strings.Contains(l, "password") || strings.Contains(l, "token") || strings.Contains(l, "secret") {
		return nil
	}
	switch v.(type) {
	case string, bool, float64, int, int64:
		return v
	}
	return nil
}

var kindStatus = map[apperr.Kind]int{
	apperr.Invalid:              http.StatusUnprocessableEntity,
	apperr.NotFound:             http.StatusNotFound,
	apperr.Conflict:             http.StatusConflict,
	apperr.Stale:                http.StatusPreconditionFailed,
	apperr.PreconditionRequired: http.StatusPreconditionRequired,
	apperr.Unauthenticated:      http.StatusUnauthorized,
	apperr.Forbidden:            http.StatusForbidden,
	apperr.TooManyRequests:      http.StatusTooManyRequests,
	apperr.Unavailable:          http.StatusServiceUnavailable,
}

func appProblem(ctx context.Context, e *apperr.Error) error {
	status := kindStatus[e.Kind]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	args := e.Args
	if ent, ok := args["Entity"].(string); ok && tr.bundle != nil && tr.bundle.Has("entity."+ent) {
		args = cloneArgs(args)
		args["Entity"] = tr.T(ctx, "entity."+ent, nil)
	}
	code := e.Code
	if len(code) > 6 && code[:6] == "error." {
		code = code[6:]
	}
	m := newModel(ctx, status, code, tr.T(ctx, e.Code, args))
	for _, f := range e.Fields {
		m.Errors = append(m.Errors, &huma.ErrorDetail{Location: f.Location, Message: tr.T(ctx, f.Code, f.Args), Value: f.Value})
	}
	if e.RetryAfter > 0 {
		return huma.ErrorWithHeaders(m, http.Header{"Retry-After": {strconv.Itoa(e.RetryAfter)}})
	}
	return m
}

func cloneArgs(a map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	return out
}

// writeProblem writes a problem from inside a huma middleware.
func writeProblem(api huma.API, ctx huma.Context, err error) {
	var he huma.HeadersError
	if errors.As(err, &he) {
		for k, vs := range he.GetHeaders() {
			for _, v := range vs {
				ctx.AppendHeader(k, v)
			}
		}
	}
	var se huma.StatusError
	if !errors.As(err, &se) {
		se = newModel(ctx.Context(), http.StatusInternalServerError, "internal", tr.T(ctx.Context(), "error.internal", nil))
	}
	ctx.SetHeader("Content-Type", ProblemContentType)
	ctx.SetStatus(se.GetStatus())
	_, _ = api.Transform(ctx, strconv.Itoa(se.GetStatus()), se)
	_ = huma.DefaultJSONFormat.Marshal(ctx.BodyWriter(), se)
}
