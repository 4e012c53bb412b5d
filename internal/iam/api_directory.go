package iam

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// DirectoryUserDTO is a colleague as pickers show them (no e-mail).
type DirectoryUserDTO struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	TeamName string `json:"teamName" doc:"Empty when the user belongs to no team"`
}

func (a *API) registerDirectory(api huma.API) {
	type directoryInput struct {
		Q   string  `query:"q" maxLength:"100" doc:"Part of the name"`
		IDs []int64 `query:"ids,explode" maxItems:"100" doc:"Only these users (to show names of chosen ones)"`
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listDirectoryUsers", Method: http.MethodGet, Path: "/api/v1/directory/users", Tags: []string{"Users"},
		Summary: "Active colleagues for pickers (mentions, assignment): id, name and team, at most 20 per query",
	}, func(ctx context.Context, in *directoryInput) (*struct {
		Body struct {
			Items []DirectoryUserDTO `json:"items"`
		}
	}, error) {
		rows, err := a.svc.Directory(ctx, in.Q, in.IDs)
		if err != nil {
			return nil, err
		}
		out := &struct {
			Body struct {
				Items []DirectoryUserDTO `json:"items"`
			}
		}{}
		out.Body.Items = make([]DirectoryUserDTO, len(rows))
		for i, r := range rows {
			out.Body.Items[i] = DirectoryUserDTO(r)
		}
		return out, nil
	})
}
