package customfield

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomFieldOptionDTO is one choice of a select or multiselect field.
type CustomFieldOptionDTO struct {
	Value   string `json:"value" maxLength:"50" doc:"Stored value: letters, digits, _ and -"`
	LabelZh string `json:"labelZh" maxLength:"200"`
	LabelEn string `json:"labelEn" maxLength:"200"`
}

// CustomFieldDTO is a definition as the API shows it.
type CustomFieldDTO struct {
	ID         int64                  `json:"id"`
	Entity     string                 `json:"entity" example:"account"`
	Key        string                 `json:"key" doc:"Values are stored under custom.<key>"`
	Label      string                 `json:"label" doc:"In the request's language"`
	LabelZh    string                 `json:"labelZh"`
	LabelEn    string                 `json:"labelEn"`
	Type       string                 `json:"type" enum:"text,number,money,date,select,multiselect,boolean,user"`
	Options    []CustomFieldOptionDTO `json:"options"`
	Required   bool                   `json:"required"`
	Filterable bool                   `json:"filterable"`
	Sensitive  bool                   `json:"sensitive"`
	SortOrder  int                    `json:"sortOrder"`
	Active     bool                   `json:"active"`
	CreatedAt  time.Time              `json:"createdAt"`
	UpdatedAt  time.Time              `json:"updatedAt"`
	Version    int64                  `json:"version"`
}

func toDTO(ctx context.Context, f *ent.CustomField) CustomFieldDTO {
	label := f.LabelEn
	if i18n.Locale(ctx) == "zh-CN" {
		label = f.LabelZh
	}
	opts := make([]CustomFieldOptionDTO, len(f.Options))
	for i, o := range f.Options {
		opts[i] = CustomFieldOptionDTO(o)
	}
	return CustomFieldDTO{ID: f.ID, Entity: f.Entity, Key: f.Key, Label: label, LabelZh: f.LabelZh, LabelEn: f.LabelEn,
		Type: string(f.Type), Options: opts, Required: f.Required, Filterable: f.Filterable, Sensitive: f.Sensitive,
		SortOrder: f.SortOrder, Active: f.Active, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt, Version: f.Version}
}

func fromOptions(in *[]CustomFieldOptionDTO) *[]meta.CustomOption {
	if in == nil {
		return nil
	}
	out := make([]meta.CustomOption, len(*in))
	for i, o := range *in {
		out[i] = meta.CustomOption(o)
	}
	return &out
}

// CustomFieldList is the definitions of one entity.
type CustomFieldList struct {
	Body struct {
		Items []CustomFieldDTO `json:"items"`
	}
}

// CustomFieldListQuery is the input of the list.
type CustomFieldListQuery struct {
	Entity          string `query:"entity" required:"true" maxLength:"50" doc:"Entity whose fields to list, e.g. account"`
	IncludeInactive bool   `query:"includeInactive" doc:"Also list deactivated fields"`
}

// CustomFieldCreateInput is the input of a creation.
type CustomFieldCreateInput struct {
	httpx.IdempotencyKeyHeader
	Body struct {
		Entity     string                  `json:"entity" maxLength:"50" example:"account"`
		Key        string                  `json:"key" maxLength:"100" doc:"Lowercase letter, then up to 39 lowercase letters, digits or _; immutable"`
		LabelZh    string                  `json:"labelZh" maxLength:"200"`
		LabelEn    string                  `json:"labelEn" maxLength:"200"`
		Type       string                  `json:"type" enum:"text,number,money,date,select,multiselect,boolean,user" doc:"Immutable"`
		Options    *[]CustomFieldOptionDTO `json:"options,omitempty" maxItems:"200" doc:"Choices of a select or multiselect field"`
		Required   *bool                   `json:"required,omitempty"`
		Filterable *bool                   `json:"filterable,omitempty"`
		Sensitive  *bool                   `json:"sensitive,omitempty"`
		SortOrder  *int                    `json:"sortOrder,omitempty" doc:"Defaults to after the entity's last field"`
		Active     *bool                   `json:"active,omitempty" doc:"Defaults to true"`
	}
}

