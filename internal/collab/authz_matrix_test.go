package collab_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kehu-crm/kehu/internal/collab"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/notification"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// The oracle's own statement of the rights that govern comments: the read and update rights of the
// record kinds, as the customer and activity modules' doc.go grant them, written again by hand.
var oracleGrants = map[string]testkit.Grants{
	"account_manager": {"account:read": testkit.ScopeOwn, "account:update": testkit.ScopeOwn,
		"contact:read": testkit.ScopeOwn, "contact:update": testkit.ScopeOwn,
		"activity:read": testkit.ScopeOwn, "activity:update": testkit.ScopeOwn},
	"sales_director": {"account:read": testkit.ScopeSubtree, "account:update": testkit.ScopeSubtree,
		"contact:read": testkit.ScopeSubtree, "contact:update": testkit.ScopeSubtree,
		"activity:read": testkit.ScopeSubtree, "activity:update": testkit.ScopeSubtree},
	"executive": {"account:read": testkit.ScopeAll, "contact:read": testkit.ScopeAll, "activity:read": testkit.ScopeAll},
	"service_agent": {"account:read": testkit.ScopeAll, "contact:read": testkit.ScopeAll,
		"activity:read": testkit.ScopeTeam, "activity:update": testkit.ScopeTeam},
	"marketing": {"account:read": testkit.ScopeAll, "contact:read": testkit.ScopeAll,
		"activity:read": testkit.ScopeOwn, "activity:update": testkit.ScopeOwn},
	"admin": {"account:read": testkit.ScopeAll, "account:update": testkit.ScopeAll,
		"contact:read": testkit.ScopeAll, "contact:update": testkit.ScopeAll,
		"activity:read": testkit.ScopeAll, "activity:update": testkit.ScopeAll},
	"": {},
}

// relOtherUser is a notification of another user.
const relOtherUser testkit.Relation = "otherUser"

type world struct {
	a        *testkit.App
	tree     testkit.TeamTree
	roles    map[string]string
	stranger int64 // the author of "others'" comments and owner of "others'" notifications
	n        atomic.Int64
}

func (w *world) scope(p testkit.Principal, right string) testkit.Scope {
	return oracleGrants[w.roles[p.Name]][right]
}

func (w *world) place(p testkit.Principal, rel testkit.Relation) (owner, team int64, ok bool) {
	if rel == testkit.RelSelf {
		return p.UserID, p.TeamID, p.UserID != 0
	}
	team, ok = w.tree.TeamFor(rel, p.TeamID)
	return 0, team, ok
}

func (w *world) applies(p testkit.Principal, rel testkit.Relation) bool {
	if rel == testkit.RelMissing {
		return true
	}
	_, _, ok := w.place(p, rel)
	return ok
}

// record writes a record of the entity placed by rel, as the system.
func (w *world) record(t testing.TB, entity string, p testkit.Principal, rel testkit.Relation) int64 {
	owner, team, _ := w.place(p, rel)
	switch entity {
	case "account":
		return newAccount(t, w.a, fmt.Sprintf("客户 %d", w.n.Add(1)), owner, team)
	case "contact":
		return newContact(t, w.a, newAccount(t, w.a, fmt.Sprintf("客户 %d", w.n.Add(1)), owner, team), owner, team)
	}
	return newActivity(t, w.a, fmt.Sprintf("活动 %d", w.n.Add(1)), 0, owner, team, nil, "")
}

// comment writes a comment by author on a record placed by rel, as the system.
func (w *world) comment(t testing.TB, entity string, recordID, author int64) int64 {
	t.Helper()
	var id int64
	err := w.a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		c, err := w.a.Store.Client(ctx).Comment.Create().SetEntity(entity).SetRecordID(recordID).SetBody("原文").
			SetAuthorID(author).Save(ctx)
		if err == nil {
			id = c.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) recordTarget(entity string, withComment bool, mine bool) func(testing.TB, testkit.Principal, testkit.Relation) testkit.Target {
	return func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
		if rel == testkit.RelMissing {
			return testkit.Target{ID: testkit.MissingID}
		}
		rec := w.record(t, entity, p, rel)
		if !withComment {
			return testkit.Target{ID: rec, Data: map[string]any{"record": rec}}
		}
		author := w.stranger
		if mine {
			author = p.UserID
		}
		return testkit.Target{ID: w.comment(t, entity, rec, author), Data: map[string]any{"record": rec}}
	}
}

func (w *world) count(entity string, rec int64) int {
	ctx := testkit.System()
	return w.a.Store.Client(ctx).Comment.Query().Where(comment.Entity(entity), comment.RecordID(rec)).CountX(ctx)
}

func recOf(tg testkit.Target) int64 { v, _ := tg.Data["record"].(int64); return v }

