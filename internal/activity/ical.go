package activity

import (
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
)

// eventLength is how long a call, meeting or visit is shown in a subscribed calendar (activities have
// a due time, not a duration).
var eventLength = map[string]time.Duration{"meeting": time.Hour, "visit": 90 * time.Minute}

// ICS renders activities as an RFC 5545 calendar: tasks as VTODO (due, completed), everything else as
// VEVENT starting at its due time; a reminder becomes a VALARM at its absolute time. The library does
// the text escaping and the 75-octet line folding. host names the UIDs (activity-<id>@host).
// Each item links to the activity in the app when link (the public URL) is set.
func ICS(owner *FeedOwner, rows []*ent.Activity, host, link string, now time.Time) string {
	cal := ics.NewCalendarFor("Kehu CRM")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("Kehu · " + owner.Name)
	cal.SetXWRCalName("Kehu · " + owner.Name)
	if owner.TimeZone != "" {
		cal.SetXWRTimezone(owner.TimeZone)
	}
	cal.SetRefreshInterval("PT15M")
	if host == "" {
		host = "kehu"
	}
	for _, r := range rows {
		if r.DueAt == nil {
			continue
		}
		uid := "activity-" + strconv.FormatInt(r.ID, 10) + "@" + host
		due := r.DueAt.UTC()
		var c *ics.ComponentBase
		if r.Type == "task" {
			t := cal.AddTodo(uid)
			t.SetDueAt(due)
			if r.DoneAt != nil {
				t.SetCompletedAt(r.DoneAt.UTC())
			}
			t.SetStatus(todoStatus(r.Status))
			if r.RemindAt != nil {
				a := t.AddAlarm()
				a.SetAction(ics.ActionDisplay)
				a.SetTrigger(r.RemindAt.UTC().Format("20060102T150405Z"), ics.WithValue(string(ics.ValueDataTypeDateTime)))
				a.SetProperty(ics.ComponentPropertyDescription, r.Subject)
			}
			c = &t.ComponentBase
		} else {
			e := cal.AddEvent(uid)
			length, ok := eventLength[r.Type]
			if !ok {
				length = 30 * time.Minute
			}
			e.SetStartAt(due)
			e.SetEndAt(due.Add(length))
			e.SetStatus(eventStatus(r.Status))
			if r.RemindAt != nil {
				a := e.AddAlarm()
				a.SetAction(ics.ActionDisplay)
				a.SetTrigger(r.RemindAt.UTC().Format("20060102T150405Z"), ics.WithValue(string(ics.ValueDataTypeDateTime)))
				a.SetProperty(ics.ComponentPropertyDescription, r.Subject)
			}
			c = &e.ComponentBase
		}
		c.SetDtStampTime(now.UTC())
		c.SetModifiedAt(r.UpdatedAt.UTC())
		c.SetCreatedTime(r.CreatedAt.UTC())
		c.SetSequence(int(r.Version))
		c.SetSummary(r.Subject)
		if d := description(r); d != "" {
			c.SetDescription(d)
		}
		if link != "" {
			c.SetURL(link + "/activities?open=" + strconv.FormatInt(r.ID, 10))
		}
		if len(r.Tags) > 0 {
			c.SetProperty(ics.ComponentPropertyCategories, strings.Join(escapeList(r.Tags), ","))
		}
	}
	return cal.Serialize(ics.WithNewLineWindows)
}

// escapeList protects commas inside list values (CATEGORIES is a comma-separated list; the library
// escapes text but cannot tell a separator from content).
func escapeList(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.ReplaceAll(v, ",", " ")
	}
	return out
}

func description(r *ent.Activity) string {
	var parts []string
	if r.Content != "" {
		parts = append(parts, r.Content)
	}
	if r.Outcome != "" {
		parts = append(parts, r.Outcome)
	}
	return strings.Join(parts, "\n\n")
}

func todoStatus(s activity.Status) ics.ObjectStatus {
	switch s {
	case activity.StatusDone:
		return ics.ObjectStatusCompleted
	case activity.StatusCancelled:
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusNeedsAction
}

func eventStatus(s activity.Status) ics.ObjectStatus {
	if s == activity.StatusCancelled {
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusConfirmed
}
