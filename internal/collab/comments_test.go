package collab_test

import (
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestCommentsWithMentionsNotifyOnlyThoseWhoCanRead(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		westDirector := a.NewUser(t, "director.west@kehu.test", tp.West, "sales_director")
		acc := newAccount(t, a, "华东客户", tp.AMEast, tp.East)
		am := a.Login(t, "am.east@kehu.test")

		body := `<script>alert(1)</script> @director@kehu.test @am.west@kehu.test 请看`
		r := am.Do(t, "POST", path("/api/v1/accounts/%d/comments", acc), map[string]any{
			"body": body, "mentions": []int64{tp.Director, tp.AMWest, tp.AMEast, tp.Director}}).Want(t, 201)
		c := r.JSON["comment"].(map[string]any)
		if c["body"] != body {
			t.Fatalf("body stored changed: %q", c["body"])
		}
		if num(c["accountId"]) != acc || c["entity"] != "account" || num(c["recordId"]) != acc {
			t.Fatalf("comment placement wrong: %v", c)
		}
		if c["canEdit"] != true || c["canDelete"] != true {
			t.Fatalf("author cannot edit/delete: %v", c)
		}
		if ms := c["mentions"].([]any); len(ms) != 3 {
			t.Fatalf("mentions not deduplicated: %v", ms)
		}
		skipped := map[int64]string{}
		for _, s := range r.JSON["notNotified"].([]any) {
			m := s.(map[string]any)
			skipped[num(m["user"].(map[string]any)["id"])] = m["reason"].(string)
		}
		if len(skipped) != 2 || skipped[tp.AMWest] != "no_access" || skipped[tp.AMEast] != "self" {
			t.Fatalf("notNotified = %v", skipped)
		}
		// The director (subtree East) reads the account and is told once; am.west cannot and is not.
		if n := notes(t, a, tp.Director); len(n) != 1 || n[0].Kind != "mention" || n[0].Entity != "account" ||
			*n[0].RecordID != acc || n[0].Title != "华东客户" || *n[0].ActorID != tp.AMEast {
			t.Fatalf("director notifications = %+v", n)
		}
		if n := notes(t, a, tp.AMWest); len(n) != 0 {
			t.Fatalf("am.west was notified about a record they cannot read: %+v", n)
		}
		if n := notes(t, a, tp.AMEast); len(n) != 0 {
			t.Fatalf("author notified about own mention: %+v", n)
		}
		// The generic audit hook recorded the comment, attributed to its author.
		ctx := testkit.System()
		ev, err := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("comment"), auditevent.Action("create")).Only(ctx)
		if err != nil || ev.ActorID == nil || *ev.ActorID != tp.AMEast {
			t.Fatalf("audit of comment create: %+v %v", ev, err)
		}

		// A manager of another team cannot read the account: its comments do not exist for them.
		wd := a.Login(t, "director.west@kehu.test")
		wd.Do(t, "GET", path("/api/v1/accounts/%d/comments", acc), nil).Want(t, 404)
		wd.Do(t, "POST", path("/api/v1/accounts/%d/comments", acc), map[string]any{"body": "hi"}).Want(t, 404)
		cid := num(c["id"])
		wd.Do(t, "PATCH", path("/api/v1/comments/%d", cid), map[string]any{"body": "x"}).Want(t, 404)
		wd.Do(t, "DELETE", path("/api/v1/comments/%d", cid), nil).Want(t, 404)
		_ = westDirector

		// The director reads the thread, may delete (moderates the record) but not edit.
		dir := a.Login(t, "director@kehu.test")
		items := dir.Do(t, "GET", path("/api/v1/accounts/%d/comments", acc), nil).Want(t, 200).Items()
		if len(items) != 1 || items[0]["canEdit"] != false || items[0]["canDelete"] != true ||
			items[0]["author"].(map[string]any)["name"] != "am.east@kehu.test" {
			t.Fatalf("director's view = %v", items)
		}
		dir.Do(t, "PATCH", path("/api/v1/comments/%d", cid), map[string]any{"body": "改"}).Want(t, 403)

		// The author edits: only the newly mentioned executive is notified; the director is not told twice.
		r = am.Do(t, "PATCH", path("/api/v1/comments/%d", cid), map[string]any{
			"body": "@director @exec 改好了", "mentions": []int64{tp.Director, tp.Exec}}).Want(t, 200)
		if r.JSON["comment"].(map[string]any)["body"] != "@director @exec 改好了" {
			t.Fatalf("edit not saved: %s", r.Raw)
		}
		if n := notes(t, a, tp.Director); len(n) != 1 {
			t.Fatalf("director told twice: %d", len(n))
		}
		if n := notes(t, a, tp.Exec); len(n) != 1 {
			t.Fatalf("executive not told: %d", len(n))
		}

		// Another account manager of the same subtree cannot delete it (no update right in scope) …
		am1 := a.Login(t, "am.east1@kehu.test")
		am1.Do(t, "DELETE", path("/api/v1/comments/%d", cid), nil).Want(t, 404)
		// … the director can.
		dir.Do(t, "DELETE", path("/api/v1/comments/%d", cid), nil).Want(t, 204)
		if n := a.Store.Client(ctx).Comment.Query().Where(comment.ID(cid)).CountX(ctx); n != 0 {
			t.Fatal("comment still there")
		}
		am.Do(t, "DELETE", path("/api/v1/comments/%d", cid), nil).Want(t, 404)
	})
}

