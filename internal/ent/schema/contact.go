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

// Contact is a person at an account (SPEC C2). Its owner and team follow its account's.
type Contact struct{ ent.Schema }

// Mixin of Contact.
func (Contact) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "contact", OwnerField: "owner_id", TeamField: "team_id"}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of Contact.
func (Contact) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("contact", "联系人", "Contact")}
}

// Fields of Contact.
func (Contact) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("account_id").
			Annotations(meta.Field("accountId", "所属客户", "Account", "ref").RefTo("account").Req().Filter()),
		field.String("name").NotEmpty().MaxLen(100).
			Annotations(meta.Field("name", "姓名", "Name", "string").Req().Filter().Sort()),
		field.String("title").Default("").MaxLen(100).
			Annotations(meta.Field("title", "职务", "Title", "string").Filter()),
		dictField("buying_role", "buyingRole", "决策角色", "Buying role", "buying_role"),
		field.String("phone").Default("").MaxLen(50).
			Annotations(meta.Field("phone", "电话", "Phone", "phone").Filter().Secret()),
		field.String("mobile").Default("").MaxLen(50).
			Annotations(meta.Field("mobile", "手机", "Mobile", "phone").Filter().Secret()),
		field.String("email").Default("").MaxLen(254).
			Annotations(meta.Field("email", "邮箱", "Email", "email").Filter().Secret()),
		field.Time("birthday").Optional().Nillable().
			Annotations(meta.Field("birthday", "生日", "Birthday", "date").Filter().Secret()),
		field.Enum("preferred_channel").Values("phone", "email", "wechat", "sms", "visit").Default("phone").
			Annotations(meta.Field("preferredChannel", "首选沟通方式", "Preferred channel", "enum").Filter().Enum(
				meta.Opt("phone", "电话", "Phone"), meta.Opt("email", "邮件", "E-mail"), meta.Opt("wechat", "微信", "WeChat"),
				meta.Opt("sms", "短信", "SMS"), meta.Opt("visit", "拜访", "Visit"))),
		field.Bool("consent").Default(false).
			Annotations(meta.Field("consent", "同意营销联系", "Marketing consent", "bool").Filter()),
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

// Edges of Contact.
func (Contact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("contacts").Field("account_id").Unique().Required(),
		edge.To("activities", Activity.Type).Annotations(entsql.OnDelete(entsql.SetNull)),
	}
}

// Indexes of Contact; see Account's for the scoped list indexes.
func (Contact) Indexes() []ent.Index {
	return append([]ent.Index{
		index.Fields("account_id"), index.Fields("owner_id", "updated_at"), index.Fields("team_id", "updated_at"),
		index.Fields("name"), index.Fields("email"),
	}, scopedListIndexes("name")...)
}
