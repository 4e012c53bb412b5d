package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"

	"github.com/kehu-crm/kehu/internal/ent"
)

// Epochs: in-memory caches of rarely changing data, correct across nodes.
//
// Each family of cached data has a counter in the cache_epochs table. An ent hook (epochHook) bumps
// the counter in the same transaction as any write to that data, so the counter and the data commit
// together. An authenticated request reads every counter once, in the statement that resolves its
// session (iam.ResolveSession), and carries them in its context as a Snapshot; a Cache entry is used
// only when it was loaded at the snapshot's counter. So a change committed on any node is seen by
// every request that starts after the commit: there is no staleness window, at the cost of three
// scalar subqueries in the session statement. Work without a snapshot (jobs, anonymous requests,
// API-token requests read theirs separately) bypasses the caches. A write made through ent during
// a request also marks its counter dirty in that request's snapshot, so the request itself reads
// its own writes. Writes that bypass ent (hand-written SQL loaders) do not bump the counters: run
// them before serving, or restart the nodes.
const (
	// EpochAuthz covers what an actor is built from: roles, their grants, users' role memberships and
	// the team tree.
	EpochAuthz = "authz"
	// EpochDirectory covers user and team names shown in records.
	EpochDirectory = "directory"
	// EpochCustomField covers custom field definitions.
	EpochCustomField = "customfield"
)

// epochNames is the order of the counters in EpochSelect.
var epochNames = []string{EpochAuthz, EpochDirectory, EpochCustomField}

// EpochColumns is a select list reading every counter as scalar subqueries, to be appended to a
// statement that runs anyway (the session lookup); scan the values with Snapshot.ScanTargets.
func EpochColumns() string {
	out := ""
	for _, n := range epochNames {
		out += ", (SELECT n FROM cache_epochs WHERE name = '" + n + "')"
	}
	return out
}

// Snapshot holds the counters a request read; it is shared by the request's context.
type Snapshot struct {
	mu   sync.Mutex
	vals [3]sql.NullInt64
}

// ScanTargets returns the destinations for the columns of EpochColumns.
func (s *Snapshot) ScanTargets() []any {
	return []any{&s.vals[0], &s.vals[1], &s.vals[2]}
}

// get returns the counter of name, false when unknown or dirtied by a write of this request.
func (s *Snapshot) get(name string) (int64, bool) {
	if s == nil {
		return 0, false
	}
	i := slices.Index(epochNames, name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if i < 0 || !s.vals[i].Valid {
		return 0, false
	}
	return s.vals[i].Int64, true
}

func (s *Snapshot) dirty(name string) {
	if s == nil {
		return
	}
	if i := slices.Index(epochNames, name); i >= 0 {
		s.mu.Lock()
		s.vals[i].Valid = false
		s.mu.Unlock()
	}
}

type snapshotKey struct{}

// WithSnapshot returns ctx carrying s (filled in later by the session lookup).
func WithSnapshot(ctx context.Context, s *Snapshot) context.Context {
	return context.WithValue(ctx, snapshotKey{}, s)
}

// SnapshotOf returns ctx's snapshot, nil if none.
func SnapshotOf(ctx context.Context) *Snapshot {
	s, _ := ctx.Value(snapshotKey{}).(*Snapshot)
	return s
}

// ReadSnapshot fills s from the database (for requests whose lookup could not include the counters).
func (st *Store) ReadSnapshot(ctx context.Context, s *Snapshot) error {
	rows, err := st.Client(ctx).QueryContext(ctx, "SELECT 1"+EpochColumns())
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var one int
		if err := rows.Scan(append([]any{&one}, s.ScanTargets()...)...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Cache holds values loaded at one epoch of one counter. Entries of older epochs are dropped when a
// newer one is stored. Safe for concurrent use.
type Cache[K comparable, V any] struct {
	name  string
	mu    sync.Mutex
	epoch int64
	m     map[K]V
}

// NewCache returns an empty cache following the counter name (one of the Epoch constants).
func NewCache[K comparable, V any](name string) *Cache[K, V] {
	if !slices.Contains(epochNames, name) {
		panic("store: unknown epoch " + name)
	}
	return &Cache[K, V]{name: name, m: map[K]V{}}
}

// Get returns key's value as of ctx's snapshot, calling load on a miss. Without a usable snapshot it
// always loads (and stores nothing). Values are shared between requests: callers must not modify them.
func (c *Cache[K, V]) Get(ctx context.Context, key K, load func(ctx context.Context) (V, error)) (V, error) {
	e, ok := SnapshotOf(ctx).get(c.name)
	if !ok {
		return load(ctx)
	}
	c.mu.Lock()
	v, hit := c.m[key]
	hit = hit && c.epoch == e
	c.mu.Unlock()
	if hit {
		return v, nil
	}
	v, err := load(ctx)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e > c.epoch {
		c.epoch, c.m = e, map[K]V{}
	}
	if e == c.epoch {
		c.m[key] = v
	}
	return v, nil
}

// GetMany returns the values of keys as of ctx's snapshot, loading the missing ones with one call of
// load (which may leave out keys that have no value; those are not cached).
func (c *Cache[K, V]) GetMany(ctx context.Context, keys []K, load func(ctx context.Context, keys []K) (map[K]V, error)) (map[K]V, error) {
	e, ok := SnapshotOf(ctx).get(c.name)
	if !ok {
		return load(ctx, keys)
	}
	out := make(map[K]V, len(keys))
	var missing []K
	c.mu.Lock()
	for _, k := range keys {
		if v, hit := c.m[k]; hit && c.epoch == e {
			out[k] = v
		} else {
			missing = append(missing, k)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	got, err := load(ctx, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e > c.epoch {
		c.epoch, c.m = e, map[K]V{}
	}
	for k, v := range got {
		out[k] = v
		if e == c.epoch {
			c.m[k] = v
		}
	}
	return out, nil
}

// epochHook bumps the counters a mutation affects, after it and in its transaction.
func epochHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			names := epochsOf(m)
			v, err := next.Mutate(ctx, m)
			if err != nil || len(names) == 0 {
				return v, err
			}
			cm, ok := m.(interface{ Client() *ent.Client })
			if !ok {
				return v, fmt.Errorf("store: %s mutation has no client", m.Type())
			}
			for _, n := range names {
				SnapshotOf(ctx).dirty(n)
				if _, err := cm.Client().ExecContext(ctx, "UPDATE cache_epochs SET n = n + 1 WHERE name = '"+n+"'"); err != nil {
					return v, fmt.Errorf("store: bump %s epoch: %w", n, err)
				}
			}
			return v, nil
		})
	}
}

// epochsOf names the counters a mutation changes.
func epochsOf(m ent.Mutation) []string {
	switch m.Type() {
	case ent.TypeRole, ent.TypeRoleGrant, ent.TypeTeam:
		return []string{EpochAuthz, EpochDirectory}
	case ent.TypeCustomField:
		return []string{EpochCustomField}
	case ent.TypeUser:
		var out []string
		if m.Op().Is(ent.OpDelete|ent.OpDeleteOne) || touchesEdge(m, "roles") {
			out = append(out, EpochAuthz)
		}
		if _, ok := m.Field("name"); ok || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
			out = append(out, EpochDirectory)
		}
		return out
	}
	return nil
}

func touchesEdge(m ent.Mutation, edge string) bool {
	return slices.Contains(m.AddedEdges(), edge) || slices.Contains(m.RemovedEdges(), edge) ||
		slices.Contains(m.ClearedEdges(), edge)
}
