package iam

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

func (a *API) registerTeams(api huma.API) {
	type teamListInput struct {
		httpx.ListParams
		Q        string `query:"q" maxLength:"100"`
		ParentID int64  `query:"parentId" minimum:"0"`
	}
	httpx.Register(api, httpx.Need(TeamRead), huma.Operation{
		OperationID: "listTeams", Method: http.MethodGet, Path: "/api/v1/teams", Tags: []string{"Teams"},
		Summary: "List teams",
	}, func(ctx context.Context, in *teamListInput) (*httpx.List[TeamDTO], error) {
		page, err := in.Page(TeamSorts, record.Sort{Column: team.FieldName})
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListTeams(ctx, TeamFilter{Q: in.Q, ParentID: in.ParentID}, page)
		if err != nil {
			return nil, err
		}
		out := make([]TeamDTO, len(rows))
		for i, t := range rows {
			out[i] = toTeamDTO(t)
		}
		return httpx.NewList(out, next), nil
	})

	type teamCreateInput struct {
		httpx.IdempotencyKeyHeader
		Body struct {
			Name        string `json:"name" maxLength:"100"`
			Description string `json:"description,omitempty" maxLength:"1000"`
			ParentID    int64  `json:"parentId,omitempty" minimum:"0"`
		}
	}
	httpx.Register(api, httpx.Need(TeamCreate), huma.Operation{
		OperationID: "createTeam", Method: http.MethodPost, Path: "/api/v1/teams", Tags: []string{"Teams"},
		Summary: "Create a team", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *teamCreateInput) (*httpx.Versioned[TeamDTO], error) {
		t, err := a.svc.CreateTeam(ctx, TeamInput{Name: &in.Body.Name, Description: &in.Body.Description, ParentID: &in.Body.ParentID})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toTeamDTO(t), t.Version), nil
	})

	httpx.Register(api, httpx.Need(TeamRead), huma.Operation{
		OperationID: "getTeam", Method: http.MethodGet, Path: "/api/v1/teams/{id}", Tags: []string{"Teams"},
		Summary: "Get a team",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[TeamDTO], error) {
		t, err := a.svc.GetTeam(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toTeamDTO(t), t.Version), nil
	})

	type teamUpdateInput struct {
		httpx.IDPath
		httpx.IfMatchHeader
		Body struct {
			Name        *string `json:"name,omitempty" maxLength:"100"`
			Description *string `json:"description,omitempty" maxLength:"1000"`
			ParentID    *int64  `json:"parentId,omitempty" minimum:"0" doc:"0 makes it a top-level team"`
		}
	}
	httpx.Register(api, httpx.Need(TeamUpdate), huma.Operation{
		OperationID: "updateTeam", Method: http.MethodPatch, Path: "/api/v1/teams/{id}", Tags: []string{"Teams"},
		Summary: "Update a team",
	}, func(ctx context.Context, in *teamUpdateInput) (*httpx.Versioned[TeamDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		t, err := a.svc.UpdateTeam(ctx, in.ID, v, TeamInput{Name: in.Body.Name, Description: in.Body.Description, ParentID: in.Body.ParentID})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toTeamDTO(t), t.Version), nil
	})

	httpx.Register(api, httpx.Need(TeamDelete), huma.Operation{
		OperationID: "deleteTeam", Method: http.MethodDelete, Path: "/api/v1/teams/{id}", Tags: []string{"Teams"},
		Summary: "Delete an empty team", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.DeleteTeam(ctx, in.ID)
	})
}
