package customer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// This file is the create path split in two, so that bulk work (imports, SPEC I3) validates exactly as
// a single create does and then inserts many records at once: Check* runs every check of the create
// path outside a transaction; Insert* writes checked records in the caller's transaction with one
// CreateBulk (privacy and hooks run per record; the audit, search and dedup hooks defer their rows,
// which are written set-based before returning, see store.WithBatch). CreateAccount and CreateContact are the
// one-record case of the same two steps.

// CheckedAccount is an account input that passed the create checks, with its resolved owner and team.
type CheckedAccount struct {
	in    AccountInput
	owner int64
	team  *int64
}

// CheckedContact is a contact input that passed the create checks, placed under its account.
type CheckedContact struct {
	in       ContactInput
	birthday *time.Time
	acc      *ent.Account
}

// Batch returns a copy of the service for one batch of bulk work: dictionary checks, the custom value
// check of records without custom values, would-be owners and contact placements are looked up once
// per batch. Definitions changed meanwhile are seen by the next batch.
func (s *Service) Batch() *Service {
	c := *s
	if s.dict != nil {
		c.dict = &memoDict{Dictionary: s.dict, seen: map[[2]string]bool{}}
	}
	if s.custom != nil {
		c.custom = &memoCustom{CustomFields: s.custom, empty: map[string]memoResult{}}
	}
	c.memo = &batchMemo{owners: map[string]ownerResult{}, accounts: map[int64]accountResult{}}
	return &c
}

// AccountFields lists the API names an account's create body accepts.
func AccountFields() []string { return jsonNames(AccountBody{}) }

// ContactFields lists the API names a contact's create body accepts.
func ContactFields() []string { return jsonNames(ContactBody{}) }

// DecodeAccount reads values keyed by API name (custom values under "custom"), as a create body
// carries them, into an input. Unknown names or ill-typed values are an error.
func DecodeAccount(values map[string]any) (AccountInput, error) {
	var b AccountBody
	err := decodeStrict(values, &b)
	return b.input(), err
}

// DecodeContact is DecodeAccount for contacts.
func DecodeContact(values map[string]any) (ContactInput, error) {
	var b ContactBody
	err := decodeStrict(values, &b)
	return b.input(), err
}

// CheckAccount runs every check of CreateAccount on in (rights, validation, custom values, owner).
func (s *Service) CheckAccount(ctx context.Context, in AccountInput) (CheckedAccount, error) {
	if err := authz.Require(ctx, AccountCreate); err != nil {
		return CheckedAccount{}, err
	}
	in.Name, in.Email = trimmed(in.Name), trimmed(in.Email)
	custom, cerr := s.prepareCustom(ctx, "account", in.Custom, true, nil, false)
	if err := apperr.Join(s.validateAccount(ctx, in, true), cerr); err != nil {
		return CheckedAccount{}, err
	}
	in.Custom = custom
	a := authz.FromContext(ctx)
	owner := a.UserID
	right := AccountCreate
	if in.OwnerID != nil && *in.OwnerID != 0 && *in.OwnerID != a.UserID {
		if err := authz.Require(ctx, AccountAssign); err != nil {
			return CheckedAccount{}, err
		}
		owner, right = *in.OwnerID, AccountAssign
	}
	var teamID *int64
	if owner != 0 {
		var err error
		if teamID, err = s.ownerTargetMemo(ctx, right, owner); err != nil {
			return CheckedAccount{}, err
		}
	}
	return CheckedAccount{in: in, owner: owner, team: teamID}, nil
}

// InsertAccounts creates checked accounts in the context's transaction and numbers them; it returns
// their ids in order.
func (s *Service) InsertAccounts(ctx context.Context, rows []CheckedAccount) ([]int64, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	// The number is KH + the zero-padded id: ids are reserved first so it is set in the insert.
	ids, err := s.st.NextIDs(ctx, "accounts", len(rows))
	if err != nil {
		return nil, err
	}
	c := s.st.Client(ctx)
	builders := make([]*ent.AccountCreate, len(rows))
	for i, r := range rows {
		q := c.Account.Create().SetID(ids[i]).SetNumber(fmt.Sprintf("KH%06d", ids[i])).SetName(*r.in.Name).
			SetTags([]string{}).SetCustom(map[string]any{})
		if r.owner != 0 {
			q.SetOwnerID(r.owner)
		}
		q.SetNillableTeamID(r.team)
		setAccount(q.Mutation(), r.in)
		builders[i] = q
	}
	bctx, flush := s.batch(ctx, len(rows))
	if _, err := c.Account.CreateBulk(builders...).Save(bctx); err != nil {
		return nil, err
	}
	if err := flush(ctx); err != nil {
		return nil, err
	}
	return ids, nil
}

// CheckContact runs every check of CreateContact on in (rights, validation, custom values, account).
func (s *Service) CheckContact(ctx context.Context, in ContactInput) (CheckedContact, error) {
	if err := authz.Require(ctx, ContactCreate); err != nil {
		return CheckedContact{}, err
	}
	in.Name, in.Email = trimmed(in.Name), trimmed(in.Email)
	custom, cerr := s.prepareCustom(ctx, "contact", in.Custom, true, nil, false)
	birthday, err := s.validateContact(ctx, in, true)
	if err := apperr.Join(err, cerr); err != nil {
		return CheckedContact{}, err
	}
	in.Custom = custom
	if in.AccountID == nil {
		return CheckedContact{}, apperr.Field("body.accountId", "field.required", nil)
	}
	acc, err := s.placementMemo(ctx, *in.AccountID)
	if err != nil {
		return CheckedContact{}, err
	}
	return CheckedContact{in: in, birthday: birthday, acc: acc}, nil
}

