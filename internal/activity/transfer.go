package activity

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent/activity"
)

// MoveOpen hands the open activities of fromOwner on the given accounts to toOwner (and toTeam), in
// the caller's transaction: when customers change hands, their pending work goes with them (SPEC C5).
// Done and cancelled activities stay with the person who did them.
func (s *Service) MoveOpen(ctx context.Context, fromOwner, toOwner int64, toTeam *int64, accountIDs []int64) (int, error) {
	if len(accountIDs) == 0 {
		return 0, nil
	}
	q := s.st.Client(ctx).Activity.Update().Where(
		activity.OwnerID(fromOwner), activity.StatusEQ(activity.StatusOpen), activity.AccountIDIn(accountIDs...),
	).SetOwnerID(toOwner).AddVersion(1)
	if toTeam != nil {
		q.SetTeamID(*toTeam)
	} else {
		q.ClearTeamID()
	}
	return q.Save(ctx)
}
