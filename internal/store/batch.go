package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/writebatch"
	"github.com/kehu-crm/kehu/internal/search"
)

// WithBatch makes bulk creates cheap: it returns a context in which the audit, search and dedup hooks
// collect what they would write per record instead of writing it, and flush, which writes everything
// collected with set-based statements (multi-row audit inserts, one search Load + upserts per entity,
// dedup.Refresh) in the context's transaction. ctx must carry the transaction (WithTx); call flush
// with it before the transaction ends, and return its error so that a failure rolls the whole batch
// back. After flush the context writes per record again. Only bulk inserts use it
// (customer.InsertAccounts/InsertContacts); see package writebatch for what is deferred.
func (s *Store) WithBatch(ctx context.Context) (context.Context, func(ctx context.Context) error) {
	bctx, b := writebatch.With(ctx)
	return bctx, func(ctx context.Context) error {
		events, records := b.Close()
		tx, ok := ctx.Value(txKey{}).(*ent.Tx)
		if !ok {
			if len(events) == 0 && len(records) == 0 {
				return nil
			}
			return errors.New("store: batch flush outside a transaction")
		}
		c := tx.Client()
		sys := authz.AsSystem(ctx)
		if err := s.flushEvents(sys, c, events); err != nil {
			return err
		}
		for _, r := range records {
			var err error
			switch r.Purpose {
			case writebatch.Search:
				err = search.Refresh(sys, c, s.DB.Dialect, r.Entity, r.IDs)
			case writebatch.Dedup:
				err = dedup.Refresh(sys, c, r.Entity, r.IDs)
			default:
				err = fmt.Errorf("store: batch: unknown purpose %q", r.Purpose)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// eventChunk bounds one multi-row audit insert: 12 columns × 1,000 rows stays well under SQLite's
// 32,766 and PostgreSQL's 65,535 bound parameters.
const eventChunk = 1000

// flushEvents writes collected audit rows. They were built (actor, request, changes) when each record
// was written, under that actor's authority; ctx here is the system's, as for anonymous events.
func (s *Store) flushEvents(ctx context.Context, c *ent.Client, events []any) error {
	qs := make([]*ent.AuditEventCreate, len(events))
	for i, ev := range events {
		q, ok := ev.(*ent.AuditEventCreate)
		if !ok {
			return fmt.Errorf("store: batch: unexpected audit payload %T", ev)
		}
		qs[i] = q
	}
	for len(qs) > 0 {
		n := min(len(qs), eventChunk)
		if err := c.AuditEvent.CreateBulk(qs[:n]...).Exec(ctx); err != nil {
			return fmt.Errorf("store: batch: audit events: %w", err)
		}
		qs = qs[n:]
	}
	return nil
}
