package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/demo"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

func demoCmd(cfg *config.Config) *cobra.Command {
	var o demo.Options
	var scale int64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load demo data: teams, a user per role, accounts, contacts and a year of activities (zh-CN and en)",
		Long: "Load a realistic demo data set through the application's services: a team tree, a user for every\n" +
			"built-in role (password " + demo.Password + "), accounts with contacts and a year of activities. The same\n" +
			"--seed gives the same data. A database that already has accounts is refused unless --force (which adds more).\n\n" +
			"--scale N instead bulk-generates N accounts, 3N contacts and 10N activities with their search rows for\n" +
			"benchmarks (bulk inserts in one transaction, then ANALYZE).",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if scale < 0 || scale == 0 && cmd.Flags().Changed("scale") {
				return fmt.Errorf("--scale must be at least 1")
			}
			if o.Accounts < 1 {
				return fmt.Errorf("--accounts must be at least 1")
			}
			_, d, err := prepare(cmd, cfg)
			if err != nil {
				return err
			}
			a, err := app.New(cmd.Context(), *cfg, d, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), app.Options{})
			if err != nil {
				d.Close()
				return err
			}
			defer a.Close()
			svc := demo.Services{Store: a.Store, IAM: a.Modules.IAM, Dictionary: a.Modules.Dictionary,
				Customer: a.Modules.Customer, Activity: a.Modules.Activity}
			if scale > 0 {
				return runScale(cmd, svc, d, demo.ScaleOptions{Accounts: scale, Seed: o.Seed, Force: o.Force})
			}
			start := time.Now()
			res, err := demo.Load(cmd.Context(), svc, o)
			if errors.Is(err, demo.ErrNotEmpty) {
				return err
			}
			if res != nil {
				printDemo(cmd.OutOrStdout(), res, cfg.PublicURL(), time.Since(start))
			}
			return err
		},
	}
	cmd.Flags().IntVar(&o.Accounts, "accounts", demo.DefaultAccounts, "number of accounts to create (each with 1–5 contacts)")
	cmd.Flags().Int64Var(&scale, "scale", 0, "bulk-generate this many accounts (with 3 contacts and 10 activities each) for benchmarks")
	cmd.Flags().Uint64Var(&o.Seed, "seed", demo.DefaultSeed, "random seed: the same seed gives the same data")
	cmd.Flags().BoolVar(&o.Force, "force", false, "load even if the database already has accounts (adds more)")
	cmd.Flags().StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "postgres://… [$DATABASE_URL]")
	cmd.Flags().StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "directory of the SQLite database [$KEHU_DATA_DIR]")
	return cmd
}

func printDemo(w io.Writer, r *demo.Result, url string, took time.Duration) {
	fmt.Fprintf(w, "Demo data loaded in %.1fs (seed %d):\n", took.Seconds(), r.Seed)
	fmt.Fprintf(w, "  teams     %4d (%d new)\n", r.Teams, r.TeamsCreated)
	fmt.Fprintf(w, "  users     %4d (%d new)\n", len(r.Users), r.UsersCreated)
	fmt.Fprintf(w, "  accounts  %4d\n", r.Accounts)
	fmt.Fprintf(w, "  contacts  %4d\n", r.Contacts)
	fmt.Fprintf(w, "  activities %4d over the past year (%d open tasks overdue, %d upcoming)\n", r.Activities, r.Overdue, r.Upcoming)
	fmt.Fprintf(w, "  comments  %4d (with @mentions)\n", r.Comments)
	fmt.Fprintf(w, "\nStart `kehu serve` and sign in at %s with password %s as one of:\n", url, demo.Password)
	for _, u := range r.Users {
		note := ""
		if !u.Created {
			note = "  (existed; password unchanged)"
		}
		fmt.Fprintf(w, "  %-30s %-16s %s, %s%s\n", u.Email, u.Role, u.Name, u.Team, note)
	}
}

func runScale(cmd *cobra.Command, svc demo.Services, d *db.DB, o demo.ScaleOptions) error {
	w := cmd.OutOrStdout()
	start := time.Now()
	step := max(o.Accounts/10, 1)
	o.Progress = func(done int64) {
		if done%step < 2000 || done == o.Accounts {
			fmt.Fprintf(cmd.ErrOrStderr(), "  %d/%d accounts written (%.0fs)\n", done, o.Accounts, time.Since(start).Seconds())
		}
	}
	res, err := demo.Scale(cmd.Context(), svc, d, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Bulk data loaded in %.1fs (load %.1fs of which index builds %.1fs, analyze %.1fs; seed %d, %s):\n",
		(res.Load + res.Analyze).Seconds(), res.Load.Seconds(), res.Indexes.Seconds(), res.Analyze.Seconds(), o.Seed, d.Dialect)
	for _, r := range []struct {
		what string
		n    int64
	}{{"accounts", res.Accounts}, {"contacts", res.Contacts}, {"activities", res.Activities},
		{"search rows", res.SearchRows}, {"dedup keys", res.DedupRows}} {
		fmt.Fprintf(w, "  %-12s %12d\n", r.what, r.n)
	}
	fmt.Fprintf(w, "  %-12s %12d (%.0f rows/s)\n", "total", res.Rows(), res.RowsPerSecond())
	return nil
}
