package search

import (
	"context"
	stdsql "database/sql"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// table is the index table; the FTS5 table (SQLite) follows it through triggers.
const table = "search_index"

// Table is the index table's name, for bulk loaders that write Doc.Row values into Columns.
const Table = table

// Columns are the index table's written columns, in the order of Doc.Row.
var Columns = []string{"entity", "record_id", "owner_id", "team_id", "account_id", "title", "subtitle",
	"account_name", "terms", "sensitive_terms"}

// Row is the doc's values in the order of Columns (nil for absent ids).
func (doc Doc) Row() []any {
	return []any{doc.Entity, doc.RecordID, nullable(doc.OwnerID), nullable(doc.TeamID), nullable(doc.AccountID),
		doc.Title, doc.Subtitle, doc.AccountName, doc.Terms, doc.SensitiveTerms}
}

// execer runs SQL on the transaction (or pool) an ent client is bound to.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error)
}

func entDialect(d db.Dialect) string {
	if d == db.Postgres {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// batch bounds the rows of one statement (SQLite's variable limit, statement size).
const batch = 200

// upsert writes docs, replacing the rows of the same records.
func upsert(ctx context.Context, x execer, d db.Dialect, docs []Doc) error {
	for len(docs) > 0 {
		n := min(len(docs), batch)
		ins := sql.Dialect(entDialect(d)).Insert(table).Columns(Columns...)
		for _, doc := range docs[:n] {
			ins.Values(doc.Row()...)
		}
		ins.OnConflict(sql.ConflictColumns("entity", "record_id"), sql.ResolveWithNewValues())
		q, args := ins.Query()
		if _, err := x.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		docs = docs[n:]
	}
	return nil
}

func nullable(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// remove drops the rows of an entity's records.
func remove(ctx context.Context, x execer, d db.Dialect, entity string, ids []int64) error {
	return deleteWhere(ctx, x, d, entity, "record_id", ids)
}

// removeByAccount drops the rows of an entity that belong to accounts.
func removeByAccount(ctx context.Context, x execer, d db.Dialect, entity string, accountIDs []int64) error {
	return deleteWhere(ctx, x, d, entity, "account_id", accountIDs)
}

func deleteWhere(ctx context.Context, x execer, d db.Dialect, entity, col string, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), batch)
		vs := make([]any, n)
		for i, id := range ids[:n] {
			vs[i] = id
		}
		del := sql.Dialect(entDialect(d)).Delete(table).Where(sql.And(sql.EQ("entity", entity), sql.In(col, vs...)))
		q, args := del.Query()
		if _, err := x.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}
