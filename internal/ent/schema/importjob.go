package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// ImportJob is one CSV or Excel import of accounts or contacts (SPEC I3). Rows are committed in batches;
// NextRow advances in the same transaction as each batch, so a killed import resumes where it stopped
// and no batch is ever half-written.
type ImportJob struct{ ent.Schema }

// Mixin of ImportJob.
func (ImportJob) Mixin() []ent.Mixin {
	return []ent.Mixin{
		Protected{Rule: authz.EntityRule{Resource: "import", Access: authz.Personal, OwnerField: "user_id", TeamField: "team_id"}},
		Timestamps{}, Versioned{},
	}
}

// Fields of ImportJob.
func (ImportJob) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("user_id").Immutable(),
		field.Int64("team_id").Optional().Nillable().Immutable(),
		// token_id is the API token the import was started with, if any: the run is narrowed to the
		// token's rights and stops when the token is revoked or expires.
		field.Int64("token_id").Optional().Nillable().Immutable(),
		field.String("entity").NotEmpty().MaxLen(30).Immutable(),
		field.String("file_name").Default("").MaxLen(255).Immutable(),
		field.String("format").NotEmpty().MaxLen(10).Immutable(),
		field.String("encoding").Default("utf-8").MaxLen(20),
		field.Strings("headers").Optional(),
		// Mapping maps a column index (as text) to a field's API name; unmapped columns are ignored.
		field.JSON("mapping", map[string]string{}).Optional(),
		field.Enum("duplicate_mode").Values("skip", "update", "create").Default("skip"),
		field.Enum("status").Values("uploaded", "queued", "running", "done", "failed", "cancelled").Default("uploaded"),
		field.Int("total_rows").Default(0),
		field.Int("next_row").Default(0),
		field.Int("created_count").Default(0),
		field.Int("updated_count").Default(0),
		field.Int("skipped_count").Default(0),
		field.Int("failed_count").Default(0),
		field.JSON("errors", []ImportRowError{}).Optional(),
		field.String("error").Default("").MaxLen(1000),
		field.Time("started_at").Optional().Nillable(),
		field.Time("finished_at").Optional().Nillable(),
	}
}

// Indexes of ImportJob.
func (ImportJob) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "created_at"), index.Fields("status")}
}

// ImportRowError is one rejected row of an import (1-based data row, field API name, message key and text).
type ImportRowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
}

// ImportFile holds the uploaded bytes of an import job, apart from the job so that polling the job's
// progress never reads the file.
type ImportFile struct{ ent.Schema }

// Mixin of ImportFile.
func (ImportFile) Mixin() []ent.Mixin { return []ent.Mixin{internalRule("import_file")} }

// Fields of ImportFile.
func (ImportFile) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.Int64("job_id").Unique().Immutable(),
		field.Bytes("data").Immutable(),
		field.Time("created_at").Default(nowUTC).Immutable(),
	}
}
