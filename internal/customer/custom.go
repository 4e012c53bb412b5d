package customer

import (
	"context"
	"maps"
	"reflect"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
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

// customDefs returns the active custom field definitions of entity (none when not wired).
func (s *Service) customDefs(ctx context.Context, entity string) ([]meta.CustomDef, error) {
	if s.custom == nil {
		return nil, nil
	}
	return s.custom.Defs(ctx, entity)
}

// columns returns entity's columns with its defined custom fields ("custom.<key>") added, for filters
// and masking.
func (s *Service) columns(ctx context.Context, entity string) (map[string]meta.Column, []meta.CustomDef, error) {
	defs, err := s.customDefs(ctx, entity)
	if err != nil {
		return nil, nil, err
	}
	return s.reg.WithCustom(entity, s.reg.Columns(entity), defs), defs, nil
}

// visibleCustom keeps the values of active definitions: values of deleted or deactivated fields stay
// stored but are not shown.
func visibleCustom(values map[string]any, defs []meta.CustomDef) map[string]any {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		if v, ok := values[d.Key]; ok {
			out[d.Key] = v
		}
	}
	return out
}

// prepareCustom validates the custom values sent for a record of entity (nil: none sent) and returns
// the complete map to store (nil: leave unchanged). On update the sent keys are merged into stored (a
// null clears a key; values of keys not sent, including those of deleted fields, stay). When the
// record's sensitive fields are masked for the actor, a sensitive value sent back exactly as it was
// shown means "unchanged". Field errors are returned as one validation error.
func (s *Service) prepareCustom(ctx context.Context, entity string, sent *map[string]any, creating bool,
	stored map[string]any, masked bool) (*map[string]any, error) {
	if sent == nil && !creating {
		return nil, nil
	}
	values := maps.Clone(deref(sent))
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
		defs, err := s.customDefs(ctx, entity)
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
	norm, err := s.custom.Validate(ctx, entity, values, creating)
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
