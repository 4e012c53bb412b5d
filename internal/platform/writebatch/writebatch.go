package writebatch

import (
	"context"
	"sync"
)

// Purposes of deferred record ids.
const (
	Search = "search"
	Dedup  = "dedup"
)

// Batch collects deferred writes. It is safe for concurrent use.
type Batch struct {
	mu     sync.Mutex
	closed bool
	events []any
	order  []key
	ids    map[key][]int64
}

type key struct{ purpose, entity string }

type ctxKey struct{}

// With returns a context carrying a new, open Batch, and the Batch.
func With(ctx context.Context) (context.Context, *Batch) {
	b := &Batch{ids: map[key][]int64{}}
	return context.WithValue(ctx, ctxKey{}, b), b
}

// From returns the open Batch of ctx, or nil when there is none or it was already flushed.
func From(ctx context.Context) *Batch {
	b, _ := ctx.Value(ctxKey{}).(*Batch)
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	return b
}

// AddEvent defers one audit event (opaque to this package) and reports whether it was taken: false
// when the batch was closed meanwhile, and the caller must write it itself.
func (b *Batch) AddEvent(ev any) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	b.events = append(b.events, ev)
	return true
}

// AddRecords defers the rows of purpose for records of entity; false as for AddEvent.
func (b *Batch) AddRecords(purpose, entity string, ids ...int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	k := key{purpose, entity}
	if _, ok := b.ids[k]; !ok {
		b.order = append(b.order, k)
	}
	b.ids[k] = append(b.ids[k], ids...)
	return true
}

// Records is the deferred ids of one purpose and entity.
type Records struct {
	Purpose, Entity string
	IDs             []int64
}

// Close ends collection and returns what was collected: events in the order they were added, records
// grouped by purpose and entity in the order first seen.
func (b *Batch) Close() (events []any, records []Records) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for _, k := range b.order {
		records = append(records, Records{Purpose: k.purpose, Entity: k.entity, IDs: b.ids[k]})
	}
	events = b.events
	b.events, b.order, b.ids = nil, nil, map[key][]int64{}
	return events, records
}
