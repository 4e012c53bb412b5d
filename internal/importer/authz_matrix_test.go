package importer_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/importjob"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of who may import (doc.go of importer and customer), written again by hand:
// import:create for account managers (own), sales directors (subtree) and administrators (all);
// import:read widens visibility for directors (subtree) and administrators (all); everyone sees their
// own imports. Uploading also needs account:create (the same three roles).
var importGrants = map[string]testkit.Grants{
	"account_manager": {"import:create": testkit.ScopeOwn, "account:create": testkit.ScopeOwn},
	"sales_director": {"import:create": testkit.ScopeSubtree, "import:read": testkit.ScopeSubtree,
		"account:create": testkit.ScopeSubtree},
	"admin": {"import:create": testkit.ScopeAll, "import:read": testkit.ScopeAll, "account:create": testkit.ScopeAll},
}

type importWorld struct {
	a     *testkit.App
	tree  testkit.TeamTree
	roles map[string]string
	n     atomic.Int64
}

func (w *importWorld) scope(p testkit.Principal, right string) testkit.Scope {
	return importGrants[w.roles[p.Name]][right]
}

// visible: one's own imports always, others as far as import:read reaches.
func (w *importWorld) visible(p testkit.Principal, rel testkit.Relation) bool {
	return rel == testkit.RelSelf || (rel != testkit.RelMissing && testkit.ReachesRelation(w.scope(p, "import:read"), rel))
}

func (w *importWorld) place(p testkit.Principal, rel testkit.Relation) (owner, team int64, ok bool) {
	if rel == testkit.RelSelf {
		return p.UserID, p.TeamID, true
	}
	team, ok = w.tree.TeamFor(rel, p.TeamID)
	// Someone else's import: an owner id nobody in the matrix has.
	return 800_000 + w.n.Add(1), team, ok
}

// newJob stores an uploaded (not started) import of one valid row.
func (w *importWorld) newJob(t testing.TB, owner, team int64) int64 {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		q := w.a.Store.Client(ctx).ImportJob.Create().SetUserID(owner).SetEntity("account").SetFileName("m.csv").
			SetFormat("csv").SetHeaders([]string{"name"}).SetMapping(map[string]string{"0": "name"}).SetTotalRows(1)
		if team != 0 {
			q.SetTeamID(team)
		}
		j, err := q.Save(ctx)
		if err != nil {
			return err
		}
		id = j.ID
		return w.a.Store.Client(ctx).ImportFile.Create().SetJobID(id).SetData(csvOf("name", fmt.Sprintf("矩阵客户 %d", id))).Exec(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *importWorld) target(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	if rel == testkit.RelMissing {
		return testkit.Target{ID: testkit.MissingID, Version: 1}
	}
	owner, team, _ := w.place(p, rel)
	return testkit.Target{ID: w.newJob(t, owner, team), Version: 1, Team: team}
}

func (w *importWorld) unchanged(t testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
	if rel == testkit.RelMissing {
		return nil
	}
	ctx := testkit.System()
	j, err := w.a.Store.Client(ctx).ImportJob.Get(ctx, tg.ID)
	if err != nil || j.Version != 1 || j.Status != importjob.StatusUploaded {
		return fmt.Errorf("refused operation changed the import: %v %+v", err, j)
	}
	return nil
}

func (w *importWorld) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	canCreate := w.scope(p, "import:create") != testkit.ScopeNone
	switch op.Name {
	case "listImports":
		return 200
	case "importTemplate":
		if canCreate && w.scope(p, "account:create") != testkit.ScopeNone {
			return 200
		}
		return 403
	case "getImport", "importErrors":
		if w.visible(p, rel) {
			return 200
		}
		return 404
	case "updateImport", "previewImport", "startImport":
		switch {
		case !canCreate:
			return 403
		case !w.visible(p, rel):
			return 404
		case rel != testkit.RelSelf:
			return 403 // only the uploader acts on an import
		}
		return 200
	case "cancelImport":
		switch {
		case !canCreate:
			return 403
		case !w.visible(p, rel):
			return 404
		case rel != testkit.RelSelf && w.scope(p, "import:create") != testkit.ScopeAll:
			return 403
		}
		return 200
	}
	panic(op.Name)
}

