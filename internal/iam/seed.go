package iam

import (
	"context"
	"fmt"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/rolegrant"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
)

// EnsureBuiltinRoles creates missing built-in roles and seeds their grants. A right is seeded into the
// non-administrator roles only while no role holds it yet — that is, when the module bringing it is
// new — so an administrator's later edits to a built-in role are never undone. The administrator then
// receives every right in the catalogue. Safe on every start and on several nodes at once.
func (s *Service) EnsureBuiltinRoles(ctx context.Context) error {
	ctx = authz.AsSystem(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		if err := s.st.Lock(ctx, "builtin-roles"); err != nil {
			return err
		}
		roles := map[string]*ent.Role{}
		for _, key := range BuiltinRoleKeys {
			r, err := c.Role.Query().Where(role.Key(key)).Only(ctx)
			if isNotFound(err) {
				r, err = c.Role.Create().SetKey(key).SetBuiltin(true).
					SetName(s.i18n.T(i18n.ZH, "role."+key+".name", nil)).
					SetDescription(s.i18n.T(i18n.ZH, "role."+key+".description", nil)).Save(ctx)
			}
			if err != nil {
				return fmt.Errorf("iam: built-in role %s: %w", key, err)
			}
			roles[key] = r
		}
		held := map[string]bool{}
		grants, err := c.RoleGrant.Query().All(ctx)
		if err != nil {
			return err
		}
		for _, g := range grants {
			held[g.Right] = true
		}
		for _, d := range s.defaults {
			for key, rights := range d {
				r, ok := roles[key]
				if !ok {
					return fmt.Errorf("iam: default grants for unknown built-in role %q", key)
				}
				for right, scope := range rights {
					if held[string(right)] {
						continue
					}
					if err := c.RoleGrant.Create().SetRoleID(r.ID).SetRight(string(right)).SetScope(rolegrant.Scope(scope.String())).Exec(ctx); err != nil {
						return err
					}
				}
			}
		}
		admin := roles["admin"]
		have, err := c.RoleGrant.Query().Where(rolegrant.RoleID(admin.ID)).All(ctx)
		if err != nil {
			return err
		}
		got := map[string]bool{}
		for _, g := range have {
			got[g.Right] = true
		}
		for _, right := range s.catalog.All() {
			if !got[string(right)] {
				if err := c.RoleGrant.Create().SetRoleID(admin.ID).SetRight(string(right)).SetScope(rolegrant.ScopeAll).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