func (w *world) noNewComment(entity string) func(testing.TB, testkit.Principal, testkit.Relation, testkit.Target) error {
	return func(_ testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
		if rel != testkit.RelMissing && w.count(entity, recOf(tg)) != 0 {
			return fmt.Errorf("a comment was created")
		}
		return nil
	}
}

func (w *world) commentUnchanged(_ testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
	if rel == testkit.RelMissing {
		return nil
	}
	ctx := testkit.System()
	c, err := w.a.Store.Client(ctx).Comment.Get(ctx, tg.ID)
	if err != nil || c.Body != "原文" {
		return fmt.Errorf("comment changed or gone: %v", err)
	}
	return nil
}

func (w *world) listedOne(_ testing.TB, _ testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	if n := len(r.Items()); n != 1 {
		return fmt.Errorf("%d comments listed, want 1", n)
	}
	return nil
}

// ownNotifications checks that a notification list holds exactly the principal's own.
func (w *world) ownNotifications(_ testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	ctx := testkit.System()
	var want []int64
	for _, n := range w.a.Store.Client(ctx).Notification.Query().Where(notification.UserID(p.UserID)).AllX(ctx) {
		want = append(want, n.ID)
	}
	if s := testkit.SameIDs(testkit.IDs(r.Items()), want); s != "" {
		return fmt.Errorf("%s", s)
	}
	return nil
}

func (w *world) notificationTarget(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
	if rel == testkit.RelMissing {
		return testkit.Target{ID: testkit.MissingID}
	}
	user := p.UserID
	if rel == relOtherUser {
		user = w.stranger
	}
	if err := w.a.Modules.Collab.Notify(testkit.System(), collab.Note{UserID: user, Kind: collab.KindReminder, Title: "提醒"}); err != nil {
		t.Fatal(err)
	}
	ctx := testkit.System()
	n := w.a.Store.Client(ctx).Notification.Query().Where(notification.UserID(user)).Order(notification.ByID()).AllX(ctx)
	return testkit.Target{ID: n[len(n)-1].ID}
}

func (w *world) notificationUnread(_ testing.TB, _ testkit.Principal, rel testkit.Relation, tg testkit.Target) error {
	if rel == testkit.RelMissing {
		return nil
	}
	ctx := testkit.System()
	if n := w.a.Store.Client(ctx).Notification.GetX(ctx, tg.ID); n.ReadAt != nil {
		return fmt.Errorf("another user's notification was marked read")
	}
	return nil
}

func (w *world) operations() []testkit.Operation {
	rels := []testkit.Relation{testkit.RelSelf, testkit.RelSameTeam, testkit.RelSubteam, testkit.RelOtherTeam,
		testkit.RelNoTeam, testkit.RelMissing}
	var ops []testkit.Operation
	for _, e := range []struct{ entity, path, name string }{
		{"account", "accounts", "Account"}, {"contact", "contacts", "Contact"}, {"activity", "activities", "Activity"},
	} {
		ops = append(ops,
			testkit.Operation{Name: "list" + e.name + "Comments", Method: "GET", Path: "/api/v1/" + e.path + "/{id}/comments",
				Relations: rels, Applies: w.applies, Setup: func(t testing.TB, p testkit.Principal, rel testkit.Relation) testkit.Target {
					tg := w.recordTarget(e.entity, false, false)(t, p, rel)
					if rel != testkit.RelMissing {
						w.comment(t, e.entity, tg.ID, w.stranger)
					}
					return tg
				}, Verify: w.listedOne},
			testkit.Operation{Name: "create" + e.name + "Comment", Method: "POST", Path: "/api/v1/" + e.path + "/{id}/comments",
				Relations: rels, Applies: w.applies, Setup: w.recordTarget(e.entity, false, false),
				Denied: w.noNewComment(e.entity),
				Body: func(testkit.Principal, testkit.Relation, testkit.Target) any {
					return map[string]any{"body": "新评论"}
				}},
			testkit.Operation{Name: "updateOwn" + e.name + "Comment", Method: "PATCH", Path: "/api/v1/comments/{id}",
				Relations: rels, Applies: w.applies, Setup: w.recordTarget(e.entity, true, true), Denied: w.commentUnchanged,
				Body: func(testkit.Principal, testkit.Relation, testkit.Target) any { return map[string]any{"body": "改"} }},
			testkit.Operation{Name: "updateOthers" + e.name + "Comment", Method: "PATCH", Path: "/api/v1/comments/{id}",
				Relations: rels, Applies: w.applies, Setup: w.recordTarget(e.entity, true, false), Denied: w.commentUnchanged,
				Body: func(testkit.Principal, testkit.Relation, testkit.Target) any { return map[string]any{"body": "改"} }},
			testkit.Operation{Name: "deleteOwn" + e.name + "Comment", Method: "DELETE", Path: "/api/v1/comments/{id}",
				Relations: rels, Applies: w.applies, Setup: w.recordTarget(e.entity, true, true), Denied: w.commentUnchanged},
			testkit.Operation{Name: "deleteOthers" + e.name + "Comment", Method: "DELETE", Path: "/api/v1/comments/{id}",
				Relations: rels, Applies: w.applies, Setup: w.recordTarget(e.entity, true, false), Denied: w.commentUnchanged},
		)
	}
	return append(ops,
		testkit.Operation{Name: "listNotifications", Method: "GET", Path: "/api/v1/me/notifications", Query: "limit=200",
			Verify: w.ownNotifications},
		testkit.Operation{Name: "countUnreadNotifications", Method: "GET", Path: "/api/v1/me/notifications/unread-count"},
		testkit.Operation{Name: "readNotification", Method: "POST", Path: "/api/v1/me/notifications/{id}/read",
			Relations: []testkit.Relation{testkit.RelSelf, relOtherUser, testkit.RelMissing}, Setup: w.notificationTarget,
			Denied: w.notificationUnread},
		testkit.Operation{Name: "readAllNotifications", Method: "POST", Path: "/api/v1/me/notifications/read-all"},
		testkit.Operation{Name: "listDirectoryUsers", Method: "GET", Path: "/api/v1/directory/users"},
	)
}

