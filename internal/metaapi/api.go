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

// CustomFields lists the active custom field definitions of an entity (SPEC B2); the customfield
// module implements it. Definitions live in the database, so the metadata is built per request.
type CustomFields interface {
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// MetaOutput is the answer of GET /api/v1/meta.
type MetaOutput struct {
	Body struct {
		Entities []meta.EntityMeta `json:"entities"`
	}
}

// Register adds GET /api/v1/meta, the field metadata that drives the generic list and form components.
// custom may be nil: no custom fields are then shown.
func Register(api huma.API, r *meta.Registry, custom CustomFields) {
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "getMeta", Method: http.MethodGet, Path: "/api/v1/meta", Tags: []string{"Metadata"},
		Summary: "Entities and their fields (labels in the request's language), custom fields included",
	}, func(ctx context.Context, _ *struct{}) (*MetaOutput, error) {
		defs := map[string][]meta.CustomDef{}
		if custom != nil {
			for _, e := range r.CustomEntities() {
				ds, err := custom.Defs(ctx, e)
				if err != nil {
					return nil, err
				}
				defs[e] = ds
			}
		}
		out := &MetaOutput{}
		out.Body.Entities = r.EntitiesWithCustom(i18n.Locale(ctx), defs)
		return out, nil
	})
}
