package activity_test

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func window(from, to string, extra ...string) string {
	return "/api/v1/calendar?from=" + url.QueryEscape(from) + "&to=" + url.QueryEscape(to) + strings.Join(extra, "")
}

func TestCalendar(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		am1 := a.Login(t, "am.east1@kehu.test")
		director := a.Login(t, "director@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		mine := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "meeting", "subject": "周会",
			"dueAt": "2030-05-10T02:00:00Z"}).Want(t, 201).ID()
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "窗口外", "dueAt": "2030-06-10T02:00:00Z"}).Want(t, 201)
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "note", "subject": "无截止时间"}).Want(t, 201)
		sub := am1.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "下属拜访",
			"dueAt": "2030-05-11T02:00:00Z"}).Want(t, 201).ID()
		westID := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "西部拜访",
			"dueAt": "2030-05-12T02:00:00Z"}).Want(t, 201).ID()
		may := window("2030-05-01T00:00:00+08:00", "2030-06-01T00:00:00+08:00")

		ids := func(c *testkit.Client, path string) []int64 {
			return testkit.IDs(c.Do(t, "GET", path, nil).Want(t, 200).Items())
		}
		if diff := testkit.SameIDs(ids(am, may), []int64{mine}); diff != "" {
			t.Errorf("own calendar: %s", diff)
		}
		// A director's calendar is their own by default; everyone and ownerId reach the subtree only.
		if diff := testkit.SameIDs(ids(director, may), nil); diff != "" {
			t.Errorf("director's own: %s", diff)
		}
		if diff := testkit.SameIDs(ids(director, may+"&everyone=true"), []int64{mine, sub}); diff != "" {
			t.Errorf("director's everyone: %s", diff)
		}
		if diff := testkit.SameIDs(ids(director, may+"&ownerId="+itoa(tp.AMEast1)), []int64{sub}); diff != "" {
			t.Errorf("director's view of am.east1: %s", diff)
		}
		if diff := testkit.SameIDs(ids(director, may+"&ownerId="+itoa(tp.AMWest)), nil); diff != "" {
			t.Errorf("director sees another team's calendar: %s", diff)
		}
		if diff := testkit.SameIDs(ids(am, may+"&ownerId="+itoa(tp.AMWest)), nil); diff != "" {
			t.Errorf("account manager sees another's calendar: %s", diff)
		}
		if diff := testkit.SameIDs(ids(west, may+"&everyone=true"), []int64{westID}); diff != "" {
			t.Errorf("west everyone: %s", diff)
		}
		// Items carry what the calendar shows.
		it := am.Do(t, "GET", may, nil).Want(t, 200)
		if it.JSON["truncated"] != false || it.Items()[0]["subject"] != "周会" || it.Items()[0]["dueAt"] != "2030-05-10T02:00:00Z" {
			t.Errorf("calendar item: %s", it.Raw)
		}

		// Hostile windows: a clear 422 naming the parameter.
		for _, c := range []struct{ path, field string }{
			{"/api/v1/calendar", "query.from"},
			{"/api/v1/calendar?from=2030-05-01T00:00:00Z", "query.to"},
			{window("yesterday", "2030-05-01T00:00:00Z"), "query.from"},
			{window("2030-05-01T00:00:00Z", "2030-13-01T00:00:00Z"), "query.to"},
			{window("2030-05-01T00:00:00Z", "2030-04-01T00:00:00Z"), "query.to"},
			{window("2030-05-01T00:00:00Z", "2030-05-01T00:00:00Z"), "query.to"},
			{window("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"), "query.to"},
			{window("0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z"), "query.from"},
			{window("2030-05-01T00:00:00Z", "2030-05-02T00:00:00Z", "&everyone=true&ownerId=1"), "query.everyone"},
			{window("2030-05-01T00:00:00Z'; DROP TABLE activities; --", "2030-05-02T00:00:00Z"), "query.from"},
		} {
			if fe := am.Do(t, "GET", c.path, nil).Want(t, 422).FieldErrors(); fe[c.field] == "" {
				t.Errorf("%s: %s not named: %v", c.path, c.field, fe)
			}
		}
	})
}

