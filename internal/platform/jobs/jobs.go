package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

// Setup is what the composition root hands to New.
type Setup struct {
	Workers    *river.Workers
	Periodic   []*river.PeriodicJob
	MaxWorkers int
	Logger     *slog.Logger
	// Observe is told the kind, outcome ("ok" or "error") and duration of every job run.
	Observe func(kind, outcome string, d time.Duration)
	// PollInterval overrides River's fetch poll interval (tests use a short one).
	PollInterval time.Duration
}

// Jobs is a running (or runnable) River client of either dialect.
type Jobs struct {
	insert  func(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
	start   func(ctx context.Context) error
	stop    func(ctx context.Context) error
	migrate func(ctx context.Context) error
	closeDB func() error
}

// New builds the client without starting it.
func New(d *db.DB, s Setup) (*Jobs, error) {
	if s.MaxWorkers <= 0 {
		s.MaxWorkers = 10
	}
	cfg := &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: s.MaxWorkers}},
		Workers:           s.Workers,
		PeriodicJobs:      s.Periodic,
		Logger:            s.Logger,
		Middleware:        []rivertype.Middleware{&systemActor{observe: s.Observe}},
		FetchPollInterval: s.PollInterval,
	}
	if s.Workers == nil {
		cfg.Workers = river.NewWorkers()
	}
	if d.Dialect == db.Postgres {
		return build(riverpgxv5.New(d.Pool), cfg, nil)
	}
	// River wants one connection on SQLite; it shares the file (and WAL) with the application pool.
	rdb, err := sql.Open("sqlite", db.SQLiteDSN(d.Path))
	if err != nil {
		return nil, fmt.Errorf("jobs: open sqlite: %w", err)
	}
	rdb.SetMaxOpenConns(1)
	return build(riversqlite.New(rdb), cfg, rdb.Close)
}

func build[TTx any](driver riverdriver.Driver[TTx], cfg *river.Config, closeDB func() error) (*Jobs, error) {
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		if closeDB != nil {
			_ = closeDB()
		}
		return nil, fmt.Errorf("jobs: new client: %w", err)
	}
	return &Jobs{
		insert: func(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
			_, err := client.Insert(ctx, args, opts)
			return err
		},
		start: client.Start,
		stop:  client.Stop,
		migrate: func(ctx context.Context) error {
			m, err := rivermigrate.New(driver, nil)
			if err != nil {
				return err
			}
			_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
			return err
		},
		closeDB: closeDB,
	}, nil
}

// Migrate creates or upgrades River's own tables.
func (j *Jobs) Migrate(ctx context.Context) error {
	if err := j.migrate(ctx); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// Start begins working jobs and scheduling periodic ones.
func (j *Jobs) Start(ctx context.Context) error { return j.start(ctx) }

// Stop waits for running jobs to finish (or ctx to end) and releases resources.
func (j *Jobs) Stop(ctx context.Context) error {
	err := j.stop(ctx)
	if j.closeDB != nil {
		if cerr := j.closeDB(); err == nil {
			err = cerr
		}
	}
	return err
}

// Insert enqueues a job.
func (j *Jobs) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	if err := j.insert(ctx, args, opts); err != nil {
		return fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return nil
}

type systemActor struct {
	river.MiddlewareDefaults
	observe func(kind, outcome string, d time.Duration)
}

func (m *systemActor) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) error {
	start := time.Now()
	err := doInner(authz.AsSystem(ctx))
	if m.observe != nil {
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		m.observe(job.Kind, outcome, time.Since(start))
	}
	return err
}
