package activity_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func at(s string) string { return s } // RFC 3339 literal, for readability

func TestActivityCRUDAndValidation(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "华为"}).Want(t, 201).ID()
		con := am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": acc, "name": "李雷"}).Want(t, 201).ID()
		other := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "中兴"}).Want(t, 201).ID()

		// Validation names every bad field.
		bad := am.Do(t, "POST", "/api/v1/activities", map[string]any{
			"type": "fax", "subject": " ", "content": "x\x00",
		}).Want(t, 422).FieldErrors()
		for _, f := range []string{"body.type", "body.subject", "body.content"} {
			if bad[f] == "" {
				t.Errorf("%s not named: %v", f, bad)
			}
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x",
			"content": strings.Repeat("长", 10001)}).Want(t, 422).FieldErrors(); fe["body.content"] == "" {
			t.Errorf("long content: %v", fe)
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"subject": "x"}).Want(t, 422).FieldErrors(); fe["body.type"] == "" {
			t.Errorf("missing type accepted: %v", fe)
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": strings.Repeat("名", 201)}).
			Want(t, 422).FieldErrors(); fe["body.subject"] == "" {
			t.Errorf("long subject: %v", fe)
		}
		// A contact brings its account; a contact of another account is refused.
		r := am.Do(t, "POST", "/api/v1/activities", map[string]any{
			"type": "call", "subject": "首次电话", "content": "预算冻结到Q4", "contactId": con,
			"dueAt": "2030-01-02T03:04:05+08:00",
		}).Want(t, 201)
		id := r.ID()
		if r.JSON["accountId"] != float64(acc) || r.Str("accountName") != "华为" || r.Str("contactName") != "李雷" ||
			r.JSON["ownerId"] != float64(tp.AMEast) || r.JSON["teamId"] != float64(tp.East) || r.Str("status") != "open" ||
			r.Str("dueAt") != "2030-01-01T19:04:05Z" || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("created: %s", r.Raw)
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x", "contactId": con,
			"accountId": other}).Want(t, 422).FieldErrors(); fe["body.contactId"] == "" {
			t.Errorf("contact of another account: %v", fe)
		}
		am.Do(t, "GET", "/api/v1/activities/"+itoa(id), nil).Want(t, 200)
		// Update with If-Match.
		am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"subject": "改"}).Want(t, 428)
		am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"subject": "改"}, "If-Match", `"9"`).Want(t, 412)
		up := am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"subject": "改", "accountId": other},
			"If-Match", `"1"`).Want(t, 200)
		if up.Str("subject") != "改" || up.JSON["accountId"] != float64(other) || up.JSON["contactId"] != nil || up.JSON["version"] != float64(2) {
			t.Errorf("update: %s", up.Raw)
		}
		if fe := am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"status": "paused"}, "If-Match", `"2"`).
			Want(t, 422).FieldErrors(); len(fe) == 0 {
			t.Error("bad status accepted")
		}
		// Complete: outcome, done_at, version; a second completion conflicts.
		done := am.Do(t, "POST", "/api/v1/activities/"+itoa(id)+"/complete", map[string]any{"outcome": "已报价"}).Want(t, 200)
		if done.Str("status") != "done" || done.Str("outcome") != "已报价" || done.Str("doneAt") == "" || done.JSON["version"] != float64(3) {
			t.Errorf("complete: %s", done.Raw)
		}
		am.Do(t, "POST", "/api/v1/activities/"+itoa(id)+"/complete", map[string]any{}).Want(t, 409)
		// Audit rows for create, update, delete.
		am.Do(t, "DELETE", "/api/v1/activities/"+itoa(id), nil).Want(t, 204)
		am.Do(t, "GET", "/api/v1/activities/"+itoa(id), nil).Want(t, 404)
		ctx := testkit.System()
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.EntityID(id)).AllX(ctx)
		var actions []string
		for _, e := range evs {
			if strings.EqualFold(e.Entity, "activity") {
				actions = append(actions, e.Action)
			}
		}
		if len(actions) < 4 {
			t.Errorf("audit: %v", actions)
		}
	})
}

