package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", as the server's pool uses pgx

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// dataset is one database holding a scaled data set.
type dataset struct {
	dialect db.Dialect
	// env points `kehu` at the database.
	env []string
	// driver and dsn open it through database/sql exactly as the server does.
	driver, dsn string
	marker      string
	// loadOutput is what `kehu demo --scale` printed when this run built the data set.
	loadOutput string
	loadTime   time.Duration
}

func sqliteDataset(dir string, scale int64) *dataset {
	d := filepath.Join(dir, fmt.Sprintf("sqlite-%d", scale))
	return &dataset{dialect: db.SQLite, env: []string{"KEHU_DATA_DIR=" + d, "DATABASE_URL="},
		driver: "sqlite", dsn: db.SQLiteDSN(filepath.Join(d, "kehu.db")), marker: filepath.Join(d, "ready")}
}

// postgresDataset uses the database kehu_bench_<scale> on the server of base (a postgres:// URL).
func postgresDataset(dir, base string, scale int64) (*dataset, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	u.Path = fmt.Sprintf("/kehu_bench_%d", scale)
	dsn := u.String()
	return &dataset{dialect: db.Postgres, env: []string{"DATABASE_URL=" + dsn}, driver: "pgx", dsn: dsn,
		marker: filepath.Join(dir, fmt.Sprintf("postgres-%d.ready", scale))}, nil
}

// reachable reports whether PostgreSQL at base answers.
func reachable(ctx context.Context, base string) bool {
	c, err := sql.Open("pgx", base)
	if err != nil {
		return false
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return c.PingContext(ctx) == nil
}

// ensure builds the data set unless a finished one exists (the marker is written only after
// `kehu demo --scale` succeeded).
func (d *dataset) ensure(ctx context.Context, bin, pgBase string, scale int64, seed uint64, rebuild bool) error {
	if _, err := os.Stat(d.marker); err == nil && !rebuild {
		fmt.Fprintf(os.Stderr, "bench: reusing the cached %s data set (%d accounts)\n", d.dialect, scale)
		return nil
	}
	os.Remove(d.marker)
	switch d.dialect {
	case db.SQLite:
		dir := filepath.Dir(d.marker)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	case db.Postgres:
		admin, err := sql.Open("pgx", pgBase)
		if err != nil {
			return err
		}
		defer admin.Close()
		name := strings.TrimPrefix(mustURL(d.dsn).Path, "/")
		for _, q := range []string{"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name} {
			if _, err := admin.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "bench: building the %s data set: kehu demo --scale %d\n", d.dialect, scale)
	start := time.Now()
	cmd := exec.CommandContext(ctx, bin, "demo", "--scale", fmt.Sprint(scale), "--seed", fmt.Sprint(seed))
	cmd.Env = append(append(os.Environ(), d.env...), "KEHU_LOG_LEVEL=warn")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("kehu demo --scale %d on %s: %w\n%s", scale, d.dialect, err, out.String())
	}
	d.loadOutput, d.loadTime = out.String(), time.Since(start)
	fmt.Fprint(os.Stderr, d.loadOutput)
	return os.WriteFile(d.marker, []byte(d.loadOutput), 0o640)
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
