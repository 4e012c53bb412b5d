package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/ent/migrations"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/jobs"
	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/platform/metrics"
	"github.com/kehu-crm/kehu/internal/store"
)

// Version is the build's version, set by cmd/kehu.
var Version = "dev"

// App is one running Kehu node.
type App struct {
	Cfg      config.Config
	Logger   *slog.Logger
	DB       *db.DB
	Store    *store.Store
	Jobs     *jobs.Jobs
	IAM      *iam.Service
	Modules  *Modules
	API      huma.API
	Metrics  *metrics.Metrics
	Handler  http.Handler
	migrator *db.Migrator
}

// Options tune New beyond the configuration (tests use them).
type Options struct {
	// JobPollInterval overrides River's poll interval.
	JobPollInterval time.Duration
}

// Open connects to the configured database.
func Open(ctx context.Context, cfg config.Config) (*db.DB, error) {
	if cfg.IsPostgres() {
		return db.OpenPostgres(ctx, cfg.DatabaseURL)
	}
	return db.OpenSQLite(ctx, cfg.SQLitePath())
}

// Migrate applies the schema and job-queue migrations.
func Migrate(ctx context.Context, d *db.DB, logger *slog.Logger) error {
	m, err := db.NewMigrator(d, migrations.For(d.Dialect))
	if err != nil {
		return err
	}
	n, err := m.Up(ctx)
	if err != nil {
		return err
	}
	j, err := jobs.New(d, jobs.Setup{})
	if err != nil {
		return err
	}
	defer j.Stop(ctx)
	if err := j.Migrate(ctx); err != nil {
		return err
	}
	if n > 0 {
		logger.Info("migrations applied", "count", n, "dialect", d.Dialect)
	}
	return nil
}

// New builds a node on an open, migrated database. Call Start to run jobs and Serve to listen.
func New(ctx context.Context, cfg config.Config, d *db.DB, logger *slog.Logger, o Options) (*App, error) {
	bundle, err := i18n.New()
	if err != nil {
		return nil, err
	}
	st := store.New(d)
	sender := mail.New(mail.SMTPConfig{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUsername,
		Password: cfg.SMTPPassword, From: cfg.SMTPFrom, TLS: cfg.SMTPTLS}, logger)
	mods, err := NewModules(st, cfg, sender, bundle, logger)
	if err != nil {
		return nil, err
	}
	iamSvc := mods.IAM
	a := &App{Cfg: cfg, Logger: logger, DB: d, Store: st, IAM: iamSvc, Modules: mods, Metrics: metrics.New(d.SQL, string(d.Dialect))}
	if a.migrator, err = db.NewMigrator(d, migrations.For(d.Dialect)); err != nil {
		return nil, err
	}

	workers := river.NewWorkers()
	periodic := mods.RegisterJobs(workers)
	a.Jobs, err = jobs.New(d, jobs.Setup{Workers: workers, Periodic: periodic, MaxWorkers: cfg.JobWorkers,
		Logger: logger, Observe: a.Metrics.ObserveJob, PollInterval: o.JobPollInterval})
	if err != nil {
		return nil, err
	}
	mods.SetJobs(a.Jobs)

	if err := iamSvc.EnsureBuiltinRoles(ctx); err != nil {
		return nil, fmt.Errorf("app: built-in roles: %w", err)
	}
	if err := mods.Dictionary.EnsureDefaults(ctx); err != nil {
		return nil, fmt.Errorf("app: dictionary defaults: %w", err)
	}
	if err := a.routes(bundle); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *App) routes(bundle *i18n.Bundle) error {
	mux := http.NewServeMux()
	a.API = httpx.NewAPI(mux, httpx.APIOptions{Title: "Kehu CRM", Version: Version, Bundle: bundle,
		MaxBodyBytes: a.Cfg.MaxBodyBytes, Observe: a.Metrics.ObserveRequest})
	a.Modules.RegisterAPI(a.API, a.Cfg.TLS() || a.Cfg.CookieSecure)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.Metrics.Handler())
	if err := mountWeb(mux); err != nil {
		return err
	}
	cors, err := httpx.CrossOrigin(strings.Split(a.Cfg.TrustedOrigins, ","))
	if err != nil {
		return fmt.Errorf("app: KEHU_TRUSTED_ORIGINS: %w", err)
	}
	a.Handler = httpx.Chain(mux,
		httpx.RequestContext(a.Logger),
		httpx.Recover(a.Logger),
		httpx.SecurityHeaders(a.Cfg.TLS()),
		httpx.LimitBody(a.Cfg.MaxBodyBytes, httpx.BodyLimit{Method: http.MethodPost, Path: "/api/v1/imports",
			Max: a.Cfg.ImportMaxBytes + 1<<20}),
		cors,
		a.IAM.Authenticate,
		httpx.Idempotency(store.Idempotency{S: a.Store}, "/api/v1/api-tokens", "/api/v1/auth/", "/api/v1/me/password"),
	)
	return nil
}

// readyz answers 200 only while the database answers and no migration is pending.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if err := a.DB.Ping(r.Context()); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"database unreachable"}`))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	pending, err := a.migrator.Pending(ctx)
	if err != nil || pending {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"migrations pending"}`))
		return
	}
	_, _ = w.Write([]byte(`{"status":"ready"}`))
}

// Start runs background jobs.
func (a *App) Start(ctx context.Context) error { return a.Jobs.Start(ctx) }

// Serve listens until ctx ends, then shuts down gracefully: stop accepting, finish in-flight requests
// and jobs within the shutdown timeout.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	srv := &http.Server{Addr: a.Cfg.Addr, Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn)}
	ln, err := listen(a.Cfg.Addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() {
		if a.Cfg.TLS() {
			errc <- srv.ServeTLS(ln, a.Cfg.TLSCert, a.Cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	a.Logger.Info("shutting down", "timeout", a.Cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), a.Cfg.ShutdownTimeout)
	defer cancel()
	herr := srv.Shutdown(sctx)
	jerr := a.Jobs.Stop(sctx)
	return errors.Join(herr, jerr)
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }
