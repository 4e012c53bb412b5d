package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/importjob"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// RunArgs is the River job that imports one ImportJob.
type RunArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind implements river.JobArgs.
func (RunArgs) Kind() string { return "import_run" }

// InsertOpts: one run per import at a time; retried (resuming at next_row) after a failure.
func (RunArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true,
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
			rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

type worker struct {
	river.WorkerDefaults[RunArgs]
	s *Service
}

func (w *worker) Work(ctx context.Context, job *river.Job[RunArgs]) error {
	err := w.s.Run(ctx, job.Args.JobID)
	if err != nil && job.Attempt >= job.MaxAttempts {
		// River gives up after this attempt: say so on the import instead of leaving it running.
		sys := authz.AsSystem(context.WithoutCancel(ctx))
		if j, gerr := w.s.st.Client(sys).ImportJob.Get(sys, job.Args.JobID); gerr == nil &&
			(j.Status == importjob.StatusQueued || j.Status == importjob.StatusRunning) {
			_ = w.s.fail(sys, j, "import.gave_up")
		}
	}
	return err
}

// Timeout lets a large import run longer than River's default minute.
func (w *worker) Timeout(*river.Job[RunArgs]) time.Duration { return 2 * time.Hour }

// RegisterJobs adds the import worker.
func (s *Service) RegisterJobs(workers *river.Workers) { river.AddWorker(workers, &worker{s: s}) }

var errCancelled = errors.New("importer: cancelled")

// On SQLite, whose one writer at a time is the importer while a batch runs, the run pauses for
// sqlitePause (longer than the busy handler's longest sleep, 100 ms, so a waiting writer gets in)
// after a batch when a transaction of this process (a user's save, a cancel) waits to begin, and in
// any case once its batches have held the write lock for sqliteHold, for writers that are not ours to
// see (the job queue's, other processes'). A pause after every batch cost the import a third of its time.
const (
	sqlitePause = 120 * time.Millisecond
	sqliteHold  = time.Second
)

func now() time.Time { return time.Now().UTC() }

// Run imports a queued or interrupted job from its next_row to the end, one transaction per batch,
// as the job's user. A batch's records, its counters and next_row commit together, so a run killed at
// any point resumes exactly where the last committed batch ended.
func (s *Service) Run(ctx context.Context, jobID int64) error {
	sys := authz.AsSystem(ctx)
	job, err := s.st.Client(sys).ImportJob.Get(sys, jobID)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if job.Status != importjob.StatusQueued && job.Status != importjob.StatusRunning {
		return nil // done, failed or cancelled meanwhile
	}
	u, err := s.st.Client(sys).User.Query().Where(user.ID(job.UserID)).Only(sys)
	if err != nil {
		return err
	}
	actor, err := s.actors.ActorOfToken(sys, job.UserID, tokenOf(job))
	if err != nil {
		return err
	}
	if actor == nil {
		if job.TokenID != nil {
			return s.fail(sys, job, "import.token_invalid")
		}
		return s.fail(sys, job, "import.user_inactive")
	}
	// Work as the importer: their rights and data scope apply to every row; audit rows name them.
	uctx := i18n.WithLocale(authz.WithActor(ctx, actor), u.Locale)
	tg, ok := s.targets[job.Entity]
	if !ok {
		return s.fail(sys, job, "import.unknown_entity")
	}
	data, err := s.file(sys, jobID)
	if err != nil {
		return err
	}
	table, err := Parse(data, job.Format, s.limits.MaxRows)
	if err != nil {
		return s.fail(sys, job, "import.bad_file")
	}
	fields, err := s.Fields(uctx, job.Entity, u.Locale)
	if err != nil {
		return err
	}
	conv, err := newConverter(uctx, s.st, fields, job.Mapping)
	if err != nil {
		return err
	}
	if job.Status == importjob.StatusQueued {
		if err := s.st.Client(sys).ImportJob.UpdateOneID(jobID).SetStatus(importjob.StatusRunning).
			SetStartedAt(now()).AddVersion(1).Exec(sys); err != nil {
			return err
		}
	}
	total := len(table.Rows)
	var held time.Duration // write lock time since the last pause (SQLite)
	for batch := job.NextRow / s.limits.BatchSize; ; batch++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		done, err := s.runBatch(uctx, jobID, batch, tg, conv, table)
		held += time.Since(start)
		if errors.Is(err, errCancelled) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("importer: job %d batch %d: %w", jobID, batch, err)
		}
		if done >= total {
			break
		}
		if s.st.DB.Dialect == db.SQLite && (held >= sqliteHold || s.st.TxWaiting()) {
			held = 0
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(sqlitePause):
			}
		}
	}
	return s.finish(uctx, jobID)
}

// outcome counts one batch.
type outcome struct {
	created, updated, skipped, failed int
	errors                            []schema.ImportRowError
}

// runBatch imports the rows of one batch in one transaction and returns the next row.
func (s *Service) runBatch(ctx context.Context, jobID int64, batch int, tg Target, conv *converter, table *Table) (int, error) {
	var next int
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		job, err := s.st.Client(sys).ImportJob.Get(sys, jobID)
		if err != nil {
			return err
		}
		if job.Status != importjob.StatusRunning {
			return errCancelled
		}
		from := job.NextRow
		to := min(from+s.limits.BatchSize, len(table.Rows))
		next = to
		if from >= to {
			return nil
		}
		var out outcome
		if err := s.importRows(ctx, job, tg, conv, table.Rows[from:to], from, &out); err != nil {
			return err
		}
		errs := job.Errors
		for _, e := range out.errors {
			if len(errs) >= s.limits.MaxErrors {
				break
			}
			errs = append(errs, e)
		}
		if err := s.st.Client(sys).ImportJob.UpdateOneID(jobID).SetNextRow(to).
			AddCreatedCount(out.created).AddUpdatedCount(out.updated).AddSkippedCount(out.skipped).
			AddFailedCount(out.failed).SetErrors(errs).AddVersion(1).Exec(sys); err != nil {
			return err
		}
		if s.batchHook != nil {
			return s.batchHook(ctx, jobID, batch)
		}
		return nil
	})
	return next, err
}

// importRows checks and writes rows (numbered from offset+1) in the context's transaction. Creates
// are gathered and inserted together; they are flushed early when a later row shares a matching key
// with one of them, so duplicates inside the file are found like those already stored. All rows are
// checked first (checks write nothing), so that the batch's duplicate lookup starts with one query.
func (s *Service) importRows(ctx context.Context, job *ent.ImportJob, tg Target, conv *converter, rows [][]string,
	offset int, out *outcome) error {
	tb := tg.Batch()
	if err := conv.lookup(ctx, rows); err != nil {
		return err
	}
	var pending []any
	pendingKeys := map[dedup.Key]bool{}
	var stored map[dedup.Key]bool // which keys are stored, valid while storedFresh
	storedFresh := false
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		ids, err := tb.Insert(ctx, pending)
		if err != nil {
			return err
		}
		out.created += len(ids)
		pending, pendingKeys = nil, map[dedup.Key]bool{}
		storedFresh = false
		return nil
	}
	locale := i18n.Locale(ctx)
	checkedRows := make([]checked, len(rows))
	var allKeys []dedup.Key
	for i, cells := range rows {
		r := s.checkRow(ctx, tb, conv, job.Entity, cells, locale)
		if r.err != nil {
			return r.err
		}
		checkedRows[i] = r
		allKeys = append(allKeys, r.keys...)
	}
	// Duplicates are looked up set-based: one query tells which of the batch's keys are stored, and
	// only a row with a stored key (or one written earlier in this batch) is looked up with Find. The
	// answer is asked again after every write of this batch, whose keys it cannot know.
	for i, r := range checkedRows {
		rowNo := offset + i + 1
		if len(r.errors) > 0 {
			out.failed++
			out.errors = append(out.errors, numbered(rowNo, r.errors)...)
			continue
		}
		mode := job.DuplicateMode
		if mode != importjob.DuplicateModeCreate {
			clash := false
			for _, k := range r.keys {
				clash = clash || pendingKeys[k]
			}
			if clash {
				if err := flush(); err != nil {
					return err
				}
			}
			if !storedFresh {
				var err error
				if stored, err = dedup.Stored(ctx, s.st.Client(ctx), job.Entity, allKeys); err != nil {
					return err
				}
				storedFresh = true
			}
			known := false
			for _, k := range r.keys {
				known = known || stored[k]
			}
			var matches []dedup.Match
			if known {
				var err error
				if matches, err = dedup.Find(ctx, s.st.Client(ctx), job.Entity, dedupValues(r.values)); err != nil {
					return err
				}
			}
			if len(matches) > 0 {
				if mode == importjob.DuplicateModeSkip {
					out.skipped++
					continue
				}
				err := tb.Update(ctx, matches[0].ID, r.values)
				storedFresh = false
				if rowFault(err) {
					out.failed++
					out.errors = append(out.errors, numbered(rowNo, s.rowErrors(locale, err))...)
					continue
				}
				if err != nil {
					return err
				}
				out.updated++
				continue
			}
		}
		pending = append(pending, r.checked)
		for _, k := range r.keys {
			pendingKeys[k] = true
		}
	}
	return flush()
}

// checked is one row after conversion and the target's checks.
type checked struct {
	values  map[string]any
	checked any
	keys    []dedup.Key
	errors  []schema.ImportRowError
	// err is a failure that is not the row's fault (the database).
	err error
}

