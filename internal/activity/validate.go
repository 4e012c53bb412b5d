package activity

import (
	"context"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

type fields = apperr.Fields

// validate checks an input's own values (links and owner are checked against the data later).
func (s *Service) validate(ctx context.Context, in Input, creating bool) error {
	var f fields
	if creating || in.Subject != nil {
		f.Text("body.subject", in.Subject, 200, true)
	}
	if creating || in.Type != nil {
		switch {
		case in.Type == nil || *in.Type == "":
			f.Add("body.type", "field.required", nil)
		case len(*in.Type) > 50:
			f.Add("body.type", "field.too_long", map[string]any{"Max": 50})
		case s.dict != nil:
			ok, err := s.dict.Exists(ctx, "activity_type", *in.Type)
			if err != nil {
				return err
			}
			if !ok {
				f.Add("body.type", "field.unknown_code", map[string]any{"Code": *in.Type})
			}
		}
	}
	f.Text("body.content", in.Content, 10000, false)
	record.CheckTags(&f, "body.tags", in.Tags)
	checkTime(&f, "body.dueAt", in.DueAt)
	checkTime(&f, "body.remindAt", in.RemindAt)
	checkFollowUp(&f, in.NextFollowUpAt, in.FollowUpRemindAt)
	f.Text("body.outcome", in.Outcome, 1000, false)
	if in.Status != nil && activity.StatusValidator(activity.Status(*in.Status)) != nil {
		f.Add("body.status", "field.invalid", nil)
	}
	for _, d := range []struct {
		loc string
		v   *int64
	}{{"body.accountId", in.AccountID}, {"body.contactId", in.ContactID}} {
		if d.v != nil && *d.v < 0 {
			f.Add(d.loc, "field.invalid", nil)
		}
	}
	return f.Err()
}

func trimmed(v *string) *string {
	if v == nil {
		return nil
	}
	t := strings.TrimSpace(*v)
	return &t
}

// Times outside these years are typing mistakes (or hostile input), not plans.
var (
	minTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

func checkTime(f *fields, location string, t *time.Time) {
	if t != nil && (t.Before(minTime) || !t.Before(maxTime)) {
		f.Add(location, "field.invalid_datetime", nil)
	}
}

// checkFollowUp checks a next follow-up date and its reminder: the reminder needs the date and may not
// come after it.
func checkFollowUp(f *fields, next, remind *time.Time) {
	checkTime(f, "body.nextFollowUpAt", next)
	checkTime(f, "body.followUpRemindAt", remind)
	switch {
	case remind == nil:
	case next == nil:
		f.Add("body.followUpRemindAt", "field.requires", map[string]any{"Field": "nextFollowUpAt"})
	case remind.After(*next):
		f.Add("body.followUpRemindAt", "field.reminder_after_due", nil)
	}
}
