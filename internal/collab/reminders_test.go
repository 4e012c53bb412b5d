package collab_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func setUser(t testing.TB, a *testkit.App, id int64, locale, tz string, notify bool) {
	t.Helper()
	ctx := testkit.System()
	u, err := a.IAM.GetUser(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.IAM.UpdateUser(ctx, id, u.Version, iam.UserInput{Locale: &locale, TimeZone: &tz}); err != nil {
		t.Fatal(err)
	}
	if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
		return a.Store.Client(ctx).User.UpdateOneID(id).SetNotifyEmail(notify).Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
}

func sweep(t testing.TB, a *testkit.App) int {
	t.Helper()
	n, err := a.Modules.Collab.Sweep(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDueReminderNotifiesAndMailsTheOwnerOnce(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		setUser(t, a, tp.AMEast, "en", "America/New_York", true)
		setUser(t, a, tp.AMWest, "zh-CN", "Asia/Shanghai", false)
		past := time.Now().UTC().Add(-time.Minute)
		future := time.Now().UTC().Add(time.Hour)
		due := newActivity(t, a, "Call Acme back", 0, tp.AMEast, tp.East, &past, "")
		done := newActivity(t, a, "Done already", 0, tp.AMEast, tp.East, &past, "done")
		cancelled := newActivity(t, a, "Cancelled", 0, tp.AMEast, tp.East, &past, "cancelled")
		later := newActivity(t, a, "Not yet", 0, tp.AMEast, tp.East, &future, "")
		quiet := newActivity(t, a, "回访客户", 0, tp.AMWest, tp.West, &past, "")

		// Two sweeps (the periodic job may run a third meanwhile): each reminder goes out once.
		sent := sweep(t, a) + sweep(t, a)
		if sent > 2 {
			t.Fatalf("sweeps sent %d reminders, want at most 2", sent)
		}
		mine := notes(t, a, tp.AMEast)
		if len(mine) != 1 || mine[0].Kind != "reminder" || *mine[0].RecordID != due || mine[0].Title != "Call Acme back" ||
			mine[0].Entity != "activity" || mine[0].Params["dueAt"] != "2026-11-23T08:30:00Z" {
			t.Fatalf("owner notifications: %+v", mine)
		}
		if w := notes(t, a, tp.AMWest); len(w) != 1 || *w[0].RecordID != quiet {
			t.Fatalf("in-app reminder despite notify_email=false expected: %+v", w)
		}
		ctx := testkit.System()
		for id, want := range map[int64]bool{due: true, done: false, cancelled: false, later: false, quiet: true} {
			r := a.Store.Client(ctx).Activity.GetX(ctx, id)
			if (r.RemindedAt != nil) != want {
				t.Fatalf("activity %d reminded_at %v, want set=%v", id, r.RemindedAt, want)
			}
			if r.Version != 1 {
				t.Fatalf("reminding changed the activity's version: %d", r.Version)
			}
		}
		// Exactly one e-mail: to the owner who wants e-mail, in English, New York time, with a link.
		m := a.SMTP.Wait(t, 1)
		if len(m.To) != 1 || m.To[0] != "am.east@kehu.test" {
			t.Fatalf("mail to %v", m.To)
		}
		subject, body := decoded(t, m.Data)
		if subject != "Reminder: Call Acme back" {
			t.Fatalf("subject %q", subject)
		}
		for _, want := range []string{"Call Acme back", "Due: 2026-11-23 03:30 EST", "America/New_York",
			path("http://kehu.test/activities?open=%d", due)} {
			if !strings.Contains(body, want) {
				t.Fatalf("mail lacks %q:\n%s", want, body)
			}
		}
		time.Sleep(1500 * time.Millisecond)
		sweep(t, a)
		time.Sleep(500 * time.Millisecond)
		if n := a.SMTP.Count(); n != 1 {
			t.Fatalf("%d mails, want 1", n)
		}
		if n := len(notes(t, a, tp.AMEast)); n != 1 {
			t.Fatalf("%d notifications after a later sweep, want 1", n)
		}
		// A user who reads their reminder sees it in their own list.
		items := a.Login(t, "am.east@kehu.test").Do(t, "GET", "/api/v1/me/notifications?unread=true", nil).Want(t, 200).Items()
		if len(items) != 1 || items[0]["kind"] != "reminder" {
			t.Fatalf("api list: %v", items)
		}
	})
}

func TestReminderMailIsLocalised(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		setUser(t, a, tp.AMEast, "zh-CN", "Asia/Shanghai", true)
		past := time.Now().UTC().Add(-time.Minute)
		newActivity(t, a, "回访", 0, tp.AMEast, tp.East, &past, "")
		sweep(t, a)
		m := a.SMTP.Wait(t, 1)
		subject, body := decoded(t, m.Data)
		if subject != "提醒：回访" {
			t.Fatalf("subject %q", subject)
		}
		for _, want := range []string{"活动「回访」的提醒", "截止时间：2026-11-23 16:30 CST", "Asia/Shanghai"} {
			if !strings.Contains(body, want) {
				t.Fatalf("mail lacks %q:\n%s", want, body)
			}
		}
	})
}

func TestRemindersAreSentOnceAcrossNodes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		database := testkit.NewDB(t, d)
		n1 := testkit.NewAppOn(t, database)
		n2 := testkit.NewAppOn(t, database)
		tp := n1.NewTopology(t)
		past := time.Now().UTC().Add(-time.Minute)
		var ids []int64
		for i := 0; i < 20; i++ {
			ids = append(ids, newActivity(t, n1, "跟进", 0, tp.AMEast, tp.East, &past, ""))
		}
		var wg sync.WaitGroup
		for _, n := range []*testkit.App{n1, n2, n1, n2} {
			wg.Add(1)
			go func(a *testkit.App) {
				defer wg.Done()
				if _, err := a.Modules.Collab.Sweep(context.Background()); err != nil {
					t.Error(err)
				}
			}(n)
		}
		wg.Wait()
		got := notes(t, n1, tp.AMEast)
		if len(got) != len(ids) {
			t.Fatalf("%d notifications for %d reminders", len(got), len(ids))
		}
		seen := map[int64]bool{}
		for _, n := range got {
			if seen[*n.RecordID] {
				t.Fatalf("activity %d reminded twice", *n.RecordID)
			}
			seen[*n.RecordID] = true
		}
		ctx := testkit.System()
		if left := n1.Store.Client(ctx).Activity.Query().Where(activity.RemindedAtIsNil()).CountX(ctx); left != 0 {
			t.Fatalf("%d reminders left unsent", left)
		}
		// 20 mails in all, across both nodes' sinks (each node mails through its own sink).
		deadline := time.Now().Add(20 * time.Second)
		for n1.SMTP.Count()+n2.SMTP.Count() < len(ids) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(time.Second)
		if total := n1.SMTP.Count() + n2.SMTP.Count(); total != len(ids) {
			t.Fatalf("%d mails for %d reminders", total, len(ids))
		}
	})
}
