package iam

import (
	"context"
	"fmt"

	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/rolegrant"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// EnsureBuiltinRoles creates missing built-in roles and gives the administrator every right in the
// catalogue (new modules' rights included). Safe to run on every start and on several nodes.
func (s *Service) EnsureBuiltinRoles(ctx context.Context) error {
	ctx = authz.AsSystem(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		if err := s.st.Lock(ctx, "builtin-roles"); err != nil {
			return err
		}
		for _, b := range BuiltinRoles() {
			r, err := c.Role.Query().Where(role.Key(b.Key)).Only(ctx)
			switch {
			case err == nil:
			case isNotFound(err):
				r, err = c.Role.Create().SetKey(b.Key).SetBuiltin(true).
					SetName(s.i18n.T(i18n.ZH, "role."+b.Key+".name", nil)).
					SetDescription(s.i18n.T(i18n.ZH, "role."+b.Key+".description", nil)).Save(ctx)
				if err != nil {
					return fmt.Errorf("iam: create role %s: %w", b.Key, err)
				}
				for right, scope := range b.Grants {
					if err := c.RoleGrant.Create().SetRoleID(r.ID).SetRight(string(right)).SetScope(rolegrant.Scope(scope.String())).Exec(ctx); err != nil {
						return err
					}
				}
			default:
				return err
			}
			if !b.AllRights {
				continue
			}
			have, err := c.RoleGrant.Query().Where(rolegrant.RoleID(r.ID)).All(ctx)
			if err != nil {
				return err
			}
			got := map[string]bool{}
			for _, g := range have {
				got[g.Right] = true
			}
			for _, right := range s.catalog.All() {
				if !got[string(right)] {
					if err := c.RoleGrant.Create().SetRoleID(r.ID).SetRight(string(right)).SetScope(rolegrant.ScopeAll).Exec(ctx); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
