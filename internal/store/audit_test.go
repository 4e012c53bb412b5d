package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/store"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestAuditRowsCommitAndRollBackWithTheChange(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		s := store.New(testkit.NewDB(t, d))
		ctx := authz.AsSystem(context.Background())
		boom := errors.New("boom")
		err := s.WithTx(ctx, func(ctx context.Context) error {
			if err := s.Client(ctx).Team.Create().SetName("rolled back").Exec(ctx); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx returned %v", err)
		}
		if err := s.WithTx(ctx, func(ctx context.Context) error {
			return s.Client(ctx).Team.Create().SetName("kept").Exec(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		teams, _ := s.Client(ctx).Team.Query().All(ctx)
		events, _ := s.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("team")).All(ctx)
		if len(teams) != 1 || len(events) != 1 || events[0].Changes["name"].New != "kept" {
			t.Fatalf("teams %v, audit %v", teams, events)
		}
		if events[0].ActorKind != "system" {
			t.Errorf("actor kind %q", events[0].ActorKind)
		}
	})
}

func TestAuditedWriteOutsideTransactionIsRefused(t *testing.T) {
	s := store.New(testkit.NewDB(t, db.SQLite))
	ctx := authz.AsSystem(context.Background())
	if err := s.Client(ctx).Team.Create().SetName("loose").Exec(ctx); err == nil {
		t.Fatal("a write outside a transaction was accepted without its audit row")
	}
	if n, _ := s.Client(ctx).Team.Query().Count(ctx); n != 0 {
		t.Fatalf("%d teams written", n)
	}
}

func TestAuditLogCannotBeChanged(t *testing.T) {
	s := store.New(testkit.NewDB(t, db.SQLite))
	ctx := authz.AsSystem(context.Background())
	if err := s.WithTx(ctx, func(ctx context.Context) error {
		return s.Client(ctx).Team.Create().SetName("t").Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	err := s.WithTx(ctx, func(ctx context.Context) error {
		_, err := s.Client(ctx).AuditEvent.Delete().Exec(ctx)
		return err
	})
	if err == nil {
		t.Fatal("even the system actor deleted audit rows")
	}
	// Every audit column is immutable in the schema, so the generated client has no setters at all.
}
