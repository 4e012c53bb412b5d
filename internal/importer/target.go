package importer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Target is an entity the importer can write. The module that owns the entity validates and saves
// its records, so an imported row passes exactly the checks of that module's create path; the
// importer only turns cells into values. A later entity gets import by implementing Target.
type Target interface {
	Entity() string
	// Accepts lists the API names its create body accepts (the importable declared fields).
	Accepts() []string
	// Rights are the entity's create and update rights (checked again per row by the module).
	CreateRight() authz.Right
	UpdateRight() authz.Right
	// Batch returns the target for one batch (lookups memoised for the batch).
	Batch() Target
	// Check validates values as a create would and returns the checked record for Insert.
	Check(ctx context.Context, values map[string]any) (any, error)
	// Insert creates checked records in the context's transaction, returning their ids in order.
	Insert(ctx context.Context, checked []any) ([]int64, error)
	// Update changes the visible record id with values, as an update would (in the context's
	// transaction); a record outside the actor's scope is not found.
	Update(ctx context.Context, id int64, values map[string]any) error
}

// Targets returns the importable entities of the customer module.
func Targets(svc *customer.Service) []Target {
	return []Target{accounts{svc}, contacts{svc}}
}

type accounts struct{ s *customer.Service }

func (accounts) Entity() string           { return "account" }
func (accounts) Accepts() []string        { return customer.AccountFields() }
func (accounts) CreateRight() authz.Right { return customer.AccountCreate }
func (accounts) UpdateRight() authz.Right { return customer.AccountUpdate }
func (t accounts) Batch() Target          { return accounts{t.s.Batch()} }
func (t accounts) Check(ctx context.Context, values map[string]any) (any, error) {
	in, err := customer.DecodeAccount(values)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.malformed", nil).Wrap(err)
	}
	return t.s.CheckAccount(ctx, in)
}

func (t accounts) Insert(ctx context.Context, checked []any) ([]int64, error) {
	rows := make([]customer.CheckedAccount, len(checked))
	for i, c := range checked {
		rows[i] = c.(customer.CheckedAccount)
	}
	return t.s.InsertAccounts(ctx, rows)
}

func (t accounts) Update(ctx context.Context, id int64, values map[string]any) error {
	in, err := customer.DecodeAccount(values)
	if err != nil {
		return apperr.New(apperr.Invalid, "error.malformed", nil).Wrap(err)
	}
	cur, err := t.s.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	_, err = t.s.UpdateAccount(ctx, id, cur.Version, in)
	return err
}

type contacts struct{ s *customer.Service }

func (contacts) Entity() string           { return "contact" }
func (contacts) Accepts() []string        { return customer.ContactFields() }
func (contacts) CreateRight() authz.Right { return customer.ContactCreate }
func (contacts) UpdateRight() authz.Right { return customer.ContactUpdate }
func (t contacts) Batch() Target          { return contacts{t.s.Batch()} }
func (t contacts) Check(ctx context.Context, values map[string]any) (any, error) {
	in, err := customer.DecodeContact(values)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.malformed", nil).Wrap(err)
	}
	return t.s.CheckContact(ctx, in)
}

func (t contacts) Insert(ctx context.Context, checked []any) ([]int64, error) {
	rows := make([]customer.CheckedContact, len(checked))
	for i, c := range checked {
		rows[i] = c.(customer.CheckedContact)
	}
	return t.s.InsertContacts(ctx, rows)
}

func (t contacts) Update(ctx context.Context, id int64, values map[string]any) error {
	in, err := customer.DecodeContact(values)
	if err != nil {
		return apperr.New(apperr.Invalid, "error.malformed", nil).Wrap(err)
	}
	cur, err := t.s.GetContact(ctx, id)
	if err != nil {
		return err
	}
	_, err = t.s.UpdateContact(ctx, id, cur.Version, in)
	return err
}
