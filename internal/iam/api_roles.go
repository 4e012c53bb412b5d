package iam

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// RightDTO describes one right for the role editor.
type RightDTO struct {
	Right         string `json:"right"`
	Resource      string `json:"resource"`
	Action        string `json:"action"`
	ResourceLabel string `json:"resourceLabel"`
	ActionLabel   string `json:"actionLabel"`
}

func grantsIn(gs []GrantDTO) *[]Grant {
	if gs == nil {
		return nil
	}
	out := make([]Grant, len(gs))
	for i, g := range gs {
		out[i] = Grant(g)
	}
	return &out
}

func (a *API) registerRoles(api huma.API) {
	type roleListInput struct {
		httpx.ListParams
		Q string `query:"q" maxLength:"100"`
	}
	httpx.Register(api, httpx.Need(RoleRead), huma.Operation{
		OperationID: "listRoles", Method: http.MethodGet, Path: "/api/v1/roles", Tags: []string{"Roles"},
		Summary: "List roles with their grants",
	}, func(ctx context.Context, in *roleListInput) (*httpx.List[RoleDTO], error) {
		page, err := in.Page(RoleSorts, record.Sort{Column: role.FieldID})
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListRoles(ctx, in.Q, page)
		if err != nil {
			return nil, err
		}
		out := make([]RoleDTO, len(rows))
		for i, r := range rows {
			out[i] = toRoleDTO(r)
		}
		return httpx.NewList(out, next), nil
	})

	type roleCreateInput struct {
		httpx.IdempotencyKeyHeader
		Body struct {
			Name        string     `json:"name" maxLength:"100"`
			Description string     `json:"description,omitempty" maxLength:"1000"`
			Grants      []GrantDTO `json:"grants" maxItems:"500"`
		}
	}
	httpx.Register(api, httpx.Need(RoleCreate), huma.Operation{
		OperationID: "createRole", Method: http.MethodPost, Path: "/api/v1/roles", Tags: []string{"Roles"},
		Summary: "Create a custom role", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *roleCreateInput) (*httpx.Versioned[RoleDTO], error) {
		r, err := a.svc.CreateRole(ctx, RoleInput{Name: &in.Body.Name, Description: &in.Body.Description, Grants: grantsIn(in.Body.Grants)})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toRoleDTO(r), r.Version), nil
	})

	httpx.Register(api, httpx.Need(RoleRead), huma.Operation{
		OperationID: "getRole", Method: http.MethodGet, Path: "/api/v1/roles/{id}", Tags: []string{"Roles"},
		Summary: "Get a role",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[RoleDTO], error) {
		r, err := a.svc.GetRole(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toRoleDTO(r), r.Version), nil
	})

	type roleUpdateInput struct {
		httpx.IDPath
		httpx.IfMatchHeader
		Body struct {
			Name        *string    `json:"name,omitempty" maxLength:"100"`
			Description *string    `json:"description,omitempty" maxLength:"1000"`
			Grants      []GrantDTO `json:"grants,omitempty" maxItems:"500" doc:"Replaces every grant when present"`
		}
	}
	httpx.Register(api, httpx.Need(RoleUpdate), huma.Operation{
		OperationID: "updateRole", Method: http.MethodPatch, Path: "/api/v1/roles/{id}", Tags: []string{"Roles"},
		Summary: "Update a role and its grants",
	}, func(ctx context.Context, in *roleUpdateInput) (*httpx.Versioned[RoleDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		r, err := a.svc.UpdateRole(ctx, in.ID, v, RoleInput{Name: in.Body.Name, Description: in.Body.Description, Grants: grantsIn(in.Body.Grants)})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toRoleDTO(r), r.Version), nil
	})

	httpx.Register(api, httpx.Need(RoleDelete), huma.Operation{
		OperationID: "deleteRole", Method: http.MethodDelete, Path: "/api/v1/roles/{id}", Tags: []string{"Roles"},
		Summary: "Delete a custom role no user holds", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.DeleteRole(ctx, in.ID)
	})

	httpx.Register(api, httpx.Need(RoleRead), huma.Operation{
		OperationID: "listRights", Method: http.MethodGet, Path: "/api/v1/rights", Tags: []string{"Roles"},
		Summary: "Every right the product knows, with labels",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Items []RightDTO `json:"items"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Items []RightDTO `json:"items"`
			}
		}{}
		loc := i18n.Locale(ctx)
		for _, r := range a.svc.Catalog().All() {
			out.Body.Items = append(out.Body.Items, RightDTO{Right: string(r), Resource: r.Resource(), Action: r.Action(),
				ResourceLabel: a.svc.i18n.T(loc, "resource."+r.Resource(), nil), ActionLabel: a.svc.i18n.T(loc, "action."+r.Action(), nil)})
		}
		return out, nil
	})
}
