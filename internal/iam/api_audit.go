package iam

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

var httpxIDSort = record.Sort{Column: "id", Desc: true}

func (a *API) registerAudit(api huma.API) {
	type auditListInput struct {
		Cursor   string    `query:"cursor" maxLength:"512"`
		Limit    int       `query:"limit" minimum:"1" maximum:"200" default:"50"`
		ActorID  int64     `query:"actorId" minimum:"0"`
		Entity   string    `query:"entity" maxLength:"50"`
		EntityID int64     `query:"entityId" minimum:"0"`
		Action   string    `query:"action" maxLength:"50"`
		From     time.Time `query:"from" doc:"Inclusive lower bound (RFC 3339)"`
		To       time.Time `query:"to" doc:"Exclusive upper bound (RFC 3339)"`
	}
	httpx.Register(api, httpx.Need(AuditRead), huma.Operation{
		OperationID: "listAuditEvents", Method: http.MethodGet, Path: "/api/v1/audit-events", Tags: []string{"Audit"},
		Summary: "Browse the audit log (newest first)", Description: "The audit log is append-only: no operation edits or deletes it.",
	}, func(ctx context.Context, in *auditListInput) (*httpx.List[AuditDTO], error) {
		p, err := httpx.ListParams{Cursor: in.Cursor, Limit: in.Limit}.Page(nil, httpxIDSort)
		if err != nil {
			return nil, err
		}
		f := AuditFilter{ActorID: in.ActorID, Entity: in.Entity, EntityID: in.EntityID, Action: in.Action}
		if !in.From.IsZero() {
			f.From = &in.From
		}
		if !in.To.IsZero() {
			f.To = &in.To
		}
		rows, next, err := a.svc.ListAudit(ctx, f, p)
		if err != nil {
			return nil, err
		}
		out := make([]AuditDTO, len(rows))
		for i, r := range rows {
			out[i] = toAuditDTO(r)
		}
		return httpx.NewList(out, next), nil
	})
}
