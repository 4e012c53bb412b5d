package customer

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

type (
	entAccount = ent.Account
	entContact = ent.Contact
)

// ContactBody is a contact's writable fields.
type ContactBody struct {
	AccountID        *int64          `json:"accountId,omitempty" minimum:"1"`
	Name             *string         `json:"name,omitempty" maxLength:"100"`
	Title            *string         `json:"title,omitempty" maxLength:"100"`
	BuyingRole       *string         `json:"buyingRole,omitempty" maxLength:"50"`
	Phone            *string         `json:"phone,omitempty" maxLength:"50"`
	Mobile           *string         `json:"mobile,omitempty" maxLength:"50"`
	Email            *string         `json:"email,omitempty" maxLength:"254"`
	Birthday         *string         `json:"birthday,omitempty" maxLength:"10" doc:"YYYY-MM-DD; empty clears it"`
	PreferredChannel *string         `json:"preferredChannel,omitempty" enum:"phone,email,wechat,sms,visit"`
	Consent          *bool           `json:"consent,omitempty"`
	Tags             *[]string       `json:"tags,omitempty" maxItems:"50"`
	Custom           *map[string]any `json:"custom,omitempty"`
}

func (b ContactBody) input() ContactInput {
	return ContactInput{AccountID: b.AccountID, Name: b.Name, Title: b.Title, BuyingRole: b.BuyingRole, Phone: b.Phone,
		Mobile: b.Mobile, Email: b.Email, Birthday: b.Birthday, PreferredChannel: b.PreferredChannel,
		Consent: b.Consent, Tags: b.Tags, Custom: b.Custom}
}

// ContactCreateInput is the request of createContact.
type ContactCreateInput struct {
	httpx.IdempotencyKeyHeader
	Body ContactBody
}

// ContactUpdateInput is the request of updateContact.
type ContactUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body ContactBody
}

func (a *API) registerContacts(api huma.API) {
	tags := []string{"Contacts"}
	httpx.Register(api, httpx.Need(ContactRead), huma.Operation{
		OperationID: "listContacts", Method: http.MethodGet, Path: "/api/v1/contacts", Tags: tags,
		Summary: "List contacts in your scope",
	}, func(ctx context.Context, in *AccountListInput) (*httpx.List[ContactDTO], error) {
		lq, err := in.query(a.svc.reg, "contact")
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListContacts(ctx, 0, lq)
		if err != nil {
			return nil, err
		}
		out, err := a.svc.contactDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})

	httpx.Register(api, httpx.Need(ContactCreate), huma.Operation{
		OperationID: "createContact", Method: http.MethodPost, Path: "/api/v1/contacts", Tags: tags,
		Summary: "Create a contact under an account", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *ContactCreateInput) (*httpx.Versioned[ContactDTO], error) {
		return a.oneContact(ctx)(a.svc.CreateContact(ctx, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(ContactRead), huma.Operation{
		OperationID: "getContact", Method: http.MethodGet, Path: "/api/v1/contacts/{id}", Tags: tags,
		Summary: "Get a contact",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[ContactDTO], error) {
		return a.oneContact(ctx)(a.svc.GetContact(ctx, in.ID))
	})

	httpx.Register(api, httpx.Need(ContactUpdate), huma.Operation{
		OperationID: "updateContact", Method: http.MethodPatch, Path: "/api/v1/contacts/{id}", Tags: tags,
		Summary:     "Update a contact",
		Description: "Send If-Match with the version. A masked value sent back unchanged keeps the real one.",
	}, func(ctx context.Context, in *ContactUpdateInput) (*httpx.Versioned[ContactDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		return a.oneContact(ctx)(a.svc.UpdateContact(ctx, in.ID, v, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(ContactDelete), huma.Operation{
		OperationID: "deleteContact", Method: http.MethodDelete, Path: "/api/v1/contacts/{id}", Tags: tags,
		Summary: "Delete a contact", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.DeleteContact(ctx, in.ID)
	})
}

func (a *API) oneContact(ctx context.Context) func(*entContact, error) (*httpx.Versioned[ContactDTO], error) {
	return func(r *entContact, err error) (*httpx.Versioned[ContactDTO], error) {
		if err != nil {
			return nil, err
		}
		d, err := a.svc.contactDTO(ctx, r)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(d, r.Version), nil
	}
}
