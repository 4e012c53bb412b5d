// Command gen writes a new versioned migration for each dialect from the difference between the ent
// schema and the existing migration files. It replays the existing files on an in-memory SQLite
// database and on a throwaway PostgreSQL database, so it needs PostgreSQL (KEHU_DEV_POSTGRES).
//
//	go run ./internal/ent/migrations/gen NAME
//	go run ./internal/ent/migrations/gen --check   (fails when the schema has changes no migration holds)
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/kehu-crm/kehu/internal/ent/migrate"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen NAME")
		os.Exit(2)
	}
	ctx := context.Background()
	if os.Args[1] == "--check" {
		if err := check(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(ctx, os.Args[1], "internal/ent/migrations"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// check diffs against copies of the migration directories and fails if anything would be written.
func check(ctx context.Context) error {
	tmp, err := os.MkdirTemp("", "kehu-migcheck-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, d := range []string{"sqlite", "postgres"} {
		if err := os.CopyFS(filepath.Join(tmp, d), os.DirFS(filepath.Join("internal/ent/migrations", d))); err != nil {
			return err
		}
	}
	if err := run(ctx, "check", tmp); err != nil {
		return err
	}
	for _, d := range []string{"sqlite", "postgres"} {
		a, _ := os.ReadDir(filepath.Join(tmp, d))
		b, _ := os.ReadDir(filepath.Join("internal/ent/migrations", d))
		if len(a) != len(b) {
			return fmt.Errorf("the %s migrations are out of date with the ent schema: run make migration name=…", d)
		}
	}
	return nil
}

func run(ctx context.Context, name, root string) error {
	sqliteDB, err := sql.Open("sqlite", "file:dev?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return err
	}
	sqliteDB.SetMaxOpenConns(1)
	defer sqliteDB.Close()
	if err := diff(ctx, sqliteDB, dialect.SQLite, filepath.Join(root, "sqlite"), name); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}

	base := os.Getenv("KEHU_DEV_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer admin.Close()
	devName := fmt.Sprintf("kehu_migrate_dev_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+devName); err != nil {
		return fmt.Errorf("create dev database: %w", err)
	}
	defer admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+devName+" WITH (FORCE)")
	devURL := strings.Replace(base, "/postgres?", "/"+devName+"?", 1)
	pgDB, err := sql.Open("pgx", devURL)
	if err != nil {
		return err
	}
	defer pgDB.Close()
	if err := diff(ctx, pgDB, dialect.Postgres, filepath.Join(root, "postgres"), name); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

func diff(ctx context.Context, db *sql.DB, d, path, name string) error {
	dir, err := sqltool.NewGooseDir(path)
	if err != nil {
		return err
	}
	// Hand-written files must be hashed in before the diff can trust the directory.
	sum, err := dir.Checksum()
	if err != nil {
		return err
	}
	if err := atlasmigrate.WriteSumFile(dir, sum); err != nil {
		return err
	}
	m, err := schema.NewMigrate(entsql.OpenDB(d, db),
		schema.WithDir(dir),
		schema.WithFormatter(sqltool.GooseFormatter),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(d),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
	if err != nil {
		return err
	}
	return m.NamedDiff(ctx, name, migrate.Tables...)
}
