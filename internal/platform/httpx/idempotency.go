package httpx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// IdempotencyHeader is the request header that makes a POST safe to retry.
const IdempotencyHeader = "Idempotency-Key"

// StoredResponse is a remembered answer to an idempotent request; Status 0 means still running.
type StoredResponse struct {
	RequestHash string
	Status      int
	ContentType string
	Body        []byte
}

// IdempotencyStore persists keys (in the database, so every node sees them).
type IdempotencyStore interface {
	// Claim reserves key for principal, or returns what is already stored under it.
	Claim(ctx context.Context, principal, key, requestHash string) (*StoredResponse, error)
	Complete(ctx context.Context, principal, key string, status int, contentType string, body []byte) error
	Release(ctx context.Context, principal, key string) error
}

// Idempotency replays the stored response when an authenticated POST repeats its Idempotency-Key
// with the same body, refuses the key with a different body (422), and refuses a concurrent repeat
// (409). Only successful responses are remembered, so a failed request may be retried. Responses
// that carry a secret shown once (a new API token) are never stored: paths under noStore are passed
// through untouched.
func Idempotency(store IdempotencyStore, noStore ...string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get(IdempotencyHeader)
			actor := authz.FromContext(r.Context())
			if r.Method != http.MethodPost || key == "" || actor == nil || hasPrefix(r.URL.Path, noStore) {
				next.ServeHTTP(w, r)
				return
			}
			if len(key) > 200 {
				WriteProblem(w, r, http.StatusBadRequest, "malformed", "error.malformed")
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				WriteProblem(w, r, http.StatusRequestEntityTooLarge, "body_too_large", "error.body_too_large")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.RequestURI()+"\n"), body...))
			hash := hex.EncodeToString(sum[:])
			principal := string(actor.Kind) + ":" + strconv.FormatInt(actor.UserID, 10)
			ctx := authz.AsSystem(r.Context())
			prev, err := store.Claim(ctx, principal, key, hash)
			if err != nil {
				WriteProblem(w, r, http.StatusServiceUnavailable, "unavailable", "error.unavailable")
				return
			}
			if prev != nil {
				switch {
				case prev.RequestHash != hash:
					WriteProblem(w, r, http.StatusUnprocessableEntity, "idempotency_mismatch", "error.idempotency_mismatch")
				case prev.Status == 0:
					WriteProblem(w, r, http.StatusConflict, "idempotency_in_progress", "error.idempotency_in_progress")
				default:
					w.Header().Set("Content-Type", prev.ContentType)
					w.Header().Set("Idempotent-Replayed", "true")
					w.WriteHeader(prev.Status)
					_, _ = w.Write(prev.Body)
				}
				return
			}
			rec := &recorder{ResponseWriter: w}
			completed := false
			defer func() {
				if !completed {
					_ = store.Release(ctx, principal, key)
				}
			}()
			next.ServeHTTP(rec, r)
			if rec.status >= 200 && rec.status < 300 {
				if err := store.Complete(ctx, principal, key, rec.status, rec.Header().Get("Content-Type"), rec.buf.Bytes()); err == nil {
					completed = true
				}
			}
		})
	}
}

type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

func hasPrefix(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
