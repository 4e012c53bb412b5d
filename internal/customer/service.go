package customer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/store"
)

// Dictionary answers whether a code exists in a dictionary kind (SPEC B1). The dictionary module's
// service implements it.
type Dictionary interface {
	Exists(ctx context.Context, kind, code string) (bool, error)
	Label(ctx context.Context, kind, code, locale string) string
}

// Service is the customer use-case layer.
type Service struct {
	st   *store.Store
	reg  *meta.Registry
	dict Dictionary
	// custom validates custom values and lists their definitions (nil: no custom value is accepted).
	custom CustomFields
	// transfer lists what else moves with an account's owner (SPEC C5), e.g. open activities.
	transfer []TransferParticipant
	// memo caches lookups for one batch of bulk work (set by Batch, nil otherwise).
	memo *batchMemo
}

// New builds the service. dict may be nil: dictionary codes are then not checked.
func New(st *store.Store, reg *meta.Registry, dict Dictionary) *Service {
	return &Service{st: st, reg: reg, dict: dict}
}

// SetDictionary wires the dictionary (it may be built after this service).
func (s *Service) SetDictionary(d Dictionary) { s.dict = d }

// Registry returns the metadata registry the service validates against.
func (s *Service) Registry() *meta.Registry { return s.reg }

// names looks up user and team names for display (names are directory data, shown whatever the scope).
func (s *Service) names(ctx context.Context, userIDs, teamIDs []int64) (map[int64]string, map[int64]string, error) {
	return s.st.Names(ctx, userIDs, teamIDs)
}

// ownerTarget resolves a would-be owner: the user must exist, be active and lie within scope of the
// actor for right (an owner outside it is reported like an unknown one). It returns the owner's team.
func (s *Service) ownerTarget(ctx context.Context, right authz.Right, location string, ownerID int64) (*int64, error) {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(ownerID), user.Active(true)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.Field(location, "field.unknown_user", nil)
	}
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	if !a.InScope(a.ScopeOf(right), u.ID, deref(u.TeamID)) {
		return nil, apperr.Field(location, "field.unknown_user", nil)
	}
	return u.TeamID, nil
}

func notFound(entity string, id int64, err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFoundOf(entity, id)
	}
	return err
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ids[T any](rows []T, f func(T) *int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, r := range rows {
		if id := f(r); id != nil && !seen[*id] {
			seen[*id] = true
			out = append(out, *id)
		}
	}
	return out
}

// accountNames returns the names of the contacts' accounts the actor may read.
func (s *Service) accountNames(ctx context.Context, rows []*ent.Contact) (map[int64]string, error) {
	out := map[int64]string{}
	if len(rows) == 0 || !authz.FromContext(ctx).Can(AccountRead) {
		return out, nil
	}
	accIDs := ids(rows, func(r *ent.Contact) *int64 { return &r.AccountID })
	accs, err := s.st.Client(ctx).Account.Query().Where(account.IDIn(accIDs...)).
		Select(account.FieldID, account.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accs {
		out[a.ID] = a.Name
	}
	return out, nil
}
