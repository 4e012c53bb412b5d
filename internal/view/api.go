package view

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// SavedViewDTO is a saved view as the API shows it.
type SavedViewDTO struct {
	ID       int64     `json:"id"`
	Entity   string    `json:"entity"`
	Name     string    `json:"name"`
	Filters  []string  `json:"filters" doc:"Conditions field:op:value, as the entity's list takes them"`
	Q        string    `json:"q"`
	Sort     string    `json:"sort"`
	Columns  []string  `json:"columns" doc:"Visible columns in order; empty: the list's default"`
	Shared   bool      `json:"shared"`
	Mine     bool      `json:"mine" doc:"True for your own views; others' shared views are read-only"`
	OwnerID  int64     `json:"ownerId"`
	Position int       `json:"position"`
	Version  int64     `json:"version"`
	Updated  time.Time `json:"updatedAt"`
}

func toDTO(ctx context.Context, v *ent.SavedView) SavedViewDTO {
	a := authz.FromContext(ctx)
	d := SavedViewDTO{ID: v.ID, Entity: v.Entity, Name: v.Name, Filters: v.Filters, Q: v.Q, Sort: v.Sort, Columns: v.Columns,
		Shared: v.Shared, Mine: a != nil && a.UserID == v.OwnerID, OwnerID: v.OwnerID, Position: v.Position,
		Version: v.Version, Updated: v.UpdatedAt.UTC()}
	if d.Filters == nil {
		d.Filters = []string{}
	}
	if d.Columns == nil {
		d.Columns = []string{}
	}
	return d
}

// SavedViewBody is a view's writable fields.
type SavedViewBody struct {
	Name    *string   `json:"name,omitempty" maxLength:"100"`
	Filters *[]string `json:"filters,omitempty" maxItems:"20" doc:"Conditions field:op:value (validated like the list's filter parameter)"`
	Q       *string   `json:"q,omitempty" maxLength:"100"`
	Sort    *string   `json:"sort,omitempty" maxLength:"64" doc:"Field, or -field for descending"`
	Columns *[]string `json:"columns,omitempty" maxItems:"60"`
	Shared  *bool     `json:"shared,omitempty" doc:"Offer the view to everyone who may read the entity; needs saved_view:share"`
}

func (b SavedViewBody) input() Input {
	return Input{Name: b.Name, Filters: b.Filters, Q: b.Q, Sort: b.Sort, Columns: b.Columns, Shared: b.Shared}
}

// SavedViewCreateBody is the request body of createView.
type SavedViewCreateBody struct {
	Entity string `json:"entity" maxLength:"30" doc:"account, contact or activity"`
	SavedViewBody
}

// SavedViewCreateInput is the request of createView.
type SavedViewCreateInput struct {
	httpx.IdempotencyKeyHeader
	Body SavedViewCreateBody
}

// SavedViewUpdateInput is the request of updateView.
type SavedViewUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body SavedViewBody
}

// SavedViewListInput is the query of listViews.
type SavedViewListInput struct {
	Entity string `query:"entity" required:"true" maxLength:"30" doc:"account, contact or activity"`
}

// SavedViewListOutput is the answer of listViews and reorderViews.
type SavedViewListOutput struct {
	Body struct {
		Items []SavedViewDTO `json:"items"`
	}
}

// SavedViewReorderInput is the request of reorderViews.
type SavedViewReorderInput struct {
	Body struct {
		Entity string  `json:"entity" maxLength:"30"`
		IDs    []int64 `json:"ids" maxItems:"200" doc:"Your views of the entity in the wanted order; unlisted ones follow"`
	}
}

// TagsInput is the query of suggestTags.
type TagsInput struct {
	Entity string `query:"entity" required:"true" maxLength:"30" doc:"account, contact or activity"`
	Q      string `query:"q" maxLength:"30" doc:"Part of the tag"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"50"`
}

