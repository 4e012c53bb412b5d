package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DedupKey is one normalised matching key of a record (SPEC C6): a company name without its legal suffix,
// phone digits, a lower-cased e-mail, a bare website host. Two records sharing a key are likely duplicates.
type DedupKey struct{ ent.Schema }

// Mixin of DedupKey.
func (DedupKey) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("dedup_key")} }

// Fields of DedupKey.
func (DedupKey) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("entity").NotEmpty().MaxLen(30),
		field.Int64("record_id"),
		field.String("kind").NotEmpty().MaxLen(20),
		field.String("key").NotEmpty().MaxLen(300),
	}
}

// Indexes of DedupKey.
func (DedupKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "kind", "key"), index.Fields("entity", "record_id")}
}

// DuplicateDismissal records that a user judged two records not to be duplicates; the pair is no longer
// offered for review. AID is always the smaller id.
type DuplicateDismissal struct{ ent.Schema }

// Mixin of DuplicateDismissal.
func (DuplicateDismissal) Mixin() []ent.Mixin {
	return []ent.Mixin{internalRule("duplicate_dismissal")}
}

// Fields of DuplicateDismissal.
func (DuplicateDismissal) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("entity").NotEmpty().MaxLen(30),
		field.Int64("a_id"),
		field.Int64("b_id"),
		field.Int64("user_id").Optional().Nillable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
	}
}

// Indexes of DuplicateDismissal.
func (DuplicateDismissal) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "a_id", "b_id").Unique()}
}

// MergeLog records a merge: the surviving record, the merged (deleted) one, a snapshot of the merged
// record and the field choices. The survivor's timeline includes the merged record's history through it.
type MergeLog struct{ ent.Schema }

// Mixin of MergeLog.
func (MergeLog) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("merge_log")} }

// Fields of MergeLog.
func (MergeLog) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.String("entity").NotEmpty().MaxLen(30).Immutable(),
		field.Int64("survivor_id").Immutable(),
		field.Int64("merged_id").Immutable(),
		field.JSON("snapshot", map[string]any{}).Optional().Immutable(),
		field.JSON("choices", map[string]string{}).Optional().Immutable(),
		field.Int64("user_id").Optional().Nillable().Immutable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
	}
}

// Indexes of MergeLog.
func (MergeLog) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "survivor_id"), index.Fields("entity", "merged_id")}
}
