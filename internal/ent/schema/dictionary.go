package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// DictionaryItem is one value of an administrator-managed picklist (SPEC B1): a customer level, an
// industry, a region, a lead source… Records store the item's stable code, never its label.
type DictionaryItem struct{ ent.Schema }

// Mixin of DictionaryItem.
func (DictionaryItem) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "dictionary", Access: authz.Directory}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of DictionaryItem.
func (DictionaryItem) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("dictionary_item", "字典项", "Dictionary item")}
}

// Fields of DictionaryItem.
func (DictionaryItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("kind").NotEmpty().MaxLen(50).Immutable().
			Annotations(meta.Field("kind", "类别", "Kind", "string").Req().Filter()),
		field.String("code").NotEmpty().MaxLen(50).Immutable().
			Annotations(meta.Field("code", "代码", "Code", "string").Req().Sort()),
		field.String("label_zh").NotEmpty().MaxLen(100).
			Annotations(meta.Field("labelZh", "中文名称", "Chinese label", "string").Req().Sort()),
		field.String("label_en").NotEmpty().MaxLen(100).
			Annotations(meta.Field("labelEn", "英文名称", "English label", "string").Req().Sort()),
		field.Int("sort_order").Default(0).
			Annotations(meta.Field("sortOrder", "排序", "Order", "number").Sort()),
		field.Bool("active").Default(true).
			Annotations(meta.Field("active", "启用", "Active", "bool").Filter()),
		field.Bool("builtin").Default(false).Immutable(),
	}
}

// Indexes of DictionaryItem.
func (DictionaryItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind", "code").Unique(), index.Fields("kind", "sort_order")}
}
