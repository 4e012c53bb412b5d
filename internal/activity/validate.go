package activity

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

// fields collects several field errors into one validation error.
type fields struct{ list []apperr.FieldError }

func (f *fields) add(location, code string, args map[string]any) {
	f.list = append(f.list, apperr.FieldError{Location: location, Code: code, Args: args})
}

func (f *fields) err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: f.list}
}

func checkText(f *fields, location string, v *string, max int, required bool) {
	if v == nil {
		if required {
			f.add(location, "field.required", nil)
		}
		return
	}
	switch {
	case required && strings.TrimSpace(*v) == "":
		f.add(location, "field.blank", nil)
	case utf8.RuneCountInString(*v) > max:
		f.add(location, "field.too_long", map[string]any{"Max": max})
	case strings.ContainsRune(*v, 0):
		f.add(location, "field.invalid", nil)
	}
}

// validate checks an input's own values (links and owner are checked against the data later).
func (s *Service) validate(ctx context.Context, in Input, creating bool) error {
	var f fields
	if creating || in.Subject != nil {
		checkText(&f, "body.subject", in.Subject, 200, true)
	}
	if creating || in.Type != nil {
		switch {
		case in.Type == nil || *in.Type == "":
			f.add("body.type", "field.required", nil)
		case len(*in.Type) > 50:
			f.add("body.type", "field.too_long", map[string]any{"Max": 50})
		case s.dict != nil:
			ok, err := s.dict.Exists(ctx, "activity_type", *in.Type)
			if err != nil {
				return err
			}
			if !ok {
				f.add("body.type", "field.unknown_code", map[string]any{"Code": *in.Type})
			}
		}
	}
	checkText(&f, "body.content", in.Content, 10000, false)
	checkText(&f, "body.outcome", in.Outcome, 1000, false)
	if in.Status != nil && activity.StatusValidator(activity.Status(*in.Status)) != nil {
		f.add("body.status", "field.invalid", nil)
	}
	for _, d := range []struct {
		loc string
		v   *int64
	}{{"body.accountId", in.AccountID}, {"body.contactId", in.ContactID}} {
		if d.v != nil && *d.v < 0 {
			f.add(d.loc, "field.invalid", nil)
		}
	}
	return f.err()
}

func trimmed(v *string) *string {
	if v == nil {
		return nil
	}
	t := strings.TrimSpace(*v)
	return &t
}
