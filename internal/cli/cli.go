// Package cli is the kehu command line: serve, migrate, user, demo, version and openapi. Each command loads
// the one configuration (environment, then flags) and hands over to internal/app.
package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/logx"
)

// Run executes the command line and returns the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := &cobra.Command{
		Use:           "kehu",
		Short:         "Kehu (客户) — an open-source CRM",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(stderr, "kehu:", err)
		return 2
	}
	root.AddCommand(serveCmd(&cfg), migrateCmd(&cfg), userCmd(&cfg), demoCmd(&cfg), versionCmd(), openapiCmd())
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "kehu:", err)
		return 1
	}
	return 0
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(logx.New(h))
}

// prepare validates the configuration, opens and migrates the database.
func prepare(cmd *cobra.Command, cfg *config.Config) (*slog.Logger, *db.DB, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	logger := newLogger(cfg, os.Stderr)
	slog.SetDefault(logger)
	d, err := app.Open(cmd.Context(), *cfg)
	if err != nil {
		return nil, nil, err
	}
	if err := app.Migrate(cmd.Context(), d, logger); err != nil {
		d.Close()
		return nil, nil, err
	}
	return logger, d, nil
}

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use: "version", Short: "Print the version",
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "kehu", app.Version)
			return nil
		},
	}
}
