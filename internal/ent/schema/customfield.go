package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomField defines one administrator-made field of an entity (SPEC B2). Records keep the values in
// their `custom` JSON column under the definition's key; which entities accept custom fields is read
// from the metadata registry (those with a "custom" column), so the entity is a plain string here.
type CustomField struct{ ent.Schema }

// Mixin of CustomField.
func (CustomField) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "custom_field", Access: authz.Directory}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of CustomField.
func (CustomField) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("custom_field", "自定义字段", "Custom field")}
}

// Fields of CustomField.
func (CustomField) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("entity").NotEmpty().MaxLen(50).Immutable().
			Annotations(meta.Field("entity", "实体", "Entity", "string").Req().Filter()),
		field.String("key").NotEmpty().MaxLen(40).Immutable().
			Annotations(meta.Field("key", "键", "Key", "string").Req().Sort()),
		field.String("label_zh").NotEmpty().MaxLen(100).
			Annotations(meta.Field("labelZh", "中文名称", "Chinese label", "string").Req().Sort()),
		field.String("label_en").NotEmpty().MaxLen(100).
			Annotations(meta.Field("labelEn", "英文名称", "English label", "string").Req().Sort()),
		field.Enum("type").Values(meta.CustomTypes...).Immutable().
			Annotations(meta.Field("type", "类型", "Type", "string").Req().Filter()),
		field.JSON("options", []meta.CustomOption{}).Optional(),
		field.Bool("required").Default(false).
			Annotations(meta.Field("required", "必填", "Required", "bool")),
		field.Bool("filterable").Default(false).
			Annotations(meta.Field("filterable", "可筛选", "Filterable", "bool")),
		field.Bool("sensitive").Default(false).
			Annotations(meta.Field("sensitive", "敏感", "Sensitive", "bool")),
		field.Int("sort_order").Default(0).
			Annotations(meta.Field("sortOrder", "排序", "Order", "number").Sort()),
		field.Bool("active").Default(true).
			Annotations(meta.Field("active", "启用", "Active", "bool").Filter()),
	}
}

// Indexes of CustomField.
func (CustomField) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "key").Unique(), index.Fields("entity", "sort_order")}
}
