package authz

import (
	"context"
	"slices"
	"time"
)

// Kind says what sort of principal an actor is.
type Kind string

const (
	KindUser   Kind = "user"
	KindToken  Kind = "token"
	KindSystem Kind = "system"
)

// Actor is the principal a piece of work runs as. It is immutable once built.
type Actor struct {
	Kind   Kind
	UserID int64
	// TeamID is the user's own team, 0 when the user belongs to none.
	TeamID int64
	// Subtree holds TeamID and every team below it.
	Subtree []int64
	// TokenID is set when the request authenticated with an API token.
	TokenID int64
	// Loc is the user's time zone (nil: UTC), for "a day" in filters and reports.
	Loc    *time.Location
	grants map[Right]Scope
}

// Location is the actor's time zone, UTC when it has none.
func (a *Actor) Location() *time.Location {
	if a == nil || a.Loc == nil {
		return time.UTC
	}
	return a.Loc
}

// NewUserActor builds a user (or token, when tokenID > 0) actor from its merged grants.
func NewUserActor(userID, teamID int64, subtree []int64, grants map[Right]Scope, tokenID int64) *Actor {
	kind := KindUser
	if tokenID > 0 {
		kind = KindToken
	}
	g := make(map[Right]Scope, len(grants))
	for r, s := range grants {
		if s > ScopeNone {
			g[r] = s
		}
	}
	return &Actor{Kind: kind, UserID: userID, TeamID: teamID, Subtree: slices.Clone(subtree), TokenID: tokenID, grants: g}
}

var systemActor = &Actor{Kind: KindSystem}

// ScopeOf returns the scope the actor holds for a right.
func (a *Actor) ScopeOf(r Right) Scope {
	if a == nil {
		return ScopeNone
	}
	if a.Kind == KindSystem {
		return ScopeAll
	}
	return a.grants[r]
}

// Can reports whether the actor holds the right with any scope.
func (a *Actor) Can(r Right) bool { return a.ScopeOf(r) > ScopeNone }

// Grants returns a copy of the actor's rights and scopes.
func (a *Actor) Grants() map[Right]Scope {
	out := make(map[Right]Scope, len(a.grants))
	for r, s := range a.grants {
		out[r] = s
	}
	return out
}

// IsSystem reports whether the actor is the system principal.
func (a *Actor) IsSystem() bool { return a != nil && a.Kind == KindSystem }

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

type behalfKey struct{}

// AsSystem returns a context whose actor is the system principal. Use it for work no user can be
// authorised for row by row: jobs, authentication look-ups, a user's own password change. When a
// person's request caused it, audit rows are still attributed to that person (see Attributed).
func AsSystem(ctx context.Context) context.Context {
	if prev := FromContext(ctx); prev != nil && !prev.IsSystem() {
		ctx = context.WithValue(ctx, behalfKey{}, prev)
	}
	return WithActor(ctx, systemActor)
}

// Attributed returns who a change should be recorded against: the person on whose behalf the system
// acts, else the context's actor (nil when anonymous).
func Attributed(ctx context.Context) *Actor {
	a := FromContext(ctx)
	if a.IsSystem() {
		if b, ok := ctx.Value(behalfKey{}).(*Actor); ok {
			return b
		}
	}
	return a
}

// FromContext returns the actor in the context, or nil.
func FromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// Require checks that the context's actor holds the right, returning ErrUnauthenticated or ErrForbidden.
func Require(ctx context.Context, r Right) error {
	a := FromContext(ctx)
	if a == nil {
		return ErrUnauthenticated
	}
	if !a.Can(r) {
		return &ForbiddenError{Right: r}
	}
	return nil
}

// RequireAll checks that the actor holds the right with the all scope. Organisation-wide settings
// (roles, the dictionary, custom fields) have no owner or team, so a narrower scope grants nothing.
func RequireAll(ctx context.Context, r Right) error {
	if err := Require(ctx, r); err != nil {
		return err
	}
	if FromContext(ctx).ScopeOf(r) != ScopeAll {
		return &ForbiddenError{Right: r, Reason: string(r) + " needs the all scope"}
	}
	return nil
}

// InScope reports whether a record with the given owner and team lies within scope s of the actor.
// ownerID or teamID may be 0 when the record has none.
func (a *Actor) InScope(s Scope, ownerID, teamID int64) bool {
	switch s {
	case ScopeAll:
		return true
	case ScopeSubtree:
		return (ownerID != 0 && ownerID == a.UserID) || (teamID != 0 && slices.Contains(a.Subtree, teamID))
	case ScopeTeam:
		return (ownerID != 0 && ownerID == a.UserID) || (teamID != 0 && teamID == a.TeamID)
	case ScopeOwn:
		return ownerID != 0 && ownerID == a.UserID
	}
	return false
}
