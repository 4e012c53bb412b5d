package iam

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// AuditFilter narrows the audit log.
type AuditFilter struct {
	ActorID  int64
	Entity   string
	EntityID int64
	Action   string
	From, To *time.Time
}

// AuditRow is an audit event with its actor's name.
type AuditRow struct {
	*ent.AuditEvent
	ActorName string
}

// ListAudit returns a page of the audit log, newest first, within the actor's audit:read scope.
func (s *Service) ListAudit(ctx context.Context, f AuditFilter, p record.Page) ([]AuditRow, string, error) {
	if err := authz.Require(ctx, AuditRead); err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).AuditEvent.Query()
	if f.ActorID > 0 {
		q.Where(auditevent.ActorID(f.ActorID))
	}
	if f.Entity != "" {
		q.Where(auditevent.Entity(f.Entity))
	}
	if f.EntityID > 0 {
		q.Where(auditevent.EntityID(f.EntityID))
	}
	if f.Action != "" {
		q.Where(auditevent.Action(f.Action))
	}
	if f.From != nil {
		q.Where(auditevent.AtGTE(f.From.UTC()))
	}
	if f.To != nil {
		q.Where(auditevent.AtLT(f.To.UTC()))
	}
	p.Sort = record.Sort{Column: "id", Desc: true}
	if err := p.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(e *ent.AuditEvent) (any, int64) { return e.ID, e.ID })
	ids := map[int64]bool{}
	for _, e := range rows {
		if e.ActorID != nil {
			ids[*e.ActorID] = true
		}
	}
	names := map[int64]string{}
	if len(ids) > 0 {
		list := make([]int64, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		// Names of the people in the log are part of the log: shown even outside user:read scope.
		sys := authz.AsSystem(ctx)
		us, err := s.st.Client(sys).User.Query().Where(user.IDIn(list...)).Select(user.FieldID, user.FieldName).All(sys)
		if err != nil {
			return nil, "", err
		}
		for _, u := range us {
			names[u.ID] = u.Name
		}
	}
	out := make([]AuditRow, len(rows))
	for i, e := range rows {
		out[i] = AuditRow{AuditEvent: e}
		if e.ActorID != nil {
			out[i].ActorName = names[*e.ActorID]
		}
	}
	return out, next, nil
}