func TestCalendarFeed(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		west := a.Login(t, "am.west@kehu.test")
		east := a.Login(t, "am.east@kehu.test")
		anon := a.Client()

		long := "拜访客户，讨论预算; 价格, 交付\n第二行：" + strings.Repeat("很长的内容", 20)
		wid := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "拜访, 西部; 客户",
			"content": long, "dueAt": time.Now().Add(48 * 3600e9).UTC().Format("2006-01-02T15:04:05Z"),
			"remindAt": time.Now().Add(47 * 3600e9).UTC().Format("2006-01-02T15:04:05Z"), "tags": []string{"重点"}}).Want(t, 201).ID()
		tid := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "task", "subject": "发报价",
			"dueAt": time.Now().Add(24 * 3600e9).UTC().Format("2006-01-02T15:04:05Z")}).Want(t, 201).ID()
		east.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "东部电话",
			"dueAt": time.Now().Add(24 * 3600e9).UTC().Format("2006-01-02T15:04:05Z")}).Want(t, 201)
		// An activity that belongs to west's owner id but lies in another team: west (own scope) reads it as
		// their own, so it is in the feed; one reassigned away is not.
		away := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "已转交",
			"dueAt": time.Now().Add(24 * 3600e9).UTC().Format("2006-01-02T15:04:05Z")}).Want(t, 201).ID()
		ctx := testkit.System()
		if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			return a.Store.Client(ctx).Activity.UpdateOneID(away).SetOwnerID(tp.AMEast).SetTeamID(tp.East).Exec(ctx)
		}); err != nil {
			t.Fatal(err)
		}

		if st := west.Do(t, "GET", "/api/v1/me/calendar-feed", nil).Want(t, 200); st.JSON["active"] != false {
			t.Errorf("status before: %s", st.Raw)
		}
		created := west.Do(t, "POST", "/api/v1/me/calendar-feed", nil).Want(t, 201)
		token, feedURL := created.Str("token"), created.Str("url")
		if !strings.HasPrefix(token, "kcal_") || !strings.HasSuffix(feedURL, "/api/v1/calendar/feed/"+token+".ics") {
			t.Fatalf("created: %s", created.Raw)
		}
		u, _ := a.Store.Client(ctx).User.Get(ctx, tp.AMWest)
		if u.CalendarTokenHash == nil || strings.Contains(*u.CalendarTokenHash, token) || len(*u.CalendarTokenHash) != 64 {
			t.Errorf("stored: %v", u.CalendarTokenHash)
		}
		path := "/api/v1/calendar/feed/" + token + ".ics"
		res := anon.Do(t, "GET", path, nil).Want(t, 200)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
			t.Errorf("content type %q", ct)
		}
		body := string(res.Raw)
		for _, line := range strings.Split(body, "\r\n") {
			if len(line) > 75 {
				t.Errorf("line longer than 75 octets: %q", line)
			}
		}
		for _, want := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "BEGIN:VTODO", "BEGIN:VALARM",
			"UID:activity-" + itoa(wid) + "@", "UID:activity-" + itoa(tid) + "@", "DTSTAMP:", `SUMMARY:拜访\, 西部\; 客户`} {
			if !strings.Contains(body, want) {
				t.Errorf("feed lacks %q:\n%s", want, body)
			}
		}
		if strings.HasPrefix(feedURL, "http") && !strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), "/activities?open="+itoa(wid)) {
			t.Errorf("feed items do not link to the app:\n%s", body)
		}
		if strings.Contains(body, "东部电话") || strings.Contains(body, "已转交") {
			t.Errorf("feed shows activities that are not the owner's:\n%s", body)
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(res.Raw))
		if err != nil {
			t.Fatal(err)
		}
		if len(cal.Events()) != 1 || len(cal.Todos()) != 1 {
			t.Fatalf("parsed %d events, %d todos", len(cal.Events()), len(cal.Todos()))
		}
		if got := cal.Events()[0].GetProperty(ics.ComponentPropertyDescription); got == nil || got.Value != long {
			t.Errorf("description round trip: %+v", got)
		}

		// Another user's token shows their data, not west's.
		et := east.Do(t, "POST", "/api/v1/me/calendar-feed", nil).Want(t, 201).Str("token")
		eb := string(anon.Do(t, "GET", "/api/v1/calendar/feed/"+et+".ics", nil).Want(t, 200).Raw)
		if !strings.Contains(eb, "东部电话") || !strings.Contains(eb, "已转交") || strings.Contains(eb, "发报价") {
			t.Errorf("east's feed:\n%s", eb)
		}

		// Rotation revokes the old address; revocation the new one; bad addresses are plain 404s.
		rotated := west.Do(t, "POST", "/api/v1/me/calendar-feed", nil).Want(t, 201).Str("token")
		anon.Do(t, "GET", path, nil).Want(t, 404)
		anon.Do(t, "GET", "/api/v1/calendar/feed/"+rotated+".ics", nil).Want(t, 200)
		for _, bad := range []string{rotated, "kcal_nope.ics", "nope.ics", strings.Repeat("k", 110) + ".ics"} {
			anon.Do(t, "GET", "/api/v1/calendar/feed/"+url.PathEscape(bad), nil).Want(t, 404)
		}
		if st := west.Do(t, "GET", "/api/v1/me/calendar-feed", nil).Want(t, 200); st.JSON["active"] != true {
			t.Errorf("status after: %s", st.Raw)
		}
		west.Do(t, "DELETE", "/api/v1/me/calendar-feed", nil).Want(t, 204)
		anon.Do(t, "GET", "/api/v1/calendar/feed/"+rotated+".ics", nil).Want(t, 404)

		// A deactivated owner's feed is gone.
		anon.Do(t, "GET", "/api/v1/calendar/feed/"+et+".ics", nil).Want(t, 200)
		if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			return a.Store.Client(ctx).User.UpdateOneID(tp.AMEast).SetActive(false).Exec(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		anon.Do(t, "GET", "/api/v1/calendar/feed/"+et+".ics", nil).Want(t, 404)

		// Creating and revoking are audited, without the token.
		evs := a.Store.Client(ctx).AuditEvent.Query().Where(auditevent.Entity("user"), auditevent.EntityID(tp.AMWest),
			auditevent.ActionIn("calendar_feed.create", "calendar_feed.revoke")).AllX(ctx)
		if len(evs) != 3 {
			t.Errorf("audit rows: %d", len(evs))
		}
		for _, e := range evs {
			for _, ch := range e.Changes {
				if s, ok := ch.New.(string); ok && strings.Contains(s, "kcal_") {
					t.Errorf("token in the audit log: %+v", e)
				}
			}
		}
	})
}
