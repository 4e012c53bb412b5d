package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/config"
)

func userCmd(cfg *config.Config) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage users from the command line"}
	var email, name, password, role, locale string
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a user (e.g. the first administrator)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withIAM(cmd, cfg, func(ctx context.Context, svc *iam.Service) error {
				u, err := svc.CreateUserAs(ctx, email, name, password, locale, role)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "created user %d <%s> with role %s\n", u.ID, u.Email, role)
				return nil
			})
		},
	}
	create.Flags().StringVar(&email, "email", "", "e-mail address (sign-in name)")
	create.Flags().StringVar(&name, "name", "", "display name (default: the e-mail address)")
	create.Flags().StringVar(&password, "password", "", "password")
	create.Flags().StringVar(&role, "role", "admin", "built-in role key: admin, sales_director, account_manager, service_agent, marketing, executive")
	create.Flags().StringVar(&locale, "locale", "zh-CN", "zh-CN or en")
	_ = create.MarkFlagRequired("email")
	_ = create.MarkFlagRequired("password")

	var resetEmail, resetPassword string
	reset := &cobra.Command{
		Use:   "reset-password",
		Short: "Set a user's password (and end their sessions)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withIAM(cmd, cfg, func(ctx context.Context, svc *iam.Service) error {
				if err := svc.SetPasswordAs(ctx, resetEmail, resetPassword); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "password of <%s> changed\n", iam.NormalizeEmail(resetEmail))
				return nil
			})
		},
	}
	reset.Flags().StringVar(&resetEmail, "email", "", "e-mail address of the user")
	reset.Flags().StringVar(&resetPassword, "password", "", "new password")
	_ = reset.MarkFlagRequired("email")
	_ = reset.MarkFlagRequired("password")
	for _, c := range []*cobra.Command{create, reset} {
		c.Flags().StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "postgres://… [$DATABASE_URL]")
		c.Flags().StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "directory of the SQLite database [$KEHU_DATA_DIR]")
	}
	cmd.AddCommand(create, reset)
	return cmd
}

// withIAM opens the database and runs fn as the system actor (the command line is the operator).
func withIAM(cmd *cobra.Command, cfg *config.Config, fn func(context.Context, *iam.Service) error) error {
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
	return fn(authz.AsSystem(cmd.Context()), a.IAM)
}
