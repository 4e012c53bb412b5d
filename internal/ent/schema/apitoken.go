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

// APIToken is a personal token for integrations. Only its SHA-256 hash is stored.
type APIToken struct{ ent.Schema }

// Mixin of APIToken.
func (APIToken) Mixin() []ent.Mixin {
	return []ent.Mixin{Protected{Rule: authz.EntityRule{Resource: "apitoken", Access: authz.Personal, OwnerField: "user_id"}}}
}

// Annotations of APIToken.
func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("api_token", "API 令牌", "API token")}
}

// Fields of APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("user_id").Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.String("token_hash").Sensitive().Immutable().Unique(),
		field.String("prefix").Immutable().MaxLen(20),
		field.Strings("scopes").Optional(),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
	}
}

// Edges of APIToken.
func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{edge.From("user", User.Type).Ref("api_tokens").Field("user_id").Unique().Required().Immutable()}
}

// Indexes of APIToken.
func (APIToken) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }
