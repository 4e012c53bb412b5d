package activity

import (
	"context"
	"maps"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomFields validates a record's custom values and lists an entity's active custom field
// definitions (SPEC B2). The customfield module's service implements it.
type CustomFields interface {
	Validate(ctx context.Context, entity string, values map[string]any, creating bool) (map[string]any, error)
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// SetCustomFields wires the custom field definitions. Without them no custom value is accepted.
func (s *Service) SetCustomFields(c CustomFields) { s.custom = c }

func (s *Service) customDefs(ctx context.Context) ([]meta.CustomDef, error) {
	if s.custom == nil {
		return nil, nil
	}
	return s.custom.Defs(ctx, "activity")
}

// columns returns the activity columns with the defined custom fields added, for filters and masking.
func (s *Service) columns(ctx context.Context) (map[string]meta.Column, []meta.CustomDef, error) {
	defs, err := s.customDefs(ctx)
	if err != nil {
		return nil, nil, err
	}
	return s.reg.WithCustom("activity", s.reg.Columns("activity"), defs), defs, nil
}

// seesSensitive reports whether the actor sees the sensitive (custom) fields of activity r.
func (s *Service) seesSensitive(ctx context.Context, r *ent.Activity) bool {
	return fls.CanSee(authz.FromContext(ctx), "activity", deref(r.OwnerID), deref(r.TeamID))
}

// visibleCustom keeps the values of active definitions.
func visibleCustom(values map[string]any, defs []meta.CustomDef) map[string]any {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		if v, ok := values[d.Key]; ok {
			out[d.Key] = v
		}
	}
	return out
}

// prepareCustom validates the custom values sent (nil: none sent) and returns the complete map to
// store (nil: unchanged), exactly as the customer module does for accounts: on update the sent keys are
// merged into stored, a null clears a key, and a masked sensitive value sent back unchanged is ignored.
func (s *Service) prepareCustom(ctx context.Context, sent *map[string]any, creating bool, stored map[string]any,
	masked bool) (*map[string]any, error) {
	if sent == nil && !creating {
		return nil, nil
	}
	values := map[string]any{}
	if sent != nil {
		values = maps.Clone(*sent)
	}
	if s.custom == nil {
		var f fields
		for k := range values {
			f.Add("body.custom."+k, "field.custom_unknown", map[string]any{"Key": k})
		}
		if err := f.Err(); err != nil {
			return nil, err
		}
		empty := map[string]any{}
		return &empty, nil
	}
	if masked {
		defs, err := s.customDefs(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range defs {
			v, ok := values[d.Key]
			old, had := stored[d.Key]
			if ok && had && d.Sensitive && reflect.DeepEqual(v, fls.MaskCustomValue(d.MetaType(), old)) {
				delete(values, d.Key)
			}
		}
	}
	norm, err := s.custom.Validate(ctx, "activity", values, creating)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(stored)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range norm {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return &out, nil
}

// checkTags bounds an activity's tags: at most 20, each 1–30 characters.
func checkTags(f *fields, location string, v *[]string) {
	if v == nil {
		return
	}
	if len(*v) > 20 {
		f.Add(location, "field.too_many", map[string]any{"Max": 20})
		return
	}
	for _, t := range *v {
		if strings.TrimSpace(t) == "" || utf8.RuneCountInString(t) > 30 || strings.ContainsRune(t, 0) {
			f.Add(location, "field.invalid_tag", map[string]any{"Max": 30})
			return
		}
	}
}

func normTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// joinInvalid merges validation errors so one answer names every bad field; any other error wins.
func joinInvalid(errs ...error) error {
	var all *apperr.Error
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.Invalid {
			return err
		}
		if all == nil {
			all = &apperr.Error{Kind: apperr.Invalid, Code: "error.validation"}
		}
		all.Fields = append(all.Fields, e.Fields...)
	}
	if all == nil {
		return nil
	}
	return all
}
