package collab

import (
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/mail"
)

// reminderMail words a reminder in the owner's language, with times in the owner's time zone.
func (s *Service) reminderMail(u *ent.User, a *ent.Activity) mail.Message {
	loc, err := time.LoadLocation(u.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	layout := "2006-01-02 15:04 MST"
	due := s.i18n.T(u.Locale, "mail.reminder.no_due", nil)
	if a.DueAt != nil {
		due = a.DueAt.In(loc).Format(layout)
	}
	link := s.cfg.PublicURL + "/activities?open=" + itoa(a.ID)
	body := s.i18n.T(u.Locale, "mail.reminder.body", map[string]any{
		"Name": u.Name, "Subject": a.Subject, "Due": due, "RemindAt": a.RemindAt.In(loc).Format(layout),
		"TimeZone": loc.String(), "Link": link})
	return mail.Message{To: u.Email, Subject: s.i18n.T(u.Locale, "mail.reminder.subject", map[string]any{"Subject": a.Subject}),
		Body: body}
}