func (w *importWorld) operations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelParentTeam,
		testkit.RelOtherTeam, testkit.RelNoTeam, testkit.RelMissing}
	applies := func(p testkit.Principal, rel testkit.Relation) bool {
		if rel == testkit.RelSelf || rel == testkit.RelMissing {
			return true
		}
		_, ok := w.tree.TeamFor(rel, p.TeamID)
		return ok
	}
	rec := func(name, method, path string, denied bool) testkit.Operation {
		op := testkit.Operation{Name: name, Method: method, Path: path, Relations: rels, Applies: applies, Setup: w.target}
		if denied {
			op.Denied = w.unchanged
		}
		return op
	}
	update := rec("updateImport", "PATCH", "/api/v1/imports/{id}", true)
	update.Body = func(testkit.Principal, testkit.Relation, testkit.Target) any {
		return map[string]any{"duplicateMode": "create"}
	}
	return []testkit.Operation{
		{Name: "listImports", Method: "GET", Path: "/api/v1/imports", Verify: w.verifyList},
		{Name: "importTemplate", Method: "GET", Path: "/api/v1/imports/template", Query: "entity=account&format=csv"},
		rec("getImport", "GET", "/api/v1/imports/{id}", false),
		rec("importErrors", "GET", "/api/v1/imports/{id}/errors.csv", false),
		update,
		rec("previewImport", "GET", "/api/v1/imports/{id}/preview", false),
		rec("startImport", "POST", "/api/v1/imports/{id}/start", true),
		rec("cancelImport", "POST", "/api/v1/imports/{id}/cancel", true),
	}
}

// verifyList: the list holds exactly the imports the oracle says are visible.
func (w *importWorld) verifyList(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, _ *testkit.Response) error {
	items, st := p.Client.ListAll(t, "/api/v1/imports")
	if st != 200 {
		return fmt.Errorf("status %d", st)
	}
	ctx := testkit.System()
	var want []int64
	for _, j := range w.a.Store.Client(ctx).ImportJob.Query().AllX(ctx) {
		team := int64(0)
		if j.TeamID != nil {
			team = *j.TeamID
		}
		if j.UserID == p.UserID || w.tree.Reaches(w.scope(p, "import:read"), p.UserID, p.TeamID, j.UserID, team) {
			want = append(want, j.ID)
		}
	}
	if diff := testkit.SameIDs(testkit.IDs(items), want); diff != "" {
		return fmt.Errorf("imports list: %s", diff)
	}
	return nil
}

func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &importWorld{a: a, tree: tp.Tree(), roles: map[string]string{}}
		people := []struct {
			name, email, role string
			user, team        int64
		}{
			{"admin", "admin", "admin", tp.Admin, 0}, {"director", "director", "sales_director", tp.Director, tp.East},
			{"amEast", "am.east", "account_manager", tp.AMEast, tp.East},
			{"amWest", "am.west", "account_manager", tp.AMWest, tp.West},
			{"agent", "agent", "service_agent", tp.Agent, tp.West}, {"exec", "exec", "executive", tp.Exec, 0},
			{"nobody", "nobody", "", tp.Nobody, tp.West},
		}
		var principals []testkit.Principal
		for _, p := range people {
			w.roles[p.name] = p.role
			principals = append(principals, testkit.Principal{Name: p.name, Client: a.Login(t, p.email+"@kehu.test"),
				UserID: p.user, TeamID: p.team})
		}
		// The world the list sees: one import by each person and one per team.
		for _, p := range people {
			w.newJob(t, p.user, p.team)
		}
		for _, tm := range []int64{tp.HQ, tp.East, tp.East1, tp.West, 0} {
			w.newJob(t, 800_000+w.n.Add(1), tm)
		}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		m.Run(t)

		// Upload is multipart, so it is checked here against the same oracle, principal by principal.
		for _, p := range principals {
			want := 403
			if w.scope(p, "import:create") != testkit.ScopeNone && w.scope(p, "account:create") != testkit.ScopeNone {
				want = 201
			}
			if r := upload(t, p.Client, "account", "m.csv", csvOf("name", "上传客户")); r.Status != want {
				t.Errorf("createImport/%s: %d, want %d: %s", p.Name, r.Status, want, r.Raw)
			}
		}
	})
}
