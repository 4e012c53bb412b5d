package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"entgo.io/ent/privacy"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/store"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// entityClients returns, by reflection, every per-entity client of the generated ent client, so a new
// entity is covered without editing this test.
func entityClients(c *ent.Client) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	v := reflect.ValueOf(c).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer && f.MethodByName("Query").IsValid() && f.MethodByName("Create").IsValid() {
			out[v.Type().Field(i).Name] = f
		}
	}
	return out
}

func TestEveryEntityDeniesQueriesAndWritesWithoutActor(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		s := store.New(testkit.NewDB(t, d))
		clients := entityClients(s.Client(context.Background()))
		if len(clients) != len(schema.All()) {
			t.Fatalf("schema.All() lists %d entities, the ent client has %d: keep them in step", len(schema.All()), len(clients))
		}
		ctx := reflect.ValueOf(context.Background())
		for name, c := range clients {
			q := c.MethodByName("Query").Call(nil)[0]
			res := q.MethodByName("All").Call([]reflect.Value{ctx})
			if err, _ := res[1].Interface().(error); !errors.Is(err, privacy.Deny) {
				t.Errorf("%s: query without actor returned %v, want privacy.Deny", name, err)
			}
			// Inside a transaction, so that the audit guard is not what refuses the write.
			err := s.WithTx(context.Background(), func(txctx context.Context) error {
				txc := entityClients(s.Client(txctx))[name]
				res := txc.MethodByName("Create").Call(nil)[0].MethodByName("Save").Call([]reflect.Value{reflect.ValueOf(txctx)})
				err, _ := res[1].Interface().(error)
				return err
			})
			if !errors.Is(err, privacy.Deny) {
				t.Errorf("%s: create without actor returned %v, want privacy.Deny", name, err)
			}
		}
	})
}

func TestSystemActorReadsEveryEntity(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		s := store.New(testkit.NewDB(t, d))
		ctx := reflect.ValueOf(authz.AsSystem(context.Background()))
		for name, c := range entityClients(s.Client(context.Background())) {
			res := c.MethodByName("Query").Call(nil)[0].MethodByName("All").Call([]reflect.Value{ctx})
			if err, _ := res[1].Interface().(error); err != nil {
				t.Errorf("%s: system query failed: %v", name, err)
			}
		}
	})
}
