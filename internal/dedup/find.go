package dedup

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Match is an existing record that shares at least one key with the values looked up.
type Match struct {
	ID int64 `json:"id"`
	// Kinds are the kinds of the shared keys, in the order of kindOrder.
	Kinds []string `json:"kinds"`
	// Name, OwnerID and (contacts) AccountID are read with the record, for display.
	Name      string `json:"name"`
	OwnerID   *int64 `json:"ownerId,omitempty"`
	AccountID *int64 `json:"accountId,omitempty"`
}

// Result is what Lookup finds: the matches the caller may read, and how many other records match.
type Result struct {
	Matches []Match
	// Hidden counts matching records outside the caller's data scope; nothing else about them is told.
	Hidden int
}

// MaxMatches bounds the matches returned (the most telling first); Hidden still counts all others.
const MaxMatches = 20

// Find returns the existing records of entity that share a key with values and that the caller in ctx
// may read (its data scope applies, as in every query). Values["id"], when set, is the record being
// edited and is left out. c may be bound to a transaction. See Lookup for the count of hidden matches.
func Find(ctx context.Context, c *ent.Client, entity string, values Values) ([]Match, error) {
	r, err := Lookup(ctx, c, entity, values)
	return r.Matches, err
}

// Lookup is Find plus the number of matching records outside the caller's scope.
func Lookup(ctx context.Context, c *ent.Client, entity string, values Values) (Result, error) {
	keys := Keys(entity, values)
	if len(keys) == 0 {
		return Result{}, nil
	}
	self, _ := strconv.ParseInt(values["id"], 10, 64)
	kinds, err := matchingKinds(ctx, c, entity, keys, self)
	if err != nil || len(kinds) == 0 {
		return Result{}, err
	}
	ids := make([]int64, 0, len(kinds))
	for id := range kinds {
		ids = append(ids, id)
	}
	sys := authz.AsSystem(ctx)
	// Keys of records deleted behind the hooks' back (a cascade) must not count: read what exists.
	existing, err := recordIDs(sys, c, entity, ids)
	if err != nil {
		return Result{}, err
	}
	var visible []Match
	if authz.FromContext(ctx).Can(authz.NewRight(entity, "read")) {
		if visible, err = readable(ctx, c, entity, ids); err != nil {
			return Result{}, err
		}
	}
	for i := range visible {
		visible[i].Kinds = kinds[visible[i].ID]
	}
	sort.SliceStable(visible, func(i, j int) bool {
		si, sj := Score(visible[i].Kinds), Score(visible[j].Kinds)
		if si != sj {
			return si > sj
		}
		return visible[i].ID < visible[j].ID
	})
	res := Result{Hidden: len(existing) - len(visible)}
	if len(visible) > MaxMatches {
		visible = visible[:MaxMatches]
	}
	res.Matches = visible
	return res, nil
}

// matchingKinds reads the dedup keys equal to keys: record id → kinds matched (ordered).
func matchingKinds(ctx context.Context, c *ent.Client, entity string, keys []Key, self int64) (map[int64][]string, error) {
	preds := make([]predicate.DedupKey, 0, len(keys))
	for _, k := range keys {
		// The entity is repeated in every term: SQLite (without ANALYZE statistics) would otherwise pick
		// the (entity, record_id) index for "entity = ? AND (… OR …)" and scan all of the entity's keys.
		preds = append(preds, dedupkey.And(dedupkey.Entity(entity), dedupkey.Kind(k.Kind), dedupkey.Key(k.Key)))
	}
	q := c.DedupKey.Query().Where(dedupkey.Or(preds...))
	if self != 0 {
		q.Where(dedupkey.RecordIDNEQ(self))
	}
	sys := authz.AsSystem(ctx)
	rows, err := q.Select(dedupkey.FieldRecordID, dedupkey.FieldKind).All(sys)
	if err != nil {
		return nil, fmt.Errorf("dedup: keys of %s: %w", entity, err)
	}
	out := map[int64][]string{}
	for _, r := range rows {
		if !slices.Contains(out[r.RecordID], r.Kind) {
			out[r.RecordID] = append(out[r.RecordID], r.Kind)
		}
	}
	for id := range out {
		out[id] = orderKinds(out[id])
	}
	return out, nil
}

func recordIDs(ctx context.Context, c *ent.Client, entity string, ids []int64) ([]int64, error) {
	switch entity {
	case Account:
		return c.Account.Query().Where(account.IDIn(ids...)).IDs(ctx)
	case Contact:
		return c.Contact.Query().Where(contact.IDIn(ids...)).IDs(ctx)
	}
	return nil, fmt.Errorf("dedup: unknown entity %q", entity)
}

// readable reads the records among ids that ctx's actor may read (the ent policy scopes the query).
func readable(ctx context.Context, c *ent.Client, entity string, ids []int64) ([]Match, error) {
	var out []Match
	switch entity {
	case Account:
		rows, err := c.Account.Query().Where(account.IDIn(ids...)).
			Select(account.FieldID, account.FieldName, account.FieldOwnerID).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out = append(out, Match{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID})
		}
	case Contact:
		rows, err := c.Contact.Query().Where(contact.IDIn(ids...)).
			Select(contact.FieldID, contact.FieldName, contact.FieldOwnerID, contact.FieldAccountID).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			acc := r.AccountID
			out = append(out, Match{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID, AccountID: &acc})
		}
	}
	return out, nil
}

// kindOrder is the order kinds are reported in, most telling first.
var kindOrder = []string{KindEmail, KindPhone, KindName, KindWebsite}

// weights of matched kinds in a score: an e-mail address is nearly unique, a name much less so.
var weights = map[string]int{KindEmail: 60, KindPhone: 50, KindName: 40, KindWebsite: 30}

// Score rates how likely two records sharing keys of kinds are the same, 0-100.
func Score(kinds []string) int {
	s := 0
	for _, k := range kinds {
		s += weights[k]
	}
	return min(s, 100)
}

func orderKinds(kinds []string) []string {
	out := make([]string, 0, len(kinds))
	for _, k := range kindOrder {
		if slices.Contains(kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// Stored returns which of keys some record of entity already has, with one query per kind and 500
// keys (the kind is part of the query so that the (entity, kind, key) index finds them; without it the
// query reads every key of the entity): bulk work (an import batch) asks it once, and looks a row up
// with Find only when one of its keys is stored, since Find finds nothing otherwise. c may be bound to
// a transaction.
func Stored(ctx context.Context, c *ent.Client, entity string, keys []Key) (map[Key]bool, error) {
	byKind := map[string][]string{}
	seen := make(map[Key]bool, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			byKind[k.Kind] = append(byKind[k.Kind], k.Key)
		}
	}
	out := map[Key]bool{}
	sys := authz.AsSystem(ctx)
	for kind, texts := range byKind {
		for len(texts) > 0 {
			n := min(len(texts), 500)
			found, err := c.DedupKey.Query().
				Where(dedupkey.Entity(entity), dedupkey.Kind(kind), dedupkey.KeyIn(texts[:n]...)).
				Select(dedupkey.FieldKey).Strings(sys)
			if err != nil {
				return nil, fmt.Errorf("dedup: stored keys of %s: %w", entity, err)
			}
			for _, k := range found {
				out[Key{Kind: kind, Key: k}] = true
			}
			texts = texts[n:]
		}
	}
	return out, nil
}
