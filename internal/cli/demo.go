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
)

func demoCmd(cfg *config.Config) *cobra.Command {
	var o demo.Options
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load demo data: teams, a user per role, accounts and contacts (zh-CN and en)",
		Long: "Load a realistic demo data set through the application's services: a team tree, a user for every\n" +
			"built-in role (password " + demo.Password + ") and accounts with contacts. The same --seed gives the\n" +
			"same data. A database that already has accounts is refused unless --force (which adds more).",
		RunE: func(cmd *cobra.Command, _ []string) error {
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
			start := time.Now()
			res, err := demo.Load(cmd.Context(), demo.Services{Store: a.Store, IAM: a.Modules.IAM,
				Dictionary: a.Modules.Dictionary, Customer: a.Modules.Customer}, o)
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
	fmt.Fprintf(w, "\nStart `kehu serve` and sign in at %s with password %s as one of:\n", url, demo.Password)
	for _, u := range r.Users {
		note := ""
		if !u.Created {
			note = "  (existed; password unchanged)"
		}
		fmt.Fprintf(w, "  %-30s %-16s %s, %s%s\n", u.Email, u.Role, u.Name, u.Team, note)
	}
}
