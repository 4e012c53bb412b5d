package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/cli"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpVersionAndConfig(t *testing.T) {
	code, out, _ := run(t, "serve", "--help")
	for _, want := range []string{"--database-url", "$DATABASE_URL", "--tls-cert", "--smtp-host", "--session-idle", "--addr"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("serve --help lacks %s (exit %d)", want, code)
		}
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "kehu ") {
		t.Errorf("version: %d %q", code, out)
	}
	t.Setenv("DATABASE_URL", "postgres://kehu:topsecret@db/kehu")
	t.Setenv("KEHU_SMTP_PASSWORD", "mailsecret")
	code, out, _ = run(t, "serve", "--print-config")
	if code != 0 || strings.Contains(out, "topsecret") || strings.Contains(out, "mailsecret") || !strings.Contains(out, "KEHU_ADDR") {
		t.Fatalf("print-config (%d): %s", code, out)
	}
	if code, _, errs := run(t, "serve", "--tls-cert", "only-cert.pem", "--data-dir", t.TempDir()); code == 0 || !strings.Contains(errs, "tls-key") {
		t.Errorf("cert without key: %d %s", code, errs)
	}
}

func TestMigrateAndUserCommands(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		t.Setenv("KEHU_DATA_DIR", t.TempDir())
		t.Setenv("KEHU_ARGON2_MEMORY_KIB", "1024")
		t.Setenv("KEHU_ARGON2_TIME", "1")
		t.Setenv("KEHU_LOG_LEVEL", "error")
		if d == db.Postgres {
			t.Setenv("DATABASE_URL", testkit.EmptyPostgresURL(t))
		}
		if code, out, errs := run(t, "migrate"); code != 0 || !strings.Contains(out, "up to date") {
			t.Fatalf("migrate: %d %s %s", code, out, errs)
		}
		if code, _, _ := run(t, "migrate"); code != 0 {
			t.Fatal("second migrate failed")
		}
		code, out, errs := run(t, "user", "create", "--email", "Ops@Example.com", "--password", "Cli-created-pass-1", "--role", "admin")
		if code != 0 || !strings.Contains(out, "<ops@example.com> with role admin") {
			t.Fatalf("user create: %d %s %s", code, out, errs)
		}
		if code, _, errs := run(t, "user", "create", "--email", "ops@example.com", "--password", "Cli-created-pass-1"); code == 0 {
			t.Fatal("duplicate e-mail accepted")
		} else if !strings.Contains(errs, "kehu:") {
			t.Errorf("no error printed: %s", errs)
		}
		if code, _, _ := run(t, "user", "create", "--email", "x@example.com", "--password", "Cli-created-pass-1", "--role", "emperor"); code == 0 {
			t.Fatal("unknown role accepted")
		}
		if code, _, _ := run(t, "user", "reset-password", "--email", "ops@example.com", "--password", "short"); code == 0 {
			t.Fatal("weak password accepted")
		}
		if code, out, errs := run(t, "user", "reset-password", "--email", "OPS@example.com", "--password", "Reset-by-cli-pass-2"); code != 0 || !strings.Contains(out, "changed") {
			t.Fatalf("reset-password: %d %s %s", code, out, errs)
		}
		if code, _, _ := run(t, "user", "reset-password", "--email", "ghost@example.com", "--password", "Reset-by-cli-pass-2"); code == 0 {
			t.Fatal("reset of an unknown user succeeded")
		}
	})
}
