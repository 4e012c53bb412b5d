package activity

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomFields validates a record's custom values and lists an entity's active custom field
// definitions (SPEC B2). The customfield module's service implements it.
type CustomFields = fls.CustomFields

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

// prepareCustom validates the custom values sent (nil: none sent) and returns the complete map to
// store (nil: unchanged), as for accounts and contacts (see fls.PrepareCustom).
func (s *Service) prepareCustom(ctx context.Context, sent *map[string]any, creating bool, stored map[string]any,
	masked bool) (*map[string]any, error) {
	return fls.PrepareCustom(ctx, s.custom, "activity", sent, creating, stored, masked)
}
