package testkit

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mail is one message the SMTP sink received.
type Mail struct {
	From string
	To   []string
	Data string
}

// SMTPSink is a real SMTP server on 127.0.0.1 that keeps what it receives.
type SMTPSink struct {
	Host     string
	Port     int
	Username string
	Password string
	mu       sync.Mutex
	mails    []Mail
	arrived  chan struct{}
}

// NewSMTPSink starts a sink requiring PLAIN auth, stopped when the test ends.
func NewSMTPSink(t testing.TB) *SMTPSink {
	t.Helper()
	sink := &SMTPSink{Username: "kehu", Password: "sink-secret", arrived: make(chan struct{}, 100)}
	srv := smtp.NewServer(&backend{sink: sink})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sink.Host = "127.0.0.1"
	sink.Port = ln.Addr().(*net.TCPAddr).Port
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return sink
}

// Wait returns the n-th message (1-based), waiting up to 10 s for it.
func (s *SMTPSink) Wait(t testing.TB, n int) Mail {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		s.mu.Lock()
		if len(s.mails) >= n {
			m := s.mails[n-1]
			s.mu.Unlock()
			return m
		}
		s.mu.Unlock()
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("smtp sink: message %d did not arrive", n)
		}
	}
}

// Count returns how many messages arrived.
func (s *SMTPSink) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.mails)
}

type backend struct{ sink *SMTPSink }

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{sink: b.sink}, nil }

type session struct {
	sink   *SMTPSink
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.sink.Username || password != s.sink.Password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	s.sink.mails = append(s.sink.mails, Mail{From: s.from, To: s.to, Data: strings.ReplaceAll(string(b), "\r\n", "\n")})
	s.sink.mu.Unlock()
	s.sink.arrived <- struct{}{}
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
