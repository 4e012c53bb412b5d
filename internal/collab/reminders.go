package collab

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/mail"
)

// SweepBatch is the most reminders one sweep sends; the rest wait for the next tick.
const SweepBatch = 200

// ReminderMailArgs asks the queue to e-mail the reminder of one activity for one reminder time. The
// job is unique by its arguments, so however many sweeps see the reminder, one mail goes out.
type ReminderMailArgs struct {
	ActivityID int64     `json:"activityId"`
	RemindAt   time.Time `json:"remindAt"`
}

// Kind implements river.JobArgs.
func (ReminderMailArgs) Kind() string { return "collab_reminder_mail" }

// Sweep sends the reminders that are due: every open activity with remind_at <= now and no
// reminded_at gets, in one transaction per activity, a reminder notification for its owner and
// reminded_at set. The update only succeeds while reminded_at is still empty, so two sweeps (two
// nodes, or a retried job) cannot remind twice: on PostgreSQL the second waits for the first's row
// lock and then finds nothing to update; SQLite transactions are serialised. The e-mail job is queued
// before the claim (unique by activity and reminder time), so a crash between the two loses nothing:
// the mail job waits until the claim is committed, and the next sweep claims what was not.
// It returns how many reminders it sent.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	sys := authz.AsSystem(ctx)
	now := s.now()
	due, err := s.st.Client(sys).Activity.Query().
		Where(activity.StatusEQ(activity.StatusOpen), activity.RemindAtLTE(now), activity.RemindedAtIsNil(),
			activity.OwnerIDNotNil()).
		Order(ent.Asc(activity.FieldRemindAt), ent.Asc(activity.FieldID)).Limit(SweepBatch).All(sys)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, a := range due {
		if err := s.queueMail(sys, a); err != nil {
			return sent, err
		}
		ok, err := s.remind(sys, a, now)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// queueMail queues the reminder e-mail when the owner wants e-mail (checked again when sending).
func (s *Service) queueMail(ctx context.Context, a *ent.Activity) error {
	if s.jobs == nil {
		return nil
	}
	wants, err := s.st.Client(ctx).User.Query().
		Where(user.ID(*a.OwnerID), user.Active(true), user.NotifyEmail(true)).Exist(ctx)
	if err != nil || !wants {
		return err
	}
	return s.jobs.Insert(ctx, ReminderMailArgs{ActivityID: a.ID, RemindAt: a.RemindAt.UTC()}, &river.InsertOpts{
		MaxAttempts: 8,
		UniqueOpts:  river.UniqueOpts{ByArgs: true},
	})
}

// remind claims one reminder and writes its notification, in one transaction.
func (s *Service) remind(ctx context.Context, a *ent.Activity, now time.Time) (bool, error) {
	claimed := false
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		n, err := s.st.Client(ctx).Activity.Update().
			Where(activity.ID(a.ID), activity.RemindedAtIsNil(), activity.StatusEQ(activity.StatusOpen),
				activity.RemindAtLTE(now)).
			SetRemindedAt(now).Save(ctx)
		if err != nil || n == 0 {
			return err
		}
		claimed = true
		params := map[string]string{"accountId": itoa(deref(a.AccountID))}
		if a.DueAt != nil {
			params["dueAt"] = a.DueAt.UTC().Format(time.RFC3339)
		}
		return s.Notify(ctx, Note{UserID: *a.OwnerID, Kind: KindReminder, Title: a.Subject, Entity: EntityActivity,
			RecordID: a.ID, Params: params})
	})
	return claimed, err
}

// reminderRetry is how long a mail job waits for its reminder's claim before looking again, and
// reminderGiveUp how long after the reminder time it stops waiting.
const (
	reminderRetry  = 5 * time.Second
	reminderGiveUp = time.Hour
)

// SendReminderMail mails the owner of an activity its reminder once the reminder was claimed (the
// in-app notification exists): in the owner's language and time zone, with a link to the app. Nothing
// is mailed when the reminder moved, the activity is gone or closed, or the owner is inactive or chose
// no e-mail.
func (s *Service) SendReminderMail(ctx context.Context, args ReminderMailArgs) error {
	sys := authz.AsSystem(ctx)
	a, err := s.st.Client(sys).Activity.Get(sys, args.ActivityID)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if a.RemindAt == nil || !a.RemindAt.Equal(args.RemindAt) || a.OwnerID == nil {
		return nil
	}
	if a.RemindedAt == nil {
		if a.Status != activity.StatusOpen || s.now().Sub(args.RemindAt) > reminderGiveUp {
			return nil
		}
		return river.JobSnooze(reminderRetry)
	}
	u, err := s.st.Client(sys).User.Query().Where(user.ID(*a.OwnerID), user.Active(true), user.NotifyEmail(true)).Only(sys)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	err = s.mail.Send(ctx, s.reminderMail(u, a))
	if errors.Is(err, mail.ErrDisabled) {
		return river.JobCancel(fmt.Errorf("reminder for activity %d not mailed: %w", a.ID, err))
	}
	return err
}
