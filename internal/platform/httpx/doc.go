// Package httpx holds Kehu's API conventions, implemented once and used by every endpoint: huma v2 on
// the standard ServeMux with OpenAPI 3.1; every operation declares its access (public, any signed-in
// actor, or a right) and the access middleware enforces it before input is even parsed; errors become
// localised RFC 9457 problems; cursor pagination; Idempotency-Key on creates; If-Match on updates; and
// the net/http middleware chain (request id, logs, panics, security headers, body limits).
package httpx
