package customer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// CustomFields validates a record's custom values and lists an entity's active custom field
// definitions (SPEC B2). The customfield module's service implements it.
type CustomFields = fls.CustomFields

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

// prepareCustom validates the custom values sent for a record of entity (see fls.PrepareCustom).
func (s *Service) prepareCustom(ctx context.Context, entity string, sent *map[string]any, creating bool,
	stored map[string]any, masked bool) (*map[string]any, error) {
	return fls.PrepareCustom(ctx, s.custom, entity, sent, creating, stored, masked)
}
