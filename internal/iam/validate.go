package iam

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// NormalizeEmail is the one form e-mail addresses are stored and looked up in.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validEmail(s string) bool {
	if s == "" || len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// commonPasswords are refused whatever the length policy says.
var commonPasswords = map[string]bool{
	"password123": true, "1234567890": true, "qwertyuiop": true, "password1234": true, "12345678910": true,
	"iloveyou123": true, "administrator": true, "welcome123": true, "abcdefghij": true, "0123456789": true,
	"1qaz2wsx3edc": true, "qwerty123456": true, "letmein1234": true, "passw0rd123": true, "a1234567890": true,
}

// checkPassword applies the password policy to a new password for the given e-mail.
func (s *Service) checkPassword(f *fields, location, password, email string) {
	n := utf8.RuneCountInString(password)
	switch {
	case n < s.cfg.PasswordMinLen:
		f.Add(location, "field.password_too_short", map[string]any{"Min": s.cfg.PasswordMinLen})
	case len(password) > 256:
		f.Add(location, "field.password_too_long", map[string]any{"Max": 256})
	default:
		lower := strings.ToLower(password)
		local := strings.ToLower(strings.SplitN(email, "@", 2)[0])
		if commonPasswords[lower] || lower == strings.ToLower(email) || (len(local) >= 4 && strings.Contains(lower, local)) ||
			strings.Count(lower, string(lower[0])) == len(lower) {
			f.Add(location, "field.password_weak", nil)
		}
	}
}

// checkText checks a present text value (iam's inputs are plain strings, never absent).
func checkText(f *fields, location, v string, max int, required bool) {
	f.Text(location, &v, max, required)
}

func checkLocale(f *fields, location, v string) {
	if !i18n.Valid(v) {
		f.Add(location, "field.invalid_locale", nil)
	}
}

func checkTimeZone(f *fields, location, v string) {
	if v == "" || len(v) > 64 {
		f.Add(location, "field.invalid_timezone", nil)
		return
	}
	if _, err := time.LoadLocation(v); err != nil || v == "Local" {
		f.Add(location, "field.invalid_timezone", nil)
	}
}
