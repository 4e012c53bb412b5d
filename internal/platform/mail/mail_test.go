package mail_test

import (
	"context"
	"errors"
	"mime"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestSMTPDeliversToRealServer(t *testing.T) {
	sink := testkit.NewSMTPSink(t)
	s := mail.New(mail.SMTPConfig{Host: sink.Host, Port: sink.Port, Username: sink.Username, Password: sink.Password,
		From: "kehu@example.com", TLS: "none"}, nil)
	err := s.Send(context.Background(), mail.Message{To: "李雷@example.com", Subject: "重置密码 Reset", Body: "链接 https://x/y"})
	if err != nil {
		t.Fatal(err)
	}
	m := sink.Wait(t, 1)
	if len(m.To) != 1 || m.To[0] != "李雷@example.com" {
		t.Errorf("recipients %v", m.To)
	}
	var subject string
	for _, line := range strings.Split(m.Data, "\n") {
		if strings.HasPrefix(line, "Subject: ") {
			subject, _ = new(mime.WordDecoder).DecodeHeader(strings.TrimPrefix(line, "Subject: "))
		}
	}
	if subject != "重置密码 Reset" {
		t.Errorf("subject %q", subject)
	}
}

func TestSMTPWrongPasswordFails(t *testing.T) {
	sink := testkit.NewSMTPSink(t)
	s := mail.New(mail.SMTPConfig{Host: sink.Host, Port: sink.Port, Username: sink.Username, Password: "wrong",
		From: "kehu@example.com", TLS: "none"}, nil)
	if err := s.Send(context.Background(), mail.Message{To: "a@example.com", Subject: "x", Body: "y"}); err == nil {
		t.Fatal("send with a wrong password succeeded")
	}
	if sink.Count() != 0 {
		t.Fatal("a message arrived despite failed auth")
	}
}

func TestDisabledReportsIt(t *testing.T) {
	s := mail.New(mail.SMTPConfig{}, nil)
	if s.Enabled() || !errors.Is(s.Send(context.Background(), mail.Message{}), mail.ErrDisabled) {
		t.Fatal("disabled sender should refuse")
	}
}
