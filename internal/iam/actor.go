package iam

import (
	"context"
	"slices"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/rolegrant"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// actorFor builds the actor of an active user: the union of the user's role grants (widest scope
// wins), narrowed to tokenScopes when the request came with a scoped API token.
func (s *Service) actorFor(ctx context.Context, u *ent.User, tokenID int64, tokenScopes []string) (*authz.Actor, error) {
	ctx = authz.AsSystem(ctx)
	c := s.st.Client(ctx)
	roleIDs, err := u.QueryRoles().IDs(ctx)
	if err != nil {
		return nil, err
	}
	grants := map[authz.Right]authz.Scope{}
	if len(roleIDs) > 0 {
		rows, err := c.RoleGrant.Query().Where(rolegrant.RoleIDIn(roleIDs...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range rows {
			sc, err := authz.ParseScope(string(g.Scope))
			if err != nil {
				continue
			}
			r := authz.Right(g.Right)
			if sc > grants[r] {
				grants[r] = sc
			}
		}
	}
	if tokenID > 0 && len(tokenScopes) > 0 {
		for r := range grants {
			if !slices.Contains(tokenScopes, string(r)) {
				delete(grants, r)
			}
		}
	}
	var teamID int64
	var subtree []int64
	if u.TeamID != nil {
		teamID = *u.TeamID
		if subtree, err = s.subtree(ctx, teamID); err != nil {
			return nil, err
		}
	}
	return authz.NewUserActor(u.ID, teamID, subtree, grants, tokenID), nil
}

// subtree returns root and every team below it.
func (s *Service) subtree(ctx context.Context, root int64) ([]int64, error) {
	teams, err := s.st.Client(authz.AsSystem(ctx)).Team.Query().Select(team.FieldID, team.FieldParentID).All(ctx)
	if err != nil {
		return nil, err
	}
	children := map[int64][]int64{}
	for _, t := range teams {
		if t.ParentID != nil {
			children[*t.ParentID] = append(children[*t.ParentID], t.ID)
		}
	}
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out, nil
}