func TestActivityLinksMustBeVisible(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		west := a.Login(t, "am.west@kehu.test")
		wacc := west.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "西部客户"}).Want(t, 201).ID()
		wcon := west.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": wacc, "name": "王五"}).Want(t, 201).ID()
		east := a.Login(t, "am.east@kehu.test")
		if fe := east.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "x", "accountId": wacc}).
			Want(t, 422).FieldErrors(); fe["body.accountId"] == "" {
			t.Errorf("invisible account: %v", fe)
		}
		if fe := east.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "x", "contactId": wcon}).
			Want(t, 422).FieldErrors(); fe["body.contactId"] == "" {
			t.Errorf("invisible contact: %v", fe)
		}
		if fe := east.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "x", "accountId": 987654321}).
			Want(t, 422).FieldErrors(); fe["body.accountId"] == "" {
			t.Errorf("missing account: %v", fe)
		}
		ctx := testkit.System()
		if n := a.Store.Client(ctx).Activity.Query().CountX(ctx); n != 0 {
			t.Errorf("%d activities created", n)
		}
		// Deleting a contact keeps its activities, unlinked from it.
		id := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x", "contactId": wcon}).Want(t, 201).ID()
		west.Do(t, "DELETE", "/api/v1/contacts/"+itoa(wcon), nil).Want(t, 204)
		r := west.Do(t, "GET", "/api/v1/activities/"+itoa(id), nil).Want(t, 200)
		if r.JSON["contactId"] != nil || r.JSON["accountId"] != float64(wacc) {
			t.Errorf("after contact deletion: %s", r.Raw)
		}
	})
}

func TestNextFollowUpCreatesTask(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "华为"}).Want(t, 201).ID()
		r := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "预算沟通", "accountId": acc,
			"status": "done", "outcome": "Q4 预算冻结", "nextFollowUpAt": at("2030-09-30T09:00:00+08:00")}).Want(t, 201)
		if r.Str("nextFollowUpAt") != "2030-09-30T01:00:00Z" || r.Str("doneAt") == "" {
			t.Errorf("created: %s", r.Raw)
		}
		ctx := testkit.System()
		tasks := a.Store.Client(ctx).Activity.Query().Where(activity.Type("task")).AllX(ctx)
		if len(tasks) != 1 || tasks[0].Status != activity.StatusOpen || tasks[0].DueAt == nil ||
			!tasks[0].DueAt.Equal(time.Date(2030, 9, 30, 1, 0, 0, 0, time.UTC)) || *tasks[0].AccountID != acc ||
			*tasks[0].OwnerID != tp.AMEast || tasks[0].Content != "Q4 预算冻结" {
			t.Fatalf("follow-up task: %+v", tasks)
		}
		// Completing the task with a next follow-up chains another task.
		am.Do(t, "POST", "/api/v1/activities/"+itoa(tasks[0].ID)+"/complete",
			map[string]any{"outcome": "已联系", "nextFollowUpAt": "2030-12-01T00:00:00Z"}, "If-Match", `"1"`).Want(t, 200)
		if n := a.Store.Client(ctx).Activity.Query().Where(activity.Type("task"), activity.StatusEQ(activity.StatusOpen)).CountX(ctx); n != 1 {
			t.Errorf("%d open tasks after completing with a follow-up", n)
		}
		// A refused create leaves no task behind.
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "x", "accountId": 987654321,
			"nextFollowUpAt": "2030-01-01T00:00:00Z"}).Want(t, 422)
		if n := a.Store.Client(ctx).Activity.Query().CountX(ctx); n != 3 {
			t.Errorf("%d activities", n)
		}
	})
}

