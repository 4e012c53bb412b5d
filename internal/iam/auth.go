package iam

import (
	"context"
	"errors"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/apitoken"
	"github.com/kehu-crm/kehu/internal/ent/session"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/secret"
)

// Credentials are what a person types to sign in.
type Credentials struct {
	Email, Password string
	IP, UserAgent   string
}

// SignIn is the result of a successful sign-in: the session token for the cookie and the user.
type SignIn struct {
	Token   string
	Expires time.Time
	User    *ent.User
	Actor   *authz.Actor
}

var errLoginFailed = apperr.New(apperr.Unauthenticated, "error.login_failed", nil)

// Login checks credentials with throttling and lockout and opens a new session. Unknown e-mail,
// wrong password and deactivated account give the same answer.
func (s *Service) Login(ctx context.Context, c Credentials) (*SignIn, error) {
	email := NormalizeEmail(c.Email)
	for _, key := range []string{emailKey(email), ipKey(c.IP)} {
		wait, err := s.lockedFor(ctx, key)
		if err != nil {
			return nil, err
		}
		if wait > 0 {
			s.recordEvent(ctx, audit.Event{Action: audit.ActionLoginFailure, Entity: "user",
				Changes: map[string]audit.Change{"email": {New: email}, "reason": {New: "locked"}}})
			e := apperr.New(apperr.TooManyRequests, "error.login_locked", map[string]any{"Minutes": minutesCeil(wait)})
			e.RetryAfter = int(wait.Seconds()) + 1
			return nil, e
		}
	}
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.Email(email)).Only(sys)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	hash, reason := s.dummyHash, "unknown_email"
	if u != nil {
		hash = u.PasswordHash
	}
	ok, verr := secret.Verify(hash, c.Password)
	switch {
	case u == nil:
		ok = false
	case verr != nil:
		s.logger.ErrorContext(ctx, "stored password hash unreadable", "user_id", u.ID, "error", verr)
		ok, reason = false, "bad_hash"
	case !ok:
		reason = "wrong_password"
	case !u.Active:
		ok, reason = false, "inactive"
	}
	if !ok {
		ev := audit.Event{Action: audit.ActionLoginFailure, Entity: "user",
			Changes: map[string]audit.Change{"email": {New: email}, "reason": {New: reason}}}
		if u != nil {
			ev.EntityID = u.ID
		}
		s.recordEvent(ctx, ev)
		if err := s.recordFailure(ctx, emailKey(email), s.cfg.LoginMaxFailures); err != nil {
			return nil, err
		}
		if err := s.recordFailure(ctx, ipKey(c.IP), s.cfg.LoginMaxFailures*ipFailureFactor); err != nil {
			return nil, err
		}
		return nil, errLoginFailed
	}
	if err := s.clearFailures(ctx, emailKey(email)); err != nil {
		return nil, err
	}
	return s.openSession(ctx, u, c.IP, c.UserAgent)
}

// openSession creates a session and records the sign-in.
func (s *Service) openSession(ctx context.Context, u *ent.User, ip, ua string) (*SignIn, error) {
	token, digest := secret.NewToken("")
	now := s.now()
	expires := now.Add(s.cfg.SessionTTL)
	actor, err := s.actorFor(ctx, u, 0, nil)
	if err != nil {
		return nil, err
	}
	err = s.st.WithTx(authz.WithActor(ctx, actor), func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		c := s.st.Client(ctx)
		if len(ua) > 500 {
			ua = ua[:500]
		}
		if err := c.Session.Create().SetTokenHash(digest).SetUserID(u.ID).SetExpiresAt(expires).
			SetLastSeenAt(now).SetIP(ip).SetUserAgent(ua).Exec(sys); err != nil {
			return err
		}
		if err := c.User.UpdateOneID(u.ID).SetLastLoginAt(now).Exec(sys); err != nil {
			return err
		}
		return s.st.Record(ctx, audit.Event{Action: audit.ActionLoginSuccess, Entity: "user", EntityID: u.ID})
	})
	if err != nil {
		return nil, err
	}
	return &SignIn{Token: token, Expires: expires, User: u, Actor: actor}, nil
}

// Logout ends the session with the given cookie token.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		n, err := s.st.Client(ctx).Session.Delete().Where(session.TokenHash(secret.Digest(token))).Exec(authz.AsSystem(ctx))
		if err != nil || n == 0 {
			return err
		}
		a := authz.FromContext(ctx)
		var id int64
		if a != nil {
			id = a.UserID
		}
		return s.st.Record(ctx, audit.Event{Action: audit.ActionLogout, Entity: "user", EntityID: id})
	})
}

// ErrNoSession means a cookie names no live session.
var ErrNoSession = errors.New("iam: no such session")

// ResolveSession turns a session cookie into its user and actor, extending the session's idle
// window. Expired sessions, deactivated users and unknown tokens all give ErrNoSession.
func (s *Service) ResolveSession(ctx context.Context, token string) (*ent.User, *authz.Actor, error) {
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	sess, err := c.Session.Query().Where(session.TokenHash(secret.Digest(token))).WithUser().Only(sys)
	if isNotFound(err) {
		return nil, nil, ErrNoSession
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle || sess.Edges.User == nil || !sess.Edges.User.Active {
		_, _ = c.Session.Delete().Where(session.ID(sess.ID)).Exec(sys)
		return nil, nil, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		// Written at most once a minute: the idle window does not need more precision than that.
		_ = c.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).Exec(sys)
	}
	actor, err := s.actorFor(ctx, sess.Edges.User, 0, nil)
	if err != nil {
		return nil, nil, err
	}
	return sess.Edges.User, actor, nil
}

// ErrBadToken means an Authorization: Bearer token is unknown, revoked, expired or its owner inactive.
var ErrBadToken = apperr.New(apperr.Unauthenticated, "error.unauthenticated", nil)

// ResolveToken authenticates an API token. Its use is audited at most once a minute per token.
func (s *Service) ResolveToken(ctx context.Context, token string) (*ent.User, *authz.Actor, error) {
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	t, err := c.APIToken.Query().Where(apitoken.TokenHash(secret.Digest(token))).WithUser().Only(sys)
	if isNotFound(err) {
		return nil, nil, ErrBadToken
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if t.RevokedAt != nil || (t.ExpiresAt != nil && now.After(*t.ExpiresAt)) || t.Edges.User == nil || !t.Edges.User.Active {
		return nil, nil, ErrBadToken
	}
	actor, err := s.actorFor(ctx, t.Edges.User, t.ID, t.Scopes)
	if err != nil {
		return nil, nil, err
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		err := s.st.WithTx(authz.WithActor(ctx, actor), func(ctx context.Context) error {
			if err := s.st.Client(ctx).APIToken.UpdateOneID(t.ID).SetLastUsedAt(now).Exec(authz.AsSystem(ctx)); err != nil {
				return err
			}
			return s.st.Record(ctx, audit.Event{Action: audit.ActionTokenUse, Entity: "api_token", EntityID: t.ID})
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return t.Edges.User, actor, nil
}

// recordEvent writes a security event; a failure to audit is logged, never hidden.
func (s *Service) recordEvent(ctx context.Context, ev audit.Event) {
	if err := s.st.Record(ctx, ev); err != nil {
		s.logger.ErrorContext(ctx, "audit write failed", "action", ev.Action, "error", err)
	}
}
