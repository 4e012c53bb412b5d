package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Activity is a sales activity (SPEC T1): a call, e-mail, meeting, visit, note or task, optionally linked
// to an account and one of its contacts. "Overdue" is not stored: it is an open activity due before now.
type Activity struct{ ent.Schema }

// Mixin of Activity.
func (Activity) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "activity", OwnerField: "owner_id", TeamField: "team_id"}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of Activity.
func (Activity) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("activity", "活动", "Activity")}
}

// Fields of Activity.
func (Activity) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("type").NotEmpty().MaxLen(50).
			Annotations(meta.Field("type", "活动类型", "Type", "dict").Req().Filter().Dict("activity_type")),
		field.String("subject").NotEmpty().MaxLen(200).
			Annotations(meta.Field("subject", "主题", "Subject", "string").Req().Filter().Sort()),
		field.Text("content").Default("").MaxLen(10000).
			Annotations(meta.Field("content", "内容", "Content", "text").Filter()),
		field.Int64("account_id").Optional().Nillable().
			Annotations(meta.Field("accountId", "客户", "Account", "ref").RefTo("account").Filter()),
		field.Int64("contact_id").Optional().Nillable().
			Annotations(meta.Field("contactId", "联系人", "Contact", "ref").RefTo("contact").Filter()),
		field.Time("due_at").Optional().Nillable().
			Annotations(meta.Field("dueAt", "截止时间", "Due", "datetime").Filter().Sort()),
		field.Enum("status").Values("open", "done", "cancelled").Default("open").
			Annotations(meta.Field("status", "状态", "Status", "enum").Filter().Sort().Enum(
				meta.Opt("open", "未完成", "Open"), meta.Opt("done", "已完成", "Done"),
				meta.Opt("cancelled", "已取消", "Cancelled"))),
		field.String("outcome").Default("").MaxLen(1000).
			Annotations(meta.Field("outcome", "结果", "Outcome", "text").Filter()),
		field.Time("done_at").Optional().Nillable().
			Annotations(meta.Field("doneAt", "完成时间", "Done at", "datetime").Filter().Sort().ReadOnlyF()),
		field.Time("next_follow_up_at").Optional().Nillable().
			Annotations(meta.Field("nextFollowUpAt", "下次跟进", "Next follow-up", "datetime").Filter().Sort()),
		field.Time("remind_at").Optional().Nillable().
			Annotations(meta.Field("remindAt", "提醒时间", "Reminder", "datetime").Filter().Sort()),
		// RemindedAt is set when the reminder went out, in the same transaction as its notification.
		field.Time("reminded_at").Optional().Nillable().
			Annotations(meta.Field("remindedAt", "已提醒", "Reminded at", "datetime").ReadOnlyF()),
		field.Strings("tags").Optional().
			Annotations(meta.Field("tags", "标签", "Tags", "tags").Filter()),
		field.JSON("custom", map[string]any{}).Optional().
			Annotations(meta.Field("custom", "自定义字段", "Custom fields", "custom")),
		field.Int64("owner_id").Optional().Nillable().
			Annotations(meta.Field("ownerId", "负责人", "Owner", "ref").RefTo("user").Filter()),
		field.Int64("team_id").Optional().Nillable().
			Annotations(meta.Field("teamId", "团队", "Team", "ref").RefTo("team").Filter()),
	}
}

// Edges of Activity.
func (Activity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("activities").Field("account_id").Unique(),
		edge.From("contact", Contact.Type).Ref("activities").Field("contact_id").Unique(),
	}
}

// Indexes of Activity; see Account's for the scoped list indexes (activities sort by due date).
func (Activity) Indexes() []ent.Index {
	return append([]ent.Index{
		index.Fields("owner_id", "status", "due_at"), index.Fields("team_id", "updated_at"),
		index.Fields("account_id"), index.Fields("contact_id"), index.Fields("due_at"), index.Fields("updated_at"),
		// The reminder sweep asks for unsent reminders only: indexing just those keeps it from reading
		// every reminder ever sent.
		index.Fields("remind_at").Annotations(entsql.IndexWhere("reminded_at IS NULL")),
		index.Fields("account_id", "created_at"),
	}, scopedListIndexes("due_at")...)
}
