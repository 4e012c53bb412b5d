package activity_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/testkit"
)

// The calendar, KPI and feed cells of the authorization matrix: their oracles read the world directly
// and apply the oracle's own scope model (TeamTree.Reaches), never the product's.

func (w *world) calendarWindow() string {
	now := time.Now().UTC()
	return "from=" + url.QueryEscape(now.AddDate(0, 0, -30).Format(time.RFC3339)) +
		"&to=" + url.QueryEscape(now.AddDate(0, 0, 30).Format(time.RFC3339))
}

// reachable lists the activities the principal may read that are due within ±30 days.
func (w *world) reachable(p testkit.Principal) (ids, owners []int64) {
	ctx := testkit.System()
	scope := w.scope(p, "activity:read")
	now := time.Now()
	for _, r := range w.a.Store.Client(ctx).Activity.Query().AllX(ctx) {
		if r.DueAt == nil || r.DueAt.Before(now.AddDate(0, 0, -30)) || !r.DueAt.Before(now.AddDate(0, 0, 30)) {
			continue
		}
		owner, team := deref(r.OwnerID), deref(r.TeamID)
		if w.tree.Reaches(scope, p.UserID, p.TeamID, owner, team) {
			ids = append(ids, r.ID)
			if owner != 0 && !slices.Contains(owners, owner) {
				owners = append(owners, owner)
			}
		}
	}
	return ids, owners
}

func (w *world) verifyCalendar(_ testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	want, _ := w.reachable(p)
	return nilIfEmpty(testkit.SameIDs(testkit.IDs(r.Items()), want))
}

func (w *world) verifyKPIs(_ testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	_, want := w.reachable(p)
	var got []int64
	for _, u := range r.JSON["users"].([]any) {
		got = append(got, int64(u.(map[string]any)["userId"].(float64)))
	}
	return nilIfEmpty(testkit.SameIDs(got, want))
}

// verifyFeed fetches the feed just created, anonymously: it holds exactly the principal's own
// activities among those the principal may read.
func (w *world) verifyFeed(t testing.TB, p testkit.Principal, _ testkit.Relation, _ testkit.Target, r *testkit.Response) error {
	token := r.Str("token")
	res := w.a.Client().Do(t, "GET", "/api/v1/calendar/feed/"+token+".ics", nil)
	if res.Status != 200 {
		return fmt.Errorf("feed answered %d", res.Status)
	}
	ids, _ := w.reachable(p)
	ctx := testkit.System()
	body := string(res.Raw)
	for _, id := range ids {
		a := w.a.Store.Client(ctx).Activity.GetX(ctx, id)
		mine := deref(a.OwnerID) == p.UserID
		if has := strings.Contains(body, fmt.Sprintf("UID:activity-%d@", id)); has != mine {
			return fmt.Errorf("activity %d (owner %d) in feed: %v", id, deref(a.OwnerID), has)
		}
	}
	if n := strings.Count(body, "UID:activity-"); n > len(ids) {
		return fmt.Errorf("feed holds %d activities, more than the %d readable", n, len(ids))
	}
	return nil
}
