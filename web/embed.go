// Package web holds Kehu's built browser UI.
//
// The React single-page app and the bundled API docs page are built by
// `npm run build` (in this folder) into dist/. Dist embeds that folder so the
// Go server can serve it from the single binary. On a clean clone, before the
// UI is built, dist/ only holds .gitkeep: `go build` still works and the
// server should answer with a placeholder page when dist/index.html is missing.
package web

import "embed"

// Dist is the built UI: dist/index.html (the SPA, served for every non-API
// path), dist/api-docs.html (served at /api/docs) and dist/assets/*.
//
//go:embed all:dist
var Dist embed.FS
