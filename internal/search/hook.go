package search

import (
	"context"
	"fmt"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/writebatch"
)

type idsMutation interface {
	IDs(context.Context) ([]int64, error)
}

type idMutation interface {
	ID() (int64, bool)
}

// clientMutation is every generated mutation: its client is bound to the mutation's transaction.
type clientMutation interface {
	Client() *ent.Client
}

// Hook returns the ent hook that keeps search_index in step with every create, update and delete of a
// searchable entity, in the same transaction as the change (the store installs it on its client).
func Hook(d db.Dialect) entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			src, ok := sourceOfType(m.Type())
			if !ok {
				return next.Mutate(ctx, m)
			}
			cm, ok := m.(clientMutation)
			if !ok {
				return nil, fmt.Errorf("search: %s mutation has no client", m.Type())
			}
			var ids []int64
			if !m.Op().Is(entgo.OpCreate) {
				// Read the ids before the change: an update may move rows out of its own predicate.
				im, ok := m.(idsMutation)
				if !ok {
					return nil, fmt.Errorf("search: %s mutation does not expose its ids", m.Type())
				}
				var err error
				if ids, err = im.IDs(ctx); err != nil {
					return nil, fmt.Errorf("search: ids of %s: %w", src.Entity, err)
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if m.Op().Is(entgo.OpCreate) {
				if im, ok := m.(idMutation); ok {
					if id, ok := im.ID(); ok {
						ids = []int64{id}
					}
				}
				// In a bulk insert the rows are written once for the whole batch (store.WithBatch).
				if b := writebatch.From(ctx); b != nil && len(ids) > 0 && b.AddRecords(writebatch.Search, src.Entity, ids...) {
					return v, nil
				}
			}
			if len(ids) == 0 {
				return v, nil
			}
			c := cm.Client()
			sys := authz.AsSystem(ctx)
			if m.Op().Is(entgo.OpDelete) || m.Op().Is(entgo.OpDeleteOne) {
				err = dropped(sys, c, d, src, ids)
			} else {
				err = refresh(sys, c, d, src, ids)
				if err == nil && src.Entity == "account" && m.Op().Is(entgo.OpUpdate|entgo.OpUpdateOne) {
					if _, named := m.Field("name"); named {
						err = refreshBelonging(sys, c, d, ids)
					}
				}
			}
			if err != nil {
				return nil, fmt.Errorf("search: index %s: %w", src.Entity, err)
			}
			return v, nil
		})
	}
}

// Refresh rewrites the index rows of records of entity in c's transaction with set-based statements
// (one Load, multi-row upserts); records gone are dropped. ctx must allow reading every record (the
// system actor). The store's batch flush calls it for records whose hook deferred its rows.
func Refresh(ctx context.Context, c *ent.Client, d db.Dialect, entity string, ids []int64) error {
	src, ok := SourceOf(entity)
	if !ok {
		return fmt.Errorf("search: %s is not searchable", entity)
	}
	for len(ids) > 0 {
		n := min(len(ids), refreshChunk)
		if err := refresh(ctx, c, d, src, ids[:n]); err != nil {
			return fmt.Errorf("search: index %s: %w", entity, err)
		}
		ids = ids[n:]
	}
	return nil
}

// refreshChunk bounds the ids one Load reads (an IN list of bound parameters).
const refreshChunk = 1000

// refresh re-reads records and rewrites their rows; records gone are dropped.
func refresh(ctx context.Context, c *ent.Client, d db.Dialect, src Source, ids []int64) error {
	docs, err := src.Load(ctx, c, ids)
	if err != nil {
		return err
	}
	if err := upsert(ctx, c, d, docs); err != nil {
		return err
	}
	if len(docs) == len(ids) {
		return nil
	}
	found := make(map[int64]bool, len(docs))
	for _, doc := range docs {
		found[doc.RecordID] = true
	}
	var gone []int64
	for _, id := range ids {
		if !found[id] {
			gone = append(gone, id)
		}
	}
	return remove(ctx, c, d, src.Entity, gone)
}

// dropped removes deleted records and, for accounts, the rows of what the database deleted with them.
func dropped(ctx context.Context, c *ent.Client, d db.Dialect, src Source, ids []int64) error {
	if err := remove(ctx, c, d, src.Entity, ids); err != nil {
		return err
	}
	if src.Entity != "account" {
		return nil
	}
	for _, s := range Sources {
		if s.ByAccount != nil {
			if err := removeByAccount(ctx, c, d, s.Entity, ids); err != nil {
				return err
			}
		}
	}
	return nil
}

// refreshBelonging rewrites the rows of records that show their account's name.
func refreshBelonging(ctx context.Context, c *ent.Client, d db.Dialect, accountIDs []int64) error {
	for _, s := range Sources {
		if s.ByAccount == nil {
			continue
		}
		ids, err := s.ByAccount(ctx, c, accountIDs)
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			if err := refresh(ctx, c, d, s, ids); err != nil {
				return err
			}
		}
	}
	return nil
}
