// Package schema declares every persisted entity of Kehu. Each entity embeds a mixin from this file that
// carries its privacy policy (built by platform/authz), so no entity can be read or written without an
// actor and every row stays within the actor's data scope.
package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Protected attaches the authorization policy for one entity.
type Protected struct {
	mixin.Schema
	Rule authz.EntityRule
}

// Policy implements ent's privacy hook.
func (p Protected) Policy() ent.Policy { return authz.EntityPolicy(p.Rule) }

// Timestamps adds created_at and updated_at, both UTC.
type Timestamps struct{ mixin.Schema }

// Fields of Timestamps.
func (Timestamps) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(nowUTC).Immutable().
			Annotations(meta.Field("createdAt", "创建时间", "Created", "datetime").Sort().ReadOnlyF()),
		field.Time("updated_at").Default(nowUTC).UpdateDefault(nowUTC).
			Annotations(meta.Field("updatedAt", "更新时间", "Updated", "datetime").ReadOnlyF()),
	}
}

// Versioned adds the optimistic-concurrency counter every mutable record carries.
type Versioned struct{ mixin.Schema }

// Fields of Versioned.
func (Versioned) Fields() []ent.Field {
	return []ent.Field{field.Int64("version").Default(1).Min(1)}
}

func nowUTC() time.Time { return time.Now().UTC() }

// scopedListIndexes are the indexes a scoped list needs to be read in order: for each scope column
// (owner_id, team_id), one on (scope, id) for the default sort (-id) and one on (scope, sortCol, id)
// for each other sort the list pages use.
func scopedListIndexes(sortCols ...string) []ent.Index {
	var out []ent.Index
	for _, scope := range []string{"owner_id", "team_id"} {
		out = append(out, index.Fields(scope, "id"))
		for _, c := range sortCols {
			out = append(out, index.Fields(scope, c, "id"))
		}
	}
	return out
}
