package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "kehu_session"

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middlewares so that the first listed is the outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// requestState is filled in by inner middleware and read by the access log.
type requestState struct {
	actorID int64
	kind    string
}

type stateKey struct{}

// NoteActor tells the access log who the request ran as.
func NoteActor(ctx context.Context, a *authz.Actor) {
	if st, ok := ctx.Value(stateKey{}).(*requestState); ok && a != nil {
		st.actorID, st.kind = a.UserID, string(a.Kind)
	}
}

// RequestContext assigns a request id (or keeps a sane incoming X-Request-Id), records the client
// address, the language from Accept-Language, and writes one access log line per request.
func RequestContext(logger *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := r.Header.Get("X-Request-Id")
			if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(c rune) bool { return c < 0x21 || c > 0x7e }) {
				id = newRequestID()
			}
			w.Header().Set("X-Request-Id", id)
			st := &requestState{}
			ctx := reqinfo.With(r.Context(), reqinfo.Info{ID: id, IP: clientIP(r)})
			ctx = context.WithValue(ctx, stateKey{}, st)
			ctx = i18n.WithLocale(ctx, i18n.Match(r.Header.Get("Accept-Language")))
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r.WithContext(ctx))
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelError
			}
			logger.LogAttrs(ctx, level, "request",
				slog.String("request_id", id), slog.Int64("actor_id", st.actorID), slog.String("actor_kind", st.kind),
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes), slog.Duration("duration", time.Since(start)))
		})
	}
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Recover turns a panic into a logged 500 problem; the stack goes to the log, never to the client.
func Recover(logger *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					logger.ErrorContext(r.Context(), "panic", "panic", p, "stack", string(debug.Stack()),
						"request_id", reqinfo.From(r.Context()).ID)
					WriteProblem(w, r, http.StatusInternalServerError, "internal", "error.internal")
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// WriteProblem writes a localised problem outside huma (middleware, static routes).
func WriteProblem(w http.ResponseWriter, r *http.Request, status int, code, messageID string) {
	m := newModel(r.Context(), status, code, tr.T(r.Context(), messageID, nil))
	w.Header().Set("Content-Type", ProblemContentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(m)
}

// ContentSecurityPolicy allows only the product's own scripts; antd injects styles at run time.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders sets the headers every response carries; HSTS only when serving HTTPS.
func SecurityHeaders(hsts bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", ContentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			if strings.HasPrefix(r.URL.Path, "/api/") {
				h.Set("Cache-Control", "no-store")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// BodyLimit is a larger cap for one route (file uploads), matched on method and exact path.
type BodyLimit struct {
	Method, Path string
	Max          int64
}

// LimitBody caps every request body; huma answers 413 when an operation reads past it. Routes listed
// in wider get their own cap.
func LimitBody(max int64, wider ...BodyLimit) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			max := max
			for _, l := range wider {
				if r.Method == l.Method && r.URL.Path == l.Path {
					max = l.Max
				}
			}
			if r.ContentLength > max {
				WriteProblem(w, r, http.StatusRequestEntityTooLarge, "body_too_large", "error.body_too_large")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, max)
			next.ServeHTTP(w, r)
		})
	}
}

// CrossOrigin rejects cross-site, cookie-authenticated writes (CSRF). Requests with neither
// Sec-Fetch-Site nor Origin (curl, integrations with a bearer token) pass.
func CrossOrigin(trusted []string) (Middleware, error) {
	cop := http.NewCrossOriginProtection()
	for _, o := range trusted {
		if o = strings.TrimSpace(o); o != "" {
			if err := cop.AddTrustedOrigin(o); err != nil {
				return nil, err
			}
		}
	}
	return func(next http.Handler) http.Handler {
		cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			WriteProblem(w, r, http.StatusForbidden, "cross_origin", "error.forbidden")
		}))
		return cop.Handler(next)
	}, nil
}
