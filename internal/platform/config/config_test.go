package config

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestDefaultsAreSafe(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.IsPostgres() || c.SQLitePath() != "data/kehu.db" || c.TLS() {
		t.Fatalf("defaults: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestEnvironmentThenFlags(t *testing.T) {
	t.Setenv("KEHU_ADDR", "0.0.0.0:9000")
	t.Setenv("KEHU_SESSION_IDLE", "2h")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	c.BindFlags(fs)
	if err := fs.Parse([]string{"--session-idle=30m", "--tls-cert=c.pem", "--tls-key=k.pem"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.SessionIdle.Minutes() != 30 || !c.TLS() || c.PublicURL() != "https://0.0.0.0:9000" {
		t.Fatalf("got %+v", c)
	}
	usage := fs.FlagUsages()
	for _, want := range []string{"--database-url", "[$DATABASE_URL]", "--smtp-password", "--tls-cert"} {
		if !strings.Contains(usage, want) {
			t.Errorf("help lacks %s", want)
		}
	}
}

func TestRedactedHidesSecrets(t *testing.T) {
	c, _ := Load()
	c.DatabaseURL = "postgres://kehu:hunter2@db:5432/kehu"
	c.SMTPPassword = "mail-secret"
	b, _ := json.Marshal(c.Redacted())
	s := string(b)
	if strings.Contains(s, "hunter2") || strings.Contains(s, "mail-secret") {
		t.Fatalf("secret printed: %s", s)
	}
	if !strings.Contains(s, "kehu:xxxxx@db:5432") || !strings.Contains(s, `"KEHU_SESSION_TTL":"168h0m0s"`) {
		t.Fatalf("redacted form: %s", s)
	}
}

func TestValidateRejectsBadCombinations(t *testing.T) {
	for name, mut := range map[string]func(*Config){
		"cert without key": func(c *Config) { c.TLSCert = "x" },
		"smtp tls":         func(c *Config) { c.SMTPTLS = "maybe" },
		"weak policy":      func(c *Config) { c.PasswordMinLen = 4 },
		"mysql":            func(c *Config) { c.DatabaseURL = "mysql://x" },
		"tiny body":        func(c *Config) { c.MaxBodyBytes = 10 },
	} {
		c, _ := Load()
		mut(&c)
		if c.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
