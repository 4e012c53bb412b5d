package customfield

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// MaxText bounds a text value.
const MaxText = 1000

// maxExact is the largest integer a JSON number holds exactly (money, user ids).
const maxExact = 1 << 53

// Validate checks and normalises the custom values of a record of entity, as sent in a create
// (creating) or an update. Errors name each value (body.custom.<key>): an unknown or inactive key, a
// value of the wrong type, a missing required value on create (or a required value cleared on
// update). In the result a nil value means "clear this key"; on create cleared keys are left out.
// It runs as the system: the caller has been authorised for its own operation.
func (s *Service) Validate(ctx context.Context, entity string, values map[string]any, creating bool) (map[string]any, error) {
	sys := authz.AsSystem(ctx)
	rows, err := s.all(sys, entity)
	if err != nil {
		return nil, err
	}
	var fs []apperr.FieldError
	add := func(key, code string, args map[string]any) {
		fs = append(fs, apperr.FieldError{Location: "body.custom." + key, Code: code, Args: args})
	}
	out := make(map[string]any, len(values))
	seen := map[string]bool{}
	for _, f := range rows {
		seen[f.Key] = true
		v, sent := values[f.Key]
		if !sent {
			if creating && f.Active && f.Required {
				add(f.Key, "field.required", nil)
			}
			continue
		}
		if !f.Active {
			add(f.Key, "field.custom_inactive", map[string]any{"Key": f.Key})
			continue
		}
		nv, code, args := s.normalise(sys, Def(f).Type, f.Options, v)
		switch {
		case code != "":
			add(f.Key, code, args)
		case nv == nil && f.Required:
			add(f.Key, "field.required", nil)
		case nv == nil && creating:
		default:
			out[f.Key] = nv
		}
	}
	for k := range values {
		if !seen[k] {
			add(k, "field.custom_unknown", map[string]any{"Key": k})
		}
	}
	if len(fs) > 0 {
		slices.SortFunc(fs, func(a, b apperr.FieldError) int { return strings.Compare(a.Location, b.Location) })
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: fs}
	}
	return out, nil
}

// normalise returns the stored form of v for a field of typ (nil: cleared), or an error code.
func (s *Service) normalise(ctx context.Context, typ string, opts []meta.CustomOption, v any) (any, string, map[string]any) {
	if v == nil {
		return nil, "", nil
	}
	bad := func() (any, string, map[string]any) { return nil, "field.custom_type", map[string]any{"Type": typ} }
	switch typ {
	case "text":
		x, ok := v.(string)
		switch {
		case !ok:
			return bad()
		case strings.TrimSpace(x) == "":
			return nil, "", nil
		case utf8.RuneCountInString(x) > MaxText:
			return nil, "field.too_long", map[string]any{"Max": MaxText}
		case strings.ContainsRune(x, 0):
			return nil, "field.invalid", nil
		}
		return x, "", nil
	case "number":
		n, ok := number(v)
		if !ok {
			return nil, "field.custom_number", nil
		}
		return n, "", nil
	case "money":
		n, ok := integer(v)
		if !ok {
			return nil, "field.custom_money", nil
		}
		return n, "", nil
	case "date":
		x, ok := v.(string)
		if !ok {
			return nil, "field.custom_date", nil
		}
		if x == "" {
			return nil, "", nil
		}
		if _, err := time.Parse(time.DateOnly, x); err != nil {
			return nil, "field.custom_date", nil
		}
		return x, "", nil
	case "boolean":
		if b, ok := v.(bool); ok {
			return b, "", nil
		}
		return bad()
	case "select":
		x, ok := v.(string)
		if !ok {
			return bad()
		}
		if x == "" {
			return nil, "", nil
		}
		if !hasOption(opts, x) {
			return nil, "field.custom_option", map[string]any{"Value": x}
		}
		return x, "", nil
	case "multiselect":
		var list []string
		switch x := v.(type) {
		case []string:
			list = x
		case []any:
			for _, e := range x {
				str, ok := e.(string)
				if !ok {
					return bad()
				}
				list = append(list, str)
			}
		default:
			return bad()
		}
		if len(list) == 0 {
			return nil, "", nil
		}
		out := make([]string, 0, len(list))
		for _, e := range list {
			if !hasOption(opts, e) {
				return nil, "field.custom_option", map[string]any{"Value": e}
			}
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out, "", nil
	case "user":
		id, ok := integer(v)
		if !ok || id <= 0 {
			return nil, "field.unknown_user", nil
		}
		exists, err := s.st.Client(ctx).User.Query().Where(user.ID(id)).Exist(ctx)
		if err != nil || !exists {
			return nil, "field.unknown_user", nil
		}
		return id, "", nil
	}
	return bad()
}

func hasOption(opts []meta.CustomOption, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func integer(v any) (int64, bool) {
	n, ok := number(v)
	if !ok || n != math.Trunc(n) || math.Abs(n) > maxExact {
		return 0, false
	}
	return int64(n), true
}
