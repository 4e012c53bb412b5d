package activity

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// Rights of other modules this one consults to check links (not imported, to keep modules apart).
const (
	accountRead authz.Right = "account:read"
	contactRead authz.Right = "contact:read"
)

// Dictionary answers whether a code is an active item of a dictionary kind (SPEC B1). The dictionary
// module's service implements it.
type Dictionary interface {
	Exists(ctx context.Context, kind, code string) (bool, error)
	Label(ctx context.Context, kind, code, locale string) string
}

// Service is the activity use-case layer.
type Service struct {
	st        *store.Store
	reg       *meta.Registry
	dict      Dictionary
	custom    CustomFields
	actors    Actors
	publicURL string
	now       func() time.Time
}

// New builds the service. dict may be nil: activity types are then not checked.
func New(st *store.Store, reg *meta.Registry, dict Dictionary) *Service {
	return &Service{st: st, reg: reg, dict: dict, now: time.Now}
}

// SetClock replaces the clock (tests move time).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Registry returns the metadata registry the service validates against.
func (s *Service) Registry() *meta.Registry { return s.reg }

// Input is an activity's editable data; nil pointers leave a field unchanged on update.
type Input struct {
	Type, Subject, Content, Outcome *string
	AccountID, ContactID            *int64 // 0 clears the link on update
	DueAt                           *time.Time
	ClearDue                        bool
	Status                          *string
	NextFollowUpAt                  *time.Time
	OwnerID                         *int64
	// RemindAt is when the owner is reminded (SPEC T2); ClearRemind removes the reminder. A new
	// reminder time clears reminded_at, so the delivery job sends it again.
	RemindAt    *time.Time
	ClearRemind bool
	// FollowUpRemindAt is the reminder of the follow-up task a next follow-up date creates (nil: at its
	// due time).
	FollowUpRemindAt *time.Time
	Tags             *[]string
	Custom           *map[string]any
}

// Get returns one activity in scope (404 otherwise).
func (s *Service) Get(ctx context.Context, id int64) (*ent.Activity, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, err
	}
	r, err := s.st.Client(ctx).Activity.Query().Where(activity.ID(id)).Only(ctx)
	return r, notFound(id, err)
}

// links resolves the account and contact an activity is linked to: both must be visible to the actor;
// with a contact, the account is the contact's.
func (s *Service) links(ctx context.Context, accountID, contactID *int64) (*int64, *int64, error) {
	a := authz.FromContext(ctx)
	if contactID != nil {
		if !a.Can(contactRead) {
			return nil, nil, apperr.Field("body.contactId", "field.unknown_contact", nil)
		}
		c, err := s.st.Client(ctx).Contact.Query().Where(contact.ID(*contactID)).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, nil, apperr.Field("body.contactId", "field.unknown_contact", nil)
		}
		if err != nil {
			return nil, nil, err
		}
		if accountID != nil && *accountID != c.AccountID {
			return nil, nil, apperr.Field("body.contactId", "field.contact_other_account", nil)
		}
		accountID = &c.AccountID
	}
	if accountID != nil {
		if !a.Can(accountRead) {
			return nil, nil, apperr.Field("body.accountId", "field.unknown_account", nil)
		}
		ok, err := s.st.Client(ctx).Account.Query().Where(account.ID(*accountID)).Exist(ctx)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, apperr.Field("body.accountId", "field.unknown_account", nil)
		}
	}
	return accountID, contactID, nil
}

// ownerTarget resolves a would-be owner: an active user within the actor's scope for right (else it is
// reported like an unknown one). It returns the owner's team.
func (s *Service) ownerTarget(ctx context.Context, right authz.Right, ownerID int64) (*int64, error) {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(ownerID), user.Active(true)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.Field("body.ownerId", "field.unknown_user", nil)
	}
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	if !a.InScope(a.ScopeOf(right), u.ID, deref(u.TeamID)) {
		return nil, apperr.Field("body.ownerId", "field.unknown_user", nil)
	}
	return u.TeamID, nil
}

