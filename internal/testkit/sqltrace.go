package testkit

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	sqlite "modernc.org/sqlite"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// SQLTrace records the statements the application's pool runs while it is recording, so a test can
// assert how many statements a request costs and list them.
type SQLTrace struct {
	mu        sync.Mutex
	on        bool
	statement []string
}

// Start clears the record and starts recording.
func (tr *SQLTrace) Start() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.on, tr.statement = true, nil
}

// Stop stops recording and returns what was recorded (BEGIN/COMMIT/ROLLBACK included).
func (tr *SQLTrace) Stop() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.on = false
	return tr.statement
}

func (tr *SQLTrace) add(s string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.on {
		tr.statement = append(tr.statement, strings.Join(strings.Fields(s), " "))
	}
}

// NewTracedDB is NewDB whose database/sql pool (the one ent uses) reports its statements to the
// returned trace. River's own connections are not traced.
func NewTracedDB(t testing.TB, d db.Dialect) (*db.DB, *SQLTrace) {
	t.Helper()
	plain := NewDB(t, d)
	tr := &SQLTrace{}
	var c driver.Connector
	switch d {
	case db.SQLite:
		c = dsnConnector{dsn: db.SQLiteDSN(plain.Path), drv: &sqlite.Driver{}}
	case db.Postgres:
		c = stdlib.GetPoolConnector(plain.Pool)
	}
	traced := sql.OpenDB(tracedConnector{Connector: c, tr: tr})
	if d == db.SQLite {
		traced.SetMaxOpenConns(8)
	}
	t.Cleanup(func() { traced.Close() })
	return &db.DB{Dialect: plain.Dialect, SQL: traced, Pool: plain.Pool, Path: plain.Path}, tr
}

type dsnConnector struct {
	dsn string
	drv driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

type tracedConnector struct {
	driver.Connector
	tr *SQLTrace
}

func (c tracedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &tracedConn{Conn: conn, tr: c.tr}, nil
}

// tracedConn forwards to the driver's context-aware interfaces (both drivers implement them).
type tracedConn struct {
	driver.Conn
	tr *SQLTrace
}

func (c *tracedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.tr.add(q)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (c *tracedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.tr.add(q)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (c *tracedConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	c.tr.add(q)
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
}

func (c *tracedConn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	c.tr.add("BEGIN")
	tx, err := c.Conn.(driver.ConnBeginTx).BeginTx(ctx, o)
	if err != nil {
		return nil, err
	}
	return tracedTx{Tx: tx, tr: c.tr}, nil
}

func (c *tracedConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *tracedConn) CheckNamedValue(v *driver.NamedValue) error {
	if nv, ok := c.Conn.(driver.NamedValueChecker); ok {
		return nv.CheckNamedValue(v)
	}
	return driver.ErrSkip
}

type tracedTx struct {
	driver.Tx
	tr *SQLTrace
}

func (t tracedTx) Commit() error   { t.tr.add("COMMIT"); return t.Tx.Commit() }
func (t tracedTx) Rollback() error { t.tr.add("ROLLBACK"); return t.Tx.Rollback() }
