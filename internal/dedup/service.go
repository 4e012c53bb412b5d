package dedup

import (
	"context"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

// Store is what the service needs of internal/store (an interface: the store installs Hook, so this
// package cannot import it).
type Store interface {
	Client(ctx context.Context) *ent.Client
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	Record(ctx context.Context, ev audit.Event) error
}

// Service answers duplicate checks, lists likely duplicate pairs, dismisses them and merges records.
type Service struct {
	st      Store
	dialect db.Dialect
}

// New builds the service.
func New(st Store, d db.Dialect) *Service { return &Service{st: st, dialect: d} }

// ActionMerge is the audit action written on the survivor of a merge.
const ActionMerge = "merge"

func right(entity, action string) authz.Right { return authz.NewRight(entity, action) }

// rules are the entities' data-scope rules, read from their schemas so pairs are scoped exactly as
// the privacy policies scope queries.
var rules = map[string]authz.EntityRule{Account: ruleOf(schema.Account{}), Contact: ruleOf(schema.Contact{})}

// tables are the entities' tables.
var tables = map[string]string{Account: account.Table, Contact: contact.Table}

func ruleOf(sc interface{ Mixin() []entgo.Mixin }) authz.EntityRule {
	for _, m := range sc.Mixin() {
		if p, ok := m.(schema.Protected); ok {
			return p.Rule
		}
	}
	panic("dedup: entity has no Protected mixin")
}

// validEntity refuses anything but account and contact (422 naming location).
func validEntity(location, entity string) error {
	if _, ok := rules[entity]; !ok {
		return apperr.Field(location, "field.invalid", nil)
	}
	return nil
}

// userNames looks up user names for display (directory data, shown whatever the scope).
func (s *Service) userNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	sys := authz.AsSystem(ctx)
	rows, err := s.st.Client(sys).User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldName).All(sys)
	if err != nil {
		return nil, err
	}
	for _, u := range rows {
		out[u.ID] = u.Name
	}
	return out, nil
}

// accountNames returns the names of accounts the actor may read (none without account:read).
func (s *Service) accountNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 || !authz.FromContext(ctx).Can(right(Account, "read")) {
		return out, nil
	}
	rows, err := s.st.Client(ctx).Account.Query().Where(account.IDIn(ids...)).
		Select(account.FieldID, account.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range rows {
		out[a.ID] = a.Name
	}
	return out, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
