package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/activity"
	"github.com/kehu-crm/kehu/internal/ent"
	entactivity "github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

// historyDays is how far back the demo history reaches.
const historyDays = 365

// workTime moves t to a weekday between 09:00 and 18:00 China time (01:00–10:00 UTC), on a quarter hour.
func workTime(r *rand.Rand, t time.Time) time.Time {
	t = t.UTC()
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, -1)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 1+r.IntN(9), 15*r.IntN(4), 0, 0, time.UTC)
}

// past draws a work time in the last days days before now (at least a day ago).
func past(r *rand.Rand, now time.Time, days int) time.Time {
	return workTime(r, now.AddDate(0, 0, -1-r.IntN(days)))
}

// history writes one account's year of activities through the activity service as the system actor
// (validation, links, follow-up tasks and the audit trail as for a user), then moves their timestamps
// into the past: a service can only write the present, and a year of history cannot be created today.
type history struct {
	l       *loader
	r       *rand.Rand
	now     time.Time
	english bool
	acc     *ent.Account
	cs      []*ent.Contact
	counts  *Result
}

// backdate is what history sets on an activity after creating it (raw: no hook, no audit row, no
// version bump: it is where the activity would have been had it been logged at the time).
type backdate struct {
	created                time.Time
	done, remind, reminded *time.Time
	tags                   []string
}

