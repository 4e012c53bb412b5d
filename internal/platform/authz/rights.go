package authz

import (
	"fmt"
	"sort"
	"strings"
)

// Right is a "resource:action" permission string such as "user:read".
type Right string

// NewRight joins a resource and an action.
func NewRight(resource, action string) Right { return Right(resource + ":" + action) }

// Resource is the part before the colon.
func (r Right) Resource() string { res, _, _ := strings.Cut(string(r), ":"); return res }

// Action is the part after the colon.
func (r Right) Action() string { _, act, _ := strings.Cut(string(r), ":"); return act }

// Catalog is the set of rights the running product knows. Modules add theirs at composition time.
type Catalog struct {
	rights map[Right]struct{}
}

// NewCatalog builds a catalogue from the rights each module declares.
func NewCatalog(groups ...[]Right) (*Catalog, error) {
	c := &Catalog{rights: map[Right]struct{}{}}
	for _, g := range groups {
		for _, r := range g {
			if r.Resource() == "" || r.Action() == "" {
				return nil, fmt.Errorf("authz: malformed right %q", r)
			}
			if _, dup := c.rights[r]; dup {
				return nil, fmt.Errorf("authz: right %q declared twice", r)
			}
			c.rights[r] = struct{}{}
		}
	}
	return c, nil
}

// Has reports whether the right exists.
func (c *Catalog) Has(r Right) bool { _, ok := c.rights[r]; return ok }

// All returns every right, sorted.
func (c *Catalog) All() []Right {
	out := make([]Right, 0, len(c.rights))
	for r := range c.rights {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// DefaultGrants is what a module gives the built-in roles out of the box: role key → right → scope.
type DefaultGrants map[string]map[Right]Scope
