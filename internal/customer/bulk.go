package customer

import (
	"context"
	"fmt"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/bulk"
)

// Fields a bulk edit may set (one value for every selected record). Names, phones and e-mails are
// per-record data; owner and tags have their own actions.
var (
	accountBulkFields = []string{"type", "level", "industry", "region", "source", "lifecycle", "website",
		"address", "creditLimit", "currency", "satisfaction"}
	contactBulkFields = []string{"accountId", "title", "buyingRole", "preferredChannel", "consent"}
)

// Bulk actions each entity offers. Contacts have no assign: they follow their account's owner.
var (
	accountBulkActions = []string{bulk.Assign, bulk.AddTags, bulk.RemoveTags, bulk.Edit, bulk.Delete}
	contactBulkActions = []string{bulk.AddTags, bulk.RemoveTags, bulk.Edit, bulk.Delete}
)

// accountBulkRights returns the rights an action needs on accounts (update always: the operation declares it).
func accountBulkRights(action string) []authz.Right {
	switch action {
	case bulk.Assign:
		return []authz.Right{AccountUpdate, AccountAssign}
	case bulk.Delete:
		return []authz.Right{AccountUpdate, AccountDelete}
	}
	return []authz.Right{AccountUpdate}
}

func contactBulkRights(action string) []authz.Right {
	if action == bulk.Delete {
		return []authz.Right{ContactUpdate, ContactDelete}
	}
	return []authz.Right{ContactUpdate}
}

func requireAll(ctx context.Context, rights []authz.Right) error {
	for _, r := range rights {
		if err := authz.Require(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// bulkTargets returns the records a bulk request acts on: its ids, or every record of entity in the
// actor's read scope matching its filter and q as the list matches them (refused beyond bulk.MaxMatching).
func (s *Service) bulkTargets(ctx context.Context, entity string, b bulk.BulkRequest) ([]int64, error) {
	if !b.All {
		return b.IDs, nil
	}
	cond, err := s.condition(ctx, entity, ListQuery{Filters: b.Filter, Q: b.Q})
	if err != nil {
		return nil, bulk.RelocateQuery(err)
	}
	c := s.st.Client(ctx)
	var ids []int64
	if entity == "account" {
		ids, err = c.Account.Query().Where(predicate.Account(cond)).Order(account.ByID()).Limit(bulk.MaxMatching + 1).IDs(ctx)
	} else {
		ids, err = c.Contact.Query().Where(predicate.Contact(cond)).Order(contact.ByID()).Limit(bulk.MaxMatching + 1).IDs(ctx)
	}
	if err != nil {
		return nil, err
	}
	if len(ids) > bulk.MaxMatching {
		return nil, bulk.TooMany()
	}
	return ids, nil
}

// BulkAccounts applies one action to many accounts in one transaction, each through the single-record
// path (UpdateAccount, DeleteAccount): all or nothing (see platform/bulk). Assign also hands the
// previous owner's open activities on each account to the new owner, as a transfer does (SPEC C5).
func (s *Service) BulkAccounts(ctx context.Context, b bulk.BulkRequest) (bulk.BulkResult, error) {
	var res bulk.BulkResult
	if err := b.Check(accountBulkActions); err != nil {
		return res, err
	}
	if err := requireAll(ctx, accountBulkRights(b.Action)); err != nil {
		return res, err
	}
	var edit AccountBody
	fieldOf := func(loc string) string { return loc }
	if b.Action == bulk.Edit {
		body, err := bulk.EditBody(b.Field, b.Value, accountBulkFields)
		if err == nil {
			err = bulk.Decode(body, &edit)
		}
		if err != nil {
			return res, err
		}
		fieldOf = bulk.ValueField
	}
	var newTeam *int64
	if b.Action == bulk.Assign {
		var err error
		if newTeam, err = s.ownerTarget(ctx, AccountAssign, "body.ownerId", b.OwnerID); err != nil {
			return res, err
		}
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		ids, err := s.bulkTargets(ctx, "account", b)
		if err != nil {
			return err
		}
		res.Matched = len(ids)
		res.Changed, err = bulk.Apply(ctx, "account", ids, !b.All, fieldOf, func(ctx context.Context, id int64) (bool, error) {
			cur, err := s.GetAccount(ctx, id)
			if err != nil {
				return false, err
			}
			var in AccountInput
			switch b.Action {
			case bulk.Delete:
				return true, s.DeleteAccount(ctx, id)
			case bulk.Assign:
				if deref(cur.OwnerID) == b.OwnerID {
					return false, nil
				}
				in.OwnerID = &b.OwnerID
			case bulk.AddTags, bulk.RemoveTags:
				tags, changed := bulk.NewTags(cur.Tags, b.Action, b.Tags)
				if !changed {
					return false, nil
				}
				in.Tags = &tags
			case bulk.Edit:
				in = edit.input()
			}
			if _, err = s.UpdateAccount(ctx, id, cur.Version, in); err != nil || b.Action != bulk.Assign || cur.OwnerID == nil {
				return err == nil, err
			}
			// As in a transfer (SPEC C5), what follows the owner (open activities) moves along.
			plan := TransferPlan{FromOwnerID: *cur.OwnerID, ToOwnerID: b.OwnerID, ToTeamID: newTeam, AccountIDs: []int64{id}}
			for _, p := range s.transfer {
				if _, err := p.TransferOwned(ctx, plan); err != nil {
					return false, fmt.Errorf("bulk assign: %s: %w", p.Name(), err)
				}
			}
			return true, nil
		})
		return err
	})
	return res, err
}

// BulkContacts applies one action to many contacts in one transaction, each through UpdateContact or
// DeleteContact. Contacts have no assign action: their owner is their account's.
func (s *Service) BulkContacts(ctx context.Context, b bulk.BulkRequest) (bulk.BulkResult, error) {
	var res bulk.BulkResult
	if b.Action == bulk.Assign {
		return res, apperr.Field("body.action", "field.bulk_contact_assign", nil)
	}
	if err := b.Check(contactBulkActions); err != nil {
		return res, err
	}
	if err := requireAll(ctx, contactBulkRights(b.Action)); err != nil {
		return res, err
	}
	var edit ContactBody
	fieldOf := func(loc string) string { return loc }
	if b.Action == bulk.Edit {
		body, err := bulk.EditBody(b.Field, b.Value, contactBulkFields)
		if err == nil {
			err = bulk.Decode(body, &edit)
		}
		if err != nil {
			return res, err
		}
		fieldOf = bulk.ValueField
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		ids, err := s.bulkTargets(ctx, "contact", b)
		if err != nil {
			return err
		}
		res.Matched = len(ids)
		res.Changed, err = bulk.Apply(ctx, "contact", ids, !b.All, fieldOf, func(ctx context.Context, id int64) (bool, error) {
			cur, err := s.GetContact(ctx, id)
			if err != nil {
				return false, err
			}
			var in ContactInput
			switch b.Action {
			case bulk.Delete:
				return true, s.DeleteContact(ctx, id)
			case bulk.AddTags, bulk.RemoveTags:
				tags, changed := bulk.NewTags(cur.Tags, b.Action, b.Tags)
				if !changed {
					return false, nil
				}
				in.Tags = &tags
			case bulk.Edit:
				in = edit.input()
				if in.AccountID != nil && *in.AccountID == cur.AccountID {
					return false, nil
				}
			}
			_, err = s.UpdateContact(ctx, id, cur.Version, in)
			return err == nil, err
		})
		return err
	})
	return res, err
}
