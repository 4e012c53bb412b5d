package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

func internalRule(resource string) Protected {
	return Protected{Rule: authz.EntityRule{Resource: resource, Access: authz.Internal}}
}

// Session is a signed-in browser. The cookie holds a random token; the table holds its SHA-256 hash.
type Session struct{ ent.Schema }

// Mixin of Session.
func (Session) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("session")} }

// Fields of Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("token_hash").Sensitive().Immutable().Unique(),
		field.Int64("user_id").Immutable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
		field.Time("last_seen_at").Default(nowUTC),
		field.Time("expires_at"),
		field.String("ip").Default("").MaxLen(64),
		field.String("user_agent").Default("").MaxLen(500),
	}
}

// Edges of Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{edge.From("user", User.Type).Ref("sessions").Field("user_id").Unique().Required().Immutable()}
}

// Indexes of Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id"), index.Fields("expires_at")}
}

// PasswordReset is a one-time password reset token (hash only).
type PasswordReset struct{ ent.Schema }

// Mixin of PasswordReset.
func (PasswordReset) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("password_reset")} }

// Fields of PasswordReset.
func (PasswordReset) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("token_hash").Sensitive().Immutable().Unique(),
		field.Int64("user_id").Immutable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
		field.Time("expires_at"),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Indexes of PasswordReset.
func (PasswordReset) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id"), index.Fields("expires_at")}
}

// LoginThrottle counts recent failed sign-ins per key (an e-mail address or a client address).
type LoginThrottle struct{ ent.Schema }

// Mixin of LoginThrottle.
func (LoginThrottle) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("login_throttle")} }

// Fields of LoginThrottle.
func (LoginThrottle) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("key").NotEmpty().MaxLen(300).Unique(),
		field.Int("failures").Default(0),
		field.Time("window_start"),
		field.Time("locked_until").Optional().Nillable(),
	}
}

// IdempotencyKey remembers the response to a create so that a retried request gets the same answer.
type IdempotencyKey struct{ ent.Schema }

// Mixin of IdempotencyKey.
func (IdempotencyKey) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("idempotency_key")} }

// Fields of IdempotencyKey.
func (IdempotencyKey) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("principal").NotEmpty().MaxLen(64),
		field.String("key").NotEmpty().MaxLen(200),
		field.String("request_hash").MaxLen(64),
		field.Int("status").Default(0),
		field.String("content_type").Default("").MaxLen(100),
		field.Bytes("body").Optional(),
		field.Time("created_at").Default(nowUTC).Immutable(),
	}
}

// Indexes of IdempotencyKey.
func (IdempotencyKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("principal", "key").Unique(), index.Fields("created_at")}
}
