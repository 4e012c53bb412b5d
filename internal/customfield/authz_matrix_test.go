package customfield_test

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"

	cf "github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/ent/customfield"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// world is the matrix fixture: the topology, custom roles, tokens and signed-in clients.
type world struct {
	a     *testkit.App
	who   map[string]*principal
	order []string
	seq   int
}

func (w *world) next() int { w.seq++; return w.seq }

func newWorld(t *testing.T, a *testkit.App) *world {
	tp := a.NewTopology(t)
	w := &world{a: a, who: map[string]*principal{}}
	add := func(name string, c *testkit.Client, user, team int64, active bool, g testkit.Grants) {
		w.who[name] = &principal{Principal: testkit.Principal{Name: name, Client: c, UserID: user, TeamID: team}, grants: g, active: active}
		w.order = append(w.order, name)
	}
	add("anonymous", a.Client(), 0, 0, false, nil)
	for _, u := range []struct {
		name, email string
		id, team    int64
	}{
		{"admin", "admin@kehu.test", tp.Admin, 0}, {"director", "director@kehu.test", tp.Director, tp.East},
		{"amEast", "am.east@kehu.test", tp.AMEast, tp.East}, {"amEast1", "am.east1@kehu.test", tp.AMEast1, tp.East1},
		{"amWest", "am.west@kehu.test", tp.AMWest, tp.West}, {"agent", "agent@kehu.test", tp.Agent, tp.West},
		{"exec", "exec@kehu.test", tp.Exec, 0}, {"marketer", "marketer@kehu.test", tp.Marketer, 0},
		{"nobody", "nobody@kehu.test", tp.Nobody, tp.West},
	} {
		g := testkit.Grants{}
		if u.name == "admin" {
			g = adminGrants
		}
		add(u.name, a.Login(t, u.email), u.id, u.team, true, g)
	}
	admin := w.who["admin"].Client

	custom := func(name, email string, team int64, grants testkit.Grants) {
		var gs []map[string]string
		for r, s := range grants {
			gs = append(gs, map[string]string{"right": r, "scope": s.String()})
		}
		roleID := admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": name, "grants": gs}).Want(t, 201).ID()
		uid := admin.Do(t, "POST", "/api/v1/users", map[string]any{"email": email, "name": name, "password": testkit.Password,
			"teamId": team, "roleIds": []int64{roleID}}).Want(t, 201).ID()
		add(name, a.Login(t, email), uid, team, true, grants)
	}
	custom("fieldEditor", "field.editor@kehu.test", tp.East, editorGrants)
	custom("fieldPartial", "field.partial@kehu.test", tp.East, partialGrants)

	leaver := a.NewUser(t, "leaver@kehu.test", tp.West, "admin")
	add("deactivated", a.Login(t, "leaver@kehu.test"), leaver, tp.West, false, nil)
	admin.Do(t, "POST", fmt.Sprintf("/api/v1/users/%d/deactivate", leaver), nil).Want(t, 200)

	token := func(name, owner string, scopes []string, g testkit.Grants) {
		o := w.who[owner]
		r := o.Client.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": "matrix", "scopes": scopes}).Want(t, 201)
		c := a.Client()
		c.Bearer = r.Str("token")
		add(name, c, o.UserID, o.TeamID, true, g)
	}
	token("admin+token[user:read]", "admin", []string{"user:read"}, testkit.Grants{})
	token("admin+token[custom_field:update]", "admin", []string{"custom_field:update"}, adminGrants.Only("custom_field:update"))
	token("amEast+token", "amEast", nil, testkit.Grants{})
	return w
}

func (w *world) principals() []testkit.Principal {
	out := make([]testkit.Principal, len(w.order))
	for i, n := range w.order {
		out[i] = w.who[n].Principal
	}
	return out
}

