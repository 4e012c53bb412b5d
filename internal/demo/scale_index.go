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
// with search.Refresh — the source's own Load and the index's own upsert — in transactions of
// indexBatch records, from the first id this load generated (firstID by entity), so rows that existed
// before (already indexed by the hook) are left alone. It runs after the bulk transaction: slower than
// building the rows in memory, but it never restates how another entity is indexed.
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
				return search.Refresh(ctx, c, d.Dialect, src.Entity, ids)
			})
			if err != nil {
				return n, fmt.Errorf("demo: index %s: %w", src.Entity, err)
			}
			if len(ids) == 0 {
				break
			}
			n += int64(len(ids))
			after = ids[len(ids)-1]
		}
	}
	return n, nil
}

const indexBatch = 5000