func TestCommentValidationNamesTheField(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		acc := newAccount(t, a, "客户", tp.AMEast, tp.East)
		am := a.Login(t, "am.east@kehu.test")
		p := path("/api/v1/accounts/%d/comments", acc)
		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"blank":          {map[string]any{"body": "   "}, "body.body"},
			"too long":       {map[string]any{"body": strings.Repeat("长", 5001)}, "body.body"},
			"unknown user":   {map[string]any{"body": "@x", "mentions": []int64{987654}}, "body.mentions"},
			"inactive user":  {map[string]any{"body": "@x", "mentions": []int64{tp.Marketer}}, "body.mentions"},
			"unknown fields": {map[string]any{"body": "x", "authorId": tp.Admin}, "body.authorId"},
			"NUL byte":       {map[string]any{"body": "a\x00b"}, "body.body"},
			"51 mentions":    {map[string]any{"body": "@x", "mentions": manyIDs(51)}, "body.mentions"},
			"no body":        {map[string]any{"mentions": []int64{tp.Director}}, "body"}, // huma: "missing required property body"
		} {
			if name == "inactive user" {
				if _, err := a.IAM.SetActive(testkit.System(), tp.Marketer, false); err != nil {
					t.Fatal(err)
				}
			}
			r := am.Do(t, "POST", p, tc.body)
			if r.Status != 422 {
				t.Fatalf("%s: status %d: %s", name, r.Status, r.Raw)
			}
			if _, ok := r.FieldErrors()[tc.field]; !ok {
				t.Fatalf("%s: field %s not named: %s", name, tc.field, r.Raw)
			}
		}
		// 5,000 Chinese characters (15,000 bytes) are accepted.
		am.Do(t, "POST", p, map[string]any{"body": strings.Repeat("长", 5000)}).Want(t, 201)
		// Comments are listed oldest first, or newest first on request.
		am.Do(t, "POST", p, map[string]any{"body": "second"}).Want(t, 201)
		items := am.Do(t, "GET", p, nil).Want(t, 200).Items()
		if len(items) != 2 || items[1]["body"] != "second" {
			t.Fatalf("oldest first: %v", len(items))
		}
		items = am.Do(t, "GET", p+"?sort=-createdAt&limit=1", nil).Want(t, 200).Items()
		if len(items) != 1 || items[0]["body"] != "second" {
			t.Fatalf("newest first: %v", items)
		}
		am.Do(t, "GET", p+"?sort=body", nil).Want(t, 422)
	})
}

func TestCommentsOnContactsAndActivitiesCarryTheirAccount(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		acc := newAccount(t, a, "客户", tp.AMEast, tp.East)
		con := newContact(t, a, acc, tp.AMEast, tp.East)
		act := newActivity(t, a, "回访", acc, tp.AMEast, tp.East, nil, "")
		lone := newActivity(t, a, "内部会议", 0, tp.AMEast, tp.East, nil, "")
		am := a.Login(t, "am.east@kehu.test")
		for _, tc := range []struct {
			path    string
			account any
		}{
			{path("/api/v1/contacts/%d/comments", con), float64(acc)},
			{path("/api/v1/activities/%d/comments", act), float64(acc)},
			{path("/api/v1/activities/%d/comments", lone), nil},
		} {
			r := am.Do(t, "POST", tc.path, map[string]any{"body": "记录", "mentions": []int64{tp.Director}}).Want(t, 201)
			if got := r.JSON["comment"].(map[string]any)["accountId"]; got != tc.account {
				t.Fatalf("%s: accountId %v, want %v", tc.path, got, tc.account)
			}
			if len(am.Do(t, "GET", tc.path, nil).Want(t, 200).Items()) != 1 {
				t.Fatalf("%s: not listed", tc.path)
			}
		}
		// The director reads all three records, so three mention notifications arrived.
		if n := notes(t, a, tp.Director); len(n) != 3 || n[0].Entity != "contact" || n[1].Entity != "activity" {
			t.Fatalf("director notifications: %+v", n)
		}
		// A service agent in West reads contacts (all) but not East's activities (team scope).
		ag := a.Login(t, "agent@kehu.test")
		ag.Do(t, "GET", path("/api/v1/contacts/%d/comments", con), nil).Want(t, 200)
		ag.Do(t, "GET", path("/api/v1/activities/%d/comments", act), nil).Want(t, 404)
		// Nobody (no role) has no read right: 403.
		a.Login(t, "nobody@kehu.test").Do(t, "GET", path("/api/v1/contacts/%d/comments", con), nil).Want(t, 403)
	})
}

func manyIDs(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}
