package view

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Share is the right to offer one's own saved views to everyone who may read the entity. Creating,
// changing and deleting one's own (private) views needs only a sign-in: a view is personal data.
const Share authz.Right = "saved_view:share"

// Rights lists what the view module contributes to the catalogue.
func Rights() []authz.Right { return []authz.Right{Share} }

// DefaultGrants lets sales directors share views with their people (the administrator receives every
// right automatically). A share is always of the sharer's own views, so the scope is own.
func DefaultGrants() authz.DefaultGrants {
	return authz.DefaultGrants{"sales_director": {Share: authz.ScopeOwn}}
}
