package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// AuditEvent is one append-only entry of the audit log.
type AuditEvent struct{ ent.Schema }

// Mixin of AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{Protected{Rule: authz.EntityRule{
		Resource: "audit", Access: authz.AppendOnly, OwnerField: "actor_id", TeamField: "actor_team_id"}}}
}

// Annotations of AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("audit", "审计日志", "Audit log")}
}

// Fields of AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Time("at").Default(nowUTC).Immutable().
			Annotations(meta.Field("at", "时间", "Time", "datetime").Filter().Sort()),
		field.String("actor_kind").Immutable().MaxLen(20),
		field.Int64("actor_id").Optional().Nillable().Immutable().
			Annotations(meta.Field("actorId", "操作人", "Actor", "ref").RefTo("user").Filter()),
		field.Int64("actor_team_id").Optional().Nillable().Immutable(),
		field.Int64("token_id").Optional().Nillable().Immutable(),
		field.String("action").Immutable().MaxLen(50).
			Annotations(meta.Field("action", "动作", "Action", "string").Filter()),
		field.String("entity").Default("").Immutable().MaxLen(50).
			Annotations(meta.Field("entity", "对象类型", "Entity", "string").Filter()),
		field.Int64("entity_id").Optional().Nillable().Immutable().
			Annotations(meta.Field("entityId", "对象编号", "Record id", "number").Filter()),
		field.JSON("changes", map[string]Change{}).Optional().Immutable(),
		field.String("request_id").Default("").Immutable().MaxLen(64),
		field.String("ip").Default("").Immutable().MaxLen(64),
	}
}

// Indexes of AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("at"), index.Fields("entity", "entity_id"), index.Fields("actor_id", "at"),
	}
}

// Change is one field's value before and after a mutation.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}
