package activity

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ListQuery is what a list request asks for.
type ListQuery struct {
	// Filters are raw `field:op:value` conditions over the activity metadata.
	Filters []string
	// Q is free text matched against subject and content.
	Q                    string
	AccountID, ContactID int64
	Status               string
	Overdue              bool
	From, To             *time.Time // on due_at: from inclusive, to exclusive
	Page                 record.Page
}

// List returns one page of the activities in the actor's scope.
func (s *Service) List(ctx context.Context, lq ListQuery) ([]*ent.Activity, string, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, "", err
	}
	cols, _, err := s.columns(ctx)
	if err != nil {
		return nil, "", err
	}
	a := authz.FromContext(ctx)
	filters, err := record.ParseFilters(lq.Filters)
	if err != nil {
		return nil, "", err
	}
	if err := fls.CheckFilters(a, "activity", cols, filters); err != nil {
		return nil, "", err
	}
	if err := fls.CheckSort(a, "activity", cols, lq.Page.Sort); err != nil {
		return nil, "", err
	}
	pred, err := record.Predicate(cols, filters, authz.FromContext(ctx).Location())
	if err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).Activity.Query().Where(predicate.Activity(pred))
	if t := strings.TrimSpace(lq.Q); t != "" {
		q.Where(func(sel *sql.Selector) {
			sel.Where(sql.Or(sql.ContainsFold(sel.C(activity.FieldSubject), t), sql.ContainsFold(sel.C(activity.FieldContent), t)))
		})
	}
	if lq.AccountID > 0 {
		q.Where(activity.AccountID(lq.AccountID))
	}
	if lq.ContactID > 0 {
		q.Where(activity.ContactID(lq.ContactID))
	}
	if lq.Status != "" {
		q.Where(activity.StatusEQ(activity.Status(lq.Status)))
	}
	if lq.Overdue {
		q.Where(activity.StatusEQ(activity.StatusOpen), activity.DueAtLT(s.now().UTC()))
	}
	if lq.From != nil {
		q.Where(activity.DueAtGTE(lq.From.UTC()))
	}
	if lq.To != nil {
		q.Where(activity.DueAtLT(lq.To.UTC()))
	}
	if err := lq.Page.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, lq.Page, func(r *ent.Activity) (any, int64) {
		return record.Value(r, lq.Page.Sort.Column), r.ID
	})
	return rows, next, nil
}

// MyDay returns the actor's open activities due before the end of their local today (today's and the
// overdue ones), soonest first, and the actor's time zone.
func (s *Service) MyDay(ctx context.Context) ([]*ent.Activity, *time.Location, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, nil, err
	}
	a := authz.FromContext(ctx)
	loc := time.UTC
	sys := authz.AsSystem(ctx)
	if u, err := s.st.Client(sys).User.Query().Where(user.ID(a.UserID)).Select(user.FieldTimeZone).Only(sys); err == nil {
		if l, lerr := time.LoadLocation(u.TimeZone); lerr == nil {
			loc = l
		}
	}
	now := s.now().In(loc)
	endOfDay := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc)
	rows, err := s.st.Client(ctx).Activity.Query().
		Where(activity.OwnerID(a.UserID), activity.StatusEQ(activity.StatusOpen), activity.DueAtLT(endOfDay.UTC())).
		Order(ent.Asc(activity.FieldDueAt), ent.Asc(activity.FieldID)).Limit(500).All(ctx)
	return rows, loc, err
}
