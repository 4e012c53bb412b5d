package iam

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

func (a *API) registerTokens(api huma.API) {
	type tokenListInput struct {
		Cursor string `query:"cursor" maxLength:"512"`
		Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listApiTokens", Method: http.MethodGet, Path: "/api/v1/api-tokens", Tags: []string{"API tokens"},
		Summary: "List your API tokens",
	}, func(ctx context.Context, in *tokenListInput) (*httpx.List[TokenDTO], error) {
		p, err := httpx.ListParams{Cursor: in.Cursor, Limit: in.Limit}.Page(nil, httpxIDSort)
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListTokens(ctx, p)
		if err != nil {
			return nil, err
		}
		out := make([]TokenDTO, len(rows))
		for i, t := range rows {
			out[i] = toTokenDTO(t)
		}
		return httpx.NewList(out, next), nil
	})

	type tokenCreateInput struct {
		Body struct {
			Name      string     `json:"name" maxLength:"100"`
			Scopes    []string   `json:"scopes,omitempty" maxItems:"200" doc:"Rights the token is limited to; empty means all of yours"`
			ExpiresAt *time.Time `json:"expiresAt,omitempty"`
		}
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "createApiToken", Method: http.MethodPost, Path: "/api/v1/api-tokens", Tags: []string{"API tokens"},
		Summary: "Create an API token (the token is shown once)", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *tokenCreateInput) (*struct{ Body CreatedTokenDTO }, error) {
		t, token, err := a.svc.CreateToken(ctx, TokenInput{Name: in.Body.Name, Scopes: in.Body.Scopes, ExpiresAt: in.Body.ExpiresAt})
		if err != nil {
			return nil, err
		}
		return &struct{ Body CreatedTokenDTO }{Body: CreatedTokenDTO{TokenDTO: toTokenDTO(t), Token: token}}, nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "revokeApiToken", Method: http.MethodDelete, Path: "/api/v1/api-tokens/{id}", Tags: []string{"API tokens"},
		Summary: "Revoke one of your API tokens", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.RevokeToken(ctx, in.ID)
	})
}
