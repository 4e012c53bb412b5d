package fls

import (
	"maps"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Right is the right that reveals an entity's sensitive fields.
func Right(entity string) authz.Right { return authz.NewRight(entity, "read_sensitive") }

// MaskValue masks one stored value of a field type. The empty string stays empty.
func MaskValue(typ, v string) string {
	if v == "" {
		return ""
	}
	switch typ {
	case "phone":
		return maskPhone(v)
	case "email":
		return maskEmail(v)
	}
	return "****"
}

func maskPhone(v string) string {
	r := []rune(v)
	if len(r) < 8 {
		return "****"
	}
	return string(r[:3]) + "****" + string(r[len(r)-4:])
}

func maskEmail(v string) string {
	at := strings.LastIndex(v, "@")
	if at <= 0 {
		return "****"
	}
	first, _ := utf8.DecodeRuneInString(v)
	return string(first) + "***" + v[at:]
}

// IsMaskOf reports whether sent is exactly what MaskValue shows of stored (and not the value itself):
// a client that writes back a masked value it was shown means "unchanged".
func IsMaskOf(typ, sent, stored string) bool {
	return sent != stored && stored != "" && sent == MaskValue(typ, stored)
}

// CanSee reports whether the actor may see the sensitive fields of a record with owner and team.
func CanSee(a *authz.Actor, entity string, ownerID, teamID int64) bool {
	if a == nil {
		return false
	}
	return a.InScope(a.ScopeOf(Right(entity)), ownerID, teamID)
}

// SeesAll reports whether the actor sees sensitive fields on every record it may read, which filtering
// and searching on those fields require.
func SeesAll(a *authz.Actor, entity string) bool {
	if a == nil {
		return false
	}
	s := a.ScopeOf(Right(entity))
	return s > authz.ScopeNone && s >= a.ScopeOf(authz.NewRight(entity, "read"))
}

// Mask replaces, in the struct dto points to, every field the registry marks sensitive for entity (found
// by its json tag): strings are masked by field type, anything else is set to its zero value (null).
func Mask(reg *meta.Registry, entity string, dto any) {
	MaskWith(reg.Columns(entity), dto)
}

// MaskWith is Mask over a column map that may include custom fields (meta.Registry.WithCustom): a
// sensitive custom field is masked inside the DTO's map of custom values (the field whose json tag is
// the JSON column's API name): text shows as "****", any other value becomes null. The map is copied,
// never changed in place.
func MaskWith(cols map[string]meta.Column, dto any) {
	v := reflect.ValueOf(dto)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	t := v.Type()
	maskCustom(cols, v)
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		c, ok := cols[tag]
		if !ok || !c.Sensitive {
			continue
		}
		f := v.Field(i)
		textual := c.Type == "phone" || c.Type == "email" || c.Type == "string" || c.Type == "text"
		switch {
		case !textual:
			f.Set(reflect.Zero(f.Type()))
		case f.Kind() == reflect.String:
			f.SetString(MaskValue(c.Type, f.String()))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String && !f.IsNil():
			s := MaskValue(c.Type, f.Elem().String())
			f.Set(reflect.ValueOf(&s))
		default:
			f.Set(reflect.Zero(f.Type()))
		}
	}
}

// CheckFilters refuses filters on sensitive fields unless the actor sees them on every readable record.
// The error names the filter (query.filter[i]) like record.Predicate does.
func CheckFilters(a *authz.Actor, entity string, cols map[string]meta.Column, filters []record.Filter) error {
	if SeesAll(a, entity) {
		return nil
	}
	for i, f := range filters {
		if c, ok := cols[f.Field]; ok && c.Sensitive {
			return refused("query.filter["+strconv.Itoa(i)+"]", f.Field)
		}
	}
	return nil
}

// CheckSort refuses sorting by a sensitive column unless the actor sees it on every readable record.
func CheckSort(a *authz.Actor, entity string, cols map[string]meta.Column, s record.Sort) error {
	if SeesAll(a, entity) {
		return nil
	}
	for api, c := range cols {
		if c.Name == s.Column && c.Sensitive {
			return refused("query.sort", api)
		}
	}
	return nil
}

// maskCustom masks the sensitive custom fields of cols inside v's custom-value maps.
func maskCustom(cols map[string]meta.Column, v reflect.Value) {
	byColumn := map[string][]meta.Column{}
	for _, c := range cols {
		if c.JSONKey != "" && c.Sensitive {
			byColumn[c.Name] = append(byColumn[c.Name], c)
		}
	}
	if len(byColumn) == 0 {
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		jc, ok := cols[tag]
		f := v.Field(i)
		if !ok || len(byColumn[jc.Name]) == 0 || f.Type() != reflect.TypeFor[map[string]any]() || f.IsNil() {
			continue
		}
		m := maps.Clone(f.Interface().(map[string]any))
		for _, c := range byColumn[jc.Name] {
			if val, present := m[c.JSONKey]; present {
				m[c.JSONKey] = MaskCustomValue(c.Type, val)
			}
		}
		f.Set(reflect.ValueOf(m))
	}
}

// MaskCustomValue is what a masked custom value shows: "****" for text, null for anything else.
func MaskCustomValue(typ string, v any) any {
	if s, ok := v.(string); ok && typ == "string" {
		return MaskValue("string", s)
	}
	return nil
}

func refused(location, field string) error {
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: []apperr.FieldError{
		{Location: location, Code: "field.sensitive_filter", Args: map[string]any{"Field": field}, Value: field}}}
}
