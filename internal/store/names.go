package store

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Names looks up user and team names for display in records (directory data, shown whatever the
// scope), from caches checked against the directory epoch: a renamed user or team shows on the next
// request. Unknown ids are left out of the maps.
func (st *Store) Names(ctx context.Context, userIDs, teamIDs []int64) (users, teams map[int64]string, err error) {
	sys := authz.AsSystem(ctx)
	users, teams = map[int64]string{}, map[int64]string{}
	if len(userIDs) > 0 {
		users, err = st.userNames.GetMany(sys, userIDs, func(ctx context.Context, ids []int64) (map[int64]string, error) {
			rows, err := st.Client(ctx).User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldName).All(ctx)
			out := make(map[int64]string, len(rows))
			for _, u := range rows {
				out[u.ID] = u.Name
			}
			return out, err
		})
		if err != nil {
			return nil, nil, err
		}
	}
	if len(teamIDs) > 0 {
		teams, err = st.teamNames.GetMany(sys, teamIDs, func(ctx context.Context, ids []int64) (map[int64]string, error) {
			rows, err := st.Client(ctx).Team.Query().Where(team.IDIn(ids...)).Select(team.FieldID, team.FieldName).All(ctx)
			out := make(map[int64]string, len(rows))
			for _, t := range rows {
				out[t.ID] = t.Name
			}
			return out, err
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return users, teams, nil
}
