package activity

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/export"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ActivityListInput is the query of listActivities.
type ActivityListInput struct {
	httpx.ListParams
	ActivityFilters
}

// ActivityFilters are the conditions the list and its export share.
type ActivityFilters struct {
	Filter    []string `query:"filter,explode" maxItems:"20" doc:"Conditions field:op:value, e.g. type:in:call,visit"`
	Q         string   `query:"q" maxLength:"100" doc:"Part of the subject or content"`
	AccountID int64    `query:"accountId" minimum:"0" doc:"Only this account's activities"`
	ContactID int64    `query:"contactId" minimum:"0" doc:"Only this contact's activities"`
	Status    string   `query:"status" enum:"open,done,cancelled" doc:"Only activities in this status"`
	Overdue   bool     `query:"overdue" doc:"Only open activities due before now"`
	From      string   `query:"from" maxLength:"40" doc:"Due at or after this time (RFC 3339)"`
	To        string   `query:"to" maxLength:"40" doc:"Due before this time (RFC 3339)"`
}

// ActivityExportInput is the query of an export: the list's conditions and sort, the format and columns.
type ActivityExportInput struct {
	ActivityFilters
	Sort string `query:"sort" maxLength:"64" doc:"Field to sort by; prefix with - for descending"`
	export.Params
}

func parseTime(location, v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, apperr.Field(location, "field.invalid_datetime", nil)
	}
	return &t, nil
}

func (in ActivityListInput) query(svc *Service) (ListQuery, error) {
	page, err := in.Page(svc.reg.Sorts("activity"), record.Sort{Column: "id", Desc: true})
	if err != nil {
		return ListQuery{}, err
	}
	return in.ActivityFilters.query(page)
}

func (in ActivityExportInput) query(svc *Service) (ListQuery, error) {
	sort, err := record.ParseSort(in.Sort, svc.reg.Sorts("activity"), record.Sort{Column: "id", Desc: true})
	if err != nil {
		return ListQuery{}, err
	}
	return in.ActivityFilters.query(record.Page{Sort: sort})
}

func (in ActivityFilters) query(page record.Page) (ListQuery, error) {
	from, err := parseTime("query.from", in.From)
	if err != nil {
		return ListQuery{}, err
	}
	to, err := parseTime("query.to", in.To)
	if err != nil {
		return ListQuery{}, err
	}
	return ListQuery{Filters: in.Filter, Q: in.Q, AccountID: in.AccountID, ContactID: in.ContactID,
		Status: in.Status, Overdue: in.Overdue, From: from, To: to, Page: page}, nil
}

// ActivityBody is an activity's writable fields.
type ActivityBody struct {
	Type             *string         `json:"type,omitempty" maxLength:"50" doc:"Code of the activity_type dictionary"`
	Subject          *string         `json:"subject,omitempty" maxLength:"200"`
	Content          *string         `json:"content,omitempty" maxLength:"10000"`
	AccountID        *int64          `json:"accountId,omitempty" minimum:"0" doc:"0 clears the link"`
	ContactID        *int64          `json:"contactId,omitempty" minimum:"0" doc:"The account is the contact's; 0 clears the link"`
	DueAt            *time.Time      `json:"dueAt,omitempty"`
	ClearDueAt       bool            `json:"clearDueAt,omitempty" doc:"Remove the due time"`
	Status           *string         `json:"status,omitempty" enum:"open,done,cancelled"`
	Outcome          *string         `json:"outcome,omitempty" maxLength:"1000"`
	NextFollowUpAt   *time.Time      `json:"nextFollowUpAt,omitempty" doc:"On create: also creates an open task due then"`
	OwnerID          *int64          `json:"ownerId,omitempty" minimum:"1" doc:"On create; defaults to you"`
	RemindAt         *time.Time      `json:"remindAt,omitempty" doc:"Remind the owner then; a new time re-arms a sent reminder"`
	ClearRemindAt    bool            `json:"clearRemindAt,omitempty" doc:"Remove the reminder"`
	FollowUpRemindAt *time.Time      `json:"followUpRemindAt,omitempty" doc:"On create with nextFollowUpAt: the follow-up task's reminder (default: at its due time)"`
	Tags             *[]string       `json:"tags,omitempty" maxItems:"20"`
	Custom           *map[string]any `json:"custom,omitempty" doc:"Custom field values by key; null clears a key"`
}

func (b ActivityBody) input() Input {
	return Input{Type: b.Type, Subject: b.Subject, Content: b.Content, Outcome: b.Outcome, AccountID: b.AccountID,
		ContactID: b.ContactID, DueAt: b.DueAt, ClearDue: b.ClearDueAt, Status: b.Status,
		NextFollowUpAt: b.NextFollowUpAt, OwnerID: b.OwnerID, RemindAt: b.RemindAt, ClearRemind: b.ClearRemindAt,
		FollowUpRemindAt: b.FollowUpRemindAt, Tags: b.Tags, Custom: b.Custom}
}

// ActivityCreateInput is the request of createActivity.
type ActivityCreateInput struct {
	httpx.IdempotencyKeyHeader
	Body ActivityBody
}

// ActivityUpdateInput is the request of updateActivity.
type ActivityUpdateInput struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body ActivityBody
}

