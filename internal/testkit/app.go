package testkit

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

// App is a running Kehu node on a fresh database, served by an httptest server.
type App struct {
	*app.App
	URL     string
	Dialect db.Dialect
	SMTP    *SMTPSink
	t       testing.TB
}

// Option adjusts the configuration of a test app.
type Option func(*config.Config)

// TestConfig is the configuration tests start from: cheap password hashing, mail to a local sink.
func TestConfig() config.Config {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	cfg.Argon2MemoryKiB = 1024
	cfg.Argon2Time = 1
	cfg.LogLevel = "error"
	cfg.Addr = "127.0.0.1:0"
	cfg.BaseURL = "http://kehu.test"
	cfg.SMTPTLS = "none"
	cfg.ShutdownTimeout = 5 * time.Second
	return cfg
}

// NewApp starts a node with jobs running on a fresh database of dialect d.
func NewApp(t testing.TB, d db.Dialect, opts ...Option) *App {
	t.Helper()
	return NewAppOn(t, NewDB(t, d), opts...)
}

// NewAppOn starts a node on an existing database (several nodes may share one).
func NewAppOn(t testing.TB, database *db.DB, opts ...Option) *App {
	t.Helper()
	sink := NewSMTPSink(t)
	cfg := TestConfig()
	cfg.SMTPHost, cfg.SMTPPort, cfg.SMTPUsername, cfg.SMTPPassword = sink.Host, sink.Port, sink.Username, sink.Password
	for _, o := range opts {
		o(&cfg)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("KEHU_TEST_LOG") != "" {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.New(ctx, cfg, database, logger, app.Options{JobPollInterval: 100 * time.Millisecond})
	if err != nil {
		cancel()
		t.Fatalf("testkit: new app: %v", err)
	}
	if err := a.Start(ctx); err != nil {
		cancel()
		t.Fatalf("testkit: start jobs: %v", err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() {
		srv.Close()
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = a.Jobs.Stop(sctx)
		cancel()
	})
	return &App{App: a, URL: srv.URL, Dialect: database.Dialect, SMTP: sink, t: t}
}
