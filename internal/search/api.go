package search

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// Input is the query of the search operation.
type Input struct {
	Q     string `query:"q" doc:"What to look for: part of a name (Chinese or Latin), a number, the last digits of a phone, an e-mail. 1–100 characters."`
	Types string `query:"types" maxLength:"200" doc:"Comma-separated entities to search (account, contact, activity); all by default"`
	Limit int    `query:"limit" minimum:"1" maximum:"50" default:"10" doc:"Most hits to return"`
}

// HitDTO is one record found.
type HitDTO struct {
	Entity    string  `json:"entity" enum:"account,contact,activity"`
	ID        int64   `json:"id"`
	Title     string  `json:"title" doc:"The record's name"`
	Subtitle  string  `json:"subtitle" doc:"A hint: an account's number; a contact's job title and account; an activity's type and account"`
	AccountID *int64  `json:"accountId,omitempty" doc:"The account the record belongs to (contacts open on their account's page)"`
	Score     float64 `json:"score" doc:"Higher is better; comparable only within one answer"`
}

// Output is the search operation's answer.
type Output struct {
	Body struct {
		Items []HitDTO `json:"items"`
	}
}

// RegisterAPI adds the search operation.
func RegisterAPI(api huma.API, svc *Service) {
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "search", Method: http.MethodGet, Path: "/api/v1/search", Tags: []string{"Search"},
		Summary: "Search accounts, contacts and activities",
		Description: "Finds records whose name, number, account name, phone (any last 4+ digits), e-mail or (activities) subject and content hold every " +
			"word of q; Chinese matches any part of a name. Each type is searched only with its read right and " +
			"within the caller's data scope; phone and e-mail match only for callers who see them unmasked.",
	}, func(ctx context.Context, in *Input) (*Output, error) {
		var types []string
		if in.Types != "" {
			types = strings.Split(in.Types, ",")
		}
		hits, err := svc.Search(ctx, in.Q, types, in.Limit)
		if err != nil {
			return nil, err
		}
		out := &Output{}
		out.Body.Items = make([]HitDTO, 0, len(hits))
		for _, h := range hits {
			sub := h.Subtitle
			if h.AccountName != "" {
				sub = strings.Join(nonEmpty(h.Subtitle, h.AccountName), " · ")
			}
			out.Body.Items = append(out.Body.Items, HitDTO{Entity: h.Entity, ID: h.ID, Title: h.Title, Subtitle: sub,
				AccountID: h.AccountID, Score: h.Score})
		}
		return out, nil
	})
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
