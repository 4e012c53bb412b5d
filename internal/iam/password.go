package iam

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/ent/passwordreset"
	"github.com/kehu-crm/kehu/internal/ent/session"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/platform/secret"
)

// ChangePassword replaces the signed-in user's password after checking the current one, and ends
// their other sessions.
func (s *Service) ChangePassword(ctx context.Context, current, next, keepSessionToken string) error {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return authz.ErrUnauthenticated
	}
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Get(sys, a.UserID)
	if err != nil {
		return err
	}
	if ok, _ := secret.Verify(u.PasswordHash, current); !ok {
		return fieldErr("body.currentPassword", "error.wrong_password", nil)
	}
	var f fields
	s.checkPassword(&f, "body.newPassword", next, u.Email)
	if err := f.Err(); err != nil {
		return err
	}
	return s.setPassword(ctx, u.ID, next, keepSessionToken, audit.ActionPasswordChange)
}

// setPassword stores a new hash, ends sessions (but the kept one) and records the event.
func (s *Service) setPassword(ctx context.Context, userID int64, password, keepToken, action string) error {
	hash, err := s.cfg.Argon2.Hash(password)
	if err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		c := s.st.Client(ctx)
		if err := c.User.UpdateOneID(userID).SetPasswordHash(hash).SetPasswordChangedAt(s.now()).AddVersion(1).Exec(sys); err != nil {
			return err
		}
		del := c.Session.Delete().Where(session.UserID(userID))
		if keepToken != "" {
			del.Where(session.TokenHashNEQ(secret.Digest(keepToken)))
		}
		if _, err := del.Exec(sys); err != nil {
			return err
		}
		return s.st.Record(ctx, audit.Event{Action: action, Entity: "user", EntityID: userID})
	})
}

// PasswordResetArgs asks the job queue to mail a reset link. The token is made inside the job, so no
// usable secret is ever stored in the queue.
type PasswordResetArgs struct {
	Email  string `json:"email"`
	Locale string `json:"locale"`
}

// Kind implements river.JobArgs.
func (PasswordResetArgs) Kind() string { return "password_reset_mail" }

// ForgotPassword queues a reset mail. It answers the same whether the address exists or not.
func (s *Service) ForgotPassword(ctx context.Context, email, locale string) error {
	email = NormalizeEmail(email)
	if !validEmail(email) {
		return fieldErr("body.email", "field.invalid_email", nil)
	}
	return s.jobs.Insert(ctx, PasswordResetArgs{Email: email, Locale: locale}, &river.InsertOpts{
		MaxAttempts: 5,
		// One mail per address per minute, however often the form is sent.
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Minute},
	})
}

// SendResetMail creates a one-time token for an active user and mails the link. Unknown and inactive
// addresses get no mail.
func (s *Service) SendResetMail(ctx context.Context, args PasswordResetArgs) error {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.Email(args.Email), user.Active(true)).Only(sys)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	token, digest := secret.NewToken("")
	if err := s.st.WithTx(sys, func(ctx context.Context) error {
		return s.st.Client(ctx).PasswordReset.Create().SetUserID(u.ID).SetTokenHash(digest).
			SetExpiresAt(s.now().Add(s.cfg.ResetTokenTTL)).Exec(ctx)
	}); err != nil {
		return err
	}
	locale := args.Locale
	if locale == "" {
		locale = u.Locale
	}
	link := s.cfg.PublicURL + "/reset-password?token=" + url.QueryEscape(token)
	body := s.i18n.T(locale, "mail.reset.body", map[string]any{
		"Name": u.Name, "Email": u.Email, "Link": link, "Minutes": int(s.cfg.ResetTokenTTL.Minutes())})
	err = s.mail.Send(ctx, mail.Message{To: u.Email, Subject: s.i18n.T(locale, "mail.reset.subject", nil), Body: body})
	if err == mail.ErrDisabled {
		return river.JobCancel(fmt.Errorf("password reset for user %d not mailed: %w", u.ID, err))
	}
	return err
}

// ResetPassword sets a new password with a mailed token. The token works once and within its time.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	sys := authz.AsSystem(ctx)
	invalid := apperr.Field("body.token", "error.reset_token_invalid", nil)
	invalid.Code = "error.reset_token_invalid"
	r, err := s.st.Client(sys).PasswordReset.Query().Where(passwordreset.TokenHash(secret.Digest(token))).Only(sys)
	if isNotFound(err) {
		return invalid
	}
	if err != nil {
		return err
	}
	if r.UsedAt != nil || s.now().After(r.ExpiresAt) {
		return invalid
	}
	u, err := s.st.Client(sys).User.Get(sys, r.UserID)
	if err != nil || !u.Active {
		return invalid
	}
	var f fields
	s.checkPassword(&f, "body.password", password, u.Email)
	if err := f.Err(); err != nil {
		return err
	}
	return s.st.WithTx(sys, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		// Marking it used only if still unused makes two racing resets with one token succeed once.
		n, err := c.PasswordReset.Update().Where(passwordreset.ID(r.ID), passwordreset.UsedAtIsNil()).SetUsedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return invalid
		}
		if _, err := c.PasswordReset.Delete().Where(passwordreset.UserID(u.ID), passwordreset.UsedAtIsNil()).Exec(ctx); err != nil {
			return err
		}
		return s.setPassword(ctx, u.ID, password, "", audit.ActionPasswordReset)
	})
}

// Cleanup deletes expired sessions, used or expired reset tokens, stale throttles and idempotency
// keys older than a day. It runs as a periodic job on one node.
func (s *Service) Cleanup(ctx context.Context) (int, error) {
	sys := authz.AsSystem(ctx)
	now := s.now()
	total := 0
	err := s.st.WithTx(sys, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		n, err := c.Session.Delete().Where(session.Or(session.ExpiresAtLT(now), session.LastSeenAtLT(now.Add(-s.cfg.SessionIdle)))).Exec(ctx)
		if err != nil {
			return err
		}
		total += n
		n, err = c.PasswordReset.Delete().Where(passwordreset.Or(passwordreset.ExpiresAtLT(now), passwordreset.UsedAtNotNil())).Exec(ctx)
		if err != nil {
			return err
		}
		total += n
		return nil
	})
	if err != nil {
		return total, err
	}
	n, err := s.purgeThrottles(sys, now)
	total += n
	if err != nil {
		return total, err
	}
	n, err = s.st.PurgeIdempotency(sys, 24*time.Hour)
	return total + n, err
}
