package customer

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ContactInput is a contact's editable data; nil pointers leave a field unchanged on update.
type ContactInput struct {
	AccountID                                     *int64
	Name, Title, BuyingRole, Phone, Mobile, Email *string
	PreferredChannel                              *string
	Birthday                                      *string // YYYY-MM-DD; "" clears it
	Consent                                       *bool
	Tags                                          *[]string
	Custom                                        *map[string]any
}

// ListContacts returns one page of the contacts in the actor's scope; accountID > 0 keeps one account's
// (which must itself be visible).
func (s *Service) ListContacts(ctx context.Context, accountID int64, lq ListQuery) ([]*ent.Contact, string, error) {
	if err := authz.Require(ctx, ContactRead); err != nil {
		return nil, "", err
	}
	if accountID > 0 {
		if _, err := s.GetAccount(ctx, accountID); err != nil {
			return nil, "", err
		}
	}
	cond, err := s.condition(ctx, "contact", lq)
	if err != nil {
		return nil, "", err
	}
	q := s.st.Client(ctx).Contact.Query().Where(predicate.Contact(cond))
	if accountID > 0 {
		q.Where(contact.AccountID(accountID))
	}
	if err := lq.Page.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, lq.Page, func(r *ent.Contact) (any, int64) {
		return record.Value(r, lq.Page.Sort.Column), r.ID
	})
	return rows, next, nil
}

// GetContact returns one contact in scope (404 otherwise).
func (s *Service) GetContact(ctx context.Context, id int64) (*ent.Contact, error) {
	if err := authz.Require(ctx, ContactRead); err != nil {
		return nil, err
	}
	c, err := s.st.Client(ctx).Contact.Query().Where(contact.ID(id)).Only(ctx)
	return c, notFound("contact", id, err)
}

func (s *Service) validateContact(ctx context.Context, in ContactInput, creating bool) (*time.Time, error) {
	var f fields
	if creating || in.Name != nil {
		f.Text("body.name", in.Name, 100, true)
	}
	f.Text("body.title", in.Title, 100, false)
	if err := s.checkDict(ctx, &f, "body.buyingRole", s.dictKind("contact", "buyingRole"), in.BuyingRole); err != nil {
		return nil, err
	}
	checkPhone(&f, "body.phone", in.Phone)
	checkPhone(&f, "body.mobile", in.Mobile)
	checkEmail(&f, "body.email", in.Email)
	if in.PreferredChannel != nil && contact.PreferredChannelValidator(contact.PreferredChannel(*in.PreferredChannel)) != nil {
		f.Add("body.preferredChannel", "field.invalid", nil)
	}
	var birthday *time.Time
	if in.Birthday != nil && *in.Birthday != "" {
		t, err := time.Parse(time.DateOnly, *in.Birthday)
		if err != nil || t.After(time.Now()) || t.Year() < 1900 {
			f.Add("body.birthday", "field.invalid_date", nil)
		} else {
			birthday = &t
		}
	}
	record.CheckTags(&f, "body.tags", in.Tags)
	return birthday, f.Err()
}

// placement returns the owner and team a contact of accountID gets: its account's. The account must
// be visible to the actor (else body.accountId is invalid).
func (s *Service) placement(ctx context.Context, accountID int64) (*ent.Account, error) {
	if !authz.FromContext(ctx).Can(AccountRead) {
		return nil, apperr.Field("body.accountId", "field.unknown_account", nil)
	}
	acc, err := s.st.Client(ctx).Account.Query().Where(account.ID(accountID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Field("body.accountId", "field.unknown_account", nil)
	}
	return acc, err
}

// CreateContact adds a contact under a visible account; owner and team are copied from the account.
func (s *Service) CreateContact(ctx context.Context, in ContactInput) (*ent.Contact, error) {
	checked, err := s.CheckContact(ctx, in)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		ids, err = s.InsertContacts(ctx, []CheckedContact{checked})
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.GetContact(ctx, ids[0])
}

func setContact(m *ent.ContactMutation, in ContactInput, birthday *time.Time) {
	for _, d := range []struct {
		v   *string
		set func(string)
	}{{in.Name, m.SetName}, {in.Title, m.SetTitle}, {in.BuyingRole, m.SetBuyingRole}, {in.Phone, m.SetPhone},
		{in.Mobile, m.SetMobile}, {in.Email, m.SetEmail}} {
		if d.v != nil {
			d.set(*d.v)
		}
	}
	if in.PreferredChannel != nil {
		m.SetPreferredChannel(contact.PreferredChannel(*in.PreferredChannel))
	}
	if in.Birthday != nil {
		if birthday == nil {
			m.ClearBirthday()
		} else {
			m.SetBirthday(*birthday)
		}
	}
	if in.Consent != nil {
		m.SetConsent(*in.Consent)
	}
	if in.Tags != nil {
		m.SetTags(record.NormTags(*in.Tags))
	}
	if in.Custom != nil {
		m.SetCustom(*in.Custom)
	}
}

// UpdateContact changes a contact if version is still current. Moving it to another (visible) account
// gives it that account's owner and team.
func (s *Service) UpdateContact(ctx context.Context, id, version int64, in ContactInput) (*ent.Contact, error) {
	if err := authz.Require(ctx, ContactUpdate); err != nil {
		return nil, err
	}
	cur, err := s.GetContact(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, m := range []struct {
		typ    string
		v      **string
		stored string
	}{{"phone", &in.Phone, cur.Phone}, {"phone", &in.Mobile, cur.Mobile}, {"email", &in.Email, cur.Email}} {
		if *m.v != nil && fls.IsMaskOf(m.typ, **m.v, m.stored) {
			*m.v = nil
		}
	}
	// A birthday is masked as null: sending null (absent) already leaves it alone.
	in.Name, in.Email = trimmed(in.Name), trimmed(in.Email)
	masked := !fls.CanSee(authz.FromContext(ctx), "contact", deref(cur.OwnerID), deref(cur.TeamID))
	custom, cerr := s.prepareCustom(ctx, "contact", in.Custom, false, cur.Custom, masked)
	birthday, err := s.validateContact(ctx, in, false)
	if err := apperr.Join(err, cerr); err != nil {
		return nil, err
	}
	in.Custom = custom
	var acc *ent.Account
	if in.AccountID != nil && *in.AccountID != cur.AccountID {
		if acc, err = s.placement(ctx, *in.AccountID); err != nil {
			return nil, err
		}
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Contact.UpdateOneID(id).Where(contact.Version(version)).AddVersion(1)
		setContact(q.Mutation(), in, birthday)
		if acc != nil {
			q.SetAccountID(acc.ID)
			if acc.OwnerID != nil {
				q.SetOwnerID(*acc.OwnerID)
			} else {
				q.ClearOwnerID()
			}
			if acc.TeamID != nil {
				q.SetTeamID(*acc.TeamID)
			} else {
				q.ClearTeamID()
			}
		}
		return s.saved(ctx, "contact", id, version, q.Exec(ctx))
	})
	if err != nil {
		return nil, err
	}
	return s.GetContact(ctx, id)
}

// DeleteContact removes a contact.
func (s *Service) DeleteContact(ctx context.Context, id int64) error {
	if err := authz.Require(ctx, ContactDelete); err != nil {
		return err
	}
	if _, err := s.GetContact(ctx, id); err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound("contact", id, s.st.Client(ctx).Contact.DeleteOneID(id).Exec(ctx))
	})
}
