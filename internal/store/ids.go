package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

var tableName = regexp.MustCompile(`^[a-z_]+$`)

// NextIDs reserves n new ids of table's identity column in the context's transaction, so that bulk
// inserts can set values derived from the id (an account's number) in the insert itself instead of
// updating every row afterwards. PostgreSQL draws them from the column's sequence; SQLite, whose
// write transaction is exclusive (_txlock=immediate), continues after the larger of the table's
// AUTOINCREMENT counter and its largest id.
func (s *Store) NextIDs(ctx context.Context, table string, n int) ([]int64, error) {
	if n <= 0 {
		return nil, nil
	}
	if !tableName.MatchString(table) {
		return nil, fmt.Errorf("store: NextIDs: bad table name %q", table)
	}
	tx, ok := ctx.Value(txKey{}).(*ent.Tx)
	if !ok {
		return nil, errors.New("store: NextIDs needs a transaction")
	}
	out := make([]int64, 0, n)
	if s.DB.Dialect == db.Postgres {
		rows, err := tx.QueryContext(ctx,
			`SELECT nextval(pg_get_serial_sequence('"`+table+`"', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, fmt.Errorf("store: NextIDs %s: %w", table, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	rows, err := tx.QueryContext(ctx, "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "+
		"COALESCE((SELECT MAX(id) FROM `"+table+"`), 0))", table)
	if err != nil {
		return nil, fmt.Errorf("store: NextIDs %s: %w", table, err)
	}
	defer rows.Close()
	var last int64
	if rows.Next() {
		if err := rows.Scan(&last); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range n {
		out = append(out, last+int64(i)+1)
	}
	return out, nil
}
