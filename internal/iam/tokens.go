package iam

import (
	"context"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/apitoken"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/platform/secret"
)

// sessionUser returns the actor of a signed-in person. Tokens are managed only from a browser session:
// a token that could mint tokens could escape its own scopes and expiry.
func sessionUser(ctx context.Context) (*authz.Actor, error) {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, authz.ErrUnauthenticated
	}
	if a.Kind == authz.KindToken {
		return nil, &authz.ForbiddenError{Reason: "API tokens cannot manage API tokens"}
	}
	return a, nil
}

// TokenPrefix starts every API token, so leaked tokens are easy to recognise and scan for.
const TokenPrefix = "khu_"

// ListTokens returns the signed-in user's tokens (revoked ones included, newest first).
func (s *Service) ListTokens(ctx context.Context, p record.Page) ([]*ent.APIToken, string, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, "", authz.ErrUnauthenticated
	}
	q := s.st.Client(ctx).APIToken.Query().Where(apitoken.UserID(a.UserID))
	p.Sort = record.Sort{Column: "id", Desc: true}
	if err := p.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(t *ent.APIToken) (any, int64) { return t.ID, t.ID })
	return rows, next, nil
}

// TokenInput describes a new token. Scopes, when given, limit it to those rights (it never exceeds its
// owner's rights either way).
type TokenInput struct {
	Name      string
	Scopes    []string
	ExpiresAt *time.Time
}

// CreateToken makes a token and returns it with its plaintext, which is shown once and never stored.
func (s *Service) CreateToken(ctx context.Context, in TokenInput) (*ent.APIToken, string, error) {
	a, err := sessionUser(ctx)
	if err != nil {
		return nil, "", err
	}
	var f fields
	checkText(&f, "body.name", in.Name, 100, true)
	for i, sc := range in.Scopes {
		if !s.catalog.Has(authz.Right(sc)) {
			f.Add("body.scopes["+itoa(i)+"]", "field.unknown_right", map[string]any{"Right": sc})
		}
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(s.now()) {
		f.Add("body.expiresAt", "error.token_expiry_past", nil)
	}
	if err := f.Err(); err != nil {
		return nil, "", err
	}
	token, digest := secret.NewToken(TokenPrefix)
	var out *ent.APIToken
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).APIToken.Create().SetUserID(a.UserID).SetName(strings.TrimSpace(in.Name)).
			SetTokenHash(digest).SetPrefix(token[:len(TokenPrefix)+6]).SetScopes(in.Scopes)
		if in.ExpiresAt != nil {
			q.SetExpiresAt(in.ExpiresAt.UTC())
		}
		t, err := q.Save(ctx)
		if err != nil {
			return err
		}
		out = t
		return s.st.Record(ctx, audit.Event{Action: audit.ActionTokenCreate, Entity: "api_token", EntityID: t.ID,
			Changes: map[string]audit.Change{"name": {New: t.Name}, "scopes": {New: in.Scopes}}})
	})
	return out, token, err
}

// RevokeToken revokes one of the signed-in user's tokens.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	a, err := sessionUser(ctx)
	if err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		t, err := s.st.Client(ctx).APIToken.Query().Where(apitoken.ID(id), apitoken.UserID(a.UserID)).Only(ctx)
		if err != nil {
			return notFound("api_token", id, err)
		}
		if t.RevokedAt != nil {
			return nil
		}
		if err := t.Update().SetRevokedAt(s.now()).Exec(ctx); err != nil {
			return err
		}
		return s.st.Record(ctx, audit.Event{Action: audit.ActionTokenRevoke, Entity: "api_token", EntityID: id})
	})
}
