package dedup

import (
	"context"
	"fmt"
	"strconv"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/writebatch"
)

type idsMutation interface {
	IDs(context.Context) ([]int64, error)
}

type idMutation interface {
	ID() (int64, bool)
}

type clientMutation interface {
	Client() *ent.Client
}

// entityOfType maps ent type names to matched entities.
var entityOfType = map[string]string{"Account": Account, "Contact": Contact}

// Hook returns the ent hook that keeps dedup_key rows in step with every create, update and delete of
// an account or contact, in the same transaction as the change (the store installs it).
func Hook() entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			entity, ok := entityOfType[m.Type()]
			if !ok || !touchesKeys(entity, m) {
				return next.Mutate(ctx, m)
			}
			cm, ok := m.(clientMutation)
			if !ok {
				return nil, fmt.Errorf("dedup: %s mutation has no client", m.Type())
			}
			sys := authz.AsSystem(ctx)
			deleting := m.Op().Is(entgo.OpDelete) || m.Op().Is(entgo.OpDeleteOne)
			var ids, cascaded []int64
			if !m.Op().Is(entgo.OpCreate) {
				im, ok := m.(idsMutation)
				if !ok {
					return nil, fmt.Errorf("dedup: %s mutation does not expose its ids", m.Type())
				}
				var err error
				if ids, err = im.IDs(ctx); err != nil {
					return nil, fmt.Errorf("dedup: ids of %s: %w", entity, err)
				}
				// The database deletes an account's contacts with it (cascade), behind the hooks.
				if deleting && entity == Account && len(ids) > 0 {
					if cascaded, err = cm.Client().Contact.Query().Where(contact.AccountIDIn(ids...)).IDs(sys); err != nil {
						return nil, fmt.Errorf("dedup: contacts of deleted accounts: %w", err)
					}
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if m.Op().Is(entgo.OpCreate) {
				if im, ok := m.(idMutation); ok {
					if id, ok := im.ID(); ok {
						ids = []int64{id}
					}
				}
				// In a bulk insert the keys are written once for the whole batch (store.WithBatch).
				if b := writebatch.From(ctx); b != nil && len(ids) > 0 && b.AddRecords(writebatch.Dedup, entity, ids...) {
					return v, nil
				}
			}
			if len(ids) == 0 {
				return v, nil
			}
			c := cm.Client()
			if err := Refresh(sys, c, entity, ids); err != nil {
				return nil, err
			}
			if len(cascaded) > 0 {
				if err := Refresh(sys, c, Contact, cascaded); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}
}

// matchFields are the columns keys are made of.
var matchFields = map[string][]string{
	Account: {account.FieldName, account.FieldPhone, account.FieldEmail, account.FieldWebsite},
	Contact: {contact.FieldAccountID, contact.FieldName, contact.FieldPhone, contact.FieldMobile, contact.FieldEmail},
}

// touchesKeys reports whether a mutation can change keys: creates and deletes always, updates when
// they set or clear a matching column (an owner change or a tag does not).
func touchesKeys(entity string, m entgo.Mutation) bool {
	if !m.Op().Is(entgo.OpUpdate) && !m.Op().Is(entgo.OpUpdateOne) {
		return true
	}
	for _, f := range matchFields[entity] {
		if _, set := m.Field(f); set || m.FieldCleared(f) {
			return true
		}
	}
	return false
}

// Refresh rewrites the dedup keys of records of entity: the keys of ids that no longer exist are
// dropped. ctx must allow reading every record (the system actor). Bulk loaders that bypass the hook
// (demo --scale) call it, or Rows, themselves.
func Refresh(ctx context.Context, c *ent.Client, entity string, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := refresh(ctx, c, entity, ids[:n]); err != nil {
			return fmt.Errorf("dedup: keys of %s: %w", entity, err)
		}
		ids = ids[n:]
	}
	return nil
}

func refresh(ctx context.Context, c *ent.Client, entity string, ids []int64) error {
	if _, err := c.DedupKey.Delete().Where(dedupkey.Entity(entity), dedupkey.RecordIDIn(ids...)).Exec(ctx); err != nil {
		return err
	}
	values, err := load(ctx, c, entity, ids)
	if err != nil {
		return err
	}
	var creates []*ent.DedupKeyCreate
	for id, v := range values {
		for _, k := range Keys(entity, v) {
			creates = append(creates, c.DedupKey.Create().SetEntity(entity).SetRecordID(id).SetKind(k.Kind).SetKey(k.Key))
		}
	}
	for len(creates) > 0 {
		n := min(len(creates), 200)
		if err := c.DedupKey.CreateBulk(creates[:n]...).Exec(ctx); err != nil {
			return err
		}
		creates = creates[n:]
	}
	return nil
}

// load reads the matching values of records.
func load(ctx context.Context, c *ent.Client, entity string, ids []int64) (map[int64]Values, error) {
	out := map[int64]Values{}
	switch entity {
	case Account:
		rows, err := c.Account.Query().Where(account.IDIn(ids...)).
			Select(account.FieldID, account.FieldName, account.FieldPhone, account.FieldEmail, account.FieldWebsite).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = AccountValues(r)
		}
	case Contact:
		rows, err := c.Contact.Query().Where(contact.IDIn(ids...)).
			Select(contact.FieldID, contact.FieldAccountID, contact.FieldName, contact.FieldPhone, contact.FieldMobile,
				contact.FieldEmail).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = ContactValues(r)
		}
	}
	return out, nil
}

// AccountValues are the matching values of an account.
func AccountValues(a *ent.Account) Values {
	return Values{"name": a.Name, "phone": a.Phone, "email": a.Email, "website": a.Website}
}

// ContactValues are the matching values of a contact.
func ContactValues(c *ent.Contact) Values {
	return Values{"name": c.Name, "accountId": strconv.FormatInt(c.AccountID, 10), "phone": c.Phone,
		"mobile": c.Mobile, "email": c.Email}
}
