package collab

import (
	"context"
	"strconv"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// The record kinds that take comments, and the rights (of their own modules) that govern them.
const (
	EntityAccount  = "account"
	EntityContact  = "contact"
	EntityActivity = "activity"
)

// Entities lists the record kinds that take comments, in API order.
var Entities = []string{EntityAccount, EntityContact, EntityActivity}

// Target is the record a comment or notification is about, as its owning module showed it to the actor.
type Target struct {
	Entity    string
	ID        int64
	AccountID *int64 // the account the record belongs to (the record itself for an account)
	OwnerID   int64
	TeamID    int64
	Title     string
}

// source reads one kind of record through its module's privacy-enforced Get.
type source struct {
	// Path is the API collection name (accounts, contacts, activities).
	Path         string
	Read, Update authz.Right
	get          func(ctx context.Context, id int64) (Target, error)
}

func sources(c Customers, a Activities) map[string]source {
	return map[string]source{
		EntityAccount: {Path: "accounts", Read: "account:read", Update: "account:update",
			get: func(ctx context.Context, id int64) (Target, error) {
				r, err := c.GetAccount(ctx, id)
				if err != nil {
					return Target{}, err
				}
				return Target{Entity: EntityAccount, ID: r.ID, AccountID: &r.ID, OwnerID: deref(r.OwnerID),
					TeamID: deref(r.TeamID), Title: r.Name}, nil
			}},
		EntityContact: {Path: "contacts", Read: "contact:read", Update: "contact:update",
			get: func(ctx context.Context, id int64) (Target, error) {
				r, err := c.GetContact(ctx, id)
				if err != nil {
					return Target{}, err
				}
				acc := r.AccountID
				return Target{Entity: EntityContact, ID: r.ID, AccountID: &acc, OwnerID: deref(r.OwnerID),
					TeamID: deref(r.TeamID), Title: r.Name}, nil
			}},
		EntityActivity: {Path: "activities", Read: "activity:read", Update: "activity:update",
			get: func(ctx context.Context, id int64) (Target, error) {
				r, err := a.Get(ctx, id)
				if err != nil {
					return Target{}, err
				}
				return Target{Entity: EntityActivity, ID: r.ID, AccountID: r.AccountID, OwnerID: deref(r.OwnerID),
					TeamID: deref(r.TeamID), Title: r.Subject}, nil
			}},
	}
}

// target reads the record as the context's actor: 403 without the read right, 404 when missing or
// out of scope — exactly what the record's own GET answers.
func (s *Service) target(ctx context.Context, entity string, id int64) (Target, error) {
	src, ok := s.sources[entity]
	if !ok {
		return Target{}, errUnknownEntity(entity)
	}
	return src.get(ctx, id)
}

// Source returns the API path segment and rights of an entity (for the HTTP layer).
func (s *Service) Source(entity string) (path string, read, update authz.Right) {
	src := s.sources[entity]
	return src.Path, src.Read, src.Update
}

// canRead reports whether user may read the record (as that user signs in); deactivated users may not
// (ActorOf gives them no actor).
func (s *Service) canRead(ctx context.Context, userID int64, t Target) (bool, error) {
	actor, err := s.actors.ActorOf(ctx, userID)
	if err != nil || actor == nil {
		return false, err
	}
	_, err = s.target(authz.WithActor(ctx, actor), t.Entity, t.ID)
	if err == nil {
		return true, nil
	}
	if isDenied(err) {
		return false, nil
	}
	return false, err
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
