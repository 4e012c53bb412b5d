package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Comment is a remark on a record (account, contact, activity) with optional @mentions (SPEC X1).
// It is internal: whoever may read the record reads its comments, so the service checks the record
// first and then reads comments as the system.
type Comment struct{ ent.Schema }

// Mixin of Comment.
func (Comment) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("comment"), Timestamps{}} }

// Fields of Comment.
func (Comment) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("entity").NotEmpty().MaxLen(30).Immutable(),
		field.Int64("record_id").Immutable(),
		// AccountID is the account the record belongs to, so the customer 360 timeline shows the
		// comments on its contacts and activities too.
		field.Int64("account_id").Optional().Nillable(),
		// MaxLen counts bytes: 20,000 bytes hold the 5,000 characters (up to 4 bytes each) the service allows.
		field.Text("body").NotEmpty().MaxLen(20000),
		field.JSON("mentions", []int64{}).Optional(),
		field.Int64("author_id").Immutable(),
	}
}

// Indexes of Comment.
func (Comment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "record_id", "created_at"), index.Fields("account_id", "created_at")}
}

// Notification is an in-app message to one user: a mention, a due reminder, an assignment, a finished
// import. Kind and Params let the web UI word it in the reader's language.
type Notification struct{ ent.Schema }

// Mixin of Notification.
func (Notification) Mixin() []ent.Mixin {
	return []ent.Mixin{Protected{Rule: authz.EntityRule{Resource: "notification", Access: authz.Personal, OwnerField: "user_id"}}}
}

// Fields of Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("user_id").Immutable(),
		field.String("kind").NotEmpty().MaxLen(30).Immutable(),
		field.String("title").Default("").MaxLen(300).Immutable(),
		field.Text("body").Default("").MaxLen(2000).Immutable(),
		field.JSON("params", map[string]string{}).Optional().Immutable(),
		field.String("entity").Default("").MaxLen(30).Immutable(),
		field.Int64("record_id").Optional().Nillable().Immutable(),
		field.Int64("actor_id").Optional().Nillable().Immutable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
		field.Time("read_at").Optional().Nillable(),
	}
}

// Indexes of Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "read_at"), index.Fields("user_id", "id"), index.Fields("created_at")}
}
