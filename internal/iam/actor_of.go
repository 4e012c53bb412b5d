package iam

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
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
