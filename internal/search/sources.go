package search

import (
	"context"
	"strings"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Doc is the index row of one record. Title and Subtitle are shown to every actor who finds the record,
// so they never hold sensitive values.
type Doc struct {
	Entity    string
	RecordID  int64
	OwnerID   *int64
	TeamID    *int64
	AccountID *int64
	Title     string
	Subtitle  string
	// AccountName is the name of the account the record belongs to, shown to actors who read accounts.
	AccountName    string
	Terms          string
	SensitiveTerms string
}

// Source is one searchable entity.
type Source struct {
	// Entity is the API name ("account"); it is also the prefix of the rights that guard the search.
	Entity string
	// Type is the ent type name ("Account").
	Type string
	// Rule is the entity's own data-scope rule, read from its schema.
	Rule authz.EntityRule
	// Load reads the index rows of ids; ids that no longer exist are left out. ctx acts as the system.
	Load func(ctx context.Context, c *ent.Client, ids []int64) ([]Doc, error)
	// Page lists up to n ids above after, in order (for Reindex).
	Page func(ctx context.Context, c *ent.Client, after int64, n int) ([]int64, error)
	// ByAccount, for entities whose rows belong to an account (account_id), lists the records of some
	// accounts: they are re-read when an account's name changes and dropped with it (the database
	// cascades the delete). nil for entities that belong to none.
	ByAccount func(ctx context.Context, c *ent.Client, accountIDs []int64) ([]int64, error)
}

// Sources lists the searchable entities in display order.
var Sources = []Source{
	{Entity: "account", Type: "Account", Rule: ruleOf(schema.Account{}), Load: loadAccounts,
		Page: func(ctx context.Context, c *ent.Client, after int64, n int) ([]int64, error) {
			return c.Account.Query().Where(account.IDGT(after)).Order(ent.Asc(account.FieldID)).Limit(n).IDs(ctx)
		}},
	{Entity: "contact", Type: "Contact", Rule: ruleOf(schema.Contact{}), Load: loadContacts,
		ByAccount: func(ctx context.Context, c *ent.Client, accountIDs []int64) ([]int64, error) {
			return c.Contact.Query().Where(contact.AccountIDIn(accountIDs...)).IDs(ctx)
		},
		Page: func(ctx context.Context, c *ent.Client, after int64, n int) ([]int64, error) {
			return c.Contact.Query().Where(contact.IDGT(after)).Order(ent.Asc(contact.FieldID)).Limit(n).IDs(ctx)
		}},
	{Entity: "activity", Type: "Activity", Rule: ruleOf(schema.Activity{}), Load: loadActivities,
		ByAccount: func(ctx context.Context, c *ent.Client, accountIDs []int64) ([]int64, error) {
			return c.Activity.Query().Where(activity.AccountIDIn(accountIDs...)).IDs(ctx)
		},
		Page: func(ctx context.Context, c *ent.Client, after int64, n int) ([]int64, error) {
			return c.Activity.Query().Where(activity.IDGT(after)).Order(ent.Asc(activity.FieldID)).Limit(n).IDs(ctx)
		}},
}

// SourceOf returns the source of an entity's API name.
func SourceOf(entity string) (Source, bool) {
	for _, s := range Sources {
		if s.Entity == entity {
			return s, true
		}
	}
	return Source{}, false
}

func sourceOfType(typ string) (Source, bool) {
	for _, s := range Sources {
		if s.Type == typ {
			return s, true
		}
	}
	return Source{}, false
}

// ruleOf finds the EntityRule the schema's Protected mixin enforces, so search scopes rows exactly as
// the entity's privacy policy does.
func ruleOf(sc interface{ Mixin() []entgo.Mixin }) authz.EntityRule {
	for _, m := range sc.Mixin() {
		if p, ok := m.(schema.Protected); ok {
			return p.Rule
		}
	}
	panic("search: entity has no Protected mixin")
}

// website drops the scheme and "www." so an address indexes only its telling words.
func website(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	return strings.TrimPrefix(u, "www.")
}

func loadAccounts(ctx context.Context, c *ent.Client, ids []int64) ([]Doc, error) {
	rows, err := c.Account.Query().Where(account.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Doc, 0, len(rows))
	for _, r := range rows {
		out = append(out, AccountDoc(r))
	}
	return out, nil
}

// AccountDoc is the index row of an account (bulk loaders build rows with it, without a query).
func AccountDoc(r *ent.Account) Doc {
	number := ""
	if r.Number != nil {
		number = *r.Number
	}
	return Doc{Entity: "account", RecordID: r.ID, OwnerID: r.OwnerID, TeamID: r.TeamID,
		Title: r.Name, Subtitle: number,
		Terms:          Terms(r.Name, number, website(r.Website)),
		SensitiveTerms: join(PhoneTerms(r.Phone), Terms(r.Email))}
}

func loadContacts(ctx context.Context, c *ent.Client, ids []int64) ([]Doc, error) {
	rows, err := c.Contact.Query().Where(contact.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	accIDs := make([]int64, 0, len(rows))
	for _, r := range rows {
		accIDs = append(accIDs, r.AccountID)
	}
	names := map[int64]string{}
	if len(accIDs) > 0 {
		accs, err := c.Account.Query().Where(account.IDIn(accIDs...)).Select(account.FieldID, account.FieldName).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range accs {
			names[a.ID] = a.Name
		}
	}
	out := make([]Doc, 0, len(rows))
	for _, r := range rows {
		out = append(out, ContactDoc(r, names[r.AccountID]))
	}
	return out, nil
}

// activityContentIndexed bounds how much of an activity's content is indexed: the opening of a
// follow-up note says what it is about; indexing every bigram of 10,000 characters would bloat the index.
const activityContentIndexed = 500

func loadActivities(ctx context.Context, c *ent.Client, ids []int64) ([]Doc, error) {
	rows, err := c.Activity.Query().Where(activity.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	var accIDs []int64
	for _, r := range rows {
		if r.AccountID != nil {
			accIDs = append(accIDs, *r.AccountID)
		}
	}
	names, err := accountNames(ctx, c, accIDs)
	if err != nil {
		return nil, err
	}
	out := make([]Doc, 0, len(rows))
	for _, r := range rows {
		content := []rune(r.Content)
		if len(content) > activityContentIndexed {
			content = content[:activityContentIndexed]
		}
		d := Doc{Entity: "activity", RecordID: r.ID, OwnerID: r.OwnerID, TeamID: r.TeamID, AccountID: r.AccountID,
			Title: r.Subject, Subtitle: r.Type, Terms: Terms(r.Subject, string(content))}
		if r.AccountID != nil {
			d.AccountName = names[*r.AccountID]
		}
		out = append(out, d)
	}
	return out, nil
}

func accountNames(ctx context.Context, c *ent.Client, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	if len(ids) == 0 {
		return names, nil
	}
	accs, err := c.Account.Query().Where(account.IDIn(ids...)).Select(account.FieldID, account.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accs {
		names[a.ID] = a.Name
	}
	return names, nil
}

// ContactDoc is the index row of a contact of the account named accountName.
func ContactDoc(r *ent.Contact, accountName string) Doc {
	accID := r.AccountID
	return Doc{Entity: "contact", RecordID: r.ID, OwnerID: r.OwnerID, TeamID: r.TeamID,
		AccountID: &accID, Title: r.Name, Subtitle: r.Title, AccountName: accountName,
		Terms:          Terms(r.Name, r.Title, accountName),
		SensitiveTerms: join(PhoneTerms(r.Phone, r.Mobile), Terms(r.Email))}
}

func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}
