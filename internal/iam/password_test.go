package iam_test

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// mailBody decodes the quoted-printable body of a received message.
func mailBody(t *testing.T, data string) string {
	t.Helper()
	_, body, ok := strings.Cut(data, "\n\n")
	if !ok {
		t.Fatalf("no body in %s", data)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var linkRE = regexp.MustCompile(`http://kehu\.test/reset-password\?token=(\S+)`)

func TestPasswordResetByMail(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "wang.fang@kehu.test", 0, "account_manager")
		old := a.Login(t, "wang.fang@kehu.test")
		c := a.Client()
		c.Lang = "zh-CN"
		c.Do(t, "POST", "/api/v1/auth/forgot-password", map[string]string{"email": "Wang.Fang@kehu.test"}).Want(t, 202)
		c.Do(t, "POST", "/api/v1/auth/forgot-password", map[string]string{"email": "unknown@kehu.test"}).Want(t, 202)
		m := a.SMTP.Wait(t, 1)
		if len(m.To) != 1 || m.To[0] != "wang.fang@kehu.test" {
			t.Fatalf("mail to %v", m.To)
		}
		msg, err := mail.ReadMessage(strings.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		if subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); subject != "重置您的 Kehu 密码" {
			t.Errorf("subject %q", subject)
		}
		body := mailBody(t, m.Data)
		if !strings.Contains(body, "您好") {
			t.Errorf("mail not in the requester's language: %s", body)
		}
		match := linkRE.FindStringSubmatch(body)
		if match == nil {
			t.Fatalf("no reset link in %s", m.Data)
		}
		token, _ := url.QueryUnescape(match[1])
		r := c.Do(t, "POST", "/api/v1/auth/reset-password", map[string]string{"token": token, "password": "short"}).Want(t, 422)
		if r.FieldErrors()["body.password"] == "" {
			t.Errorf("weak password not named: %s", r.Raw)
		}
		c.Do(t, "POST", "/api/v1/auth/reset-password", map[string]string{"token": token, "password": "Brand-new-pass-77"}).Want(t, 204)
		// Used once only, and the old sessions are gone.
		reuse := c.Do(t, "POST", "/api/v1/auth/reset-password", map[string]string{"token": token, "password": "Another-new-pass-8"}).Want(t, 422)
		if reuse.Str("detail") != "该密码重置链接无效、已使用或已过期。" {
			t.Errorf("reuse detail %q", reuse.Str("detail"))
		}
		old.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
		c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "wang.fang@kehu.test", "password": "Brand-new-pass-77"}).Want(t, 200)
		time.Sleep(300 * time.Millisecond)
		if n := a.SMTP.Count(); n != 1 {
			t.Fatalf("%d mails sent, want 1 (none for the unknown address)", n)
		}
	})
}

func TestExpiredResetTokenIsRefused(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	a.NewUser(t, "late@kehu.test", 0)
	a.Client().Do(t, "POST", "/api/v1/auth/forgot-password", map[string]string{"email": "late@kehu.test"}).Want(t, 202)
	body := mailBody(t, a.SMTP.Wait(t, 1).Data)
	token, _ := url.QueryUnescape(linkRE.FindStringSubmatch(body)[1])
	a.IAM.SetClock(func() time.Time { return time.Now().UTC().Add(31 * time.Minute) })
	a.Client().Do(t, "POST", "/api/v1/auth/reset-password", map[string]string{"token": token, "password": "Too-late-pass-123"}).Want(t, 422)
	a.Client().Do(t, "POST", "/api/v1/auth/reset-password", map[string]string{"token": "made-up", "password": "Too-late-pass-123"}).Want(t, 422)
}

func TestChangePassword(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "zhao@kehu.test", 0)
		c := a.Login(t, "zhao@kehu.test")
		other := a.Login(t, "zhao@kehu.test")
		r := c.Do(t, "POST", "/api/v1/me/password", map[string]string{"currentPassword": "wrong", "newPassword": "Next-password-99"}).Want(t, 422)
		if r.FieldErrors()["body.currentPassword"] == "" {
			t.Errorf("wrong current password not named: %s", r.Raw)
		}
		r = c.Do(t, "POST", "/api/v1/me/password", map[string]string{"currentPassword": testkit.Password, "newPassword": "zhao@kehu.test"}).Want(t, 422)
		if r.FieldErrors()["body.newPassword"] == "" {
			t.Errorf("weak new password not named: %s", r.Raw)
		}
		c.Do(t, "POST", "/api/v1/me/password", map[string]string{"currentPassword": testkit.Password, "newPassword": "Next-password-99"}).Want(t, 204)
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		other.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
	})
}

func TestProfileLanguageIsRemembered(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "en@kehu.test", 0)
		c := a.Login(t, "en@kehu.test")
		c.Do(t, "PATCH", "/api/v1/me", map[string]string{"locale": "en", "timeZone": "Europe/Berlin"}).Want(t, 200)
		c.Do(t, "PATCH", "/api/v1/me", map[string]string{"timeZone": "Mars/Olympus"}).Want(t, 422)
		// The user's language wins over the browser's for messages.
		c.Lang = "zh-CN"
		r := c.Do(t, "POST", "/api/v1/api-tokens", map[string]any{"name": ""}).Want(t, 422)
		if r.Str("detail") != "Some fields are invalid." {
			t.Errorf("detail %q", r.Str("detail"))
		}
		me := a.Login(t, "en@kehu.test").Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		if me.Str("locale") != "en" || me.Str("timeZone") != "Europe/Berlin" {
			t.Fatalf("profile not remembered: %s", me.Raw)
		}
	})
}