// InsertContacts creates checked contacts in the context's transaction; it returns their ids in order.
func (s *Service) InsertContacts(ctx context.Context, rows []CheckedContact) ([]int64, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	c := s.st.Client(ctx)
	builders := make([]*ent.ContactCreate, len(rows))
	for i, r := range rows {
		q := c.Contact.Create().SetAccountID(r.acc.ID).SetName(*r.in.Name).SetTags([]string{}).
			SetCustom(map[string]any{}).SetNillableOwnerID(r.acc.OwnerID).SetNillableTeamID(r.acc.TeamID)
		setContact(q.Mutation(), r.in, r.birthday)
		builders[i] = q
	}
	bctx, flush := s.batch(ctx, len(rows))
	created, err := c.Contact.CreateBulk(builders...).Save(bctx)
	if err != nil {
		return nil, err
	}
	if err := flush(ctx); err != nil {
		return nil, err
	}
	ids := make([]int64, len(created))
	for i, r := range created {
		ids[i] = r.ID
	}
	return ids, nil
}

// batch returns the context a bulk insert of n records runs its CreateBulk in and the flush to call
// after it: for more than one record the audit, search and dedup hooks defer their writes and flush
// writes them set-based in the same transaction (store.WithBatch); a single create keeps the
// per-record path.
func (s *Service) batch(ctx context.Context, n int) (context.Context, func(context.Context) error) {
	if n < 2 {
		return ctx, func(context.Context) error { return nil }
	}
	return s.st.WithBatch(ctx)
}

type ownerResult struct {
	team *int64
	err  error
}

type accountResult struct {
	acc *ent.Account
	err error
}

// batchMemo remembers owner and placement lookups for one batch (nil outside Batch).
type batchMemo struct {
	mu       sync.Mutex
	owners   map[string]ownerResult
	accounts map[int64]accountResult
}

func (s *Service) ownerTargetMemo(ctx context.Context, right authz.Right, owner int64) (*int64, error) {
	if s.memo == nil {
		return s.ownerTarget(ctx, right, "body.ownerId", owner)
	}
	key := fmt.Sprint(right, "/", owner)
	s.memo.mu.Lock()
	r, ok := s.memo.owners[key]
	s.memo.mu.Unlock()
	if !ok {
		team, err := s.ownerTarget(ctx, right, "body.ownerId", owner)
		r = ownerResult{team: team, err: err}
		s.memo.mu.Lock()
		s.memo.owners[key] = r
		s.memo.mu.Unlock()
	}
	return r.team, r.err
}

func (s *Service) placementMemo(ctx context.Context, accountID int64) (*ent.Account, error) {
	if s.memo == nil {
		return s.placement(ctx, accountID)
	}
	s.memo.mu.Lock()
	r, ok := s.memo.accounts[accountID]
	s.memo.mu.Unlock()
	if !ok {
		acc, err := s.placement(ctx, accountID)
		r = accountResult{acc: acc, err: err}
		s.memo.mu.Lock()
		s.memo.accounts[accountID] = r
		s.memo.mu.Unlock()
	}
	return r.acc, r.err
}

// memoDict remembers which codes exist.
type memoDict struct {
	Dictionary
	mu   sync.Mutex
	seen map[[2]string]bool
}

func (m *memoDict) Exists(ctx context.Context, kind, code string) (bool, error) {
	k := [2]string{kind, code}
	m.mu.Lock()
	ok, hit := m.seen[k]
	m.mu.Unlock()
	if hit {
		return ok, nil
	}
	ok, err := m.Dictionary.Exists(ctx, kind, code)
	if err != nil {
		return false, err
	}
	m.mu.Lock()
	m.seen[k] = ok
	m.mu.Unlock()
	return ok, nil
}

type memoResult struct {
	out map[string]any
	err error
}

// memoCustom remembers the answer for records that carry no custom value (whether a required custom
// field is missing), the common case of a bulk import; records with values are checked one by one.
type memoCustom struct {
	CustomFields
	mu    sync.Mutex
	empty map[string]memoResult
}

func (m *memoCustom) Validate(ctx context.Context, entity string, values map[string]any, creating bool) (map[string]any, error) {
	if len(values) > 0 || !creating {
		return m.CustomFields.Validate(ctx, entity, values, creating)
	}
	m.mu.Lock()
	r, ok := m.empty[entity]
	m.mu.Unlock()
	if !ok {
		out, err := m.CustomFields.Validate(ctx, entity, values, creating)
		r = memoResult{out: out, err: err}
		m.mu.Lock()
		m.empty[entity] = r
		m.mu.Unlock()
	}
	if r.err != nil {
		return nil, r.err
	}
	out := make(map[string]any, len(r.out))
	for k, v := range r.out {
		out[k] = v
	}
	return out, nil
}

func jsonNames(body any) []string {
	t := reflect.TypeOf(body)
	out := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

func decodeStrict(values map[string]any, into any) error {
	raw, err := json.Marshal(values)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(into)
}
