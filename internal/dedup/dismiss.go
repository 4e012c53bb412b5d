package dedup

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/duplicatedismissal"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// owned is the owner and team of a record, read as the caller.
type owned struct{ owner, team int64 }

// readOwned reads a record's owner and team as the caller: a record outside the caller's read scope is
// not found, exactly like a missing one.
func (s *Service) readOwned(ctx context.Context, entity string, id int64) (owned, error) {
	c := s.st.Client(ctx)
	switch entity {
	case Account:
		r, err := c.Account.Get(ctx, id)
		if err != nil {
			return owned{}, err
		}
		return owned{deref(r.OwnerID), deref(r.TeamID)}, nil
	case Contact:
		r, err := c.Contact.Get(ctx, id)
		if err != nil {
			return owned{}, err
		}
		return owned{deref(r.OwnerID), deref(r.TeamID)}, nil
	}
	return owned{}, apperr.Field("body.entity", "field.invalid", nil)
}

// reachable reports whether the caller may act on a record: it is readable and lies within the
// caller's scope for action.
func (s *Service) reachable(ctx context.Context, entity string, id int64, action string) (bool, error) {
	o, err := s.readOwned(ctx, entity, id)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	a := authz.FromContext(ctx)
	return a.InScope(a.ScopeOf(right(entity, action)), o.owner, o.team), nil
}

// Dismiss records that two records are not duplicates, so the pair is no longer listed. It needs the
// entity's update right over both records (dismissing changes what every reviewer sees about them);
// a record the caller cannot reach is reported like a missing one (422 naming the field). Dismissing
// a pair twice is not an error.
func (s *Service) Dismiss(ctx context.Context, entity string, aID, bID int64) error {
	if err := validEntity("body.entity", entity); err != nil {
		return err
	}
	if err := authz.Require(ctx, right(entity, "update")); err != nil {
		return err
	}
	if aID == bID {
		return apperr.Field("body.bId", "field.duplicate_same", nil)
	}
	var bad apperr.Fields
	for _, side := range []struct {
		loc string
		id  int64
	}{{"body.aId", aID}, {"body.bId", bID}} {
		ok, err := s.reachable(ctx, entity, side.id, "update")
		if err != nil {
			return err
		}
		if !ok {
			bad.Add(side.loc, "field.unknown_"+entity, nil)
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	lo, hi := min(aID, bID), max(aID, bID)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		c := s.st.Client(sys)
		exists, err := c.DuplicateDismissal.Query().Where(duplicatedismissal.Entity(entity),
			duplicatedismissal.AID(lo), duplicatedismissal.BID(hi)).Exist(sys)
		if err != nil || exists {
			return err
		}
		q := c.DuplicateDismissal.Create().SetEntity(entity).SetAID(lo).SetBID(hi)
		if a := authz.FromContext(ctx); a.UserID != 0 {
			q.SetUserID(a.UserID)
		}
		return q.Exec(sys)
	})
}
