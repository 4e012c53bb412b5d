package testkit

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// Reopen opens a second, independent pool on the same database, as a second node would.
func Reopen(t testing.TB, d *db.DB) *db.DB {
	t.Helper()
	var (
		out *db.DB
		err error
	)
	if d.Dialect == db.SQLite {
		out, err = db.OpenSQLite(context.Background(), d.Path)
	} else {
		out, err = db.OpenPostgres(context.Background(), withDatabase(postgresBase(), d.Pool.Config().ConnConfig.Database))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	return out
}

// PostgresOutage makes a PostgreSQL test database unreachable (new connections refused, existing ones
// killed) until the returned function is called.
func PostgresOutage(t testing.TB, d *db.DB) (restore func()) {
	t.Helper()
	name := d.Pool.Config().ConnConfig.Database
	admin, err := sql.Open("pgx", postgresBase())
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string) {
		if _, err := admin.Exec(q); err != nil {
			t.Fatalf("outage: %s: %v", q, err)
		}
	}
	exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false")
	exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")
	return func() {
		exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true")
		admin.Close()
	}
}

// EmptyPostgresURL creates an empty (unmigrated) PostgreSQL database for the test and returns its URL,
// for tests of the command line, which migrates by itself.
func EmptyPostgresURL(t testing.TB) string {
	t.Helper()
	admin, err := sql.Open("pgx", postgresBase())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := "kehu_t_cli_" + strings.ReplaceAll(strings.ToLower(t.Name()), "/", "_")
	name = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, name)
	if len(name) > 60 {
		name = name[:60]
	}
	_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", postgresBase()); err == nil {
			_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return withDatabase(postgresBase(), name)
}