// checkRow converts a row and runs the target's create checks; field problems become row errors.
func (s *Service) checkRow(ctx context.Context, tg Target, conv *converter, entity string, cells []string, locale string) checked {
	values, ferrs := conv.row(cells)
	var r checked
	r.values = values
	var c any
	var err error
	if len(ferrs) == 0 {
		c, err = tg.Check(ctx, values)
	} else {
		// Still run the target's checks on the readable values, so one pass reports everything.
		partial := map[string]any{}
		bad := map[string]bool{}
		for _, fe := range ferrs {
			bad[strings.TrimPrefix(fe.Location, "body.")] = true
		}
		for k, v := range values {
			if !bad[k] {
				partial[k] = v
			}
		}
		_, err = tg.Check(ctx, partial)
		ae := &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: ferrs}
		if e, ok := apperr.As(err); ok && e.Kind == apperr.Invalid {
			for _, f := range e.Fields {
				if !bad[strings.TrimPrefix(f.Location, "body.")] {
					ae.Fields = append(ae.Fields, f)
				}
			}
			err = nil
		}
		if err == nil {
			err = ae
		}
	}
	if err != nil {
		if rowFault(err) {
			r.errors = s.rowErrors(locale, err)
			return r
		}
		r.err = err
		return r
	}
	r.checked = c
	r.keys = dedup.Keys(entity, dedupValues(values))
	return r
}

// rowFault reports whether err is the row's fault (invalid, not found, forbidden, stale) rather than
// the system's: such a row is skipped and reported, anything else fails the batch.
func rowFault(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, authz.ErrForbidden) {
		return true
	}
	e, ok := apperr.As(err)
	return ok && e.Kind != apperr.Unavailable && e.Kind != apperr.Unauthenticated
}

// rowErrors turns a business error into row errors with messages in locale.
func (s *Service) rowErrors(locale string, err error) []schema.ImportRowError {
	if errors.Is(err, authz.ErrForbidden) {
		var fe *authz.ForbiddenError
		args := map[string]any{}
		if errors.As(err, &fe) {
			args["Right"] = string(fe.Right)
		}
		return []schema.ImportRowError{{Code: "import.forbidden", Message: s.bundle.T(locale, "import.forbidden", args)}}
	}
	e, _ := apperr.As(err)
	if len(e.Fields) == 0 {
		return []schema.ImportRowError{{Code: e.Code, Message: s.bundle.T(locale, e.Code, e.Args)}}
	}
	out := make([]schema.ImportRowError, 0, len(e.Fields))
	for _, f := range e.Fields {
		out = append(out, schema.ImportRowError{Field: strings.TrimPrefix(f.Location, "body."), Code: f.Code,
			Message: s.bundle.T(locale, f.Code, f.Args)})
	}
	return out
}

func numbered(row int, errs []schema.ImportRowError) []schema.ImportRowError {
	for i := range errs {
		errs[i].Row = row
	}
	return errs
}

// dedupValues gives the matching keys' inputs as text.
func dedupValues(values map[string]any) dedup.Values {
	out := dedup.Values{}
	for _, k := range []string{"name", "phone", "mobile", "email", "website", "accountId"} {
		if v, ok := values[k]; ok && v != nil {
			out[k] = fmt.Sprint(v)
		}
	}
	return out
}

// finish marks a job done and records its summary, attributed to its user.
func (s *Service) finish(ctx context.Context, jobID int64) error {
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		job, err := s.st.Client(sys).ImportJob.Get(sys, jobID)
		if err != nil {
			return err
		}
		if job.Status != importjob.StatusRunning {
			return nil
		}
		if err := s.st.Client(sys).ImportJob.UpdateOneID(jobID).SetStatus(importjob.StatusDone).
			SetFinishedAt(now()).AddVersion(1).Exec(sys); err != nil {
			return err
		}
		return s.st.Record(sys, audit.Event{Action: ActionFinish, Entity: "import", EntityID: jobID,
			Changes: map[string]audit.Change{"created": {New: job.CreatedCount}, "updated": {New: job.UpdatedCount},
				"skipped": {New: job.SkippedCount}, "failed": {New: job.FailedCount}}})
	})
}

// fail marks a job failed with a reason (a message id); nothing more is retried.
func (s *Service) fail(ctx context.Context, job *ent.ImportJob, code string) error {
	return s.st.Client(ctx).ImportJob.UpdateOneID(job.ID).SetStatus(importjob.StatusFailed).
		SetError(code).SetFinishedAt(now()).AddVersion(1).Exec(ctx)
}

// tokenOf is the API token an import was started with, 0 for a session.
func tokenOf(job *ent.ImportJob) int64 {
	if job.TokenID == nil {
		return 0
	}
	return *job.TokenID
}
