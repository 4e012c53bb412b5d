package customer

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// AccountListInput is the query of an account or contact list.
type AccountListInput struct {
	httpx.ListParams
	Filter []string `query:"filter,explode" maxItems:"20" doc:"Conditions field:op:value, e.g. name:contains:科技, level:in:key,major, tags:has:vip, custom.budget:gte:1000"`
	Q      string   `query:"q" maxLength:"100" doc:"Part of the name, number, phone or e-mail"`
}

func (in AccountListInput) query(reg interface {
	Sorts(string) map[string]string
}, entity string) (ListQuery, error) {
	page, err := in.Page(reg.Sorts(entity), record.Sort{Column: "id", Desc: true})
	if err != nil {
		return ListQuery{}, err
	}
	return ListQuery{Filters: in.Filter, Q: in.Q, Page: page}, nil
}

// AccountBody is an account's writable fields.
type AccountBody struct {
	Name         *string         `json:"name,omitempty" maxLength:"200"`
	Type         *string         `json:"type,omitempty" enum:"company,person"`
	Level        *string         `json:"level,omitempty" maxLength:"50"`
	Industry     *string         `json:"industry,omitempty" maxLength:"50"`
	Region       *string         `json:"region,omitempty" maxLength:"50"`
	Source       *string         `json:"source,omitempty" maxLength:"50"`
	Lifecycle    *string         `json:"lifecycle,omitempty" enum:"lead,prospect,customer,loyal,at_risk,lost"`
	Phone        *string         `json:"phone,omitempty" maxLength:"50"`
	Email        *string         `json:"email,omitempty" maxLength:"254"`
	Website      *string         `json:"website,omitempty" maxLength:"300"`
	Address      *string         `json:"address,omitempty" maxLength:"500"`
	CreditLimit  *int64          `json:"creditLimit,omitempty" doc:"Minor units of currency"`
	Currency     *string         `json:"currency,omitempty" maxLength:"3"`
	Satisfaction *int            `json:"satisfaction,omitempty" doc:"1–5; 0 clears it"`
	Tags         *[]string       `json:"tags,omitempty" maxItems:"50"`
	Custom       *map[string]any `json:"custom,omitempty"`
	OwnerID      *int64          `json:"ownerId,omitempty" doc:"Another owner needs account:assign"`
}

func (b AccountBody) input() AccountInput {
	return AccountInput{Name: b.Name, Type: b.Type, Level: b.Level, Industry: b.Industry, Region: b.Region,
		Source: b.Source, Lifecycle: b.Lifecycle, Phone: b.Phone, Email: b.Email, Website: b.Website,
		Address: b.Address, CreditLimit: b.CreditLimit, Currency: b.Currency, Satisfaction: b.Satisfaction,
		Tags: b.Tags, Custom: b.Custom, OwnerID: b.OwnerID}
}

// AccountCreateInput is the request of createAccount.
type AccountCreateInput struct {
	httpx.IdempotencyKeyHeader
	Body AccountBody
}

// AccountUpdateInput is the request of updateAccount.
type AccountUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body AccountBody
}

// AccountContactsInput is the request of listAccountContacts.
type AccountContactsInput struct {
	httpx.IDPath
	AccountListInput
}

func (a *API) registerAccounts(api huma.API) {
	tags := []string{"Accounts"}
	httpx.Register(api, httpx.Need(AccountRead), huma.Operation{
		OperationID: "listAccounts", Method: http.MethodGet, Path: "/api/v1/accounts", Tags: tags,
		Summary: "List accounts in your scope",
	}, func(ctx context.Context, in *AccountListInput) (*httpx.List[AccountDTO], error) {
		lq, err := in.query(a.svc.reg, "account")
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListAccounts(ctx, lq)
		if err != nil {
			return nil, err
		}
		out, err := a.svc.accountDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})

	httpx.Register(api, httpx.Need(AccountCreate), huma.Operation{
		OperationID: "createAccount", Method: http.MethodPost, Path: "/api/v1/accounts", Tags: tags,
		Summary: "Create an account", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *AccountCreateInput) (*httpx.Versioned[AccountDTO], error) {
		return a.oneAccount(ctx)(a.svc.CreateAccount(ctx, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(AccountRead), huma.Operation{
		OperationID: "getAccount", Method: http.MethodGet, Path: "/api/v1/accounts/{id}", Tags: tags,
		Summary: "Get an account",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[AccountDTO], error) {
		return a.oneAccount(ctx)(a.svc.GetAccount(ctx, in.ID))
	})

	httpx.Register(api, httpx.Need(AccountUpdate), huma.Operation{
		OperationID: "updateAccount", Method: http.MethodPatch, Path: "/api/v1/accounts/{id}", Tags: tags,
		Summary:     "Update an account",
		Description: "Send If-Match with the version. A masked value sent back unchanged keeps the real one. Changing ownerId needs account:assign.",
	}, func(ctx context.Context, in *AccountUpdateInput) (*httpx.Versioned[AccountDTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		return a.oneAccount(ctx)(a.svc.UpdateAccount(ctx, in.ID, v, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(AccountDelete), huma.Operation{
		OperationID: "deleteAccount", Method: http.MethodDelete, Path: "/api/v1/accounts/{id}", Tags: tags,
		Summary: "Delete an account and its contacts", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.DeleteAccount(ctx, in.ID)
	})

	httpx.Register(api, httpx.Need(ContactRead), huma.Operation{
		OperationID: "listAccountContacts", Method: http.MethodGet, Path: "/api/v1/accounts/{id}/contacts",
		Tags: tags, Summary: "List an account's contacts",
	}, func(ctx context.Context, in *AccountContactsInput) (*httpx.List[ContactDTO], error) {
		lq, err := in.query(a.svc.reg, "contact")
		if err != nil {
			return nil, err
		}
		rows, next, err := a.svc.ListContacts(ctx, in.ID, lq)
		if err != nil {
			return nil, err
		}
		out, err := a.svc.contactDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})
}

func (a *API) oneAccount(ctx context.Context) func(*entAccount, error) (*httpx.Versioned[AccountDTO], error) {
	return func(r *entAccount, err error) (*httpx.Versioned[AccountDTO], error) {
		if err != nil {
			return nil, err
		}
		d, err := a.svc.accountDTO(ctx, r)
		if err != nil {
			return nil, err
		}
		return httpx.NewVersioned(d, r.Version), nil
	}
}