// TagsOutput is the answer of suggestTags.
type TagsOutput struct {
	Body struct {
		Items []string `json:"items"`
	}
}

func list(ctx context.Context, rows []*ent.SavedView) *SavedViewListOutput {
	out := &SavedViewListOutput{}
	out.Body.Items = make([]SavedViewDTO, len(rows))
	for i, r := range rows {
		out.Body.Items[i] = toDTO(ctx, r)
	}
	return out
}

// RegisterAPI adds the saved view and tag suggestion operations. Views are personal: every operation
// needs only a sign-in, and the service narrows it to the actor's own views (sharing needs
// saved_view:share, seeing a shared view the entity's read right).
func RegisterAPI(api huma.API, svc *Service) {
	tags := []string{"Saved views"}
	one := func(ctx context.Context, v *ent.SavedView, err error) (*httpx.Versioned[SavedViewDTO], error) {
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toDTO(ctx, v), v.Version), nil
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listViews", Method: http.MethodGet, Path: "/api/v1/views", Tags: tags,
		Summary: "List your saved views of an entity, then those others shared with you",
	}, func(ctx context.Context, in *SavedViewListInput) (*SavedViewListOutput, error) {
		rows, err := svc.List(ctx, in.Entity)
		if err != nil {
			return nil, err
		}
		return list(ctx, rows), nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "createView", Method: http.MethodPost, Path: "/api/v1/views", Tags: tags,
		Summary: "Save a list view", DefaultStatus: http.StatusCreated,
		Description: "Filters, sort and columns are validated against the entity's fields like a list request; " +
			"problems name body.filters[i], body.sort or body.columns[i].",
	}, func(ctx context.Context, in *SavedViewCreateInput) (*httpx.Versioned[SavedViewDTO], error) {
		v, err := svc.Create(ctx, in.Body.Entity, in.Body.input())
		return one(ctx, v, err)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "getView", Method: http.MethodGet, Path: "/api/v1/views/{id}", Tags: tags,
		Summary: "Get one of your views or a view shared with you",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[SavedViewDTO], error) {
		v, err := svc.Get(ctx, in.ID)
		return one(ctx, v, err)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "updateView", Method: http.MethodPatch, Path: "/api/v1/views/{id}", Tags: tags,
		Summary:     "Change, rename, share or unshare one of your views",
		Description: "Send If-Match with the version. Changing shared needs saved_view:share.",
	}, func(ctx context.Context, in *SavedViewUpdateInput) (*httpx.Versioned[SavedViewDTO], error) {
		ver, err := in.Version()
		if err != nil {
			return nil, err
		}
		v, err := svc.Update(ctx, in.ID, ver, in.Body.input())
		return one(ctx, v, err)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "deleteView", Method: http.MethodDelete, Path: "/api/v1/views/{id}", Tags: tags,
		Summary: "Delete one of your views", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.Delete(ctx, in.ID)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "reorderViews", Method: http.MethodPost, Path: "/api/v1/views/reorder", Tags: tags,
		Summary: "Reorder your views of an entity",
	}, func(ctx context.Context, in *SavedViewReorderInput) (*SavedViewListOutput, error) {
		rows, err := svc.Reorder(ctx, in.Body.Entity, in.Body.IDs)
		if err != nil {
			return nil, err
		}
		return list(ctx, rows), nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "suggestTags", Method: http.MethodGet, Path: "/api/v1/tags", Tags: tags,
		Summary: "Distinct tags used on the records of an entity that you may read",
		Description: "For tag filters and pickers. Needs the entity's read right; answers at most limit tags, " +
			"those containing q (case-insensitive), sorted.",
	}, func(ctx context.Context, in *TagsInput) (*TagsOutput, error) {
		items, err := svc.Tags(ctx, in.Entity, in.Q, in.Limit)
		if err != nil {
			return nil, err
		}
		out := &TagsOutput{}
		out.Body.Items = items
		return out, nil
	})
}
