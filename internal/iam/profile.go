package iam

import (
	"context"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Me is the signed-in user with their team, roles and effective rights.
type Me struct {
	User  *ent.User
	Actor *authz.Actor
}

// CurrentUser returns the actor's own record (every signed-in user may read themselves).
func (s *Service) CurrentUser(ctx context.Context) (*Me, error) {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, authz.ErrUnauthenticated
	}
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(a.UserID)).WithTeam().WithRoles().Only(sys)
	if err != nil {
		return nil, err
	}
	return &Me{User: u, Actor: a}, nil
}

// ProfileInput is what a user may change about themselves.
type ProfileInput struct {
	Name, Locale, TimeZone *string
	NotifyEmail            *bool
}

// UpdateProfile changes the signed-in user's own name, language, time zone and e-mail reminder choice.
func (s *Service) UpdateProfile(ctx context.Context, in ProfileInput) (*Me, error) {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, authz.ErrUnauthenticated
	}
	var f fields
	if in.Name != nil {
		checkText(&f, "body.name", *in.Name, 100, true)
	}
	if in.Locale != nil {
		checkLocale(&f, "body.locale", *in.Locale)
	}
	if in.TimeZone != nil {
		checkTimeZone(&f, "body.timeZone", *in.TimeZone)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		// Own-profile edits need no user:update right; the system acts on the user's behalf.
		q := s.st.Client(ctx).User.UpdateOneID(a.UserID).AddVersion(1)
		if in.Name != nil {
			q.SetName(strings.TrimSpace(*in.Name))
		}
		if in.Locale != nil {
			q.SetLocale(*in.Locale)
		}
		if in.TimeZone != nil {
			q.SetTimeZone(*in.TimeZone)
		}
		if in.NotifyEmail != nil {
			q.SetNotifyEmail(*in.NotifyEmail)
		}
		return q.Exec(authz.AsSystem(ctx))
	})
	if err != nil {
		return nil, err
	}
	return s.CurrentUser(ctx)
}
