package iam

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/store"
)

// Authenticate resolves the request's actor from a bearer token or the session cookie. A bad bearer
// token is refused outright (401); a stale cookie is just ignored (the request is anonymous) and
// cleared. Token requests never fall back to the cookie.
func (s *Service) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The session lookup fills the snapshot of cache epochs every later step of the request uses.
		ctx := store.WithSnapshot(r.Context(), &store.Snapshot{})
		if h := r.Header.Get("Authorization"); h != "" {
			scheme, token, _ := strings.Cut(h, " ")
			if !strings.EqualFold(scheme, "Bearer") || token == "" {
				httpx.WriteProblem(w, r, http.StatusUnauthorized, "unauthenticated", "error.unauthenticated")
				return
			}
			u, actor, err := s.ResolveToken(ctx, strings.TrimSpace(token))
			if err != nil {
				if errors.Is(err, ErrBadToken) {
					httpx.WriteProblem(w, r, http.StatusUnauthorized, "unauthenticated", "error.unauthenticated")
				} else {
					httpx.WriteProblem(w, r, http.StatusServiceUnavailable, "unavailable", "error.unavailable")
				}
				return
			}
			next.ServeHTTP(w, r.WithContext(withActor(ctx, actor, u.Locale)))
			return
		}
		if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
			u, actor, err := s.ResolveSession(ctx, c.Value)
			switch {
			case err == nil:
				ctx = withActor(ctx, actor, u.Locale)
			case errors.Is(err, ErrNoSession):
				http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
			default:
				httpx.WriteProblem(w, r, http.StatusServiceUnavailable, "unavailable", "error.unavailable")
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withActor puts the actor in the context; the user's chosen language wins over Accept-Language.
func withActor(ctx context.Context, a *authz.Actor, locale string) context.Context {
	httpx.NoteActor(ctx, a)
	if i18n.Valid(locale) {
		ctx = i18n.WithLocale(ctx, locale)
	}
	return authz.WithActor(ctx, a)
}

// httpxActor is the context of a request that has just signed in: later steps act as the new user.
func httpxActor(ctx context.Context, in *SignIn) context.Context {
	return withActor(ctx, in.Actor, in.User.Locale)
}
