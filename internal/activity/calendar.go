package activity

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// MaxCalendarSpan bounds a calendar window: a month view with its leading and trailing weeks fits, a
// request for years of activities does not.
const MaxCalendarSpan = 62 * 24 * time.Hour

// MaxCalendarItems bounds one calendar answer; Truncated tells the caller when more were due.
const MaxCalendarItems = 2000

// CalendarQuery is a calendar window (SPEC T3): activities due at or after From and before To.
type CalendarQuery struct {
	From, To *time.Time
	// OwnerID narrows to one owner (0: the actor). Everyone lists every owner in the actor's scope.
	OwnerID  int64
	Everyone bool
}

// Calendar returns the activities in the actor's scope due in the window, soonest first, and whether
// the answer was cut at MaxCalendarItems.
func (s *Service) Calendar(ctx context.Context, q CalendarQuery) ([]*ent.Activity, bool, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, false, err
	}
	var f fields
	switch {
	case q.From == nil:
		f.Add("query.from", "field.required", nil)
	case q.To == nil:
		f.Add("query.to", "field.required", nil)
	case !q.To.After(*q.From):
		f.Add("query.to", "field.range_order", nil)
	case q.To.Sub(*q.From) > MaxCalendarSpan:
		f.Add("query.to", "field.range_too_long", map[string]any{"Days": int(MaxCalendarSpan.Hours() / 24)})
	}
	checkTime(&f, "query.from", q.From)
	checkTime(&f, "query.to", q.To)
	if q.OwnerID > 0 && q.Everyone {
		f.Add("query.everyone", "field.conflicts", map[string]any{"Field": "ownerId"})
	}
	if err := f.Err(); err != nil {
		return nil, false, err
	}
	qq := s.st.Client(ctx).Activity.Query().Where(activity.DueAtGTE(q.From.UTC()), activity.DueAtLT(q.To.UTC()))
	switch {
	case q.Everyone:
	case q.OwnerID > 0:
		qq.Where(activity.OwnerID(q.OwnerID))
	default:
		qq.Where(activity.OwnerID(authz.FromContext(ctx).UserID))
	}
	rows, err := qq.Order(ent.Asc(activity.FieldDueAt), ent.Asc(activity.FieldID)).Limit(MaxCalendarItems + 1).All(ctx)
	if err != nil {
		return nil, false, err
	}
	if len(rows) > MaxCalendarItems {
		return rows[:MaxCalendarItems], true, nil
	}
	return rows, false, nil
}

// parseWindow reads RFC 3339 from/to query values, naming the bad one.
func parseWindow(from, to string) (*time.Time, *time.Time, error) {
	f, ferr := parseTime("query.from", from)
	t, terr := parseTime("query.to", to)
	if err := apperr.Join(ferr, terr); err != nil {
		return nil, nil, err
	}
	return f, t, nil
}
