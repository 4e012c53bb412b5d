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

// User is a person who signs in to Kehu.
type User struct{ ent.Schema }

// Mixin of User.
func (User) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "user", OwnerField: "id", TeamField: "team_id"}},
		Timestamps{}, Versioned{},
	}
}

// Annotations of User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("user", "用户", "User")}
}

// Fields of User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("email").NotEmpty().MaxLen(254).
			Annotations(meta.Field("email", "邮箱", "Email", "email").Req().Sort()),
		field.String("name").NotEmpty().MaxLen(100).
			Annotations(meta.Field("name", "姓名", "Name", "string").Req().Sort()),
		field.String("password_hash").Sensitive(),
		field.String("locale").Default("zh-CN").
			Annotations(meta.Field("locale", "语言", "Language", "enum").
				Enum(meta.Opt("zh-CN", "简体中文", "Simplified Chinese"), meta.Opt("en", "英语", "English"))),
		field.String("time_zone").Default("Asia/Shanghai").MaxLen(64).
			Annotations(meta.Field("timeZone", "时区", "Time zone", "string")),
		field.Bool("active").Default(true).
			Annotations(meta.Field("active", "启用", "Active", "bool").Filter().ReadOnlyF()),
		field.Int64("team_id").Optional().Nillable().
			Annotations(meta.Field("teamId", "团队", "Team", "ref").RefTo("team").Filter()),
		field.Time("last_login_at").Optional().Nillable().
			Annotations(meta.Field("lastLoginAt", "最近登录", "Last login", "datetime").ReadOnlyF()),
		field.Time("password_changed_at").Optional().Nillable(),
		field.Bool("notify_email").Default(true).
			Annotations(meta.Field("notifyEmail", "邮件提醒", "E-mail reminders", "bool")),
		// CalendarTokenHash is the SHA-256 of the secret in the user's iCalendar feed address.
		field.String("calendar_token_hash").Optional().Nillable().Sensitive().Unique(),
	}
}

// Edges of User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("team", Team.Type).Ref("members").Field("team_id").Unique(),
		edge.To("roles", Role.Type),
		edge.To("sessions", Session.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("api_tokens", APIToken.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of User.
func (User) Indexes() []ent.Index {
	return []ent.Index{index.Fields("email").Unique(), index.Fields("team_id")}
}