func (h *history) write(ctx context.Context) error {
	n := 2 + h.r.IntN(6)
	switch h.acc.Lifecycle {
	case "lead":
		n = 1 + h.r.IntN(2)
	case "loyal", "at_risk":
		n += 3
	}
	times := make([]time.Time, n)
	for i := range times {
		times[i] = past(h.r, h.now, historyDays)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for _, at := range times {
		if err := h.logged(ctx, at); err != nil {
			return err
		}
	}
	return nil
}

// logged records one past activity; some bring a follow-up task, which is done, overdue or upcoming
// depending on its date.
func (h *history) logged(ctx context.Context, at time.Time) error {
	typ := activityType(h.r)
	if typ == "task" {
		typ = "call"
	}
	n := noteFor(h.r, typ, h.english)
	in := activity.Input{Type: &typ, Subject: &n.subject, Content: &n.content, Outcome: &n.outcome,
		AccountID: &h.acc.ID, ContactID: &h.cs[h.r.IntN(len(h.cs))].ID, DueAt: &at, Status: ptr("done"),
		OwnerID: h.acc.OwnerID}
	var next *time.Time
	if h.r.IntN(100) < 35 {
		t := workTime(h.r, at.AddDate(0, 0, 3+h.r.IntN(19)))
		next = &t
		in.NextFollowUpAt = next
	}
	act, err := h.l.s.Activity.Create(ctx, in)
	if err != nil {
		return fmt.Errorf("demo: activity on %s: %w", h.acc.Name, err)
	}
	h.counts.Activities++
	bd := backdate{created: at, done: &at}
	if h.r.IntN(8) == 0 {
		bd.tags = []string{pick(h.r, ActivityTags)}
	}
	if err := h.backdate(ctx, act.ID, bd); err != nil {
		return err
	}
	if next == nil {
		return nil
	}
	task, err := h.l.s.Store.Client(ctx).Activity.Query().
		Where(entactivity.AccountID(h.acc.ID), entactivity.TypeEQ("task"), entactivity.DueAt(next.UTC())).
		Order(ent.Desc(entactivity.FieldID)).First(ctx)
	if err != nil {
		return fmt.Errorf("demo: follow-up of %s: %w", h.acc.Name, err)
	}
	h.counts.Activities++
	return h.followUp(ctx, task, at)
}

// followUp settles a follow-up task created on day at: a past one is mostly done (sometimes left
// overdue), a future one waits, often with a reminder an hour before.
func (h *history) followUp(ctx context.Context, task *ent.Activity, at time.Time) error {
	bd := backdate{created: at}
	due := *task.DueAt
	switch {
	case due.Before(h.now) && h.r.IntN(100) < 85:
		t := pick(h.r, notesOf("task", h.english))
		if _, err := h.l.s.Activity.Complete(ctx, task.ID, 0, activity.Completion{Outcome: t.outcome}); err != nil {
			return fmt.Errorf("demo: complete follow-up of %s: %w", h.acc.Name, err)
		}
		bd.done = &due
	case due.Before(h.now):
		h.counts.Overdue++
		// The service set the reminder at the due time, or it moves an hour before: either way it is past,
		// so it was sent.
		remind := due
		if h.r.IntN(2) == 0 {
			remind = due.Add(-time.Hour)
			bd.remind = &remind
		}
		bd.reminded = &remind
	default:
		h.counts.Upcoming++
		if h.r.IntN(100) < 60 {
			remind := due.Add(-time.Hour)
			bd.remind = &remind
		}
	}
	return h.backdate(ctx, task.ID, bd)
}

// openTask adds an open task of owner due at due (with a reminder an hour before when remind), on
// h.acc when set.
func (h *history) openTask(ctx context.Context, owner int64, due time.Time, remind bool) error {
	n := pick(h.r, notesOf("task", h.english))
	typ := "task"
	in := activity.Input{Type: &typ, Subject: &n.subject, Content: &n.content, DueAt: &due, OwnerID: &owner}
	if h.acc != nil {
		in.AccountID = &h.acc.ID
	}
	act, err := h.l.s.Activity.Create(ctx, in)
	if err != nil {
		return fmt.Errorf("demo: task of user %d: %w", owner, err)
	}
	h.counts.Activities++
	bd := backdate{created: workTime(h.r, h.now.AddDate(0, 0, -3-h.r.IntN(10)))}
	if remind {
		t := due.Add(-time.Hour)
		bd.remind = &t
		if t.Before(h.now) {
			bd.reminded = &t
		}
	}
	if due.Before(h.now) {
		h.counts.Overdue++
	} else {
		h.counts.Upcoming++
	}
	return h.backdate(ctx, act.ID, bd)
}

func notesOf(typ string, en bool) []note {
	if en {
		return notes[typ].en
	}
	return notes[typ].zh
}

func (h *history) backdate(ctx context.Context, id int64, bd backdate) error {
	d := entDialect(h.l.s.Store.DB.Dialect)
	up := entsql.Dialect(d).Update(entactivity.Table).
		Set(entactivity.FieldCreatedAt, bd.created).Set(entactivity.FieldUpdatedAt, bd.created)
	if bd.done != nil {
		up.Set(entactivity.FieldDoneAt, *bd.done)
		if bd.done.After(bd.created) {
			up.Set(entactivity.FieldUpdatedAt, *bd.done)
		}
	}
	if bd.remind != nil {
		up.Set(entactivity.FieldRemindAt, *bd.remind)
	}
	if bd.reminded != nil {
		up.Set(entactivity.FieldRemindedAt, *bd.reminded)
	}
	if len(bd.tags) > 0 {
		b, _ := json.Marshal(bd.tags)
		up.Set(entactivity.FieldTags, b)
	}
	q, args := up.Where(entsql.EQ(entactivity.FieldID, id)).Query()
	_, err := h.l.s.Store.Client(ctx).ExecContext(ctx, q, args...)
	return err
}

// since moves an account and its contacts' creation before their history starts.
func (h *history) since(ctx context.Context, t time.Time) error {
	d := entDialect(h.l.s.Store.DB.Dialect)
	for _, u := range []*entsql.UpdateBuilder{
		entsql.Dialect(d).Update("accounts").Set("created_at", t).Set("updated_at", t).Where(entsql.EQ("id", h.acc.ID)),
		entsql.Dialect(d).Update("contacts").Set("created_at", t).Set("updated_at", t).Where(entsql.EQ("account_id", h.acc.ID)),
	} {
		q, args := u.Query()
		if _, err := h.l.s.Store.Client(ctx).ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

func entDialect(d db.Dialect) string {
	if d == db.Postgres {
		return "postgres"
	}
	return "sqlite3"
}
