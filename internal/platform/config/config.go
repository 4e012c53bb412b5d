package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/spf13/pflag"
)

// Config holds every setting. Field tags give the environment variable, the flag name, the default and
// the help text; `secret:"true"` fields are redacted when printed.
type Config struct {
	Addr           string `env:"KEHU_ADDR" flag:"addr" envDefault:"127.0.0.1:8080" help:"address to listen on"`
	BaseURL        string `env:"KEHU_BASE_URL" flag:"base-url" help:"public URL used in e-mailed links (default http://ADDR)"`
	DataDir        string `env:"KEHU_DATA_DIR" flag:"data-dir" envDefault:"./data" help:"directory of the embedded SQLite database"`
	DatabaseURL    string `env:"DATABASE_URL" flag:"database-url" secret:"true" help:"postgres://… to use PostgreSQL instead of the embedded SQLite file"`
	TLSCert        string `env:"KEHU_TLS_CERT" flag:"tls-cert" help:"certificate file; with --tls-key serves HTTPS"`
	TLSKey         string `env:"KEHU_TLS_KEY" flag:"tls-key" help:"private key file for --tls-cert"`
	CookieSecure   bool   `env:"KEHU_COOKIE_SECURE" flag:"cookie-secure" help:"mark cookies Secure even without --tls-cert (behind an HTTPS proxy)"`
	TrustedOrigins string `env:"KEHU_TRUSTED_ORIGINS" flag:"trusted-origins" help:"comma-separated extra origins allowed to make cookie-authenticated writes"`

	LogLevel  string `env:"KEHU_LOG_LEVEL" flag:"log-level" envDefault:"info" help:"debug, info, warn or error"`
	LogFormat string `env:"KEHU_LOG_FORMAT" flag:"log-format" envDefault:"json" help:"json or text"`

	SessionTTL       time.Duration `env:"KEHU_SESSION_TTL" flag:"session-ttl" envDefault:"168h" help:"longest lifetime of a sign-in"`
	SessionIdle      time.Duration `env:"KEHU_SESSION_IDLE" flag:"session-idle" envDefault:"24h" help:"sign-out after this long without activity"`
	ResetTokenTTL    time.Duration `env:"KEHU_RESET_TOKEN_TTL" flag:"reset-token-ttl" envDefault:"30m" help:"validity of an e-mailed password reset link"`
	LoginMaxFailures int           `env:"KEHU_LOGIN_MAX_FAILURES" flag:"login-max-failures" envDefault:"5" help:"failed sign-ins per e-mail before a temporary lockout"`
	LoginLockout     time.Duration `env:"KEHU_LOGIN_LOCKOUT" flag:"login-lockout" envDefault:"15m" help:"lockout duration and failure-counting window"`
	PasswordMinLen   int           `env:"KEHU_PASSWORD_MIN_LENGTH" flag:"password-min-length" envDefault:"10" help:"minimum password length"`
	Argon2MemoryKiB  uint32        `env:"KEHU_ARGON2_MEMORY_KIB" flag:"argon2-memory-kib" envDefault:"65536" help:"argon2id memory per password hash"`
	Argon2Time       uint32        `env:"KEHU_ARGON2_TIME" flag:"argon2-time" envDefault:"3" help:"argon2id iterations"`

	MaxBodyBytes    int64         `env:"KEHU_MAX_BODY_BYTES" flag:"max-body-bytes" envDefault:"1048576" help:"largest accepted request body"`
	ImportMaxBytes  int64         `env:"KEHU_IMPORT_MAX_BYTES" flag:"import-max-bytes" envDefault:"20971520" help:"largest accepted import file (CSV or Excel)"`
	ImportMaxRows   int           `env:"KEHU_IMPORT_MAX_ROWS" flag:"import-max-rows" envDefault:"200000" help:"most data rows in one import file"`
	ShutdownTimeout time.Duration `env:"KEHU_SHUTDOWN_TIMEOUT" flag:"shutdown-timeout" envDefault:"10s" help:"how long to wait for in-flight requests and jobs at shutdown"`
	JobWorkers      int           `env:"KEHU_JOB_WORKERS" flag:"job-workers" envDefault:"10" help:"concurrent background jobs per node"`

	SMTPHost     string `env:"KEHU_SMTP_HOST" flag:"smtp-host" help:"SMTP server for outgoing mail (mail is disabled when empty)"`
	SMTPPort     int    `env:"KEHU_SMTP_PORT" flag:"smtp-port" envDefault:"587" help:"SMTP port"`
	SMTPUsername string `env:"KEHU_SMTP_USERNAME" flag:"smtp-username" help:"SMTP user name"`
	SMTPPassword string `env:"KEHU_SMTP_PASSWORD" flag:"smtp-password" secret:"true" help:"SMTP password"`
	SMTPFrom     string `env:"KEHU_SMTP_FROM" flag:"smtp-from" envDefault:"kehu@localhost" help:"sender address"`
	SMTPTLS      string `env:"KEHU_SMTP_TLS" flag:"smtp-tls" envDefault:"starttls" help:"none, starttls or tls"`
}

