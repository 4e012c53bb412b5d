package dictionary

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// DictionaryKindDTO is a kind of the catalogue as the API shows it.
type DictionaryKindDTO struct {
	Kind        string `json:"kind" example:"customer_level"`
	Label       string `json:"label" doc:"In the request's language"`
	LabelZh     string `json:"labelZh"`
	LabelEn     string `json:"labelEn"`
	ItemCount   int    `json:"itemCount"`
	ActiveCount int    `json:"activeCount"`
}

// DictionaryItemDTO is an item as the API shows it.
type DictionaryItemDTO struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Code      string    `json:"code"`
	Label     string    `json:"label" doc:"In the request's language"`
	LabelZh   string    `json:"labelZh"`
	LabelEn   string    `json:"labelEn"`
	SortOrder int       `json:"sortOrder"`
	Active    bool      `json:"active"`
	Builtin   bool      `json:"builtin" doc:"Built-in items cannot be deleted, only deactivated"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Version   int64     `json:"version"`
}

func toItemDTO(ctx context.Context, it *ent.DictionaryItem) DictionaryItemDTO {
	return DictionaryItemDTO{ID: it.ID, Kind: it.Kind, Code: it.Code, Label: ItemLabel(it, i18n.Locale(ctx)),
		LabelZh: it.LabelZh, LabelEn: it.LabelEn, SortOrder: it.SortOrder, Active: it.Active, Builtin: it.Builtin,
		CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, Version: it.Version}
}

// DictionaryKindList is the catalogue of kinds.
type DictionaryKindList struct {
	Body struct {
		Items []DictionaryKindDTO `json:"items"`
	}
}

// DictionaryItemList is the items of one kind.
type DictionaryItemList struct {
	Body struct {
		Items []DictionaryItemDTO `json:"items"`
	}
}

// DictionaryKindPath names a kind in the path.
type DictionaryKindPath struct {
	Kind string `path:"kind" maxLength:"50" doc:"Dictionary kind, e.g. customer_level"`
}

// DictionaryItemsQuery is the input of the item list.
type DictionaryItemsQuery struct {
	DictionaryKindPath
	IncludeInactive bool `query:"includeInactive" doc:"Also list deactivated items"`
}

// DictionaryItemCreateInput is the input of an item creation.
type DictionaryItemCreateInput struct {
	DictionaryKindPath
	httpx.IdempotencyKeyHeader
	Body struct {
		Code      string `json:"code" maxLength:"100" doc:"Stable code records store: lowercase letters, digits and _ (at most 50)"`
		LabelZh   string `json:"labelZh" maxLength:"200"`
		LabelEn   string `json:"labelEn" maxLength:"200"`
		SortOrder *int   `json:"sortOrder,omitempty" doc:"Defaults to after the kind's last item"`
		Active    *bool  `json:"active,omitempty" doc:"Defaults to true"`
	}
}

// DictionaryItemUpdateInput is the input of an item update (kind and code never change).
type DictionaryItemUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body struct {
		LabelZh   *string `json:"labelZh,omitempty" maxLength:"200"`
		LabelEn   *string `json:"labelEn,omitempty" maxLength:"200"`
		SortOrder *int    `json:"sortOrder,omitempty"`
		Active    *bool   `json:"active,omitempty"`
	}
}

// DictionaryReorderInput is the input of a reorder.
type DictionaryReorderInput struct {
	DictionaryKindPath
	Body struct {
		IDs []int64 `json:"ids" maxItems:"1000" doc:"Item ids of the kind in their new order; unlisted items follow in their current order"`
	}
}

// RegisterAPI adds the dictionary operations to api.
func RegisterAPI(api huma.API, svc *Service) {
	tags := []string{"Dictionary"}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listDictionaryKinds", Method: http.MethodGet, Path: "/api/v1/dictionary", Tags: tags,
		Summary: "List the dictionary's kinds with their item counts",
	}, func(ctx context.Context, _ *struct{}) (*DictionaryKindList, error) {
		kinds, err := svc.ListKinds(ctx)
		if err != nil {
			return nil, err
		}
		out := &DictionaryKindList{}
		out.Body.Items = make([]DictionaryKindDTO, len(kinds))
		for i, k := range kinds {
			out.Body.Items[i] = DictionaryKindDTO{Kind: k.Code, Label: k.Label.For(i18n.Locale(ctx)), LabelZh: k.Label.ZH,
				LabelEn: k.Label.EN, ItemCount: k.Items, ActiveCount: k.Active}
		}
		return out, nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listDictionaryItems", Method: http.MethodGet, Path: "/api/v1/dictionary/{kind}/items", Tags: tags,
		Summary: "List the items of a kind in their order",
	}, func(ctx context.Context, in *DictionaryItemsQuery) (*DictionaryItemList, error) {
		items, err := svc.ListItems(ctx, in.Kind, in.IncludeInactive)
		if err != nil {
			return nil, err
		}
		return itemList(ctx, items), nil
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "createDictionaryItem", Method: http.MethodPost, Path: "/api/v1/dictionary/{kind}/items", Tags: tags,
		Summary: "Add an item to a kind", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *DictionaryItemCreateInput) (*httpx.Versioned[DictionaryItemDTO], error) {
		b := in.Body
		it, err := svc.CreateItem(ctx, in.Kind, ItemInput{Code: &b.Code, LabelZh: &b.LabelZh, LabelEn: &b.LabelEn,
			SortOrder: b.SortOrder, Active: b.Active})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toItemDTO(ctx, it), it.Version), nil
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "updateDictionaryItem", Method: http.MethodPatch, Path: "/api/v1/dictionary/items/{id}", Tags: tags,
		Summary: "Update an item (labels, order, active)",
	}, func(ctx context.Context, in *DictionaryItemUpdateInput) (*httpx.Versioned[DictionaryItemDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		b := in.Body
		it, err := svc.UpdateItem(ctx, in.ID, v, ItemInput{LabelZh: b.LabelZh, LabelEn: b.LabelEn, SortOrder: b.SortOrder, Active: b.Active})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toItemDTO(ctx, it), it.Version), nil
	})

	httpx.Register(api, httpx.Need(Delete), huma.Operation{
		OperationID: "deleteDictionaryItem", Method: http.MethodDelete, Path: "/api/v1/dictionary/items/{id}", Tags: tags,
		Summary: "Delete a custom item (built-in items can only be deactivated)", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.DeleteItem(ctx, in.ID)
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "reorderDictionaryItems", Method: http.MethodPost, Path: "/api/v1/dictionary/{kind}/reorder", Tags: tags,
		Summary: "Reorder the items of a kind",
	}, func(ctx context.Context, in *DictionaryReorderInput) (*DictionaryItemList, error) {
		items, err := svc.Reorder(ctx, in.Kind, in.Body.IDs)
		if err != nil {
			return nil, err
		}
		return itemList(ctx, items), nil
	})
}

func itemList(ctx context.Context, items []*ent.DictionaryItem) *DictionaryItemList {
	out := &DictionaryItemList{}
	out.Body.Items = make([]DictionaryItemDTO, len(items))
	for i, it := range items {
		out.Body.Items[i] = toItemDTO(ctx, it)
	}
	return out
}
