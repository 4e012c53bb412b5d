package activity

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// KPIInput is the query of getActivityKPIs.
type KPIInput struct {
	From    string `query:"from" maxLength:"40" doc:"Window start (RFC 3339); default: 30 days before to"`
	To      string `query:"to" maxLength:"40" doc:"Window end (RFC 3339), exclusive; default: now; at most 366 days after from"`
	TeamID  int64  `query:"teamId" minimum:"0" doc:"Only this team and the teams below it"`
	GapDays int    `query:"gapDays" minimum:"1" maximum:"365" default:"30" doc:"An account is a follow-up gap after this many days without activity (1–365, default 30)"`
}

// KPIOutput is the answer of getActivityKPIs.
type KPIOutput struct{ Body *KPIs }

func registerKPIs(api huma.API, svc *Service) {
	httpx.Register(api, httpx.Need(Read), huma.Operation{
		OperationID: "getActivityKPIs", Method: http.MethodGet, Path: "/api/v1/activity-kpis", Tags: []string{"Activities"},
		Summary: "Activity KPIs per user and type, overdue tasks and follow-up gaps, within your scope",
	}, func(ctx context.Context, in *KPIInput) (*KPIOutput, error) {
		from, to, err := parseWindow(in.From, in.To)
		if err != nil {
			return nil, err
		}
		k, err := svc.KPIs(ctx, KPIQuery{From: from, To: to, TeamID: in.TeamID, GapDays: in.GapDays})
		if err != nil {
			return nil, err
		}
		return &KPIOutput{Body: k}, nil
	})
}
