package collab

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// CommentListInput is the query of the comment lists.
type CommentListInput struct {
	httpx.IDPath
	httpx.ListParams
}

// CommentBody is what an author sends.
type CommentBody struct {
	Body     string  `json:"body" maxLength:"5000" doc:"Plain text; write @Name for each mentioned user"`
	Mentions []int64 `json:"mentions,omitempty" maxItems:"50" doc:"Ids of the users mentioned (active users)"`
}

// CommentCreateInput is the request of the comment creates.
type CommentCreateInput struct {
	httpx.IdempotencyKeyHeader
	httpx.IDPath
	Body CommentBody
}

// CommentUpdateInput is the request of updateComment.
type CommentUpdateInput struct {
	httpx.IDPath
	Body CommentBody
}

type savedOutput struct{ Body SavedDTO }

// RegisterAPI adds the comment and notification operations.
func RegisterAPI(api huma.API, svc *Service) {
	for _, e := range Entities {
		registerComments(api, svc, e)
	}
	tags := []string{"Comments"}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "updateComment", Method: http.MethodPatch, Path: "/api/v1/comments/{id}", Tags: tags,
		Summary:     "Edit your comment (newly mentioned users are notified)",
		Description: "Only the author may edit. A comment on a record you cannot read does not exist for you (404).",
	}, func(ctx context.Context, in *CommentUpdateInput) (*savedOutput, error) {
		sv, err := svc.UpdateComment(ctx, in.ID, CommentInput{Body: in.Body.Body, Mentions: in.Body.Mentions})
		return svc.savedOutput(ctx, sv, err)
	})
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "deleteComment", Method: http.MethodDelete, Path: "/api/v1/comments/{id}", Tags: tags,
		Summary:       "Delete a comment (its author, or whoever may update the record)",
		DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *httpx.IDPath) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.DeleteComment(ctx, in.ID)
	})
	registerNotifications(api, svc)
}

func (s *Service) savedOutput(ctx context.Context, sv *Saved, err error) (*savedOutput, error) {
	if err != nil {
		return nil, err
	}
	d, err := s.SavedDTO(ctx, sv)
	if err != nil {
		return nil, err
	}
	return &savedOutput{Body: d}, nil
}

// registerComments adds the list and create of one record kind; both need the record's read right
// (whoever may read a record may discuss it) and find the record in the actor's scope first.
func registerComments(api huma.API, svc *Service, entity string) {
	path, read, _ := svc.Source(entity)
	name := strings.ToUpper(entity[:1]) + entity[1:]
	tags := []string{"Comments"}
	httpx.Register(api, httpx.Need(read), huma.Operation{
		OperationID: "list" + name + "Comments", Method: http.MethodGet, Path: "/api/v1/" + path + "/{id}/comments",
		Tags: tags, Summary: "List the comments on a " + entity + ", oldest first (sort=-createdAt: newest first)",
	}, func(ctx context.Context, in *CommentListInput) (*httpx.List[CommentDTO], error) {
		page, err := in.Page(CommentSorts, record.Sort{Column: comment.FieldCreatedAt})
		if err != nil {
			return nil, err
		}
		t, rows, next, err := svc.ListComments(ctx, entity, in.ID, page)
		if err != nil {
			return nil, err
		}
		out, err := svc.CommentDTOs(ctx, t, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})
	httpx.Register(api, httpx.Need(read), huma.Operation{
		OperationID: "create" + name + "Comment", Method: http.MethodPost, Path: "/api/v1/" + path + "/{id}/comments",
		Tags: tags, Summary: "Comment on a " + entity + ", mentioning colleagues", DefaultStatus: http.StatusCreated,
		Description: "Mentioned users who can read the " + entity + " are notified; the others are listed in notNotified.",
	}, func(ctx context.Context, in *CommentCreateInput) (*savedOutput, error) {
		sv, err := svc.CreateComment(ctx, entity, in.ID, CommentInput{Body: in.Body.Body, Mentions: in.Body.Mentions})
		return svc.savedOutput(ctx, sv, err)
	})
}

// NotificationListInput is the query of listNotifications.
type NotificationListInput struct {
	Cursor string `query:"cursor" maxLength:"512" doc:"Opaque cursor from the previous page's nextCursor"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"20" doc:"Page size"`
	Unread bool   `query:"unread" doc:"Only unread ones"`
}

type countOutput struct {
	Body struct {
		Count int `json:"count"`
	}
}

func registerNotifications(api huma.API, svc *Service) {
	tags := []string{"Notifications"}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listNotifications", Method: http.MethodGet, Path: "/api/v1/me/notifications", Tags: tags,
		Summary: "Your notifications, newest first",
	}, func(ctx context.Context, in *NotificationListInput) (*httpx.List[NotificationDTO], error) {
		rows, next, err := svc.ListNotifications(ctx, in.Unread, record.Page{Limit: in.Limit, After: in.Cursor})
		if err != nil {
			return nil, err
		}
		out, err := svc.NotificationDTOs(ctx, rows)
		if err != nil {
			return nil, err
		}
		return httpx.NewList(out, next), nil
	})
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "countUnreadNotifications", Method: http.MethodGet, Path: "/api/v1/me/notifications/unread-count",
		Tags: tags, Summary: "How many of your notifications are unread",
	}, func(ctx context.Context, _ *struct{}) (*countOutput, error) {
		n, err := svc.UnreadCount(ctx)
		if err != nil {
			return nil, err
		}
		out := &countOutput{}
		out.Body.Count = n
		return out, nil
	})
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "readNotification", Method: http.MethodPost, Path: "/api/v1/me/notifications/{id}/read",
		Tags: tags, Summary: "Mark one of your notifications read",
	}, func(ctx context.Context, in *httpx.IDPath) (*struct{ Body NotificationDTO }, error) {
		n, err := svc.MarkRead(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		out, err := svc.NotificationDTOs(ctx, []*ent.Notification{n})
		if err != nil {
			return nil, err
		}
		return &struct{ Body NotificationDTO }{Body: out[0]}, nil
	})
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "readAllNotifications", Method: http.MethodPost, Path: "/api/v1/me/notifications/read-all",
		Tags: tags, Summary: "Mark all your notifications read; answers how many changed",
	}, func(ctx context.Context, _ *struct{}) (*countOutput, error) {
		n, err := svc.MarkAllRead(ctx)
		if err != nil {
			return nil, err
		}
		out := &countOutput{}
		out.Body.Count = n
		return out, nil
	})
}
