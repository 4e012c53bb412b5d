package iam

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/apitoken"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// ActorOf builds the actor of an active user, for work done on a user's behalf without a session (the
// calendar feed, whose secret address authenticates its owner; an import, which runs as its importer
// with their rights and data scope as they are when it runs). A missing or deactivated user gives
// nil: they may do nothing.
func (s *Service) ActorOf(ctx context.Context, userID int64) (*authz.Actor, error) {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(userID), user.Active(true)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.actorFor(ctx, u, 0, nil)
}

// ActorOfToken is ActorOf narrowed to the rights of the API token tokenID when it is not 0, for work
// started with a token and done later (an import): the token must still belong to the user, be
// unrevoked and unexpired, or the user may do nothing (nil).
func (s *Service) ActorOfToken(ctx context.Context, userID, tokenID int64) (*authz.Actor, error) {
	if tokenID == 0 {
		return s.ActorOf(ctx, userID)
	}
	sys := authz.AsSystem(ctx)
	t, err := s.st.Client(sys).APIToken.Query().
		Where(apitoken.ID(tokenID), apitoken.UserID(userID), apitoken.RevokedAtIsNil()).
		WithUser().Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if (t.ExpiresAt != nil && s.now().After(*t.ExpiresAt)) || t.Edges.User == nil || !t.Edges.User.Active {
		return nil, nil
	}
	return s.actorFor(ctx, t.Edges.User, t.ID, t.Scopes)
}
