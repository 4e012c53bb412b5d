package customer

import (
	"context"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

type fields = apperr.Fields

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()\-]{4,30}$`)

func checkPhone(f *fields, location string, v *string) {
	if v != nil && *v != "" && (!phonePattern.MatchString(*v) || len(*v) > 50) {
		f.Add(location, "field.invalid_phone", nil)
	}
}

func checkEmail(f *fields, location string, v *string) {
	if v == nil || *v == "" {
		return
	}
	e := *v
	a, err := mail.ParseAddress(e)
	if len(e) > 254 || strings.ContainsAny(e, " <>\"") || err != nil || a.Address != e ||
		!strings.Contains(e[strings.LastIndex(e, "@"):], ".") {
		f.Add(location, "field.invalid_email", nil)
	}
}

func checkURL(f *fields, location string, v *string) {
	if v == nil || *v == "" {
		return
	}
	u, err := url.Parse(*v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(*v) > 300 ||
		strings.ContainsAny(*v, " <>\"") {
		f.Add(location, "field.invalid_url", nil)
	}
}

// checkDict validates a dictionary code of kind (empty clears the field).
func (s *Service) checkDict(ctx context.Context, f *fields, location, kind string, v *string) error {
	if v == nil || *v == "" {
		return nil
	}
	if len(*v) > 50 {
		f.Add(location, "field.too_long", map[string]any{"Max": 50})
		return nil
	}
	if s.dict == nil || kind == "" {
		return nil
	}
	ok, err := s.dict.Exists(ctx, kind, *v)
	if err != nil {
		return err
	}
	if !ok {
		f.Add(location, "field.unknown_code", map[string]any{"Code": *v})
	}
	return nil
}

// dictKind returns the dictionary kind the registry declares for an entity's field.
func (s *Service) dictKind(entity, api string) string {
	fa, _ := s.reg.Field(entity, api)
	return fa.DictKind
}

func trimmed(v *string) *string {
	if v == nil {
		return nil
	}
	t := strings.TrimSpace(*v)
	return &t
}
