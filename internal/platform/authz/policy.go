package authz

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/kehu-crm/kehu/internal/platform/entx"
)

// Access says how an entity's rows are protected.
type Access int8

const (
	// Scoped rows are read and written within the actor's scope for "<resource>:<action>".
	Scoped Access = iota
	// Directory rows (teams, roles) may be read by any authenticated actor; writes are scoped.
	Directory
	// Personal rows belong to their owner: every user reaches their own, rights may widen that.
	Personal
	// AppendOnly rows (the audit log) may be created by any actor, read within scope, never changed.
	AppendOnly
	// Internal rows (sessions, reset tokens, throttles) are reachable only by the system actor.
	Internal
)

// EntityRule declares how one entity maps onto rights and scopes.
type EntityRule struct {
	Resource string
	Access   Access
	// OwnerField is the column holding the owning user's id ("id" for the user entity itself).
	OwnerField string
	// TeamField is the column holding the team the row belongs to ("id" for the team entity itself).
	TeamField string
}

// fielder is implemented by every generated ent mutation.
type fielder interface {
	Field(name string) (ent.Value, bool)
}

// EntityPolicy is the privacy policy every ent schema gets from its mixin.
func EntityPolicy(rule EntityRule) ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{queryRule(rule)},
		Mutation: privacy.MutationPolicy{mutationRule(rule)},
	}
}

type queryRuleFunc func(context.Context, ent.Query) error

func (f queryRuleFunc) EvalQuery(ctx context.Context, q ent.Query) error { return f(ctx, q) }

func queryRule(rule EntityRule) privacy.QueryRule {
	return queryRuleFunc(func(ctx context.Context, q ent.Query) error {
		a := FromContext(ctx)
		switch {
		case a == nil:
			return privacy.Denyf("authz: %s query without an actor", rule.Resource)
		case a.IsSystem():
			return privacy.Allow
		case rule.Access == Internal:
			return privacy.Denyf("authz: %s is internal", rule.Resource)
		case rule.Access == Directory:
			return privacy.Allow
		}
		scope := a.ScopeOf(NewRight(rule.Resource, "read"))
		if rule.Access == Personal && scope < ScopeOwn {
			scope = ScopeOwn
		}
		return restrict(q, rule, a, narrowed(ctx, a, rule.Resource, scope))
	})
}

func mutationRule(rule EntityRule) privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		a := FromContext(ctx)
		switch {
		case a == nil:
			return privacy.Denyf("authz: %s mutation without an actor", rule.Resource)
		case rule.Access == AppendOnly:
			if m.Op().Is(ent.OpCreate) {
				return privacy.Allow
			}
			return privacy.Denyf("authz: %s rows cannot be changed", rule.Resource)
		case a.IsSystem():
			return privacy.Allow
		case rule.Access == Internal:
			return privacy.Denyf("authz: %s is internal", rule.Resource)
		}
		scope := a.ScopeOf(NewRight(rule.Resource, actionOf(m.Op())))
		if rule.Access == Personal && scope < ScopeOwn {
			scope = ScopeOwn
		}
		if scope == ScopeNone {
			return privacy.Denyf("authz: no %s:%s right", rule.Resource, actionOf(m.Op()))
		}
		// New values for the owner or team must themselves lie within the actor's scope, so that
		// nobody creates records for, or moves records to, people they could not reach.
		if err := checkAssigned(m, rule, a, scope); err != nil {
			return err
		}
		if m.Op().Is(ent.OpCreate) {
			return privacy.Allow
		}
		return restrict(m, rule, a, scope)
	})
}

func actionOf(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "create"
	case op.Is(ent.OpDelete), op.Is(ent.OpDeleteOne):
		return "delete"
	}
	return "update"
}

func checkAssigned(m ent.Mutation, rule EntityRule, a *Actor, scope Scope) error {
	if scope == ScopeAll {
		return nil
	}
	f, ok := m.(fielder)
	if !ok {
		return privacy.Denyf("authz: %s mutation cannot be inspected", rule.Resource)
	}
	// A field counts as assigned when the mutation sets it, clears it, or creates a row without it (a
	// row without owner or team is outside every scope below all).
	assigned := func(name string) (int64, bool) {
		if name == "" || name == "id" {
			return 0, false
		}
		if v, ok := f.Field(name); ok {
			return asInt64(v), true
		}
		if m.FieldCleared(name) || m.Op().Is(ent.OpCreate) {
			return 0, true
		}
		return 0, false
	}
	owner, ownerSet := assigned(rule.OwnerField)
	team, teamSet := assigned(rule.TeamField)
	if (!ownerSet && !teamSet) || a.InScope(scope, owner, team) {
		return nil
	}
	return privacy.Denyf("authz: %s assigned outside the actor's scope", rule.Resource)
}

