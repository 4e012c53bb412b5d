package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Team is a department; teams form a tree through parent_id.
type Team struct{ ent.Schema }

// Mixin of Team.
func (Team) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "team", Access: authz.Directory, TeamField: "id"}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of Team.
func (Team) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("team", "团队", "Team").
		With(meta.Field("memberCount", "成员数", "Members", "number").ReadOnlyF())}
}

// Fields of Team.
func (Team) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("name").NotEmpty().MaxLen(100).
			Annotations(meta.Field("name", "名称", "Name", "string").Req().Sort()),
		field.String("description").Default("").MaxLen(1000).
			Annotations(meta.Field("description", "说明", "Description", "text")),
		field.Int64("parent_id").Optional().Nillable().
			Annotations(meta.Field("parentId", "上级团队", "Parent team", "ref").RefTo("team").Filter()),
	}
}

// Edges of Team.
func (Team) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Team.Type).From("parent").Field("parent_id").Unique(),
		edge.To("members", User.Type),
	}
}

// Indexes of Team.
func (Team) Indexes() []ent.Index {
	return []ent.Index{index.Fields("parent_id")}
}
