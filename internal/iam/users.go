package iam

import (
	"context"
	"slices"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/session"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// UserFilter narrows a user list.
type UserFilter struct {
	Q      string
	TeamID int64
	RoleID int64
	Active *bool
}

// UserSorts are the API fields a user list sorts by.
var UserSorts = map[string]string{"name": user.FieldName, "email": user.FieldEmail, "createdAt": user.FieldCreatedAt, "id": user.FieldID}

// ListUsers returns one page of the users in the actor's scope.
func (s *Service) ListUsers(ctx context.Context, f UserFilter, p record.Page) ([]*ent.User, string, error) {
	if err := authz.Require(ctx, UserRead); err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).User.Query().WithRoles().WithTeam()
	if t := strings.TrimSpace(f.Q); t != "" {
		q.Where(user.Or(user.NameContainsFold(t), user.EmailContainsFold(t)))
	}
	if f.TeamID > 0 {
		q.Where(user.TeamID(f.TeamID))
	}
	if f.RoleID > 0 {
		q.Where(user.HasRolesWith(role.ID(f.RoleID)))
	}
	if f.Active != nil {
		q.Where(user.Active(*f.Active))
	}
	if err := p.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(u *ent.User) (any, int64) { return userSortValue(u, p.Sort.Column), u.ID })
	return rows, next, nil
}

func userSortValue(u *ent.User, col string) any {
	switch col {
	case user.FieldName:
		return u.Name
	case user.FieldEmail:
		return u.Email
	case user.FieldCreatedAt:
		return u.CreatedAt
	}
	return u.ID
}

// GetUser returns one user in scope (404 otherwise).
func (s *Service) GetUser(ctx context.Context, id int64) (*ent.User, error) {
	if err := authz.Require(ctx, UserRead); err != nil {
		return nil, err
	}
	u, err := s.st.Client(ctx).User.Query().Where(user.ID(id)).WithRoles().WithTeam().Only(ctx)
	return u, notFound("user", id, err)
}

// UserInput is a user's editable data; nil pointers leave a field unchanged on update.
type UserInput struct {
	Email, Name, Password, Locale, TimeZone *string
	TeamID                                  *int64 // 0 clears the team
	RoleIDs                                 *[]int64
}

func (s *Service) validateUser(ctx context.Context, in UserInput, creating bool, selfID int64) error {
	var f fields
	if in.Email != nil {
		if e := NormalizeEmail(*in.Email); !validEmail(e) {
			f.Add("body.email", "field.invalid_email", nil)
		} else {
			sys := authz.AsSystem(ctx)
			q := s.st.Client(sys).User.Query().Where(user.Email(e))
			if selfID > 0 {
				q.Where(user.IDNEQ(selfID))
			}
			if taken, err := q.Exist(sys); err != nil {
				return err
			} else if taken {
				f.Add("body.email", "error.email_taken", nil)
			}
		}
	}
	if in.Name != nil || creating {
		checkText(&f, "body.name", deref(in.Name), 100, true)
	}
	if in.Locale != nil {
		checkLocale(&f, "body.locale", *in.Locale)
	}
	if in.TimeZone != nil {
		checkTimeZone(&f, "body.timeZone", *in.TimeZone)
	}
	if creating || in.Password != nil {
		s.checkPassword(&f, "body.password", deref(in.Password), NormalizeEmail(deref(in.Email)))
	}
	if in.TeamID != nil && *in.TeamID != 0 {
		sys := authz.AsSystem(ctx)
		if ok, err := s.st.Client(sys).Team.Query().Where(team.ID(*in.TeamID)).Exist(sys); err != nil {
			return err
		} else if !ok {
			f.Add("body.teamId", "field.unknown_team", nil)
		}
	}
	if in.RoleIDs != nil {
		ids := slices.Compact(slices.Sorted(slices.Values(*in.RoleIDs)))
		sys := authz.AsSystem(ctx)
		n, err := s.st.Client(sys).Role.Query().Where(role.IDIn(ids...)).Count(sys)
		if err != nil {
			return err
		}
		if n != len(ids) {
			f.Add("body.roleIds", "field.unknown_role", nil)
		}
	}
	return f.Err()
}

