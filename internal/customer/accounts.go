package customer

import (
	"context"
	"regexp"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// AccountInput is an account's editable data; nil pointers leave a field unchanged on update.
type AccountInput struct {
	Name, Type, Level, Industry, Region, Source, Lifecycle *string
	Phone, Email, Website, Address, Currency               *string
	CreditLimit                                            *int64
	// Satisfaction 1–5; 0 clears it.
	Satisfaction *int
	Tags         *[]string
	Custom       *map[string]any
	OwnerID      *int64
}

// ListAccounts returns one page of the accounts in the actor's scope.
func (s *Service) ListAccounts(ctx context.Context, lq ListQuery) ([]*ent.Account, string, error) {
	if err := authz.Require(ctx, AccountRead); err != nil {
		return nil, "", err
	}
	cond, err := s.condition(ctx, "account", lq)
	if err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).Account.Query().Where(predicate.Account(cond))
	if err := lq.Page.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, lq.Page, func(r *ent.Account) (any, int64) {
		return record.Value(r, lq.Page.Sort.Column), r.ID
	})
	return rows, next, nil
}

// GetAccount returns one account in scope (404 otherwise).
func (s *Service) GetAccount(ctx context.Context, id int64) (*ent.Account, error) {
	if err := authz.Require(ctx, AccountRead); err != nil {
		return nil, err
	}
	acc, err := s.st.Client(ctx).Account.Query().Where(account.ID(id)).Only(ctx)
	return acc, notFound("account", id, err)
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

func (s *Service) validateAccount(ctx context.Context, in AccountInput, creating bool) error {
	var f fields
	if creating || in.Name != nil {
		f.Text("body.name", in.Name, 200, true)
	}
	if in.Type != nil && account.TypeValidator(account.Type(*in.Type)) != nil {
		f.Add("body.type", "field.invalid", nil)
	}
	if in.Lifecycle != nil && account.LifecycleValidator(account.Lifecycle(*in.Lifecycle)) != nil {
		f.Add("body.lifecycle", "field.invalid", nil)
	}
	for _, d := range []struct {
		api string
		v   *string
	}{{"level", in.Level}, {"industry", in.Industry}, {"region", in.Region}, {"source", in.Source}} {
		if err := s.checkDict(ctx, &f, "body."+d.api, s.dictKind("account", d.api), d.v); err != nil {
			return err
		}
	}
	checkPhone(&f, "body.phone", in.Phone)
	checkEmail(&f, "body.email", in.Email)
	checkURL(&f, "body.website", in.Website)
	f.Text("body.address", in.Address, 500, false)
	if in.CreditLimit != nil && *in.CreditLimit < 0 {
		f.Add("body.creditLimit", "field.min", map[string]any{"Min": 0})
	}
	if in.Currency != nil && !currencyPattern.MatchString(*in.Currency) {
		f.Add("body.currency", "field.invalid_currency", nil)
	}
	if in.Satisfaction != nil && (*in.Satisfaction < 0 || *in.Satisfaction > 5) {
		f.Add("body.satisfaction", "field.range", map[string]any{"Min": 1, "Max": 5})
	}
	record.CheckTags(&f, "body.tags", in.Tags)
	return f.Err()
}

// CreateAccount adds an account owned by the actor, or by in.OwnerID when the actor may assign to them.
func (s *Service) CreateAccount(ctx context.Context, in AccountInput) (*ent.Account, error) {
	checked, err := s.CheckAccount(ctx, in)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		ids, err = s.InsertAccounts(ctx, []CheckedAccount{checked})
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.GetAccount(ctx, ids[0])
}

// setAccount copies the given fields onto a create or update mutation.
func setAccount(m *ent.AccountMutation, in AccountInput) {
	if in.Name != nil {
		m.SetName(*in.Name)
	}
	if in.Type != nil {
		m.SetType(account.Type(*in.Type))
	}
	if in.Lifecycle != nil {
		m.SetLifecycle(account.Lifecycle(*in.Lifecycle))
	}
	for _, d := range []struct {
		v   *string
		set func(string)
	}{{in.Level, m.SetLevel}, {in.Industry, m.SetIndustry}, {in.Region, m.SetRegion}, {in.Source, m.SetSource},
		{in.Phone, m.SetPhone}, {in.Email, m.SetEmail}, {in.Website, m.SetWebsite}, {in.Address, m.SetAddress},
		{in.Currency, m.SetCurrency}} {
		if d.v != nil {
			d.set(*d.v)
		}
	}
	if in.CreditLimit != nil {
		m.SetCreditLimit(*in.CreditLimit)
	}
	if in.Satisfaction != nil {
		if *in.Satisfaction == 0 {
			m.ClearSatisfaction()
		} else {
			m.SetSatisfaction(*in.Satisfaction)
		}
	}
	if in.Tags != nil {
		m.SetTags(record.NormTags(*in.Tags))
	}
	if in.Custom != nil {
		m.SetCustom(*in.Custom)
	}
}

// UpdateAccount changes an account if version is still current. A new owner needs account:assign
// and must lie within its scope; the account's team and its contacts follow the owner.
func (s *Service) UpdateAccount(ctx context.Context, id, version int64, in AccountInput) (*ent.Account, error) {
	if err := authz.Require(ctx, AccountUpdate); err != nil {
		return nil, err
	}
	cur, err := s.GetAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	// A masked value sent back as shown means "unchanged".
	if in.Phone != nil && fls.IsMaskOf("phone", *in.Phone, cur.Phone) {
		in.Phone = nil
	}
	if in.Email != nil && fls.IsMaskOf("email", *in.Email, cur.Email) {
		in.Email = nil
	}
	in.Name, in.Email = trimmed(in.Name), trimmed(in.Email)
	masked := !fls.CanSee(authz.FromContext(ctx), "account", deref(cur.OwnerID), deref(cur.TeamID))
	custom, cerr := s.prepareCustom(ctx, "account", in.Custom, false, cur.Custom, masked)
	if err := apperr.Join(s.validateAccount(ctx, in, false), cerr); err != nil {
		return nil, err
	}
	in.Custom = custom
	a := authz.FromContext(ctx)
	var newTeam *int64
	moving := in.OwnerID != nil && *in.OwnerID != deref(cur.OwnerID)
	if moving {
		if !a.InScope(a.ScopeOf(AccountAssign), deref(cur.OwnerID), deref(cur.TeamID)) {
			return nil, &authz.ForbiddenError{Right: AccountAssign}
		}
		if newTeam, err = s.ownerTarget(ctx, AccountAssign, "body.ownerId", *in.OwnerID); err != nil {
			return nil, err
		}
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Account.UpdateOneID(id).Where(account.Version(version)).AddVersion(1)
		setAccount(q.Mutation(), in)
		if moving {
			q.SetOwnerID(*in.OwnerID)
			if newTeam != nil {
				q.SetTeamID(*newTeam)
			} else {
				q.ClearTeamID()
			}
		}
		if err := s.saved(ctx, "account", id, version, q.Exec(ctx)); err != nil {
			return err
		}
		if !moving {
			return nil
		}
		sys := authz.AsSystem(ctx)
		cq := s.st.Client(sys).Contact.Update().Where(contact.AccountID(id)).SetOwnerID(*in.OwnerID).AddVersion(1)
		if newTeam != nil {
			cq.SetTeamID(*newTeam)
		} else {
			cq.ClearTeamID()
		}
		return cq.Exec(sys)
	})
	if err != nil {
		return nil, err
	}
	return s.GetAccount(ctx, id)
}

// DeleteAccount removes an account and, by the database's cascade, its contacts.
func (s *Service) DeleteAccount(ctx context.Context, id int64) error {
	if err := authz.Require(ctx, AccountDelete); err != nil {
		return err
	}
	if _, err := s.GetAccount(ctx, id); err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound("account", id, s.st.Client(ctx).Account.DeleteOneID(id).Exec(ctx))
	})
}

// saved maps a versioned update that matched no row to 412 when the stored version differs from the
// expected one, and to 404 otherwise (the row lies outside the actor's write scope).
func (s *Service) saved(ctx context.Context, entity string, id, version int64, err error) error {
	if err == nil || !ent.IsNotFound(err) {
		return err
	}
	sys := authz.AsSystem(ctx)
	var current int64
	var qerr error
	switch entity {
	case "account":
		var r *ent.Account
		if r, qerr = s.st.Client(sys).Account.Get(sys, id); qerr == nil {
			current = r.Version
		}
	case "contact":
		var r *ent.Contact
		if r, qerr = s.st.Client(sys).Contact.Get(sys, id); qerr == nil {
			current = r.Version
		}
	}
	if qerr == nil && current != version {
		return apperr.StaleVersion()
	}
	return apperr.NotFoundOf(entity, id)
}
