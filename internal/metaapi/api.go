// Package metaapi serves the entity and field metadata that drives the generic list and form components.
package metaapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Register adds GET /api/v1/meta, the field metadata that drives the generic list and form components.
func Register(api huma.API, r *meta.Registry) {
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "getMeta", Method: http.MethodGet, Path: "/api/v1/meta", Tags: []string{"Metadata"},
		Summary: "Entities and their fields (labels in the request's language)",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Entities []meta.EntityMeta `json:"entities"`
		}
	}, error) {
		out := &struct {
			Body struct {
				Entities []meta.EntityMeta `json:"entities"`
			}
		}{}
		out.Body.Entities = r.Entities(i18n.Locale(ctx))
		return out, nil
	})
}
