package customer

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// AccountTransferBody is the request of transferAccounts.
type AccountTransferBody struct {
	FromOwnerID int64   `json:"fromOwnerId" minimum:"1" doc:"The current owner"`
	ToOwnerID   int64   `json:"toOwnerId" minimum:"1" doc:"The new owner: an active user within your account:assign scope"`
	AccountIDs  []int64 `json:"accountIds,omitempty" maxItems:"10000" doc:"Accounts of fromOwnerId to move; omitted or empty: all of them within your scope"`
}

// AccountTransferInput is the request of transferAccounts.
type AccountTransferInput struct {
	Body AccountTransferBody
}

// AccountTransferCounts is what a transfer moved.
type AccountTransferCounts struct {
	Accounts int `json:"accounts"`
	Contacts int `json:"contacts"`
}

// AccountTransferOutput is the answer of transferAccounts.
type AccountTransferOutput struct {
	Body AccountTransferCounts
}

func (a *API) registerTransfer(api huma.API) {
	httpx.Register(api, httpx.Need(AccountAssign), huma.Operation{
		OperationID: "transferAccounts", Method: http.MethodPost, Path: "/api/v1/accounts/transfer",
		Tags: []string{"Accounts"}, Summary: "Transfer accounts and their contacts to another owner",
		Description: "Moves all (or the listed) accounts of fromOwnerId, with their contacts, to toOwnerId and " +
			"the new owner's team, in one transaction: all or nothing, at most 10,000 accounts. Both users must " +
			"lie within your account:assign scope (others are reported like unknown users) and the new owner " +
			"must be active. If any listed account is not fromOwnerId's or not reachable by you for update and " +
			"assign, nothing moves and the answer is 422 naming each such id (body.accountIds[i]).",
	}, func(ctx context.Context, in *AccountTransferInput) (*AccountTransferOutput, error) {
		res, err := a.svc.Transfer(ctx, TransferInput{FromOwnerID: in.Body.FromOwnerID, ToOwnerID: in.Body.ToOwnerID,
			AccountIDs: in.Body.AccountIDs})
		if err != nil {
			return nil, err
		}
		return &AccountTransferOutput{Body: AccountTransferCounts{Accounts: res.Accounts, Contacts: res.Contacts}}, nil
	})
}
