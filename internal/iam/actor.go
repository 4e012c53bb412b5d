package iam

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/rolegrant"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// actorFor builds the actor of an active user: the union of the user's role grants (widest scope
// wins), narrowed to tokenScopes when the request came with a scoped API token. The user's grants and
// the team tree are cached against the authz epoch of ctx's snapshot (store.Cache), so a change of
// roles, grants, memberships or teams shows on the next request on every node.
func (s *Service) actorFor(ctx context.Context, u *ent.User, tokenID int64, tokenScopes []string) (*authz.Actor, error) {
	ctx = authz.AsSystem(ctx)
	grants, err := s.grants.Get(ctx, u.ID, func(ctx context.Context) (map[authz.Right]authz.Scope, error) {
		return s.loadGrants(ctx, u.ID)
	})
	if err != nil {
		return nil, err
	}
	if tokenID > 0 && len(tokenScopes) > 0 {
		narrowed := map[authz.Right]authz.Scope{}
		for r, sc := range grants {
			if slices.Contains(tokenScopes, string(r)) {
				narrowed[r] = sc
			}
		}
		grants = narrowed
	}
	var teamID int64
	var subtree []int64
	if u.TeamID != nil {
		teamID = *u.TeamID
		if subtree, err = s.subtree(ctx, teamID); err != nil {
			return nil, err
		}
	}
	a := authz.NewUserActor(u.ID, teamID, subtree, grants, tokenID)
	a.Loc = zone(u.TimeZone)
	return a, nil
}

// zones caches loaded time zones: time.LoadLocation reads the zone database on every call.
var zones sync.Map

// zone is the named time zone, nil (UTC) when the name is empty or unknown.
func zone(name string) *time.Location {
	if name == "" {
		return nil
	}
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	zones.Store(name, l)
	return l
}

// loadGrants reads the union of a user's role grants.
func (s *Service) loadGrants(ctx context.Context, userID int64) (map[authz.Right]authz.Scope, error) {
	c := s.st.Client(ctx)
	grants := map[authz.Right]authz.Scope{}
	rows, err := c.RoleGrant.Query().Where(rolegrant.HasRoleWith(role.HasUsersWith(user.ID(userID)))).All(ctx)
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
	return grants, nil
}

// subtree returns root and every team below it.
func (s *Service) subtree(ctx context.Context, root int64) ([]int64, error) {
	children, err := s.teamTree.Get(ctx, struct{}{}, func(ctx context.Context) (map[int64][]int64, error) {
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
		return children, nil
	})
	if err != nil {
		return nil, err
	}
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out, nil
}
