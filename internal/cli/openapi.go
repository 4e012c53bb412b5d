package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/kehu-crm/kehu/internal/app"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

func openapiCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "openapi",
		Short:  "Print the OpenAPI 3.1 specification (used to generate the web client)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bundle, err := i18n.New()
			if err != nil {
				return err
			}
			mods, err := app.NewModules(nil, config.Config{Argon2MemoryKiB: 1024, Argon2Time: 1}, nil, bundle,
				slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				return err
			}
			api := httpx.NewAPI(http.NewServeMux(), httpx.APIOptions{Title: "Kehu CRM", Version: app.Version, Bundle: bundle})
			mods.RegisterAPI(api, false)
			b, err := json.MarshalIndent(api.OpenAPI(), "", "  ")
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), string(b))
			return nil
		},
	}
}
