package importer

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/importfile"
	"github.com/kehu-crm/kehu/internal/ent/importjob"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// Audit actions of an import (the rows themselves are audited one by one by the generic hook).
const (
	ActionStart  = "import.start"
	ActionFinish = "import.finish"
	ActionCancel = "import.cancel"
)

// Limits bound an upload and the work per transaction.
type Limits struct {
	// MaxBytes is the largest accepted file.
	MaxBytes int64
	// MaxRows is the largest number of data rows.
	MaxRows int
	// BatchSize is the number of rows committed per transaction.
	BatchSize int
	// MaxErrors is how many row errors a job keeps (the failed count stays exact).
	MaxErrors int
}

// DefaultLimits are used for any zero field.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxRows: 200_000, BatchSize: 1000, MaxErrors: 1000}

// CustomDefs lists an entity's active custom fields (the customfield module implements it).
type CustomDefs interface {
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// Actors builds the actor of an active user, so an import runs with its importer's rights and scope,
// narrowed to the API token it was started with (tokenID, 0 for none); nil when the user or the token
// may no longer act (the iam module implements it).
type Actors interface {
	ActorOfToken(ctx context.Context, userID, tokenID int64) (*authz.Actor, error)
}

// Enqueuer puts a job on the queue.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Service is the import use-case layer.
type Service struct {
	st      *store.Store
	reg     *meta.Registry
	custom  CustomDefs
	actors  Actors
	bundle  *i18n.Bundle
	jobs    Enqueuer
	targets map[string]Target
	limits  Limits
	// batchHook, when set, runs inside each batch's transaction just before it commits (fault
	// injection for tests: an error rolls the batch back).
	batchHook func(ctx context.Context, jobID int64, batch int) error
}

// New builds the service.
func New(st *store.Store, reg *meta.Registry, custom CustomDefs, actors Actors, bundle *i18n.Bundle,
	limits Limits, targets ...Target) *Service {
	if limits.MaxBytes <= 0 {
		limits.MaxBytes = DefaultLimits.MaxBytes
	}
	if limits.MaxRows <= 0 {
		limits.MaxRows = DefaultLimits.MaxRows
	}
	if limits.BatchSize <= 0 {
		limits.BatchSize = DefaultLimits.BatchSize
	}
	if limits.MaxErrors <= 0 {
		limits.MaxErrors = DefaultLimits.MaxErrors
	}
	s := &Service{st: st, reg: reg, custom: custom, actors: actors, bundle: bundle, limits: limits,
		targets: map[string]Target{}}
	for _, t := range targets {
		s.targets[t.Entity()] = t
	}
	return s
}

// SetJobs gives the service the job queue.
func (s *Service) SetJobs(j Enqueuer) { s.jobs = j }

// SetBatchHook installs a function run inside every batch's transaction before it commits; an error
// rolls the batch back and fails the run. For fault-injection tests only.
func (s *Service) SetBatchHook(h func(ctx context.Context, jobID int64, batch int) error) {
	s.batchHook = h
}

// Limits returns the limits in force.
func (s *Service) Limits() Limits { return s.limits }

// Entities lists the importable entities.
func (s *Service) Entities() []string {
	out := make([]string, 0, len(s.targets))
	for e := range s.targets {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

func (s *Service) target(location, entity string) (Target, error) {
	t, ok := s.targets[entity]
	if !ok {
		return nil, apperr.Field(location, "import.unknown_entity", map[string]any{"Entity": entity})
	}
	return t, nil
}

// Fields lists entity's importable fields in locale.
func (s *Service) Fields(ctx context.Context, entity, locale string) ([]ImportField, error) {
	tg, err := s.target("query.entity", entity)
	if err != nil {
		return nil, err
	}
	var defs []meta.CustomDef
	if s.custom != nil {
		if defs, err = s.custom.Defs(ctx, entity); err != nil {
			return nil, err
		}
	}
	return fieldsOf(s.reg, tg, defs, locale), nil
}

// requireImport checks import:create and the entity's create right.
func requireImport(ctx context.Context, tg Target) error {
	if err := authz.Require(ctx, Create); err != nil {
		return err
	}
	return authz.Require(ctx, tg.CreateRight())
}

// Upload parses a file and stores it with a new job whose mapping is the suggested one.
func (s *Service) Upload(ctx context.Context, entity, fileName string, data []byte) (*ent.ImportJob, error) {
	tg, err := s.target("body.entity", entity)
	if err != nil {
		return nil, err
	}
	if err := requireImport(ctx, tg); err != nil {
		return nil, err
	}
	if int64(len(data)) > s.limits.MaxBytes {
		return nil, fileError("import.too_large", map[string]any{"MaxMB": s.limits.MaxBytes >> 20})
	}
	format := FormatOf(fileName, data)
	if format == "" {
		return nil, fileError("import.unsupported_format", nil)
	}
	t, err := Parse(data, format, s.limits.MaxRows)
	if err != nil {
		return nil, err
	}
	fields, err := s.Fields(ctx, entity, i18n.Locale(ctx))
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	if len(fileName) > 255 {
		fileName = fileName[:255]
	}
	var id int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).ImportJob.Create().SetUserID(a.UserID).SetEntity(entity).SetFileName(fileName).
			SetFormat(format).SetEncoding(t.Encoding).SetHeaders(t.Headers).
			SetMapping(Suggest(entity, t.Headers, fields)).SetTotalRows(len(t.Rows)).SetErrors([]schema.ImportRowError{})
		if a.TeamID != 0 {
			q.SetTeamID(a.TeamID)
		}
		if a.TokenID != 0 {
			q.SetTokenID(a.TokenID)
		}
		job, err := q.Save(ctx)
		if err != nil {
			return err
		}
		id = job.ID
		sys := authz.AsSystem(ctx)
		return s.st.Client(sys).ImportFile.Create().SetJobID(id).SetData(data).Exec(sys)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Get returns a job the actor may read (their own; import:read widens that).
func (s *Service) Get(ctx context.Context, id int64) (*ent.ImportJob, error) {
	if authz.FromContext(ctx) == nil {
		return nil, authz.Require(ctx, Create)
	}
	job, err := s.st.Client(ctx).ImportJob.Query().Where(importjob.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundOf("import", id)
	}
	return job, err
}

// List returns one page of the jobs the actor may read, newest first.
func (s *Service) List(ctx context.Context, page record.Page) ([]*ent.ImportJob, string, error) {
	q := s.st.Client(ctx).ImportJob.Query()
	if err := page.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, page, func(r *ent.ImportJob) (any, int64) {
		return record.Value(r, page.Sort.Column), r.ID
	})
	return rows, next, nil
}

// Settings are what the importer chooses before starting: column → field and the duplicate mode.
type Settings struct {
	Mapping       map[string]string
	DuplicateMode string
}

// Configure sets the mapping and the duplicate mode of a job that has not started.
func (s *Service) Configure(ctx context.Context, id, version int64, in Settings) (*ent.ImportJob, error) {
	job, _, err := s.owned(ctx, id)
	if err != nil {
		return nil, err
	}
	if job.Status != importjob.StatusUploaded {
		return nil, apperr.New(apperr.Conflict, "import.already_started", nil)
	}
	var mapping map[string]string
	if in.Mapping != nil {
		fields, err := s.Fields(ctx, job.Entity, i18n.Locale(ctx))
		if err != nil {
			return nil, err
		}
		if mapping, err = checkMapping(in.Mapping, job.Headers, fields); err != nil {
			return nil, err
		}
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).ImportJob.UpdateOneID(id).Where(importjob.Version(version)).AddVersion(1)
		if mapping != nil {
			q.SetMapping(mapping)
		}
		if in.DuplicateMode != "" {
			q.SetDuplicateMode(importjob.DuplicateMode(in.DuplicateMode))
		}
		err := q.Exec(ctx)
		if ent.IsNotFound(err) {
			return apperr.StaleVersion()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// checkMapping keeps the columns mapped to a field (an empty field leaves the column out); every
// column must exist and every field be importable and used once.
func checkMapping(in map[string]string, headers []string, fields []ImportField) (map[string]string, error) {
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Name] = true
	}
	var fe apperr.Fields
	out := map[string]string{}
	used := map[string]string{}
	for col, name := range in {
		loc := "body.mapping." + col
		i, err := strconv.Atoi(col)
		switch {
		case err != nil || i < 0 || i >= len(headers) || strconv.Itoa(i) != col:
			fe.Add(loc, "import.unknown_column", nil)
		case name == "":
		case !known[name]:
			fe.Add(loc, "import.unknown_field", map[string]any{"Field": name})
		case used[name] != "":
			fe.Add(loc, "import.field_twice", map[string]any{"Field": name})
		default:
			used[name] = col
			out[col] = name
		}
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// missingRequired reports required fields no column maps to, as a validation error on body.mapping.
func missingRequired(mapping map[string]string, fields []ImportField) error {
	mapped := map[string]bool{}
	for _, n := range mapping {
		mapped[n] = true
	}
	var fe apperr.Fields
	for _, f := range fields {
		if f.Required && !mapped[f.Name] {
			fe.Add("body.mapping", "import.required_unmapped", map[string]any{"Field": f.Label})
		}
	}
	return fe.Err()
}

// Start queues a configured job; the worker imports it in batches as its user.
func (s *Service) Start(ctx context.Context, id int64) (*ent.ImportJob, error) {
	job, _, err := s.owned(ctx, id)
	if err != nil {
		return nil, err
	}
	if job.Status != importjob.StatusUploaded {
		return nil, apperr.New(apperr.Conflict, "import.already_started", nil)
	}
	fields, err := s.Fields(ctx, job.Entity, i18n.Locale(ctx))
	if err != nil {
		return nil, err
	}
	if err := missingRequired(job.Mapping, fields); err != nil {
		return nil, err
	}
	if s.jobs == nil {
		return nil, fmt.Errorf("importer: no job queue")
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		n, err := s.st.Client(ctx).ImportJob.Update().
			Where(importjob.ID(id), importjob.StatusEQ(importjob.StatusUploaded)).
			SetStatus(importjob.StatusQueued).AddVersion(1).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.Conflict, "import.already_started", nil)
		}
		return s.st.Record(ctx, audit.Event{Action: ActionStart, Entity: "import", EntityID: id,
			Changes: map[string]audit.Change{"entity": {New: job.Entity}, "file": {New: job.FileName},
				"rows": {New: job.TotalRows}, "duplicateMode": {New: string(job.DuplicateMode)}}})
	})
	if err != nil {
		return nil, err
	}
	if err := s.jobs.Insert(ctx, RunArgs{JobID: id}, nil); err != nil {
		// Not queued after all: put the import back so it can be started again.
		sys := authz.AsSystem(context.WithoutCancel(ctx))
		_ = s.st.Client(sys).ImportJob.Update().Where(importjob.ID(id), importjob.StatusEQ(importjob.StatusQueued)).
			SetStatus(importjob.StatusUploaded).AddVersion(1).Exec(sys)
		return nil, err
	}
	return s.Get(ctx, id)
}

// Cancel stops a job that has not finished: no further batch starts; committed batches stay.
func (s *Service) Cancel(ctx context.Context, id int64) (*ent.ImportJob, error) {
	job, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := authz.Require(ctx, Create); err != nil {
		return nil, err
	}
	// The importer stops their own import; an administrator (import:create for all) may stop any.
	if a := authz.FromContext(ctx); job.UserID != a.UserID && a.ScopeOf(Create) < authz.ScopeAll {
		return nil, apperr.New(apperr.Forbidden, "import.not_yours", nil)
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx) // authorised above; an administrator may stop another's import
		n, err := s.st.Client(sys).ImportJob.Update().
			Where(importjob.ID(id), importjob.StatusIn(importjob.StatusUploaded, importjob.StatusQueued, importjob.StatusRunning)).
			SetStatus(importjob.StatusCancelled).SetFinishedAt(now()).AddVersion(1).Save(sys)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.Conflict, "import.finished", nil)
		}
		return s.st.Record(ctx, audit.Event{Action: ActionCancel, Entity: "import", EntityID: id,
			Changes: map[string]audit.Change{"status": {Old: string(job.Status), New: "cancelled"}}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// file returns the stored bytes of a job (the caller has already read the job in scope).
func (s *Service) file(ctx context.Context, jobID int64) ([]byte, error) {
	sys := authz.AsSystem(ctx)
	f, err := s.st.Client(sys).ImportFile.Query().Where(importfile.JobID(jobID)).Only(sys)
	if err != nil {
		return nil, fmt.Errorf("importer: file of job %d: %w", jobID, err)
	}
	return f.Data, nil
}
