package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// bulkWriter appends rows to tables inside one transaction, bypassing ent (no hooks, no per-row
// statements): COPY on PostgreSQL, large prepared multi-row INSERTs on SQLite.
type bulkWriter interface {
	// write appends rows (values in the order of cols) to table.
	write(ctx context.Context, table string, cols []string, rows [][]any) error
	// exec runs a statement (DDL) in the transaction.
	exec(ctx context.Context, q string) error
	// query runs a query in the transaction.
	queryStrings(ctx context.Context, q string, args ...any) ([][2]string, error)
	commit(ctx context.Context) error
	rollback(ctx context.Context)
}

func openWriter(ctx context.Context, d *db.DB) (bulkWriter, error) {
	if d.Dialect == db.Postgres {
		return openPGWriter(ctx, d.Pool)
	}
	return openSQLiteWriter(ctx, d.SQL)
}

// sqliteWriter holds one connection of the pool for the whole load.
type sqliteWriter struct {
	conn  *sql.Conn
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// sqliteMaxVars stays below SQLite's bound on host parameters per statement (32766).
const sqliteMaxVars = 30000

func openSQLiteWriter(ctx context.Context, pool *sql.DB) (*sqliteWriter, error) {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// A big page cache and in-memory temporary b-trees make the index rebuild a sort in memory.
	for _, p := range []string{"PRAGMA cache_size = -1048576", "PRAGMA temp_store = MEMORY"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			return nil, err
		}
	}
	tx, err := conn.BeginTx(ctx, nil) // the DSN makes it BEGIN IMMEDIATE: the load is the only writer
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &sqliteWriter{conn: conn, tx: tx, stmts: map[string]*sql.Stmt{}}, nil
}

func (w *sqliteWriter) write(ctx context.Context, table string, cols []string, rows [][]any) error {
	per := max(1, min(500, sqliteMaxVars/len(cols)))
	args := make([]any, 0, per*len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		key := fmt.Sprintf("%s/%d", table, n)
		st, ok := w.stmts[key]
		if !ok {
			var err error
			if st, err = w.tx.PrepareContext(ctx, insertSQL(table, cols, n)); err != nil {
				return fmt.Errorf("demo: prepare insert into %s: %w", table, err)
			}
			w.stmts[key] = st
		}
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("demo: insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func (w *sqliteWriter) exec(ctx context.Context, q string) error {
	_, err := w.tx.ExecContext(ctx, q)
	return err
}

func (w *sqliteWriter) queryStrings(ctx context.Context, q string, args ...any) ([][2]string, error) {
	rows, err := w.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanPairs(rows)
}

func (w *sqliteWriter) commit(context.Context) error {
	defer w.close()
	return w.tx.Commit()
}

func (w *sqliteWriter) rollback(context.Context) {
	_ = w.tx.Rollback()
	w.close()
}

func (w *sqliteWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.conn.Close()
}

// insertSQL is INSERT INTO table (cols) VALUES (?, …), … for n rows.
func insertSQL(table string, cols []string, n int) string {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quote(c)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return "INSERT INTO " + quote(table) + " (" + strings.Join(quoted, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

func quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }

// pgWriter holds one pgx connection of the pool for the whole load.
type pgWriter struct {
	conn *pgxpool.Conn
	tx   pgx.Tx
}

func openPGWriter(ctx context.Context, pool *pgxpool.Pool) (*pgWriter, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		conn.Release()
		return nil, err
	}
	// The load is one transaction: a crash loses it whole, so it need not wait for the WAL flush;
	// index builds get memory to sort in.
	for _, q := range []string{"SET LOCAL synchronous_commit = off", "SET LOCAL maintenance_work_mem = '512MB'"} {
		if _, err := tx.Exec(ctx, q); err != nil {
			_ = tx.Rollback(ctx)
			conn.Release()
			return nil, err
		}
	}
	return &pgWriter{conn: conn, tx: tx}, nil
}

func (w *pgWriter) write(ctx context.Context, table string, cols []string, rows [][]any) error {
	if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("demo: copy into %s: %w", table, err)
	}
	return nil
}

func (w *pgWriter) exec(ctx context.Context, q string) error {
	_, err := w.tx.Exec(ctx, q)
	return err
}

func (w *pgWriter) queryStrings(ctx context.Context, q string, args ...any) ([][2]string, error) {
	rows, err := w.tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanPairs(rows)
}

func (w *pgWriter) commit(ctx context.Context) error {
	defer w.conn.Release()
	return w.tx.Commit(ctx)
}

func (w *pgWriter) rollback(ctx context.Context) {
	_ = w.tx.Rollback(context.WithoutCancel(ctx))
	w.conn.Release()
}

// scanPairs reads two-column rows of database/sql or pgx.
func scanPairs(rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}) ([][2]string, error) {
	var out [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// secondaryIndexes lists the indexes of tables that are not constraints (name, CREATE statement):
// the load drops them and builds them once at the end, which is much faster than updating them
// row by row. Everything happens in the load's transaction, so a failure restores them.
func secondaryIndexes(ctx context.Context, w bulkWriter, d db.Dialect, tables []string) ([][2]string, error) {
	if d == db.Postgres {
		return w.queryStrings(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
			ORDER BY i.tablename, i.indexname`, tables)
	}
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (` +
		strings.TrimSuffix(strings.Repeat("?, ", len(tables)), ", ") + `) ORDER BY tbl_name, name`
	args := make([]any, len(tables))
	for i, t := range tables {
		args[i] = t
	}
	return w.queryStrings(ctx, q, args...)
}
