package testkit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kehu-crm/kehu/internal/ent/migrations"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/jobs"
)

const defaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Dialects lists the dialects this run tests.
func Dialects(t testing.TB) []db.Dialect {
	out := []db.Dialect{db.SQLite}
	if postgresBase() != "" {
		out = append(out, db.Postgres)
	} else if os.Getenv("KEHU_REQUIRE_ALL") == "1" {
		t.Fatal("KEHU_REQUIRE_ALL=1 but KEHU_TEST_POSTGRES is not set: PostgreSQL tests cannot run")
	}
	return out
}

// EachDialect runs fn as a subtest per dialect.
func EachDialect(t *testing.T, fn func(t *testing.T, d db.Dialect)) {
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

func postgresBase() string {
	v := os.Getenv("KEHU_TEST_POSTGRES")
	if v == "1" || v == "true" {
		return defaultPostgres
	}
	return v
}

// NewDB returns a freshly migrated database of dialect d, removed when the test ends.
func NewDB(t testing.TB, d db.Dialect) *db.DB {
	t.Helper()
	ctx := context.Background()
	var (
		out *db.DB
		err error
	)
	switch d {
	case db.SQLite:
		tpl := sqliteTemplate(t)
		path := filepath.Join(t.TempDir(), "kehu.db")
		copyFile(t, tpl, path)
		out, err = db.OpenSQLite(ctx, path)
	case db.Postgres:
		out, err = newPostgres(t)
	}
	if err != nil {
		t.Fatalf("testkit: open %s: %v", d, err)
	}
	t.Cleanup(func() { out.Close() })
	return out
}

var sqliteTpl struct {
	once sync.Once
	path string
	err  error
}

func sqliteTemplate(t testing.TB) string {
	sqliteTpl.once.Do(func() {
		dir, err := os.MkdirTemp("", "kehu-tpl-")
		if err != nil {
			sqliteTpl.err = err
			return
		}
		sqliteTpl.path = filepath.Join(dir, "template.db")
		d, err := db.OpenSQLite(context.Background(), sqliteTpl.path)
		if err != nil {
			sqliteTpl.err = err
			return
		}
		sqliteTpl.err = migrateAll(d)
		if _, err := d.SQL.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil && sqliteTpl.err == nil {
			sqliteTpl.err = err
		}
		d.Close()
	})
	if sqliteTpl.err != nil {
		t.Fatalf("testkit: sqlite template: %v", sqliteTpl.err)
	}
	return sqliteTpl.path
}

func migrateAll(d *db.DB) error {
	ctx := context.Background()
	m, err := db.NewMigrator(d, migrations.For(d.Dialect))
	if err != nil {
		return err
	}
	if _, err := m.Up(ctx); err != nil {
		return err
	}
	j, err := jobs.New(d, jobs.Setup{})
	if err != nil {
		return err
	}
	defer j.Stop(ctx)
	return j.Migrate(ctx)
}

func copyFile(t testing.TB, from, to string) {
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

var pgTpl struct {
	once sync.Once
	name string
	err  error
	mu   sync.Mutex
}

// newPostgres clones a migrated template database, so each test costs one CREATE DATABASE.
func newPostgres(t testing.TB) (*db.DB, error) {
	base := postgresBase()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	pgTpl.once.Do(func() { pgTpl.name, pgTpl.err = ensurePostgresTemplate(admin, base) })
	if pgTpl.err != nil {
		return nil, fmt.Errorf("template: %w", pgTpl.err)
	}
	name := fmt.Sprintf("kehu_t_%d_%d", os.Getpid(), time.Now().UnixNano())
	pgTpl.mu.Lock()
	_, err = admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, pgTpl.name))
	pgTpl.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("create test database: %w", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return db.OpenPostgres(context.Background(), withDatabase(base, name))
}

// ensurePostgresTemplate creates, once per migration set, a template database; an advisory lock keeps
// test processes of different packages from building it twice.
func ensurePostgresTemplate(admin *sql.DB, base string) (string, error) {
	name := "kehu_tpl_" + migrationsHash()
	ctx := context.Background()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(727272)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(727272)")
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	_, _ = conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	d, err := db.OpenPostgres(ctx, withDatabase(base, building))
	if err != nil {
		return "", err
	}
	err = migrateAll(d)
	d.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() string {
	h := sha256.New()
	for _, d := range []db.Dialect{db.Postgres} {
		_ = fs.WalkDir(migrations.For(d), ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := fs.ReadFile(migrations.For(d), p)
			h.Write([]byte(p))
			h.Write(b)
			return err
		})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func withDatabase(base, name string) string {
	i := strings.Index(base, "://")
	rest := base[i+3:]
	slash := strings.Index(rest, "/")
	q := ""
	if j := strings.Index(rest, "?"); j >= 0 {
		q = rest[j:]
	}
	if slash < 0 {
		return base[:i+3] + rest + "/" + name + q
	}
	return base[:i+3] + rest[:slash] + "/" + name + q
}
