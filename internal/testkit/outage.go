package testkit

import (
	"context"
	"database/sql"
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
