package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent"
	_ "github.com/kehu-crm/kehu/internal/ent/runtime" // installs the privacy policies; without it nothing runs
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
	"github.com/kehu-crm/kehu/internal/platform/writebatch"
	"github.com/kehu-crm/kehu/internal/search"
)

// Store is the application's handle on its data.
type Store struct {
	DB     *db.DB
	client *ent.Client
	// userNames and teamNames cache display names (Names).
	userNames, teamNames *Cache[int64, string]
	// beginning counts the transactions waiting to begin (on SQLite: for the write lock).
	beginning atomic.Int64
}

// TxWaiting reports whether some transaction of this process is waiting to begin: on SQLite, whose
// one writer holds the lock, long bulk work (an import) uses it to step aside between two batches.
func (s *Store) TxWaiting() bool { return s.beginning.Load() > 0 }

// New wraps an open database.
func New(d *db.DB) *Store {
	dia := dialect.SQLite
	if d.Dialect == db.Postgres {
		dia = dialect.Postgres
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dia, d.SQL)))
	s := &Store{DB: d, client: client,
		userNames: NewCache[int64, string](EpochDirectory), teamNames: NewCache[int64, string](EpochDirectory)}
	client.Use(audit.Hook(auditWriter{}, audit.Options{
		Skip: []string{"AuditEvent", "Session", "PasswordReset", "LoginThrottle", "IdempotencyKey", "APIToken",
			// Generated bookkeeping: notifications, matching keys and uploaded bytes; an import records
			// its own start and finish events instead of one row per batch.
			"Notification", "DedupKey", "ImportFile", "ImportJob"},
		Secret: secretFields(),
		Quiet:  []string{"last_login_at", "reminded_at"},
	}))
	// Installed after (inside) the audit hook: the search index follows every account and contact
	// write in the same transaction (SPEC C8).
	client.Use(search.Hook(d.Dialect))
	// Duplicate-matching keys follow account and contact writes the same way (SPEC C6).
	client.Use(dedup.Hook())
	// Cached roles, teams, names and custom field definitions follow their writes (epoch.go).
	client.Use(epochHook())
	return s
}

type txKey struct{}

// Client returns the client bound to the context's transaction, or the pooled client outside one.
func (s *Store) Client(ctx context.Context) *ent.Client {
	if tx, ok := ctx.Value(txKey{}).(*ent.Tx); ok {
		return tx.Client()
	}
	return s.client
}

// InTx reports whether ctx carries a transaction.
func InTx(ctx context.Context) bool { _, ok := ctx.Value(txKey{}).(*ent.Tx); return ok }

// WithTx runs fn in a transaction, reusing the one in ctx if there is one. fn's error (or a panic)
// rolls everything back.
func (s *Store) WithTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if InTx(ctx) {
		return fn(ctx)
	}
	s.beginning.Add(1)
	tx, err := s.client.Tx(ctx)
	s.beginning.Add(-1)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Close closes the client and the database.
func (s *Store) Close() error { return s.DB.Close() }

// Record writes a security event (sign-in, permission change…) in the context's transaction, or in a
// transaction of its own outside one.
func (s *Store) Record(ctx context.Context, ev audit.Event) error {
	return s.WithTx(ctx, func(ctx context.Context) error { return writeEvent(ctx, s.Client(ctx), ev) })
}

type auditWriter struct{}

func (auditWriter) Check(ctx context.Context) error {
	if !InTx(ctx) {
		return errors.New("audited write outside a transaction: use Store.WithTx")
	}
	return nil
}

func (auditWriter) Write(ctx context.Context, ev audit.Event) error {
	tx, ok := ctx.Value(txKey{}).(*ent.Tx)
	if !ok {
		return errors.New("audited write outside a transaction: use Store.WithTx")
	}
	q := eventCreate(ctx, tx.Client(), ev)
	// In a bulk insert the row is built now, from this context's actor and request, and written with
	// the batch's others at flush (WithBatch).
	if b := writebatch.From(ctx); b != nil && b.AddEvent(q) {
		return nil
	}
	return saveEvent(ctx, q)
}

func writeEvent(ctx context.Context, c *ent.Client, ev audit.Event) error {
	return saveEvent(ctx, eventCreate(ctx, c, ev))
}

func saveEvent(ctx context.Context, q *ent.AuditEventCreate) error {
	if authz.FromContext(ctx) == nil {
		// Anonymous events (a failed sign-in) are written on the system's authority but say "anonymous".
		ctx = authz.AsSystem(ctx)
	}
	return q.Exec(ctx)
}

// eventCreate builds the audit row of ev as the context's actor and request record it.
func eventCreate(ctx context.Context, c *ent.Client, ev audit.Event) *ent.AuditEventCreate {
	a := authz.Attributed(ctx)
	ri := reqinfo.From(ctx)
	q := c.AuditEvent.Create().
		SetAction(ev.Action).SetEntity(ev.Entity).SetRequestID(ri.ID).SetIP(ri.IP).
		SetActorKind("anonymous")
	if ev.EntityID != 0 {
		q.SetEntityID(ev.EntityID)
	}
	if len(ev.Changes) > 0 {
		ch := make(map[string]schema.Change, len(ev.Changes))
		for k, v := range ev.Changes {
			ch[k] = schema.Change{Old: v.Old, New: v.New}
		}
		q.SetChanges(ch)
	}
	if a != nil {
		q.SetActorKind(string(a.Kind))
		if a.UserID != 0 {
			q.SetActorID(a.UserID)
		}
		if a.TeamID != 0 {
			q.SetActorTeamID(a.TeamID)
		}
		if a.TokenID != 0 {
			q.SetTokenID(a.TokenID)
		}
	}
	return q
}

// secretFields reads the ent descriptors once: a field declared Sensitive() (or marked sensitive in its
// metadata) is never written to the audit log in clear.
func secretFields() func(typ, field string) bool {
	set := map[string]bool{}
	for _, sc := range schema.All() {
		typ := reflect.TypeOf(sc).Name()
		for _, f := range sc.Fields() {
			if d := f.Descriptor(); d.Sensitive {
				set[typ+"."+d.Name] = true
			}
			// Fields the metadata marks sensitive (SPEC A5) are personal data: audit readers need
			// not hold the right to see them, so the log records that they changed, not their values.
			for _, a := range f.Descriptor().Annotations {
				if fa, ok := a.(meta.FieldAnnotation); ok && fa.Sensitive {
					set[typ+"."+f.Descriptor().Name] = true
				}
			}
		}
	}
	return func(typ, field string) bool { return set[typ+"."+field] || strings.HasSuffix(field, "_hash") }
}

// Lock takes a transaction-scoped lock named key, so that work which must not run twice at once (first
// setup, seeding) is serialised across nodes. SQLite transactions are already serialised
// (_txlock=immediate), so only PostgreSQL needs an advisory lock.
func (s *Store) Lock(ctx context.Context, key string) error {
	if s.DB.Dialect != db.Postgres {
		return nil
	}
	tx, ok := ctx.Value(txKey{}).(*ent.Tx)
	if !ok {
		return errors.New("store: Lock needs a transaction")
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", key)
	return err
}
