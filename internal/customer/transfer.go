package customer

import (
	"context"
	"fmt"
	"slices"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// MaxTransferAccounts bounds one transfer (one transaction): more accounts are refused with 422.
const MaxTransferAccounts = 10_000

// transferChunk is how many accounts one UPDATE moves (keeps every statement's parameters bounded).
const transferChunk = 200

// ActionTransfer is the audit action of the summary event a transfer writes (SPEC A7, C5).
const ActionTransfer = "transfer"

// TransferInput asks to hand accounts (and what follows them) from one owner to another.
type TransferInput struct {
	FromOwnerID, ToOwnerID int64
	// AccountIDs selects accounts of FromOwnerID; empty means all of them within the actor's scope.
	AccountIDs []int64
}

// TransferPlan is what a transfer moves, handed to every TransferParticipant inside the transaction.
type TransferPlan struct {
	FromOwnerID, ToOwnerID int64
	// ToTeamID is the new owner's team (nil: none).
	ToTeamID *int64
	// AccountIDs are the accounts moved.
	AccountIDs []int64
}

// TransferParticipant moves records that follow an account's owner (open activities, later) in the
// transfer's transaction. ctx carries the transaction and the actor; an error rolls everything back.
// It returns how many records it moved, reported under Name().
type TransferParticipant interface {
	Name() string
	TransferOwned(ctx context.Context, plan TransferPlan) (int, error)
}

// TransferResult counts what a transfer moved.
type TransferResult struct {
	Accounts, Contacts int
	// Others counts what participants moved, by their name.
	Others map[string]int
}

// AddTransferParticipant registers a participant (at wiring time, before serving).
func (s *Service) AddTransferParticipant(p TransferParticipant) {
	s.transfer = append(s.transfer, p)
}

// Transfer hands accounts, their contacts and whatever participants move from one owner to another
// (SPEC C5), all in one transaction. Both users must lie within the actor's account:assign scope and
// the new owner must be active. Listed accounts must all be FromOwner's and reachable by the actor for
// update and assign, else nothing is moved (422 naming each refused id).
func (s *Service) Transfer(ctx context.Context, in TransferInput) (TransferResult, error) {
	var res TransferResult
	if err := authz.Require(ctx, AccountAssign); err != nil {
		return res, err
	}
	if err := authz.Require(ctx, AccountUpdate); err != nil {
		return res, err
	}
	var f fields
	if in.FromOwnerID == in.ToOwnerID {
		f.Add("body.toOwnerId", "field.transfer_same_user", nil)
	}
	if len(in.AccountIDs) > MaxTransferAccounts {
		f.Add("body.accountIds", "field.transfer_too_many", map[string]any{"Max": MaxTransferAccounts})
	}
	toTeam, terr := s.ownerTarget(ctx, AccountAssign, "body.toOwnerId", in.ToOwnerID)
	for _, err := range []error{s.transferSource(ctx, in.FromOwnerID), terr} {
		if err == nil {
			continue
		}
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.Invalid {
			return res, err
		}
		f.Merge(e)
	}
	if err := f.Err(); err != nil {
		return res, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		accIDs, err := s.transferAccounts(ctx, in)
		if err != nil {
			return err
		}
		plan := TransferPlan{FromOwnerID: in.FromOwnerID, ToOwnerID: in.ToOwnerID, ToTeamID: toTeam, AccountIDs: accIDs}
		if res, err = s.moveAccounts(ctx, plan); err != nil {
			return err
		}
		for _, p := range s.transfer {
			n, err := p.TransferOwned(ctx, plan)
			if err != nil {
				return fmt.Errorf("transfer: %s: %w", p.Name(), err)
			}
			if res.Others == nil {
				res.Others = map[string]int{}
			}
			res.Others[p.Name()] = n
		}
		ch := map[string]audit.Change{
			"owner_id": {Old: in.FromOwnerID, New: in.ToOwnerID},
			"team_id":  {New: audit.Plain(toTeam)},
			"accounts": {New: res.Accounts},
			"contacts": {New: res.Contacts},
			"selected": {New: len(in.AccountIDs) > 0},
		}
		for name, n := range res.Others {
			ch[name] = audit.Change{New: n}
		}
		return s.st.Record(ctx, audit.Event{Action: ActionTransfer, Entity: "account", Changes: ch})
	})
	if err != nil {
		return TransferResult{}, err
	}
	return res, nil
}

