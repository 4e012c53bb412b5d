package iam

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/role"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// SetupNeeded reports whether no user exists yet (the first-run page is shown then).
func (s *Service) SetupNeeded(ctx context.Context) (bool, error) {
	sys := authz.AsSystem(ctx)
	n, err := s.st.Client(sys).User.Query().Count(sys)
	return n == 0, err
}

// SetupInput is the first administrator.
type SetupInput struct {
	Email, Name, Password, Locale, TimeZone string
}

// Setup creates the first administrator and signs them in. It works only while no user exists.
func (s *Service) Setup(ctx context.Context, in SetupInput, ip, ua string) (*SignIn, error) {
	var f fields
	email := NormalizeEmail(in.Email)
	if !validEmail(email) {
		f.Add("body.email", "field.invalid_email", nil)
	}
	checkText(&f, "body.name", in.Name, 100, true)
	checkLocale(&f, "body.locale", in.Locale)
	if in.TimeZone == "" {
		in.TimeZone = "Asia/Shanghai"
	}
	checkTimeZone(&f, "body.timeZone", in.TimeZone)
	s.checkPassword(&f, "body.password", in.Password, email)
	if err := f.Err(); err != nil {
		return nil, err
	}
	hash, err := s.cfg.Argon2.Hash(in.Password)
	if err != nil {
		return nil, err
	}
	if err := s.EnsureBuiltinRoles(ctx); err != nil {
		return nil, err
	}
	sys := authz.AsSystem(ctx)
	var uid int64
	err = s.st.WithTx(sys, func(ctx context.Context) error {
		if err := s.st.Lock(ctx, "setup"); err != nil {
			return err
		}
		c := s.st.Client(ctx)
		n, err := c.User.Query().Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "error.setup_done", nil)
		}
		admin, err := c.Role.Query().Where(role.Key("admin")).Only(ctx)
		if err != nil {
			return err
		}
		u, err := c.User.Create().SetEmail(email).SetName(in.Name).SetPasswordHash(hash).SetLocale(in.Locale).
			SetTimeZone(in.TimeZone).AddRoles(admin).Save(ctx)
		if err != nil {
			return err
		}
		uid = u.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	u, err := s.st.Client(sys).User.Get(sys, uid)
	if err != nil {
		return nil, err
	}
	return s.openSession(ctx, u, ip, ua)
}

// CreateUserAs creates a user with one built-in role from the command line (the caller is the system).
func (s *Service) CreateUserAs(ctx context.Context, email, name, password, locale, roleKey string) (*ent.User, error) {
	if err := s.EnsureBuiltinRoles(ctx); err != nil {
		return nil, err
	}
	r, err := s.st.Client(ctx).Role.Query().Where(role.Key(roleKey)).Only(ctx)
	if isNotFound(err) {
		return nil, fieldErr("role", "field.unknown_role", nil)
	}
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = email
	}
	ids := []int64{r.ID}
	return s.CreateUser(ctx, UserInput{Email: &email, Name: &name, Password: &password, Locale: &locale, RoleIDs: &ids})
}

// SetPasswordAs sets a user's password from the command line, ending their sessions.
func (s *Service) SetPasswordAs(ctx context.Context, email, password string) error {
	email = NormalizeEmail(email)
	u, err := s.st.Client(ctx).User.Query().Where(user.Email(email)).Only(ctx)
	if isNotFound(err) {
		return apperr.New(apperr.NotFound, "error.not_found", map[string]any{"Entity": "user"})
	}
	if err != nil {
		return err
	}
	var f fields
	s.checkPassword(&f, "password", password, email)
	if err := f.Err(); err != nil {
		return err
	}
	return s.setPassword(ctx, u.ID, password, "", audit.ActionPasswordReset)
}
