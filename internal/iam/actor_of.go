package iam

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// ActorOf builds the actor of an active user, for work done later on their behalf (an import runs
// as its importer, with their rights and data scope as they are when it runs). A deactivated or
// missing user has none (nil, no error).
func (s *Service) ActorOf(ctx context.Context, userID int64) (*authz.Actor, error) {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(userID), user.Active(true)).Only(sys)
	if err != nil {
		return nil, nil //nolint:nilerr // an unknown or deactivated user simply has no actor
	}
	return s.actorFor(ctx, u, 0, nil)
}
