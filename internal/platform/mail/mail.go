// Package mail sends Kehu's outgoing e-mail over SMTP (go-mail). With no SMTP host configured a
// Disabled sender logs that a mail could not go out, so flows that mail keep working in development.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
	Enabled() bool
}

// SMTPConfig says how to reach the server.
type SMTPConfig struct {
	Host, Username, Password, From string
	Port                           int
	// TLS is "none", "starttls" or "tls".
	TLS string
}

// SMTP is a Sender over an SMTP server.
type SMTP struct{ cfg SMTPConfig }

// New returns an SMTP sender, or Disabled when no host is configured.
func New(cfg SMTPConfig, logger *slog.Logger) Sender {
	if cfg.Host == "" {
		return Disabled{logger: logger}
	}
	return &SMTP{cfg: cfg}
}

// Enabled reports that mail really goes out.
func (s *SMTP) Enabled() bool { return true }

// Send delivers m, failing on any server refusal.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail: to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(15 * time.Second)}
	switch s.cfg.TLS {
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		auth := gomail.SMTPAuthPlain
		if s.cfg.TLS == "none" {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail: client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send: %w", err)
	}
	return nil
}

// ErrDisabled is returned when mail is not configured.
var ErrDisabled = errors.New("mail: no SMTP server configured (KEHU_SMTP_HOST)")

// Disabled drops mail with a warning.
type Disabled struct{ logger *slog.Logger }

// Enabled reports false.
func (Disabled) Enabled() bool { return false }

// Send logs and drops the message (its body may hold a secret link, so it is not logged).
func (d Disabled) Send(ctx context.Context, m Message) error {
	if d.logger != nil {
		d.logger.WarnContext(ctx, "mail not sent: no SMTP server configured", "subject", m.Subject)
	}
	return ErrDisabled
}
