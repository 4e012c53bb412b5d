package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// SavedView is a named list view (filters, search text, sort, columns) of one entity (SPEC C9). Its
// owner edits it; a shared view is offered to everyone who may read the entity.
type SavedView struct{ ent.Schema }

// Mixin of SavedView.
func (SavedView) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "saved_view", Access: authz.Personal, OwnerField: "owner_id"}},
		Timestamps{}, Versioned{},
	}
}

// Fields of SavedView.
func (SavedView) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("owner_id").Immutable(),
		field.String("entity").NotEmpty().MaxLen(30).Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.Strings("filters").Optional(),
		field.String("q").Default("").MaxLen(200),
		field.String("sort").Default("").MaxLen(100),
		field.Strings("columns").Optional(),
		field.Bool("shared").Default(false),
		field.Int("position").Default(0),
	}
}

// Indexes of SavedView.
func (SavedView) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id", "entity"), index.Fields("entity", "shared")}
}
