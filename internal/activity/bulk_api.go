package activity

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/bulk"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// BulkInput is the request of bulkActivities.
type BulkInput struct {
	Body bulk.BulkRequest
}

func registerBulk(api huma.API, svc *Service) {
	httpx.Register(api, httpx.Need(Update), huma.Operation{
		OperationID: "bulkActivities", Method: http.MethodPost, Path: "/api/v1/activities/bulk", Tags: []string{"Activities"},
		Summary: "Assign, tag, untag, edit or delete many activities at once",
		Description: "Either ids (at most 1,000) or all=true with the list's filter and q (every matching activity in " +
			"your scope, at most 10,000). One transaction through the single-record paths: validation, data scope and " +
			"audit as for one activity. If any activity is missing, outside your scope or refuses the change, nothing " +
			"changes and the answer is 422 naming it (body.ids[i], or the field: body.value for an edit). Needs " +
			"activity:update; delete also activity:delete; assign's new owner must lie within your activity:update scope. " +
			"Editable fields: type, status, dueAt, outcome.",
	}, func(ctx context.Context, in *BulkInput) (*bulk.Output, error) {
		res, err := svc.Bulk(ctx, in.Body)
		return &bulk.Output{Body: res}, err
	})
}
