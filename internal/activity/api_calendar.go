package activity

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// CalendarInput is the query of getCalendar.
type CalendarInput struct {
	From     string `query:"from" maxLength:"40" doc:"Window start (RFC 3339), inclusive; required"`
	To       string `query:"to" maxLength:"40" doc:"Window end (RFC 3339), exclusive; at most 62 days after from"`
	OwnerID  int64  `query:"ownerId" minimum:"0" doc:"Another owner's calendar (within your scope); default: yours"`
	Everyone bool   `query:"everyone" doc:"Every owner's activities in your scope"`
}

// CalendarOutput is the answer of getCalendar.
type CalendarOutput struct {
	Body struct {
		Items     []DTO `json:"items"`
		Truncated bool  `json:"truncated" doc:"More activities were due in the window than one answer holds"`
	}
}

// FeedStatusOutput is the answer of getCalendarFeedStatus.
type FeedStatusOutput struct {
	Body struct {
		Active bool `json:"active" doc:"A feed address exists (it is shown only when created)"`
	}
}

// FeedCreatedOutput is the answer of createCalendarFeed.
type FeedCreatedOutput struct {
	Body struct {
		URL   string `json:"url" doc:"The feed's address with its secret token; shown this once"`
		Token string `json:"token"`
	}
}

// FeedInput is the path of getCalendarFeed.
type FeedInput struct {
	File string `path:"file" maxLength:"120" doc:"<token>.ics"`
}

// FeedOutput is the iCalendar document.
type FeedOutput struct {
	ContentType  string `header:"Content-Type"`
	CacheControl string `header:"Cache-Control"`
	Body         []byte
}

func registerCalendar(api huma.API, svc *Service) {
	tags := []string{"Calendar"}
	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "getCalendar", Method: http.MethodGet, Path: "/api/v1/calendar", Tags: tags,
		Summary:     "Activities due in a time window, soonest first",
		Description: "Your own by default; ownerId or everyone for the activities of others within your scope.",
	}, func(ctx context.Context, in *CalendarInput) (*CalendarOutput, error) {
		from, to, err := parseWindow(in.From, in.To)
		if err != nil {
			return nil, err
		}
		rows, cut, err := svc.Calendar(ctx, CalendarQuery{From: from, To: to, OwnerID: in.OwnerID, Everyone: in.Everyone})
		if err != nil {
			return nil, err
		}
		items, err := svc.DTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		out := &CalendarOutput{}
		out.Body.Items, out.Body.Truncated = items, cut
		return out, nil
	})

	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "getCalendarFeedStatus", Method: http.MethodGet, Path: "/api/v1/me/calendar-feed", Tags: tags,
		Summary: "Whether you have an iCalendar feed",
	}, func(ctx context.Context, _ *struct{}) (*FeedStatusOutput, error) {
		ok, err := svc.FeedStatus(ctx)
		if err != nil {
			return nil, err
		}
		out := &FeedStatusOutput{}
		out.Body.Active = ok
		return out, nil
	})

	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "createCalendarFeed", Method: http.MethodPost, Path: "/api/v1/me/calendar-feed", Tags: tags,
		Summary:       "Create or rotate your iCalendar feed address",
		Description:   "A new secret address replaces the old one, which stops working. Only a hash is stored.",
		DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, _ *struct{}) (*FeedCreatedOutput, error) {
		token, err := svc.RotateFeed(ctx)
		if err != nil {
			return nil, err
		}
		out := &FeedCreatedOutput{}
		out.Body.URL, out.Body.Token = svc.FeedURL(token), token
		return out, nil
	})

	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "deleteCalendarFeed", Method: http.MethodDelete, Path: "/api/v1/me/calendar-feed", Tags: tags,
		Summary: "Revoke your iCalendar feed address", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, _ *struct{}) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.RevokeFeed(ctx)
	})

	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "getCalendarFeed", Method: http.MethodGet, Path: "/api/v1/calendar/feed/{file}", Tags: tags,
		Summary:     "An iCalendar feed (RFC 5545) of one user's activities",
		Description: "The secret token in the address authenticates; the feed shows what its owner may read of their own activities.",
		Responses: map[string]*huma.Response{"200": {Description: "The calendar", Content: map[string]*huma.MediaType{
			"text/calendar": {Schema: &huma.Schema{Type: "string"}}}}},
	}, func(ctx context.Context, in *FeedInput) (*FeedOutput, error) {
		token, ok := strings.CutSuffix(in.File, ".ics")
		if !ok {
			token = "" // answers 404 like an unknown token
		}
		owner, rows, err := svc.Feed(ctx, token)
		if err != nil {
			return nil, err
		}
		host := "kehu"
		if u, err := url.Parse(svc.publicURL); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		return &FeedOutput{ContentType: "text/calendar; charset=utf-8", CacheControl: "private, max-age=300",
			Body: []byte(ICS(owner, rows, host, svc.publicURL, svc.now()))}, nil
	})
}
