package authz

import "fmt"

// Scope is how much of a resource a grant covers. The order matters: a larger scope includes the smaller.
type Scope int8

const (
	ScopeNone Scope = iota
	ScopeOwn
	ScopeTeam
	ScopeSubtree
	ScopeAll
)

// Scopes lists the grantable scopes from narrowest to widest.
var Scopes = []Scope{ScopeOwn, ScopeTeam, ScopeSubtree, ScopeAll}

func (s Scope) String() string {
	switch s {
	case ScopeOwn:
		return "own"
	case ScopeTeam:
		return "team"
	case ScopeSubtree:
		return "subtree"
	case ScopeAll:
		return "all"
	}
	return "none"
}

// ParseScope reads the wire form of a grantable scope.
func ParseScope(s string) (Scope, error) {
	for _, sc := range Scopes {
		if sc.String() == s {
			return sc, nil
		}
	}
	return ScopeNone, fmt.Errorf("authz: unknown scope %q", s)
}
