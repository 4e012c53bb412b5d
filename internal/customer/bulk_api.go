package customer

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/bulk"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// BulkInput is the request of bulkAccounts and bulkContacts.
type BulkInput struct {
	Body bulk.BulkRequest
}

const bulkDescription = "Either ids (at most 1,000) or all=true with the list's filter and q (every matching record " +
	"in your scope, at most 10,000; more is refused with the count). One transaction through the single-record " +
	"update or delete: validation, data scope, audit and search index as for one record. If any record is missing, " +
	"outside your scope for the action, or refuses the change, nothing changes and the answer is 422 naming that " +
	"record (body.ids[i], or the field: body.value for an edit). "

func (a *API) registerBulk(api huma.API) {
	httpx.Register(api, httpx.Need(AccountUpdate), huma.Operation{
		OperationID: "bulkAccounts", Method: http.MethodPost, Path: "/api/v1/accounts/bulk", Tags: []string{"Accounts"},
		Summary: "Assign, tag, untag, edit or delete many accounts at once",
		Description: bulkDescription + "Needs account:update for every action, plus account:assign for assign (the new owner " +
			"must lie within its scope; contacts follow), account:delete for delete.",
	}, func(ctx context.Context, in *BulkInput) (*bulk.Output, error) {
		res, err := a.svc.BulkAccounts(ctx, in.Body)
		return &bulk.Output{Body: res}, err
	})
	httpx.Register(api, httpx.Need(ContactUpdate), huma.Operation{
		OperationID: "bulkContacts", Method: http.MethodPost, Path: "/api/v1/contacts/bulk", Tags: []string{"Contacts"},
		Summary: "Tag, untag, edit or delete many contacts at once",
		Description: bulkDescription + "Needs contact:update for every action, plus contact:delete for delete. There is no " +
			"assign: a contact's owner is its account's.",
	}, func(ctx context.Context, in *BulkInput) (*bulk.Output, error) {
		res, err := a.svc.BulkContacts(ctx, in.Body)
		return &bulk.Output{Body: res}, err
	})
}
