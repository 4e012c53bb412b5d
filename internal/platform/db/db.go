package db

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Dialect names the database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database: one database/sql pool for ent and, on PostgreSQL, the pgx pool it wraps
// (River uses the pgx pool directly, so both share connections).
type DB struct {
	Dialect Dialect
	SQL     *sql.DB
	Pool    *pgxpool.Pool
	// Path is the SQLite file, empty on PostgreSQL.
	Path string
}

// SQLiteDSN is the connection string every SQLite pool uses. _txlock=immediate is mandatory with more
// than one connection: deferred transactions fail with SQLITE_BUSY when two of them upgrade to writers.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// OpenSQLite opens (creating if needed) the SQLite file at path.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("db: create data directory: %w", err)
	}
	sqldb, err := sql.Open("sqlite", SQLiteDSN(path))
	if err != nil {
		return nil, fmt.Errorf("db: open sqlite: %w", err)
	}
	sqldb.SetMaxOpenConns(8)
	sqldb.SetMaxIdleConns(8)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("db: ping sqlite %s: %w", path, err)
	}
	return &DB{Dialect: SQLite, SQL: sqldb, Path: path}, nil
}

// OpenPostgres connects to PostgreSQL at url.
func OpenPostgres(ctx context.Context, url string) (*DB, error) {
	pcfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("db: parse DATABASE_URL: %w", err)
	}
	if pcfg.MaxConns < 10 {
		pcfg.MaxConns = 10
	}
	// Times are stored and compared in UTC whatever the server's default is.
	pcfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("db: connect postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: ping postgres: %w", err)
	}
	return &DB{Dialect: Postgres, SQL: stdlib.OpenDBFromPool(pool), Pool: pool}, nil
}

// Close releases every connection.
func (d *DB) Close() error {
	err := d.SQL.Close()
	if d.Pool != nil {
		d.Pool.Close()
	}
	return err
}

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return d.SQL.PingContext(ctx)
}
