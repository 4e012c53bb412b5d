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

// Account is a customer: a company or a person (SPEC C1).
type Account struct{ ent.Schema }

// Mixin of Account.
func (Account) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "account", OwnerField: "owner_id", TeamField: "team_id"}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("account", "客户", "Account")}
}

func dictField(name, api, zh, en, kind string) ent.Field {
	return field.String(name).Default("").MaxLen(50).
		Annotations(meta.Field(api, zh, en, "dict").Filter().Dict(kind))
}

// Fields of Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("number").Optional().Nillable().MaxLen(30).
			Annotations(meta.Field("number", "客户编号", "Number", "string").Filter().ReadOnlyF()),
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(meta.Field("name", "客户名称", "Name", "string").Req().Filter().Sort()),
		field.Enum("type").Values("company", "person").Default("company").
			Annotations(meta.Field("type", "类型", "Type", "enum").Filter().
				Enum(meta.Opt("company", "企业", "Company"), meta.Opt("person", "个人", "Person"))),
		dictField("level", "level", "客户等级", "Level", "customer_level"),
		dictField("industry", "industry", "行业", "Industry", "industry"),
		dictField("region", "region", "地区", "Region", "region"),
		dictField("source", "source", "来源", "Source", "source"),
		field.Enum("lifecycle").Values("lead", "prospect", "customer", "loyal", "at_risk", "lost").Default("prospect").
			Annotations(meta.Field("lifecycle", "生命周期", "Lifecycle stage", "enum").Filter().Sort().Enum(
				meta.Opt("lead", "线索", "Lead"), meta.Opt("prospect", "潜在客户", "Prospect"),
				meta.Opt("customer", "成交客户", "Customer"), meta.Opt("loyal", "忠诚客户", "Loyal"),
				meta.Opt("at_risk", "流失风险", "At risk"), meta.Opt("lost", "已流失", "Lost"))),
		field.String("phone").Default("").MaxLen(50).
			Annotations(meta.Field("phone", "电话", "Phone", "phone").Filter().Secret()),
		field.String("email").Default("").MaxLen(254).
			Annotations(meta.Field("email", "邮箱", "Email", "email").Filter().Secret()),
		field.String("website").Default("").MaxLen(300).
			Annotations(meta.Field("website", "网站", "Website", "url").Filter()),
		field.String("address").Default("").MaxLen(500).
			Annotations(meta.Field("address", "地址", "Address", "text").Filter()),
		field.Int64("credit_limit").Default(0).Min(0).
			Annotations(meta.Field("creditLimit", "信用额度", "Credit limit", "money").Filter().Sort()),
		field.String("currency").Default("CNY").MaxLen(3).
			Annotations(meta.Field("currency", "币种", "Currency", "string")),
		field.Int("satisfaction").Optional().Nillable().Min(1).Max(5).
			Annotations(meta.Field("satisfaction", "满意度", "Satisfaction", "number").Filter()),
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

// Edges of Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("contacts", Contact.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("activities", Activity.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Account. The (scope column, sort column, id) indexes serve the scoped list pages: the data
// scope is owner_id = me (own), team_id IN (…) (team/subtree) or both, and the list is ordered by the
// sort column then id (the default sort is -id), so the database walks one index range in order and
// stops after a page instead of sorting every row in scope (docs/PERFORMANCE.md §1).
func (Account) Indexes() []ent.Index {
	return append([]ent.Index{
		index.Fields("number").Unique(), index.Fields("owner_id", "updated_at"), index.Fields("team_id", "updated_at"),
		index.Fields("name"), index.Fields("updated_at"),
	}, scopedListIndexes("name")...)
}