// Create logs an activity. The owner defaults to the actor; a next follow-up date also creates the
// follow-up task in the same transaction.
func (s *Service) Create(ctx context.Context, in Input) (*ent.Activity, error) {
	if err := authz.Require(ctx, Create); err != nil {
		return nil, err
	}
	in.Subject = trimmed(in.Subject)
	if in.Type == nil {
		in.Type = ptr("")
	}
	custom, cerr := s.prepareCustom(ctx, in.Custom, true, nil, false)
	if err := apperr.Join(s.validate(ctx, in, true), cerr); err != nil {
		return nil, err
	}
	in.Custom = custom
	a := authz.FromContext(ctx)
	ownerID := a.UserID
	if in.OwnerID != nil {
		ownerID = *in.OwnerID
	}
	if ownerID == 0 {
		return nil, apperr.Field("body.ownerId", "field.required", nil)
	}
	teamID, err := s.ownerTarget(ctx, Create, ownerID)
	if err != nil {
		return nil, err
	}
	accID, conID, err := s.links(ctx, nonZero(in.AccountID), nonZero(in.ContactID))
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Activity.Create().SetType(*in.Type).SetSubject(*in.Subject).SetTags([]string{}).
			SetCustom(map[string]any{}).SetOwnerID(ownerID).SetNillableTeamID(teamID).SetNillableAccountID(accID).SetNillableContactID(conID)
		m := q.Mutation()
		set(m, in)
		if in.Status != nil && *in.Status == string(activity.StatusDone) {
			m.SetDoneAt(s.now().UTC())
		}
		r, err := q.Save(ctx)
		if err != nil {
			return err
		}
		id = r.ID
		return s.followUp(ctx, r, in.NextFollowUpAt, in.FollowUpRemindAt)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// followUp creates the open task due at next for the activity r (SPEC L8); nil next does nothing.
// The next follow-up date becomes a reminder: at remind, or at the task's due time when remind is nil.
func (s *Service) followUp(ctx context.Context, r *ent.Activity, next, remind *time.Time) error {
	if next == nil {
		return nil
	}
	if remind == nil {
		remind = next
	}
	content := r.Outcome
	if content == "" {
		content = r.Content
	}
	return s.st.Client(ctx).Activity.Create().SetType("task").SetSubject(r.Subject).SetContent(content).
		SetDueAt(next.UTC()).SetRemindAt(remind.UTC()).SetTags(r.Tags).SetCustom(map[string]any{}).
		SetNillableOwnerID(r.OwnerID).SetNillableTeamID(r.TeamID).
		SetNillableAccountID(r.AccountID).SetNillableContactID(r.ContactID).Exec(ctx)
}

func set(m *ent.ActivityMutation, in Input) {
	for _, d := range []struct {
		v   *string
		set func(string)
	}{{in.Type, m.SetType}, {in.Subject, m.SetSubject}, {in.Content, m.SetContent}, {in.Outcome, m.SetOutcome}} {
		if d.v != nil {
			d.set(*d.v)
		}
	}
	if in.DueAt != nil {
		m.SetDueAt(in.DueAt.UTC())
	} else if in.ClearDue {
		m.ClearDueAt()
	}
	if in.NextFollowUpAt != nil {
		m.SetNextFollowUpAt(in.NextFollowUpAt.UTC())
	}
	if in.Status != nil {
		m.SetStatus(activity.Status(*in.Status))
	}
	if in.RemindAt != nil {
		m.SetRemindAt(in.RemindAt.UTC())
		m.ClearRemindedAt()
	} else if in.ClearRemind {
		m.ClearRemindAt()
		m.ClearRemindedAt()
	}
	if in.Tags != nil {
		m.SetTags(record.NormTags(*in.Tags))
	}
	if in.Custom != nil {
		m.SetCustom(*in.Custom)
	}
}

// Update changes an activity if version is still current. Setting the status to done stamps done_at;
// reopening clears it.
func (s *Service) Update(ctx context.Context, id, version int64, in Input) (*ent.Activity, error) {
	if err := authz.Require(ctx, Update); err != nil {
		return nil, err
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	in.Subject = trimmed(in.Subject)
	in.NextFollowUpAt, in.FollowUpRemindAt = nil, nil
	if in.RemindAt != nil && cur.RemindAt != nil && in.RemindAt.Equal(*cur.RemindAt) {
		in.RemindAt = nil // unchanged: a reminder already sent stays sent
	}
	masked := !s.seesSensitive(ctx, cur)
	custom, cerr := s.prepareCustom(ctx, in.Custom, false, cur.Custom, masked)
	if err := apperr.Join(s.validate(ctx, in, false), cerr); err != nil {
		return nil, err
	}
	in.Custom = custom
	relink := in.AccountID != nil || in.ContactID != nil
	var accID, conID *int64
	if relink {
		if accID, conID, err = s.relink(ctx, cur, in); err != nil {
			return nil, err
		}
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Activity.UpdateOneID(id).Where(activity.Version(version)).AddVersion(1)
		m := q.Mutation()
		set(m, in)
		if relink {
			if accID != nil {
				q.SetAccountID(*accID)
			} else {
				q.ClearAccountID()
			}
			if conID != nil {
				q.SetContactID(*conID)
			} else {
				q.ClearContactID()
			}
		}
		if in.Status != nil && activity.Status(*in.Status) != cur.Status {
			if *in.Status == string(activity.StatusDone) {
				q.SetDoneAt(s.now().UTC())
			} else {
				q.ClearDoneAt()
			}
		}
		return s.saved(ctx, id, version, q.Exec(ctx))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// relink works out the links an update asks for: a contact brings its account; another account
// without a contact drops the old contact; 0 clears a link.
func (s *Service) relink(ctx context.Context, cur *ent.Activity, in Input) (*int64, *int64, error) {
	acc, con := in.AccountID, in.ContactID
	switch {
	case con != nil && *con != 0:
		// the contact's account is taken (an explicit, different account is refused by links)
	case acc == nil:
		acc = cur.AccountID
	case con == nil && (cur.AccountID == nil || *acc != *cur.AccountID):
		con = nil
	default:
		if con == nil {
			con = cur.ContactID
		}
	}
	return s.links(ctx, nonZero(acc), nonZero(con))
}

// Complete marks an open activity done with its outcome; a next follow-up date creates the follow-up
// task in the same transaction. version 0 skips the concurrency check.
func (s *Service) Complete(ctx context.Context, id, version int64, c Completion) (*ent.Activity, error) {
	if err := authz.Require(ctx, Update); err != nil {
		return nil, err
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	outcome, next := c.Outcome, c.NextFollowUpAt
	var f fields
	f.Text("body.outcome", &outcome, 1000, false)
	f.Text("body.content", c.Content, 10000, false)
	checkFollowUp(&f, next, c.FollowUpRemindAt)
	if err := f.Err(); err != nil {
		return nil, err
	}
	if cur.Status != activity.StatusOpen {
		return nil, apperr.New(apperr.Conflict, "error.activity_not_open", nil)
	}
	if version == 0 {
		version = cur.Version
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).Activity.UpdateOneID(id).
			Where(activity.Version(version), activity.StatusEQ(activity.StatusOpen)).AddVersion(1).
			SetStatus(activity.StatusDone).SetDoneAt(s.now().UTC()).SetOutcome(outcome)
		if next != nil {
			q.SetNextFollowUpAt(next.UTC())
		}
		if c.Content != nil {
			q.SetContent(*c.Content)
		}
		r, err := q.Save(ctx)
		if err != nil {
			return s.saved(ctx, id, version, err)
		}
		return s.followUp(ctx, r, next, c.FollowUpRemindAt)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Completion is what completing an activity records: the outcome, optionally the follow-up's content
// (objections, budget cycle …) and the next follow-up date with its reminder (SPEC L8).
type Completion struct {
	Outcome          string
	Content          *string
	NextFollowUpAt   *time.Time
	FollowUpRemindAt *time.Time
}

// Delete removes an activity.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := authz.Require(ctx, Delete); err != nil {
		return err
	}
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound(id, s.st.Client(ctx).Activity.DeleteOneID(id).Exec(ctx))
	})
}

// saved turns an update's not-found into 412 when the record exists with another version.
func (s *Service) saved(ctx context.Context, id, version int64, err error) error {
	if err == nil || !ent.IsNotFound(err) {
		return err
	}
	sys := authz.AsSystem(ctx)
	if r, qerr := s.st.Client(sys).Activity.Get(sys, id); qerr == nil && r.Version != version {
		return apperr.StaleVersion()
	}
	return apperr.NotFoundOf("activity", id)
}

func notFound(id int64, err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFoundOf("activity", id)
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

func ptr[T any](v T) *T { return &v }

func nonZero(p *int64) *int64 {
	if p == nil || *p == 0 {
		return nil
	}
	return p
}
