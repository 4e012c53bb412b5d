package httpx

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// Access is what an operation requires of its caller.
type Access struct {
	Public        bool
	Authenticated bool
	Right         authz.Right
}

// Public operations need no sign-in (login, setup, password reset, health).
func Public() Access { return Access{Public: true} }

// SignedIn operations need any authenticated actor and act on the actor's own data.
func SignedIn() Access { return Access{Authenticated: true} }

// Need requires a right (with any scope; the data scope is applied by the ent policies).
func Need(r authz.Right) Access { return Access{Right: r} }

const accessKey = "kehu.access"

// AccessOf returns the access an operation declared, if any.
func AccessOf(op *huma.Operation) (Access, bool) {
	a, ok := op.Metadata[accessKey].(Access)
	return a, ok && (a.Public || a.Authenticated || a.Right != "")
}

// Observer receives per-operation request metrics.
type Observer func(operation string, status int, d time.Duration)

// APIOptions configure NewAPI.
type APIOptions struct {
	Title, Version string
	Bundle         *i18n.Bundle
	MaxBodyBytes   int64
	Observe        Observer
}

// NewAPI creates the huma API on mux with Kehu's conventions.
func NewAPI(mux *http.ServeMux, o APIOptions) huma.API {
	cfg := huma.DefaultConfig(o.Title, o.Version)
	cfg.OpenAPIPath = "/api/openapi"
	cfg.DocsPath = "" // the bundled viewer at /api/docs is served by the web UI; no CDN
	cfg.SchemasPath = ""
	cfg.CreateHooks = nil
	cfg.Info.Description = "Kehu CRM REST API. Authenticate with the session cookie set by POST /api/v1/auth/login " +
		"or with `Authorization: Bearer <API token>`. Errors are RFC 9457 problem+json."
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "Personal API token"},
		"session": {Type: "apiKey", In: "cookie", Name: SessionCookie, Description: "Browser session"},
	}
	installErrors(o.Bundle)
	api := humago.New(mux, cfg)
	api.UseMiddleware(accessMiddleware(api), metricsMiddleware(o.Observe))
	return api
}

// Register adds an operation with its declared access. Errors returned by the handler are mapped to
// localised problems here, so handlers just return what the service returned.
func Register[I, O any](api huma.API, access Access, op huma.Operation, h func(context.Context, *I) (*O, error)) {
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[accessKey] = access
	if !access.Public {
		op.Security = []map[string][]string{{"session": {}}, {"bearer": {}}}
	}
	if access.Right != "" {
		if op.Extensions == nil {
			op.Extensions = map[string]any{}
		}
		op.Extensions["x-kehu-right"] = string(access.Right)
	}
	huma.Register(api, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, Problem(ctx, err)
		}
		return out, nil
	})
}

func accessMiddleware(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		access, ok := AccessOf(ctx.Operation())
		if !ok {
			// Fail closed: an operation that forgot to declare its access answers to nobody.
			writeProblem(api, ctx, Problem(ctx.Context(), &authz.ForbiddenError{Reason: "operation declares no access"}))
			return
		}
		if access.Public {
			next(ctx)
			return
		}
		actor := authz.FromContext(ctx.Context())
		if actor == nil {
			writeProblem(api, ctx, Problem(ctx.Context(), authz.ErrUnauthenticated))
			return
		}
		if access.Right != "" && !actor.Can(access.Right) {
			writeProblem(api, ctx, Problem(ctx.Context(), &authz.ForbiddenError{Right: access.Right}))
			return
		}
		next(ctx)
	}
}

func metricsMiddleware(observe Observer) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		start := time.Now()
		next(ctx)
		if observe != nil {
			status := ctx.Status()
			if status == 0 {
				status = http.StatusOK
			}
			observe(ctx.Operation().OperationID, status, time.Since(start))
		}
	}
}
