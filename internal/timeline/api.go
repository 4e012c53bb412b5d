package timeline

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// Input is the request of a timeline page.
type Input struct {
	ID     int64  `path:"id"`
	Types  string `query:"types" maxLength:"100" doc:"Comma-separated kinds to show: activity, comment, change, merge; all by default"`
	Cursor string `query:"cursor" maxLength:"200" doc:"Opaque cursor from the previous page's nextCursor"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"30" doc:"Page size"`
}

func (in Input) query() Query {
	var kinds []string
	if in.Types != "" {
		kinds = strings.Split(in.Types, ",")
	}
	return Query{Kinds: kinds, Cursor: in.Cursor, Limit: in.Limit}
}

// RegisterAPI adds the timeline operations.
func RegisterAPI(api huma.API, svc *Service) {
	httpx.Register(api, httpx.Need(accountRead), huma.Operation{
		OperationID: "getAccountTimeline", Method: http.MethodGet, Path: "/api/v1/accounts/{id}/timeline",
		Tags:        []string{"Accounts"},
		Summary:     "An account's interaction history, newest first",
		Description: "Activities, comments, field changes (of the account, its contacts and activities) and merges, within your scope.",
	}, func(ctx context.Context, in *Input) (*httpx.List[Item], error) {
		items, next, err := svc.Account(ctx, in.ID, in.query())
		if err != nil {
			return nil, err
		}
		return httpx.NewList(items, next), nil
	})
	httpx.Register(api, httpx.Need(contactRead), huma.Operation{
		OperationID: "getContactTimeline", Method: http.MethodGet, Path: "/api/v1/contacts/{id}/timeline",
		Tags:    []string{"Contacts"},
		Summary: "A contact's interaction history, newest first",
	}, func(ctx context.Context, in *Input) (*httpx.List[Item], error) {
		items, next, err := svc.Contact(ctx, in.ID, in.query())
		if err != nil {
			return nil, err
		}
		return httpx.NewList(items, next), nil
	})
}
