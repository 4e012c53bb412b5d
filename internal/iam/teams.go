package iam

import (
	"context"
	"slices"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// TeamFilter narrows a team list.
type TeamFilter struct {
	Q        string
	ParentID int64
}

// TeamSorts are the API fields a team list sorts by.
var TeamSorts = map[string]string{"name": team.FieldName, "createdAt": team.FieldCreatedAt, "id": team.FieldID}

// TeamWithCount is a team and how many users belong to it.
type TeamWithCount struct {
	*ent.Team
	Members int
}

// ListTeams returns a page of teams (every signed-in user may see the organisation chart).
func (s *Service) ListTeams(ctx context.Context, f TeamFilter, p record.Page) ([]TeamWithCount, string, error) {
	if err := authz.Require(ctx, TeamRead); err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).Team.Query()
	if t := strings.TrimSpace(f.Q); t != "" {
		q.Where(team.NameContainsFold(t))
	}
	if f.ParentID > 0 {
		q.Where(team.ParentID(f.ParentID))
	}
	if err := p.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(t *ent.Team) (any, int64) {
		switch p.Sort.Column {
		case team.FieldName:
			return t.Name, t.ID
		case team.FieldCreatedAt:
			return t.CreatedAt, t.ID
		}
		return t.ID, t.ID
	})
	out, err := s.withCounts(ctx, rows)
	return out, next, err
}

func (s *Service) withCounts(ctx context.Context, teams []*ent.Team) ([]TeamWithCount, error) {
	ids := make([]int64, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
	}
	sys := authz.AsSystem(ctx)
	var counts []struct {
		TeamID int64 `json:"team_id"`
		Count  int   `json:"count"`
	}
	if len(ids) > 0 {
		if err := s.st.Client(sys).User.Query().Where(user.TeamIDIn(ids...)).GroupBy(user.FieldTeamID).Aggregate(ent.Count()).Scan(sys, &counts); err != nil {
			return nil, err
		}
	}
	byID := map[int64]int{}
	for _, c := range counts {
		byID[c.TeamID] = c.Count
	}
	out := make([]TeamWithCount, len(teams))
	for i, t := range teams {
		out[i] = TeamWithCount{Team: t, Members: byID[t.ID]}
	}
	return out, nil
}

// GetTeam returns one team.
func (s *Service) GetTeam(ctx context.Context, id int64) (TeamWithCount, error) {
	if err := authz.Require(ctx, TeamRead); err != nil {
		return TeamWithCount{}, err
	}
	t, err := s.st.Client(ctx).Team.Get(ctx, id)
	if err != nil {
		return TeamWithCount{}, notFound("team", id, err)
	}
	out, err := s.withCounts(ctx, []*ent.Team{t})
	if err != nil {
		return TeamWithCount{}, err
	}
	return out[0], nil
}

// TeamInput is a team's editable data; ParentID 0 means a top-level team.
type TeamInput struct {
	Name, Description *string
	ParentID          *int64
}

func (s *Service) validateTeam(ctx context.Context, in TeamInput, creating bool, self int64) error {
	var f fields
	if creating || in.Name != nil {
		checkText(&f, "body.name", deref(in.Name), 100, true)
	}
	if in.Description != nil {
		checkText(&f, "body.description", *in.Description, 1000, false)
	}
	if in.ParentID != nil && *in.ParentID != 0 {
		sys := authz.AsSystem(ctx)
		ok, err := s.st.Client(sys).Team.Query().Where(team.ID(*in.ParentID)).Exist(sys)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("body.parentId", "field.unknown_team", nil)
		} else if self != 0 {
			below, err := s.subtree(ctx, self)
			if err != nil {
				return err
			}
			if slices.Contains(below, *in.ParentID) {
				return apperr.Field("body.parentId", "error.team_cycle", nil)
			}
		}
	}
	return f.Err()
}

// A new team must hang below a team the actor covers, unless the actor creates teams anywhere.
func (s *Service) checkTeamPlacement(ctx context.Context, parent *int64, right authz.Right) error {
	a := authz.FromContext(ctx)
	sc := a.ScopeOf(right)
	if sc == authz.ScopeAll {
		return nil
	}
	p := deref(parent)
	if p == 0 || !(sc == authz.ScopeSubtree && slices.Contains(a.Subtree, p) || sc >= authz.ScopeTeam && p == a.TeamID) {
		return &authz.ForbiddenError{Right: right, Reason: "team placed outside the actor's scope"}
	}
	return nil
}

// CreateTeam adds a team.
func (s *Service) CreateTeam(ctx context.Context, in TeamInput) (TeamWithCount, error) {
	if err := authz.Require(ctx, TeamCreate); err != nil {
		return TeamWithCount{}, err
	}
	if err := s.validateTeam(ctx, in, true, 0); err != nil {
		return TeamWithCount{}, err
	}
	if err := s.checkTeamPlacement(ctx, in.ParentID, TeamCreate); err != nil {
		return TeamWithCount{}, err
	}
	var id int64
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Team.Create().SetName(strings.TrimSpace(*in.Name)).SetDescription(deref(in.Description))
		if p := deref(in.ParentID); p != 0 {
			q.SetParentID(p)
		}
		t, err := q.Save(ctx)
		if err == nil {
			id = t.ID
		}
		return err
	})
	if err != nil {
		return TeamWithCount{}, err
	}
	return s.GetTeam(ctx, id)
}

// UpdateTeam changes a team if version is current.
func (s *Service) UpdateTeam(ctx context.Context, id, version int64, in TeamInput) (TeamWithCount, error) {
	if err := authz.Require(ctx, TeamUpdate); err != nil {
		return TeamWithCount{}, err
	}
	if _, err := s.GetTeam(ctx, id); err != nil {
		return TeamWithCount{}, err
	}
	if err := s.validateTeam(ctx, in, false, id); err != nil {
		return TeamWithCount{}, err
	}
	if in.ParentID != nil {
		if err := s.checkTeamPlacement(ctx, in.ParentID, TeamUpdate); err != nil {
			return TeamWithCount{}, err
		}
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Team.UpdateOneID(id).Where(team.Version(version)).AddVersion(1)
		if in.Name != nil {
			q.SetName(strings.TrimSpace(*in.Name))
		}
		if in.Description != nil {
			q.SetDescription(*in.Description)
		}
		if in.ParentID != nil {
			if *in.ParentID == 0 {
				q.ClearParentID()
			} else {
				q.SetParentID(*in.ParentID)
			}
		}
		return s.saveVersioned(ctx, "team", id, version, q.Exec(ctx))
	})
	if err != nil {
		return TeamWithCount{}, err
	}
	return s.GetTeam(ctx, id)
}

// DeleteTeam removes an empty team (no sub-teams, no members).
func (s *Service) DeleteTeam(ctx context.Context, id int64) error {
	if err := authz.Require(ctx, TeamDelete); err != nil {
		return err
	}
	t, err := s.GetTeam(ctx, id)
	if err != nil {
		return err
	}
	sys := authz.AsSystem(ctx)
	kids, err := s.st.Client(sys).Team.Query().Where(team.ParentID(id)).Exist(sys)
	if err != nil {
		return err
	}
	if kids || t.Members > 0 {
		return apperr.New(apperr.Conflict, "error.team_not_empty", nil)
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound("team", id, s.st.Client(ctx).Team.DeleteOneID(id).Exec(ctx))
	})
}
