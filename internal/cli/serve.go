package cli

import (
	"encoding/json"
	"fmt"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/platform/config"
)

func serveCmd(cfg *config.Config) *cobra.Command {
	var printConfig bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web UI, the REST API and the background jobs",
		Long: "Run Kehu. With no configuration it keeps its data in ./data/kehu.db (SQLite); set DATABASE_URL=postgres://… " +
			"to use PostgreSQL. Migrations are applied at start. Every flag can also be set by the environment variable shown.",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if printConfig {
				b, _ := json.MarshalIndent(cfg.Redacted(), "", "  ")
				fmt.Fprintln(cmd.OutOrStdout(), string(b))
				return nil
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			logger, d, err := prepare(cmd, cfg)
			if err != nil {
				return err
			}
			a, err := app.New(ctx, *cfg, d, logger, app.Options{})
			if err != nil {
				d.Close()
				return err
			}
			defer a.Close()
			logger.Info("starting", "version", app.Version, "config", cfg.Redacted())
			if err := a.Start(ctx); err != nil {
				return err
			}
			return a.Serve(ctx, func(addr string) {
				scheme := "http"
				if cfg.TLS() {
					scheme = "https"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Kehu is running at %s://%s (press Ctrl+C to stop)\n", scheme, addr)
			})
		},
	}
	cfg.BindFlags(cmd.Flags())
	cmd.Flags().BoolVar(&printConfig, "print-config", false, "print the effective configuration (secrets redacted) and exit")
	return cmd
}

func migrateCmd(cfg *config.Config) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending database migrations and exit",
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, d, err := prepare(cmd, cfg)
			if err != nil {
				return err
			}
			defer d.Close()
			fmt.Fprintln(cmd.OutOrStdout(), "database is up to date")
			return nil
		},
	}
	cmd.Flags().StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "postgres://… (default: the SQLite file in --data-dir) [$DATABASE_URL]")
	cmd.Flags().StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "directory of the embedded SQLite database [$KEHU_DATA_DIR]")
	return cmd
}