// CustomFieldUpdateInput is the input of an update (entity, key and type never change).
type CustomFieldUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body struct {
		LabelZh    *string                 `json:"labelZh,omitempty" maxLength:"200"`
		LabelEn    *string                 `json:"labelEn,omitempty" maxLength:"200"`
		Options    *[]CustomFieldOptionDTO `json:"options,omitempty" maxItems:"200"`
		Required   *bool                   `json:"required,omitempty"`
		Filterable *bool                   `json:"filterable,omitempty"`
		Sensitive  *bool                   `json:"sensitive,omitempty"`
		SortOrder  *int                    `json:"sortOrder,omitempty"`
		Active     *bool                   `json:"active,omitempty"`
	}
}

// CustomFieldReorderInput is the input of a reorder.
type CustomFieldReorderInput struct {
	Body struct {
		Entity string  `json:"entity" maxLength:"50"`
		IDs    []int64 `json:"ids" maxItems:"1000" doc:"Field ids of the entity in their new order; unlisted fields follow in their current order"`
	}
}

// RegisterAPI adds the custom field operations to api.
func RegisterAPI(api huma.API, svc *Service) {
	tags := []string{"Custom fields"}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listCustomFields", Method: http.MethodGet, Path: "/api/v1/custom-fields", Tags: tags,
		Summary: "List the custom fields of an entity in their order",
	}, func(ctx context.Context, in *CustomFieldListQuery) (*CustomFieldList, error) {
		items, err := svc.List(ctx, in.Entity, in.IncludeInactive)
		if err != nil {
			return nil, err
		}
		return list(ctx, items), nil
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "createCustomField", Method: http.MethodPost, Path: "/api/v1/custom-fields", Tags: tags,
		Summary: "Add a custom field to an entity", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *CustomFieldCreateInput) (*httpx.Versioned[CustomFieldDTO], error) {
		b := in.Body
		f, err := svc.Create(ctx, Input{Entity: &b.Entity, Key: &b.Key, Type: &b.Type, LabelZh: &b.LabelZh, LabelEn: &b.LabelEn,
			Options: fromOptions(b.Options), Required: b.Required, Filterable: b.Filterable, Sensitive: b.Sensitive,
			SortOrder: b.SortOrder, Active: b.Active})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toDTO(ctx, f), f.Version), nil
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "updateCustomField", Method: http.MethodPatch, Path: "/api/v1/custom-fields/{id}", Tags: tags,
		Summary: "Update a custom field (labels, options, flags, order, active)",
	}, func(ctx context.Context, in *CustomFieldUpdateInput) (*httpx.Versioned[CustomFieldDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		b := in.Body
		f, err := svc.Update(ctx, in.ID, v, Input{LabelZh: b.LabelZh, LabelEn: b.LabelEn, Options: fromOptions(b.Options),
			Required: b.Required, Filterable: b.Filterable, Sensitive: b.Sensitive, SortOrder: b.SortOrder, Active: b.Active})
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(toDTO(ctx, f), f.Version), nil
	})

	httpx.Register(api, httpx.Need(Delete), huma.Operation{
		OperationID: "deleteCustomField", Method: http.MethodDelete, Path: "/api/v1/custom-fields/{id}", Tags: tags,
		Summary:       "Delete a custom field definition (stored values stay in the records but are no longer shown)",
		DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.Delete(ctx, in.ID)
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "reorderCustomFields", Method: http.MethodPost, Path: "/api/v1/custom-fields/reorder", Tags: tags,
		Summary: "Reorder the custom fields of an entity",
	}, func(ctx context.Context, in *CustomFieldReorderInput) (*CustomFieldList, error) {
		items, err := svc.Reorder(ctx, in.Body.Entity, in.Body.IDs)
		if err != nil {
			return nil, err
		}
		return list(ctx, items), nil
	})
}

func list(ctx context.Context, items []*ent.CustomField) *CustomFieldList {
	out := &CustomFieldList{}
	out.Body.Items = make([]CustomFieldDTO, len(items))
	for i, it := range items {
		out.Body.Items[i] = toDTO(ctx, it)
	}
	return out
}