// CreateUser adds a user.
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*ent.User, error) {
	if err := authz.Require(ctx, UserCreate); err != nil {
		return nil, err
	}
	// Changing anyone's roles is a permission change: only a role administrator does it, so a director
	// cannot make a team member an administrator.
	if in.RoleIDs != nil && len(*in.RoleIDs) > 0 {
		if err := authz.RequireAll(ctx, RoleUpdate); err != nil {
			return nil, err
		}
	}
	if in.Locale == nil {
		in.Locale = ptr("zh-CN")
	}
	if in.TimeZone == nil {
		in.TimeZone = ptr("Asia/Shanghai")
	}
	if in.Email == nil {
		in.Email = ptr("")
	}
	if err := s.validateUser(ctx, in, true, 0); err != nil {
		return nil, err
	}
	hash, err := s.cfg.Argon2.Hash(*in.Password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).User.Create().SetEmail(NormalizeEmail(*in.Email)).SetName(strings.TrimSpace(*in.Name)).
			SetPasswordHash(hash).SetLocale(*in.Locale).SetTimeZone(*in.TimeZone)
		if in.TeamID != nil && *in.TeamID != 0 {
			q.SetTeamID(*in.TeamID)
		}
		if in.RoleIDs != nil {
			q.AddRoleIDs(*in.RoleIDs...)
		}
		u, err := q.Save(ctx)
		if err != nil {
			return err
		}
		id = u.ID
		if in.RoleIDs != nil && len(*in.RoleIDs) > 0 {
			return s.st.Record(ctx, audit.Event{Action: audit.ActionPermissionChange, Entity: "user", EntityID: u.ID,
				Changes: map[string]audit.Change{"roles": {Old: []int64{}, New: sortedIDs(*in.RoleIDs)}}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetUser(ctx, id)
}

// UpdateUser changes a user if version is still current.
func (s *Service) UpdateUser(ctx context.Context, id, version int64, in UserInput) (*ent.User, error) {
	if err := authz.Require(ctx, UserUpdate); err != nil {
		return nil, err
	}
	cur, err := s.GetUser(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.RoleIDs != nil {
		if err := authz.RequireAll(ctx, RoleUpdate); err != nil {
			return nil, err
		}
	}
	if in.Password != nil {
		return nil, fieldErr("body.password", "field.invalid", nil)
	}
	if err := s.validateUser(ctx, in, false, id); err != nil {
		return nil, err
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).User.UpdateOneID(id).Where(user.Version(version)).AddVersion(1)
		if in.Email != nil {
			q.SetEmail(NormalizeEmail(*in.Email))
		}
		if in.Name != nil {
			q.SetName(strings.TrimSpace(*in.Name))
		}
		if in.Locale != nil {
			q.SetLocale(*in.Locale)
		}
		if in.TimeZone != nil {
			q.SetTimeZone(*in.TimeZone)
		}
		if in.TeamID != nil {
			if *in.TeamID == 0 {
				q.ClearTeamID()
			} else {
				q.SetTeamID(*in.TeamID)
			}
		}
		oldRoles := roleIDs(cur)
		if in.RoleIDs != nil {
			q.ClearRoles().AddRoleIDs(*in.RoleIDs...)
		}
		if err := s.saveVersioned(ctx, "user", id, version, q.Exec(ctx)); err != nil {
			return err
		}
		if in.RoleIDs != nil && !slices.Equal(oldRoles, sortedIDs(*in.RoleIDs)) {
			return s.st.Record(ctx, audit.Event{Action: audit.ActionPermissionChange, Entity: "user", EntityID: id,
				Changes: map[string]audit.Change{"roles": {Old: oldRoles, New: sortedIDs(*in.RoleIDs)}}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetUser(ctx, id)
}

// SetActive activates or deactivates a user. Deactivation ends every session at once; the user's API
// tokens stop working because authentication checks the account on every request.
func (s *Service) SetActive(ctx context.Context, id int64, active bool) (*ent.User, error) {
	if err := authz.Require(ctx, UserUpdate); err != nil {
		return nil, err
	}
	if !active && authz.FromContext(ctx).UserID == id {
		return nil, apperr.New(apperr.Conflict, "error.cannot_deactivate_self", nil)
	}
	if _, err := s.GetUser(ctx, id); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		if err := s.st.Client(ctx).User.UpdateOneID(id).SetActive(active).AddVersion(1).Exec(ctx); err != nil {
			return notFound("user", id, err)
		}
		if !active {
			_, err := s.st.Client(ctx).Session.Delete().Where(session.UserID(id)).Exec(authz.AsSystem(ctx))
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetUser(ctx, id)
}

// saveVersioned maps a versioned update that matched no row to 412 when the stored version differs
// from the expected one, and to 404 otherwise (the row exists but lies outside the actor's write scope,
// which must look exactly like a missing row).
func (s *Service) saveVersioned(ctx context.Context, entity string, id, version int64, err error) error {
	if err == nil || !ent.IsNotFound(err) {
		return err
	}
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	var current int64
	var qerr error
	switch entity {
	case "user":
		var u *ent.User
		if u, qerr = c.User.Get(sys, id); qerr == nil {
			current = u.Version
		}
	case "team":
		var t *ent.Team
		if t, qerr = c.Team.Get(sys, id); qerr == nil {
			current = t.Version
		}
	case "role":
		var r *ent.Role
		if r, qerr = c.Role.Get(sys, id); qerr == nil {
			current = r.Version
		}
	}
	if qerr == nil && current != version {
		return apperr.StaleVersion()
	}
	return apperr.NotFoundOf(entity, id)
}

func roleIDs(u *ent.User) []int64 {
	ids := make([]int64, 0, len(u.Edges.Roles))
	for _, r := range u.Edges.Roles {
		ids = append(ids, r.ID)
	}
	return sortedIDs(ids)
}

func sortedIDs(ids []int64) []int64 { return slices.Compact(slices.Sorted(slices.Values(ids))) }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ptr[T any](v T) *T { return &v }
