package iam

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

type userBody struct {
	Email    *string  `json:"email,omitempty" maxLength:"254"`
	Name     *string  `json:"name,omitempty" maxLength:"100"`
	Locale   *string  `json:"locale,omitempty" enum:"zh-CN,en"`
	TimeZone *string  `json:"timeZone,omitempty" maxLength:"64"`
	TeamID   *int64   `json:"teamId,omitempty" minimum:"0" doc:"0 removes the user from their team"`
	RoleIDs  *[]int64 `json:"roleIds,omitempty" maxItems:"50"`
}

func (b userBody) input() UserInput {
	return UserInput{Email: b.Email, Name: b.Name, Locale: b.Locale, TimeZone: b.TimeZone, TeamID: b.TeamID, RoleIDs: b.RoleIDs}
}

func (a *API) registerUsers(api huma.API) {
	type userListInput struct {
		httpx.ListParams
		Q      string `query:"q" maxLength:"100" doc:"Part of the name or e-mail"`
		TeamID int64  `query:"teamId" minimum:"0"`
		RoleID int64  `query:"roleId" minimum:"0"`
		Active string `query:"active" enum:"true,false,"`
	}
	httpx.Register(api, httpx.Need(UserRead), huma.Operation{
		OperationID: "listUsers", Method: http.MethodGet, Path: "/api/v1/users", Tags: []string{"Users"},
		Summary: "List users in your scope",
	}, func(ctx context.Context, in *userListInput) (*httpx.List[UserDTO], error) {
		page, err := in.Page(UserSorts, record.Sort{Column: user.FieldName})
		if err != nil {
			return nil, err
		}
		f := UserFilter{Q: in.Q, TeamID: in.TeamID, RoleID: in.RoleID}
		if in.Active != "" {
			v := in.Active == "true"
			f.Active = &v
		}
		rows, next, err := a.svc.ListUsers(ctx, f, page)
		if err != nil {
			return nil, err
		}
		out := make([]UserDTO, len(rows))
		for i, u := range rows {
			out[i] = toUserDTO(u)
		}
		return httpx.NewList(out, next), nil
	})

	type userCreateInput struct {
		httpx.IdempotencyKeyHeader
		Body struct {
			Email    string  `json:"email" maxLength:"254"`
			Name     string  `json:"name" maxLength:"100"`
			Password string  `json:"password" maxLength:"256"`
			Locale   string  `json:"locale,omitempty" enum:"zh-CN,en"`
			TimeZone string  `json:"timeZone,omitempty" maxLength:"64"`
			TeamID   int64   `json:"teamId,omitempty" minimum:"0"`
			RoleIDs  []int64 `json:"roleIds,omitempty" maxItems:"50"`
		}
	}
	httpx.Register(api, httpx.Need(UserCreate), huma.Operation{
		OperationID: "createUser", Method: http.MethodPost, Path: "/api/v1/users", Tags: []string{"Users"},
		Summary: "Create a user", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *userCreateInput) (*httpx.Versioned[UserDTO], error) {
		b := in.Body
		ui := UserInput{Email: &b.Email, Name: &b.Name, Password: &b.Password, TeamID: &b.TeamID, RoleIDs: &b.RoleIDs}
		if b.Locale != "" {
			ui.Locale = &b.Locale
		}
		if b.TimeZone != "" {
			ui.TimeZone = &b.TimeZone
		}
		if b.RoleIDs == nil {
			ui.RoleIDs = nil
		}
		u, err := a.svc.CreateUser(ctx, ui)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toUserDTO(u), u.Version), nil
	})

	httpx.Register(api, httpx.Need(UserRead), huma.Operation{
		OperationID: "getUser", Method: http.MethodGet, Path: "/api/v1/users/{id}", Tags: []string{"Users"},
		Summary: "Get a user",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[UserDTO], error) {
		u, err := a.svc.GetUser(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toUserDTO(u), u.Version), nil
	})

	type userUpdateInput struct {
		httpx.IDPath
		httpx.IfMatchHeader
		Body userBody
	}
	httpx.Register(api, httpx.Need(UserUpdate), huma.Operation{
		OperationID: "updateUser", Method: http.MethodPatch, Path: "/api/v1/users/{id}", Tags: []string{"Users"},
		Summary: "Update a user", Description: "Send If-Match with the version; changing roles needs role:update with the all scope.",
	}, func(ctx context.Context, in *userUpdateInput) (*httpx.Versioned[UserDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		u, err := a.svc.UpdateUser(ctx, in.ID, v, in.Body.input())
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toUserDTO(u), u.Version), nil
	})

	for _, act := range []struct {
		id, path, summary string
		active            bool
	}{
		{"deactivateUser", "/api/v1/users/{id}/deactivate", "Deactivate a user (ends their sessions and tokens at once)", false},
		{"activateUser", "/api/v1/users/{id}/activate", "Re-activate a user", true},
	} {
		httpx.Register(api, httpx.Need(UserUpdate), huma.Operation{
			OperationID: act.id, Method: http.MethodPost, Path: act.path, Tags: []string{"Users"}, Summary: act.summary,
		}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[UserDTO], error) {
			u, err := a.svc.SetActive(ctx, in.ID, act.active)
			if err != nil {
				return nil, err
			}
			return httpx.NewVersioned(toUserDTO(u), u.Version), nil
		})
	}
}