// freshField makes a field for a case to act on (or points at a missing id).
func (w *world) freshField(t testing.TB, _ testkit.Principal, rel testkit.Relation) testkit.Target {
	if rel == testkit.RelMissing {
		return testkit.Target{ID: testkit.MissingID, Version: 1}
	}
	entity, key, typ, zh, en := "account", fmt.Sprintf("field_%d", w.next()), "text", "字段", "Field"
	f, err := w.a.Modules.CustomField.Create(testkit.System(), cf.Input{Entity: &entity, Key: &key, Type: &typ, LabelZh: &zh, LabelEn: &en})
	if err != nil {
		t.Fatal(err)
	}
	return testkit.Target{ID: f.ID, Version: f.Version}
}

// fieldUnchanged checks that a refused case left its field as it was.
func (w *world) fieldUnchanged(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
	if tg.ID == testkit.MissingID {
		return nil
	}
	ctx := testkit.System()
	f, err := w.a.Store.Client(ctx).CustomField.Get(ctx, tg.ID)
	if err != nil {
		return fmt.Errorf("field %d: %v", tg.ID, err)
	}
	if f.Version != tg.Version {
		return fmt.Errorf("field %d changed (version %d)", tg.ID, f.Version)
	}
	return nil
}

func (w *world) operations() []testkit.Operation {
	fieldRels := []testkit.Relation{testkit.RelAny, testkit.RelMissing}
	return []testkit.Operation{
		{Name: "listCustomFields", Method: "GET", Path: "/api/v1/custom-fields?entity=account&includeInactive=true",
			Verify: func(_ testing.TB, _ testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
				if r.JSON["items"] == nil {
					return fmt.Errorf("no items: %s", r.Raw)
				}
				return nil
			}},
		{Name: "createCustomField", Method: "POST", Path: "/api/v1/custom-fields",
			Setup: func(testing.TB, testkit.Principal, testkit.Relation) testkit.Target {
				return testkit.Target{Data: map[string]any{"key": fmt.Sprintf("made_%d", w.next())}}
			},
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"entity": "account", "key": tg.Data["key"], "type": "number", "labelZh": "新", "labelEn": "New"}
			},
			Denied: func(t testing.TB, _ testkit.Principal, _ testkit.Relation, tg testkit.Target) error {
				ctx := testkit.System()
				if ok, _ := w.a.Store.Client(ctx).CustomField.Query().Where(customfield.Key(tg.Data["key"].(string))).Exist(ctx); ok {
					return fmt.Errorf("field %s was created", tg.Data["key"])
				}
				return nil
			}},
		{Name: "updateCustomField", Method: "PATCH", Path: "/api/v1/custom-fields/{id}", Relations: fieldRels,
			Setup: w.freshField, Denied: w.fieldUnchanged,
			Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
				return map[string]any{"labelEn": fmt.Sprintf("Renamed %d", w.next())}
			}},
		{Name: "reorderCustomFields", Method: "POST", Path: "/api/v1/custom-fields/reorder", Relations: []testkit.Relation{testkit.RelAny},
			Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
				tg := w.freshField(t, p, rel)
				tg.Data, tg.Version = map[string]any{"version": tg.Version}, 0
				return tg
			},
			Body: func(_ testkit.Principal, _ testkit.Relation, tg testkit.Target) any {
				return map[string]any{"entity": "account", "ids": []int64{tg.ID}}
			},
			Denied: func(t testing.TB, p testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
				tg.Version = tg.Data["version"].(int64)
				return w.fieldUnchanged(t, p, rel, tg)
			}},
		{Name: "deleteCustomField", Method: "DELETE", Path: "/api/v1/custom-fields/{id}", Relations: fieldRels,
			Setup: w.freshField, Denied: w.fieldUnchanged},
	}
}

// TestAuthzMatrix walks every custom field operation for every principal on each database, against the
// oracle in authz_oracle_test.go.
func TestAuthzMatrix(t *testing.T) {
	if os.Getenv("KEHU_TEST_LOG") == "" {
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
		t.Cleanup(func() { slog.SetDefault(prev) })
	}
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		w := newWorld(t, a)
		m := &testkit.Matrix{Principals: w.principals(), Ops: w.operations(), Oracle: w.want}
		res := m.Run(t)
		if res.Cases < len(w.order)*7 {
			t.Errorf("only %d cases", res.Cases)
		}
	})
}