// Load reads the environment (and .Defaults) into a Config.
func Load() (Config, error) {
	cfg, err := env.ParseAs[Config]()
	if err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// BindFlags registers one flag per field, defaulting to the value already loaded from the environment.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("flag")
		if name == "" {
			continue
		}
		usage := f.Tag.Get("help") + " [$" + f.Tag.Get("env") + "]"
		switch p := v.Field(i).Addr().Interface().(type) {
		case *string:
			fs.StringVar(p, name, *p, usage)
		case *bool:
			fs.BoolVar(p, name, *p, usage)
		case *int:
			fs.IntVar(p, name, *p, usage)
		case *int64:
			fs.Int64Var(p, name, *p, usage)
		case *uint32:
			fs.Uint32Var(p, name, *p, usage)
		case *time.Duration:
			fs.DurationVar(p, name, *p, usage)
		}
	}
}

// Validate checks combinations that no single field can.
func (c *Config) Validate() error {
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("config: --tls-cert and --tls-key go together")
	}
	switch c.SMTPTLS {
	case "none", "starttls", "tls":
	default:
		return fmt.Errorf("config: KEHU_SMTP_TLS must be none, starttls or tls, not %q", c.SMTPTLS)
	}
	if c.PasswordMinLen < 8 {
		return fmt.Errorf("config: KEHU_PASSWORD_MIN_LENGTH must be at least 8")
	}
	if c.MaxBodyBytes < 1024 {
		return fmt.Errorf("config: KEHU_MAX_BODY_BYTES must be at least 1024")
	}
	if c.DatabaseURL != "" && !c.IsPostgres() {
		return fmt.Errorf("config: DATABASE_URL must start with postgres:// or postgresql://")
	}
	return nil
}

// IsPostgres reports whether the configured database is PostgreSQL.
func (c *Config) IsPostgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// SQLitePath is where the embedded database lives.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "kehu.db") }

// TLS reports whether the server terminates HTTPS itself.
func (c *Config) TLS() bool { return c.TLSCert != "" }

// PublicURL is the base of links in e-mails.
func (c *Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	scheme := "http"
	if c.TLS() {
		scheme = "https"
	}
	return scheme + "://" + c.Addr
}

// Redacted renders the configuration for logs and `--print-config`, with secrets masked.
func (c Config) Redacted() map[string]any {
	out := map[string]any{}
	v := reflect.ValueOf(c)
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		val := v.Field(i).Interface()
		if f.Tag.Get("secret") == "true" {
			val = redact(v.Field(i).String())
		}
		if d, ok := val.(time.Duration); ok {
			val = d.String()
		}
		out[f.Tag.Get("env")] = val
	}
	return out
}

func redact(s string) string {
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && u.Host != "" {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "REDACTED")
		}
		return u.Redacted()
	}
	return "REDACTED"
}