// ActivityCompleteInput is the request of completeActivity.
type ActivityCompleteInput struct {
	httpx.IDPath
	IfMatch string `header:"If-Match" doc:"Optional: the version you saw; a newer one answers 412"`
	Body    struct {
		Outcome          string     `json:"outcome,omitempty" maxLength:"1000"`
		Content          *string    `json:"content,omitempty" maxLength:"10000" doc:"What was discussed: objections, budget cycle …"`
		NextFollowUpAt   *time.Time `json:"nextFollowUpAt,omitempty" doc:"Creates an open task due then"`
		FollowUpRemindAt *time.Time `json:"followUpRemindAt,omitempty" doc:"The follow-up task's reminder (default: at its due time)"`
	}
}

// MyDayOutput is the answer of myDay.
type MyDayOutput struct {
	Body struct {
		TimeZone string `json:"timeZone"`
		Items    []DTO  `json:"items"`
	}
}

// RegisterAPI adds the activity operations.
func RegisterAPI(api huma.API, svc *Service) {
	tags := []string{"Activities"}
	registerBulk(api, svc)
	one := func(ctx context.Context) func(*ent.Activity, error) (*httpx.Versioned[DTO], error) {
		return func(r *ent.Activity, err error) (*httpx.Versioned[DTO], error) {
			if err != nil {
				return nil, err
			}
			out, err := svc.DTOs(ctx, []*ent.Activity{r})
			if err != nil {
				return nil, err
			}
			return httpx.NewVersioned(out[0], r.Version), nil
		}
	}
	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "listActivities", Method: http.MethodGet, Path: "/api/v1/activities", Tags: tags,
		Summary: "List activities in your scope",
	}, func(ctx context.Context, in *ActivityListInput) (*httpx.List[DTO], error) {
		lq, err := in.query(svc)
		if err != nil {
			return nil, err
		}
		rows, next, err := svc.List(ctx, lq)
		if err != nil {
			return nil, err
		}
		out, err := svc.DTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})

	httpx.Register(api, httpx.Need(Export), huma.Operation{
		OperationID: "exportActivities", Method: http.MethodGet, Path: "/api/v1/activities/export", Tags: tags,
		Summary: "Export the activity list to CSV or Excel",
		Description: "Takes the list's conditions and sort; exports every matching activity in your scope, " +
			"sensitive custom fields masked as in the list. Headers and labels follow the request's language. " +
			"A bad column or filter is a 422 problem before the download starts.",
		Responses: export.Responses(),
	}, func(ctx context.Context, in *ActivityExportInput) (*huma.StreamResponse, error) {
		lq, err := in.query(svc)
		if err != nil {
			return nil, err
		}
		j, err := svc.PrepareExport(ctx, lq, in.ColumnNames())
		if err != nil {
			return nil, err
		}
		return export.Stream(j, export.Format(in.Format)), nil
	})

	httpx.Register(api, httpx.Need(Create), huma.Operation{
		OperationID: "createActivity", Method: http.MethodPost, Path: "/api/v1/activities", Tags: tags,
		Summary: "Log an activity", DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *ActivityCreateInput) (*httpx.Versioned[DTO], error) {
		return one(ctx)(svc.Create(ctx, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "getActivity", Method: http.MethodGet, Path: "/api/v1/activities/{id}", Tags: tags,
		Summary: "Get an activity",
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Versioned[DTO], error) {
		return one(ctx)(svc.Get(ctx, in.ID))
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "updateActivity", Method: http.MethodPatch, Path: "/api/v1/activities/{id}", Tags: tags,
		Summary: "Update an activity", Description: "Send If-Match with the version.",
	}, func(ctx context.Context, in *ActivityUpdateInput) (*httpx.Versioned[DTO], error) {
		v, err := in.Version()
		if err != nil {
			return nil, err
		}
		return one(ctx)(svc.Update(ctx, in.ID, v, in.Body.input()))
	})

	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "completeActivity", Method: http.MethodPost, Path: "/api/v1/activities/{id}/complete", Tags: tags,
		Summary: "Complete an open activity with its outcome",
	}, func(ctx context.Context, in *ActivityCompleteInput) (*httpx.Versioned[DTO], error) {
		var v int64
		if in.IfMatch != "" {
			var err error
			if v, err = record.ParseIfMatch(in.IfMatch); err != nil {
				return nil, err
			}
		}
		return one(ctx)(svc.Complete(ctx, in.ID, v, Completion{Outcome: in.Body.Outcome,
			Content: in.Body.Content, NextFollowUpAt: in.Body.NextFollowUpAt, FollowUpRemindAt: in.Body.FollowUpRemindAt}))
	})

	httpx.Register(api, httpx.Need(Delete), huma.Operation{
		OperationID: "deleteActivity", Method: http.MethodDelete, Path: "/api/v1/activities/{id}", Tags: tags,
		Summary: "Delete an activity", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.Delete(ctx, in.ID)
	})

	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "myDay", Method: http.MethodGet, Path: "/api/v1/me/day", Tags: tags,
		Summary: "Your open activities due today (in your time zone) and overdue, soonest first",
	}, func(ctx context.Context, _ *struct{}) (*MyDayOutput, error) {
		rows, loc, err := svc.MyDay(ctx)
		if err != nil {
			return nil, err
		}
		items, err := svc.DTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		out := &MyDayOutput{}
		out.Body.TimeZone, out.Body.Items = loc.String(), items
		return out, nil
	})
	registerCalendar(api, svc)
	registerKPIs(api, svc)
}
