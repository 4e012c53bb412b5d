package iam

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/rolegrant"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Grant is one right with its scope.
type Grant struct {
	Right string
	Scope string
}

// RoleView is a role with its grants and how many users hold it.
type RoleView struct {
	*ent.Role
	Grants []Grant
	Users  int
}

// RoleSorts are the API fields a role list sorts by.
var RoleSorts = map[string]string{"name": role.FieldName, "id": role.FieldID}

// ListRoles returns a page of roles.
func (s *Service) ListRoles(ctx context.Context, q string, p record.Page) ([]RoleView, string, error) {
	if err := authz.Require(ctx, RoleRead); err != nil {
		return nil, "", err
	}
	query := s.st.Client(ctx).Role.Query().WithGrants()
	if t := strings.TrimSpace(q); t != "" {
		query.Where(role.NameContainsFold(t))
	}
	if err := p.Apply(query); err != nil {
		return nil, "", err
	}
	rows, err := query.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(r *ent.Role) (any, int64) {
		if p.Sort.Column == role.FieldName {
			return r.Name, r.ID
		}
		return r.ID, r.ID
	})
	out := make([]RoleView, len(rows))
	for i, r := range rows {
		if out[i], err = s.roleView(ctx, r); err != nil {
			return nil, "", err
		}
	}
	return out, next, nil
}

func (s *Service) roleView(ctx context.Context, r *ent.Role) (RoleView, error) {
	sys := authz.AsSystem(ctx)
	n, err := s.st.Client(sys).User.Query().Where(user.HasRolesWith(role.ID(r.ID))).Count(sys)
	if err != nil {
		return RoleView{}, err
	}
	return RoleView{Role: r, Grants: grantsOf(r), Users: n}, nil
}

func grantsOf(r *ent.Role) []Grant {
	out := make([]Grant, 0, len(r.Edges.Grants))
	for _, g := range r.Edges.Grants {
		out = append(out, Grant{Right: g.Right, Scope: string(g.Scope)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Right < out[j].Right })
	return out
}

// GetRole returns one role.
func (s *Service) GetRole(ctx context.Context, id int64) (RoleView, error) {
	if err := authz.Require(ctx, RoleRead); err != nil {
		return RoleView{}, err
	}
	r, err := s.st.Client(ctx).Role.Query().Where(role.ID(id)).WithGrants().Only(ctx)
	if err != nil {
		return RoleView{}, notFound("role", id, err)
	}
	return s.roleView(ctx, r)
}

// RoleInput is a role's editable data; Grants replaces all grants when not nil.
type RoleInput struct {
	Name, Description *string
	Grants            *[]Grant
}

func (s *Service) validateRole(in RoleInput, creating bool) error {
	var f fields
	if creating || in.Name != nil {
		checkText(&f, "body.name", deref(in.Name), 100, true)
	}
	if in.Description != nil {
		checkText(&f, "body.description", *in.Description, 1000, false)
	}
	if in.Grants != nil {
		seen := map[string]bool{}
		for i, g := range *in.Grants {
			loc := "body.grants[" + itoa(i) + "]"
			if !s.catalog.Has(authz.Right(g.Right)) {
				f.Add(loc+".right", "field.unknown_right", map[string]any{"Right": g.Right})
			}
			if _, err := authz.ParseScope(g.Scope); err != nil {
				f.Add(loc+".scope", "field.unknown_scope", nil)
			}
			if seen[g.Right] {
				f.Add(loc+".right", "field.duplicate_right", map[string]any{"Right": g.Right})
			}
			seen[g.Right] = true
		}
	}
	return f.Err()
}

// CreateRole adds a custom role.
func (s *Service) CreateRole(ctx context.Context, in RoleInput) (RoleView, error) {
	if err := authz.RequireAll(ctx, RoleCreate); err != nil {
		return RoleView{}, err
	}
	if in.Grants == nil {
		in.Grants = &[]Grant{}
	}
	if err := s.validateRole(in, true); err != nil {
		return RoleView{}, err
	}
	var id int64
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		r, err := s.st.Client(ctx).Role.Create().SetName(strings.TrimSpace(*in.Name)).SetDescription(deref(in.Description)).Save(ctx)
		if err != nil {
			return err
		}
		id = r.ID
		return s.replaceGrants(ctx, r.ID, nil, *in.Grants)
	})
	if err != nil {
		return RoleView{}, err
	}
	return s.GetRole(ctx, id)
}

// UpdateRole edits a role (built-in ones too) if version is current.
func (s *Service) UpdateRole(ctx context.Context, id, version int64, in RoleInput) (RoleView, error) {
	if err := authz.RequireAll(ctx, RoleUpdate); err != nil {
		return RoleView{}, err
	}
	cur, err := s.GetRole(ctx, id)
	if err != nil {
		return RoleView{}, err
	}
	if err := s.validateRole(in, false); err != nil {
		return RoleView{}, err
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Role.UpdateOneID(id).Where(role.Version(version)).AddVersion(1)
		if in.Name != nil {
			q.SetName(strings.TrimSpace(*in.Name))
		}
		if in.Description != nil {
			q.SetDescription(*in.Description)
		}
		if err := s.saveVersioned(ctx, "role", id, version, q.Exec(ctx)); err != nil {
			return err
		}
		if in.Grants != nil {
			return s.replaceGrants(ctx, id, cur.Grants, *in.Grants)
		}
		return nil
	})
	if err != nil {
		return RoleView{}, err
	}
	return s.GetRole(ctx, id)
}

// replaceGrants writes the new grant set and records the permission change.
func (s *Service) replaceGrants(ctx context.Context, roleID int64, old, next []Grant) error {
	c := s.st.Client(ctx)
	if _, err := c.RoleGrant.Delete().Where(rolegrant.RoleID(roleID)).Exec(ctx); err != nil {
		return err
	}
	for _, g := range next {
		if err := c.RoleGrant.Create().SetRoleID(roleID).SetRight(g.Right).SetScope(rolegrant.Scope(g.Scope)).Exec(ctx); err != nil {
			return err
		}
	}
	sort.Slice(next, func(i, j int) bool { return next[i].Right < next[j].Right })
	if old == nil {
		old = []Grant{}
	}
	return s.st.Record(ctx, audit.Event{Action: audit.ActionPermissionChange, Entity: "role", EntityID: roleID,
		Changes: map[string]audit.Change{"grants": {Old: grantStrings(old), New: grantStrings(next)}}})
}

func grantStrings(gs []Grant) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Right + "=" + g.Scope
	}
	return out
}

// DeleteRole removes a custom role no user holds.
func (s *Service) DeleteRole(ctx context.Context, id int64) error {
	if err := authz.RequireAll(ctx, RoleDelete); err != nil {
		return err
	}
	r, err := s.GetRole(ctx, id)
	if err != nil {
		return err
	}
	if r.Builtin {
		return apperr.New(apperr.Conflict, "error.role_builtin", nil)
	}
	if r.Users > 0 {
		return apperr.New(apperr.Conflict, "error.role_in_use", nil)
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		if err := s.replaceGrants(ctx, id, r.Grants, []Grant{}); err != nil {
			return err
		}
		return notFound("role", id, s.st.Client(ctx).Role.DeleteOneID(id).Exec(ctx))
	})
}

func itoa(i int) string { return strconv.Itoa(i) }
