package view

import (
	"context"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Tags suggests the distinct tags of entity's records in the actor's scope (see TagSource).
func (s *Service) Tags(ctx context.Context, entity, q string, limit int) ([]string, error) {
	if authz.FromContext(ctx) == nil {
		return nil, authz.ErrUnauthenticated
	}
	e, err := s.entity("query.entity", entity)
	if err != nil {
		return nil, err
	}
	if err := authz.Require(ctx, e.Read); err != nil {
		return nil, err
	}
	if e.Tags == nil {
		return []string{}, nil
	}
	if limit <= 0 || limit > 100 {
		limit = 50
	}
	out, err := e.Tags.Tags(ctx, entity, q, limit)
	if out == nil {
		out = []string{}
	}
	return out, err
}
