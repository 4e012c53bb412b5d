package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/secret"
)

func openapiCmd(cfg *config.Config) *cobra.Command {
	return &cobra.Command{
		Use:    "openapi",
		Short:  "Print the OpenAPI 3.1 specification (used to generate the web client)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bundle, err := i18n.New()
			if err != nil {
				return err
			}
			catalog, err := authz.NewCatalog(iam.Rights())
			if err != nil {
				return err
			}
			svc, err := iam.New(nil, iam.Config{Argon2: secret.Argon2{MemoryKiB: 1024, Time: 1, Threads: 1}}, nil, bundle, catalog,
				slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			api := httpx.NewAPI(http.NewServeMux(), httpx.APIOptions{Title: "Kehu CRM", Version: app.Version, Bundle: bundle})
			app.RegisterAPI(api, svc, false)
			b, err := json.MarshalIndent(api.OpenAPI(), "", "  ")
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), string(b))
			return nil
		},
	}
}
