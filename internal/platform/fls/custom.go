package fls

import (
	"context"
	"maps"
	"reflect"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomFields validates a record's custom values and lists an entity's active custom field
// definitions (SPEC B2). The customfield module's service implements it.
type CustomFields interface {
	Validate(ctx context.Context, entity string, values map[string]any, creating bool) (map[string]any, error)
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// PrepareCustom validates the custom values sent for a record of entity (nil: none sent) and returns
// the complete map to store (nil: leave unchanged). On update the sent keys are merged into stored (a
// null clears a key; values of keys not sent, including those of deleted fields, stay). When the
// record's sensitive fields are masked for the actor, a sensitive value sent back exactly as it was
// shown means "unchanged". Without custom (nil) no custom value is accepted. Field errors are returned
// as one validation error.
func PrepareCustom(ctx context.Context, custom CustomFields, entity string, sent *map[string]any, creating bool,
	stored map[string]any, masked bool) (*map[string]any, error) {
	if sent == nil && !creating {
		return nil, nil
	}
	values := map[string]any{}
	if sent != nil {
		values = maps.Clone(*sent)
	}
	if custom == nil {
		var f apperr.Fields
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
		defs, err := custom.Defs(ctx, entity)
		if err != nil {
			return nil, err
		}
		for _, d := range defs {
			v, ok := values[d.Key]
			old, had := stored[d.Key]
			if ok && had && d.Sensitive && reflect.DeepEqual(v, MaskCustomValue(d.MetaType(), old)) {
				delete(values, d.Key)
			}
		}
	}
	norm, err := custom.Validate(ctx, entity, values, creating)
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