func entityOf(op string) string {
	for _, e := range []string{"Account", "Contact", "Activity"} {
		if len(op) > len(e) && strings.Contains(op, e) {
			return map[string]string{"Account": "account", "Contact": "contact", "Activity": "activity"}[e]
		}
	}
	return ""
}

// oracle: comments follow their record — list/create need the read right (403 without it, checked
// before anything else), 404 out of its reach; edit needs authorship; delete needs authorship or
// the record's update right in reach. Comment ids on unreadable records do not exist (404) — even
// without the read right, since the comment's record is unknown until it is looked up.
func (w *world) oracle(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	switch op.Name {
	case "listNotifications", "countUnreadNotifications", "readAllNotifications", "listDirectoryUsers":
		return 200
	case "readNotification":
		if rel == testkit.RelSelf {
			return 200
		}
		return 404
	}
	e := entityOf(op.Name)
	read := w.scope(p, e+":read")
	reachable := rel != testkit.RelMissing && testkit.ReachesRelation(read, rel)
	switch op.Name[:4] {
	case "list", "crea":
		if read == testkit.ScopeNone {
			return 403
		}
		if !reachable {
			return 404
		}
		if op.Name[:4] == "list" {
			return 200
		}
		return 201
	}
	if !reachable {
		return 404
	}
	switch {
	case strings.Contains(op.Name, "updateOwn"):
		return 200
	case strings.Contains(op.Name, "updateOthers"):
		return 403
	case strings.Contains(op.Name, "deleteOwn"):
		return 204
	}
	if testkit.ReachesRelation(w.scope(p, e+":update"), rel) {
		return 204
	}
	return 403
}

func TestAuthorizationMatrix(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		w := &world{a: a, tree: tp.Tree(), roles: map[string]string{}}
		w.stranger = a.NewUser(t, "stranger@kehu.test", 0)
		people := []struct {
			name, email, role string
			user, team        int64
		}{
			{"admin", "admin", "admin", tp.Admin, 0}, {"director", "director", "sales_director", tp.Director, tp.East},
			{"amEast", "am.east", "account_manager", tp.AMEast, tp.East},
			{"amEast1", "am.east1", "account_manager", tp.AMEast1, tp.East1},
			{"amWest", "am.west", "account_manager", tp.AMWest, tp.West},
			{"agent", "agent", "service_agent", tp.Agent, tp.West}, {"exec", "exec", "executive", tp.Exec, 0},
			{"marketer", "marketer", "marketing", tp.Marketer, 0}, {"nobody", "nobody", "", tp.Nobody, tp.West},
		}
		var principals []testkit.Principal
		for _, p := range people {
			w.roles[p.name] = p.role
			principals = append(principals, testkit.Principal{Name: p.name, Client: a.Login(t, p.email+"@kehu.test"),
				UserID: p.user, TeamID: p.team})
		}
		// Everyone has a notification, and so does the stranger, before the lists run.
		for _, p := range append(people, struct {
			name, email, role string
			user, team        int64
		}{user: w.stranger}) {
			if err := a.Modules.Collab.Notify(testkit.System(), collab.Note{UserID: p.user, Kind: collab.KindMention, Title: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		m := testkit.Matrix{Principals: principals, Ops: w.operations(), Oracle: w.oracle, CompareNotFound: true}
		m.Run(t)
	})
}
