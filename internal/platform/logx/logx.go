// Package logx makes every log line written with a request's context carry that request's id and
// actor, so one request can be followed through the logs.
package logx

import (
	"context"
	"log/slog"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
)

// Handler adds request_id and actor_id to records logged with a context.
type Handler struct{ slog.Handler }

// New wraps h.
func New(h slog.Handler) *Handler { return &Handler{Handler: h} }

// Handle implements slog.Handler.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	has := map[string]bool{}
	r.Attrs(func(a slog.Attr) bool { has[a.Key] = true; return true })
	if id := reqinfo.From(ctx).ID; id != "" && !has["request_id"] {
		r.AddAttrs(slog.String("request_id", id))
	}
	if a := authz.Attributed(ctx); a != nil && a.UserID != 0 && !has["actor_id"] {
		r.AddAttrs(slog.Int64("actor_id", a.UserID))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs implements slog.Handler.
func (h *Handler) WithAttrs(as []slog.Attr) slog.Handler {
	return &Handler{Handler: h.Handler.WithAttrs(as)}
}

// WithGroup implements slog.Handler.
func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{Handler: h.Handler.WithGroup(name)}
}
