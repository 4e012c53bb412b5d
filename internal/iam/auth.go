package iam

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/apitoken"
	"github.com/kehu-crm/kehu/internal/ent/session"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/secret"
	"github.com/kehu-crm/kehu/internal/store"
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
//
// One statement reads the session, its user and the cache epochs (store.Snapshot, put into ctx's
// snapshot when there is one): a revoked session, a deactivated user or a changed team take effect on
// the next request; roles, grants and the team tree come from caches checked against those epochs,
// so changes to them do too. The returned user carries its identity columns only (id, e-mail, name,
// locale, time zone, active, team).
func (s *Service) ResolveSession(ctx context.Context, token string) (*ent.User, *authz.Actor, error) {
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	q := `SELECT s.id, s.expires_at, s.last_seen_at, u.id, u.email, u.name, u.locale, u.time_zone, u.active, u.team_id` +
		store.EpochColumns() + ` FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`
	if s.st.DB.Dialect == db.Postgres {
		q = strings.Replace(q, "?", "$1", 1)
	}
	rows, err := c.QueryContext(sys, q, secret.Digest(token))
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		return nil, nil, ErrNoSession
	}
	var (
		sessID            int64
		expires, lastSeen time.Time
		u                 ent.User
		team              sql.NullInt64
		snap              = store.SnapshotOf(ctx)
	)
	if snap == nil {
		snap = &store.Snapshot{}
	}
	dest := append([]any{&sessID, &expires, &lastSeen, &u.ID, &u.Email, &u.Name, &u.Locale, &u.TimeZone, &u.Active, &team},
		snap.ScanTargets()...)
	if err := rows.Scan(dest...); err != nil {
		return nil, nil, err
	}
	if err := rows.Close(); err != nil {
		return nil, nil, err
	}
	if team.Valid {
		u.TeamID = &team.Int64
	}
	now := s.now()
	if now.After(expires) || now.Sub(lastSeen) > s.cfg.SessionIdle || !u.Active {
		_, _ = c.Session.Delete().Where(session.ID(sessID)).Exec(sys)
		return nil, nil, ErrNoSession
	}
	if now.Sub(lastSeen) > time.Minute {
		// Written at most once a minute: the idle window does not need more precision than that.
		_ = c.Session.UpdateOneID(sessID).SetLastSeenAt(now).Exec(sys)
	}
	actor, err := s.actorFor(ctx, &u, 0, nil)
	if err != nil {
		return nil, nil, err
	}
	return &u, actor, nil
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
	if snap := store.SnapshotOf(ctx); snap != nil {
		// Read after the token and its user, so cached roles and teams are at least as new.
		if err := s.st.ReadSnapshot(sys, snap); err != nil {
			return nil, nil, err
		}
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
