package demo

import (
	"context"
	"fmt"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/search"
)

// bulkDocs are the search sources whose rows the bulk load builds itself, in memory.
var bulkDocs = map[string]bool{"account": true, "contact": true}

// indexOtherSources writes the search rows of the other generated searchable entities (activities)
// the way search.Service.Reindex reads them — through the source's own Page and Load — in
// transactions of indexBatch records, from the first id this load generated (firstID by entity), so
// rows that existed before (already indexed by the hook) are left alone. It runs after the bulk
// transaction: slower than building the rows in memory, but it never restates how another entity is
// indexed.
func indexOtherSources(ctx context.Context, s Services, d *db.DB, firstID map[string]int64) (int64, error) {
	var n int64
	for _, src := range search.Sources {
		first, generated := firstID[src.Entity]
		if bulkDocs[src.Entity] || !generated {
			continue
		}
		after := first - 1
		for {
			var ids []int64
			err := s.Store.WithTx(ctx, func(ctx context.Context) error {
				c := s.Store.Client(ctx)
				var err error
				if ids, err = src.Page(ctx, c, after, indexBatch); err != nil || len(ids) == 0 {
					return err
				}
				docs, err := src.Load(ctx, c, ids)
				if err != nil {
					return err
				}
				for from := 0; from < len(docs); from += 500 {
					part := docs[from:min(from+500, len(docs))]
					args := make([]any, 0, len(part)*len(search.Columns))
					for _, doc := range part {
						args = append(args, doc.Row()...)
					}
					q := insertSQL(search.Table, search.Columns, len(part), placeholder(d.Dialect))
					if _, err := c.ExecContext(ctx, q, args...); err != nil {
						return err
					}
				}
				n += int64(len(docs))
				return nil
			})
			if err != nil {
				return n, fmt.Errorf("demo: index %s: %w", src.Entity, err)
			}
			if len(ids) == 0 {
				break
			}
			after = ids[len(ids)-1]
		}
	}
	return n, nil
}

const indexBatch = 5000

func placeholder(d db.Dialect) func(int) string {
	if d == db.Postgres {
		return func(i int) string { return fmt.Sprintf("$%d", i) }
	}
	return func(int) string { return "?" }
}
