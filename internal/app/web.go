package app

import (
	"bytes"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/web"
)

// placeholder is served when the binary was built before the UI (go build on a clean clone).
const placeholder = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Kehu</title></head>
<body><h1>Kehu 客户</h1><p>界面尚未构建：请运行 <code>make run</code>。</p>
<p>The web UI is not built into this binary: run <code>make run</code>. The API is at /api/v1 and its documentation at /api/openapi.json.</p></body></html>`

// mountWeb serves the embedded single-page app: real files as they are, every other non-API path gets
// index.html so client-side routes survive a reload; /api/docs is the bundled API viewer.
func mountWeb(mux *http.ServeMux) error {
	dist, err := fs.Sub(web.Dist, "dist")
	if err != nil {
		return err
	}
	index, ierr := fs.ReadFile(dist, "index.html")
	if ierr != nil {
		index = []byte(placeholder)
	}
	docs, derr := fs.ReadFile(dist, "api-docs.html")
	if derr != nil {
		docs = []byte(placeholder)
	}
	files := http.FileServerFS(dist)
	start := time.Now()
	serveHTML := func(w http.ResponseWriter, r *http.Request, b []byte) {
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", start, bytes.NewReader(b))
	}
	mux.HandleFunc("GET /api/docs", func(w http.ResponseWriter, r *http.Request) { serveHTML(w, r, docs) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			httpx.WriteProblem(w, r, http.StatusNotFound, "not_found", "error.not_found")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			httpx.WriteProblem(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "error.method_not_allowed")
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p != "" && p != "index.html" && p != "api-docs.html" {
			if st, err := fs.Stat(dist, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		serveHTML(w, r, index)
	})
	return nil
}

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