// transferSource checks the current owner: an existing user (possibly deactivated: they may be leaving)
// within the actor's assign scope; others are reported like unknown ones.
func (s *Service) transferSource(ctx context.Context, id int64) error {
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().Where(user.ID(id)).Only(sys)
	if ent.IsNotFound(err) {
		return apperr.Field("body.fromOwnerId", "field.unknown_user", nil)
	}
	if err != nil {
		return err
	}
	a := authz.FromContext(ctx)
	if !a.InScope(a.ScopeOf(AccountAssign), u.ID, deref(u.TeamID)) {
		return apperr.Field("body.fromOwnerId", "field.unknown_user", nil)
	}
	return nil
}

// accountRule mirrors the account entity's privacy rule, to add the assign scope to a query.
var accountRule = authz.EntityRule{Resource: "account", Access: authz.Scoped, OwnerField: account.FieldOwnerID, TeamField: account.FieldTeamID}

// reachable is the condition on accounts the actor may both update and assign (the read scope is
// added by the privacy policy).
func reachable(a *authz.Actor) []predicate.Account {
	var out []predicate.Account
	for _, r := range []authz.Right{AccountUpdate, AccountAssign} {
		if sc := a.ScopeOf(r); sc != authz.ScopeAll {
			out = append(out, predicate.Account(authz.ScopePredicate(accountRule, a, sc)))
		}
	}
	return out
}

// transferAccounts resolves the accounts to move, in the transaction, refusing the whole request when a
// listed one is not FromOwner's or not reachable.
func (s *Service) transferAccounts(ctx context.Context, in TransferInput) ([]int64, error) {
	preds := append(reachable(authz.FromContext(ctx)), account.OwnerID(in.FromOwnerID))
	if len(in.AccountIDs) == 0 {
		got, err := s.st.Client(ctx).Account.Query().Where(preds...).Order(account.ByID()).
			Limit(MaxTransferAccounts + 1).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if len(got) > MaxTransferAccounts {
			return nil, apperr.Field("body.fromOwnerId", "field.transfer_too_many", map[string]any{"Max": MaxTransferAccounts})
		}
		return got, nil
	}
	want := slices.Compact(slices.Sorted(slices.Values(in.AccountIDs)))
	found := map[int64]bool{}
	for c := range slices.Chunk(want, transferChunk) {
		got, err := s.st.Client(ctx).Account.Query().Where(append(preds, account.IDIn(c...))...).IDs(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range got {
			found[id] = true
		}
	}
	var f fields
	for i, id := range in.AccountIDs {
		if !found[id] {
			f.Add(fmt.Sprintf("body.accountIds[%d]", i), "field.transfer_unreachable", map[string]any{"ID": id})
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return want, nil
}

// moveAccounts sets the new owner and team on the accounts (as the actor: the privacy policy checks
// every row and the new placement) and on their contacts (which carry a copy of both).
func (s *Service) moveAccounts(ctx context.Context, plan TransferPlan) (TransferResult, error) {
	var res TransferResult
	sys := authz.AsSystem(ctx)
	for c := range slices.Chunk(plan.AccountIDs, transferChunk) {
		q := s.st.Client(ctx).Account.Update().
			Where(account.IDIn(c...), account.OwnerID(plan.FromOwnerID)).
			SetOwnerID(plan.ToOwnerID).AddVersion(1)
		cq := s.st.Client(sys).Contact.Update().Where(contact.AccountIDIn(c...)).SetOwnerID(plan.ToOwnerID).AddVersion(1)
		if plan.ToTeamID != nil {
			q.SetTeamID(*plan.ToTeamID)
			cq.SetTeamID(*plan.ToTeamID)
		} else {
			q.ClearTeamID()
			cq.ClearTeamID()
		}
		n, err := q.Save(ctx)
		if err != nil {
			return res, err
		}
		if n != len(c) {
			// A row changed hands between the check and the update: move nothing.
			return res, apperr.New(apperr.Conflict, "error.transfer_changed", nil)
		}
		m, err := cq.Save(sys)
		if err != nil {
			return res, err
		}
		res.Accounts += n
		res.Contacts += m
	}
	return res, nil
}
