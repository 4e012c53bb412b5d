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

// Role is a named set of grants. Built-in roles carry a key and cannot be deleted.
type Role struct{ ent.Schema }

// Mixin of Role.
func (Role) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "role", Access: authz.Directory}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of Role.
func (Role) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("role", "角色", "Role")}
}

// Fields of Role.
func (Role) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("key").Optional().Nillable().Immutable().MaxLen(50),
		field.String("name").NotEmpty().MaxLen(100).
			Annotations(meta.Field("name", "名称", "Name", "string").Req().Sort()),
		field.String("description").Default("").MaxLen(1000).
			Annotations(meta.Field("description", "说明", "Description", "text")),
		field.Bool("builtin").Default(false).Immutable(),
	}
}

// Edges of Role.
func (Role) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("grants", RoleGrant.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.From("users", User.Type).Ref("roles"),
	}
}

// Indexes of Role.
func (Role) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

// RoleGrant gives a role one right with a data scope.
type RoleGrant struct{ ent.Schema }

// Mixin of RoleGrant.
func (RoleGrant) Mixin() []ent.Mixin {
	return []ent.Mixin{Protected{Rule: authz.EntityRule{Resource: "role", Access: authz.Directory}}}
}

// Annotations of RoleGrant.
func (RoleGrant) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("role_grant", "角色权限", "Role grant")}
}

// Fields of RoleGrant.
func (RoleGrant) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("role_id"),
		field.String("right").NotEmpty().MaxLen(100),
		field.Enum("scope").Values("own", "team", "subtree", "all"),
	}
}

// Edges of RoleGrant.
func (RoleGrant) Edges() []ent.Edge {
	return []ent.Edge{edge.From("role", Role.Type).Ref("grants").Field("role_id").Unique().Required()}
}

// Indexes of RoleGrant.
func (RoleGrant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("role_id", "right").Unique()}
}