// TestMyDayTimeZones fixes the clock at 2026-06-15 17:30 UTC: 01:30 on 16 June in Shanghai (UTC+8),
// 19:30 on 15 June in Berlin (UTC+2).
func TestMyDayTimeZones(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		now := time.Date(2026, 6, 15, 17, 30, 0, 0, time.UTC)
		a.Modules.Activity.SetClock(func() time.Time { return now })
		am := a.Login(t, "am.east@kehu.test")
		other := a.Login(t, "am.west@kehu.test")
		mk := func(c *testkit.Client, subject, due string) int64 {
			body := map[string]any{"type": "call", "subject": subject}
			if due != "" {
				body["dueAt"] = due
			}
			return c.Do(t, "POST", "/api/v1/activities", body).Want(t, 201).ID()
		}
		shToday := mk(am, "shanghai-today", "2026-06-15T23:00:00Z") // SH 16 Jun 07:00; Berlin 16 Jun 01:00
		both := mk(am, "both-today", "2026-06-15T21:00:00Z")        // SH 16 Jun 05:00; Berlin 15 Jun 23:00
		mk(am, "tomorrow", "2026-06-16T17:00:00Z")                  // SH 17 Jun 01:00
		overdue := mk(am, "overdue", "2026-06-14T10:00:00Z")
		mk(am, "no-due", "")
		done := mk(am, "done", "2026-06-15T08:00:00Z")
		am.Do(t, "POST", "/api/v1/activities/"+itoa(done)+"/complete", map[string]any{}).Want(t, 200)
		mk(other, "someone-else", "2026-06-15T21:00:00Z")

		day := func(tz string) ([]int64, *testkit.Response) {
			am.Do(t, "PATCH", "/api/v1/me", map[string]any{"timeZone": tz}).Want(t, 200)
			r := am.Do(t, "GET", "/api/v1/me/day", nil).Want(t, 200)
			if r.Str("timeZone") != tz {
				t.Errorf("timeZone %q", r.Str("timeZone"))
			}
			return testkit.IDs(r.Items()), r
		}
		if got, r := day("Asia/Shanghai"); fmt.Sprint(got) != fmt.Sprint([]int64{overdue, both, shToday}) {
			t.Errorf("Shanghai: %v, want %v: %s", got, []int64{overdue, both, shToday}, r.Raw)
		} else if it := r.Items(); it[0]["overdue"] != true || it[1]["overdue"] != false {
			t.Errorf("overdue flags: %s", r.Raw)
		}
		if got, r := day("Europe/Berlin"); fmt.Sprint(got) != fmt.Sprint([]int64{overdue, both}) {
			t.Errorf("Berlin: %v: %s", got, r.Raw)
		}
		// The overdue filter and the due-time range.
		items, _ := am.ListAll(t, "/api/v1/activities?overdue=true")
		if diff := testkit.SameIDs(testkit.IDs(items), []int64{overdue}); diff != "" {
			t.Errorf("overdue filter: %s", diff)
		}
		items, _ = am.ListAll(t, "/api/v1/activities?from=2026-06-15T20:00:00Z&to=2026-06-16T00:00:00Z&sort=dueAt")
		if fmt.Sprint(testkit.IDs(items)) != fmt.Sprint([]int64{both, shToday}) {
			t.Errorf("range: %v", testkit.IDs(items))
		}
		items, _ = am.ListAll(t, "/api/v1/activities?status=done")
		if diff := testkit.SameIDs(testkit.IDs(items), []int64{done}); diff != "" {
			t.Errorf("status filter: %s", diff)
		}
		items, _ = am.ListAll(t, "/api/v1/activities?filter=subject:contains:today")
		if diff := testkit.SameIDs(testkit.IDs(items), []int64{both, shToday}); diff != "" {
			t.Errorf("record filter: %s", diff)
		}
		am.Do(t, "GET", "/api/v1/activities?from=yesterday", nil).Want(t, 422)
		// Cursor pagination walks every row once.
		r := am.Do(t, "GET", "/api/v1/activities?limit=2", nil).Want(t, 200)
		if len(r.Items()) != 2 || r.Str("nextCursor") == "" {
			t.Errorf("page: %s", r.Raw)
		}
	})
}
