// Package migrations embeds the versioned schema migrations, one directory per dialect, in goose
// format. They are generated from the ent schema by `make migration name=…` (see gen/) and reviewed
// like code; a file is never edited after it has been released.
package migrations

import (
	"embed"
	"io/fs"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// For returns the migrations of one dialect.
func For(d db.Dialect) fs.FS {
	sub, err := fs.Sub(files, string(d))
	if err != nil {
		panic(err) // the directories are embedded at build time; a failure here is a build defect
	}
	return sub
}
