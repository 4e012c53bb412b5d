package authz

import "context"

type narrowKey struct{}

// ReadingFor returns a context whose reads of r's resource keep only the rows that both the read right
// and r cover. A list exported under "account:export" with the own scope holds only the exporter's own
// accounts even when they may read their team's; scopes are nested, so the narrower one decides.
func ReadingFor(ctx context.Context, r Right) context.Context {
	return context.WithValue(ctx, narrowKey{}, r)
}

// narrowed applies ReadingFor to the read scope of resource.
func narrowed(ctx context.Context, a *Actor, resource string, scope Scope) Scope {
	if r, ok := ctx.Value(narrowKey{}).(Right); ok && r.Resource() == resource {
		return min(scope, a.ScopeOf(r))
	}
	return scope
}