func asInt64(v ent.Value) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case *int64:
		if x != nil {
			return *x
		}
	}
	return 0
}

func restrict(q any, rule EntityRule, a *Actor, scope Scope) error {
	if scope == ScopeAll {
		return privacy.Allow
	}
	if scope == ScopeNone {
		return privacy.Denyf("authz: no %s:read right", rule.Resource)
	}
	if err := entx.Where(q, ScopePredicate(rule, a, scope)); err != nil {
		return privacy.Denyf("authz: %s cannot be filtered: %v", rule.Resource, err)
	}
	return privacy.Allow
}

// ScopeKeys are the owner and team ids whose rows ScopePredicate keeps for a scope below ScopeAll: the
// rows whose OwnerField is in owners or whose TeamField is in teams (none when both are empty). Code that
// must restate the data scope outside SQL predicates (the search index's scope terms) takes it from here,
// so it cannot drift from ScopePredicate.
func ScopeKeys(rule EntityRule, a *Actor, scope Scope) (owners, teams []int64) {
	if rule.OwnerField != "" {
		owners = []int64{a.UserID}
	}
	if rule.TeamField != "" {
		switch scope {
		case ScopeTeam:
			if a.TeamID != 0 {
				teams = []int64{a.TeamID}
			}
		case ScopeSubtree:
			teams = a.Subtree
		}
	}
	return owners, teams
}

// ScopePredicate is the SQL condition that keeps rows of rule's entity within scope for the actor.
// Hand-written report SQL takes its condition from here too.
//
// On an ordered page (record.Page.Apply marks it, see entx.MarkPage) whose scope is a disjunction
// (owner = me OR team IN …), it also adds an equivalent condition the database can answer in index
// order (see orderedBranches); the scope condition itself is always applied unchanged.
func ScopePredicate(rule EntityRule, a *Actor, scope Scope) func(*sql.Selector) {
	owners, teams := ScopeKeys(rule, a, scope)
	return func(s *sql.Selector) {
		base := s.P()
		ordered := orderedPage(s, scopeBranches(rule, a, scope))
		// col names a scope column; when the ordered branches drive the query, a unary plus (identity on
		// integers, in both databases) keeps the planners from driving it by the scope's indexes instead.
		col := func(name string) string {
			if ordered {
				return "+" + s.C(name)
			}
			return s.C(name)
		}
		var preds []*sql.Predicate
		for _, id := range owners {
			preds = append(preds, sql.EQ(col(rule.OwnerField), id))
		}
		switch {
		case scope == ScopeSubtree && len(teams) > 0:
			vs := make([]any, len(teams))
			for i, id := range teams {
				vs[i] = id
			}
			preds = append(preds, sql.In(col(rule.TeamField), vs...))
		case len(teams) > 0:
			preds = append(preds, sql.EQ(col(rule.TeamField), teams[0]))
		}
		if len(preds) == 0 {
			s.Where(sql.False())
			return
		}
		s.Where(sql.Or(preds...))
		if ordered {
			orderedBranches(s, base, scopeBranches(rule, a, scope))
		}
	}
}

// scopeBranches splits the scope into disjuncts that are each one equality on an indexed column: the
// owner, and the team or each team of the subtree. Their union is exactly the scope.
func scopeBranches(rule EntityRule, a *Actor, scope Scope) []func(*sql.Selector) *sql.Predicate {
	var out []func(*sql.Selector) *sql.Predicate
	eq := func(col string, v int64) func(*sql.Selector) *sql.Predicate {
		return func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C(col), v) }
	}
	owners, teams := ScopeKeys(rule, a, scope)
	for _, id := range owners {
		out = append(out, eq(rule.OwnerField, id))
	}
	for _, id := range teams {
		out = append(out, eq(rule.TeamField, id))
	}
	return out
}
