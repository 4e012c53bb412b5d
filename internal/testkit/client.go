package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// Client talks to a test app as one browser (cookie jar) or one integration (bearer token).
type Client struct {
	app    *App
	http   *http.Client
	Bearer string
	Lang   string
	// Header is added to every request.
	Header http.Header
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Raw    []byte
	JSON   map[string]any
}

// Client returns a new anonymous client.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{app: a, http: &http.Client{Jar: jar}, Header: http.Header{}}
}

// Do sends a request; body is JSON-encoded unless it is a string or []byte (sent as is).
func (c *Client) Do(t testing.TB, method, path string, body any, headers ...string) *Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.app.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	if c.Bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.Bearer)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode, Header: res.Header, Raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		_ = json.Unmarshal(raw, &out.JSON)
	}
	return out
}

// Want fails the test unless the status matches.
func (r *Response) Want(t testing.TB, status int) *Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body: %s", r.Status, status, r.Raw)
	}
	return r
}

// Str returns a top-level string field.
func (r *Response) Str(key string) string { s, _ := r.JSON[key].(string); return s }

// ID returns the top-level "id".
func (r *Response) ID() int64 { f, _ := r.JSON["id"].(float64); return int64(f) }

// Items returns the "items" array of a list answer.
func (r *Response) Items() []map[string]any {
	arr, _ := r.JSON["items"].([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, it := range arr {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// FieldErrors returns location → message of a problem's errors.
func (r *Response) FieldErrors() map[string]string {
	out := map[string]string{}
	arr, _ := r.JSON["errors"].([]any)
	for _, e := range arr {
		if m, ok := e.(map[string]any); ok {
			loc, _ := m["location"].(string)
			msg, _ := m["message"].(string)
			out[loc] = msg
		}
	}
	return out
}

// Cookies returns the cookies the client holds for base.
func (c *Client) Cookies(base string) []*http.Cookie {
	u, _ := url.Parse(base)
	return c.http.Jar.Cookies(u)
}

// SetCookie stores a cookie for base (to carry a session to another node).
func (c *Client) SetCookie(base string, ck *http.Cookie) {
	u, _ := url.Parse(base)
	c.http.Jar.SetCookies(u, []*http.Cookie{ck})
}
