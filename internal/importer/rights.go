package importer

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the import module. Importing also needs the entity's own create right (and its update
// right for the rows that update a duplicate), checked per row by the entity's module.
const (
	// Create uploads, configures, previews, starts and cancels one's own imports.
	Create authz.Right = "import:create"
	// Read widens which imports one may see (one's own are always visible: imports are personal).
	Read authz.Right = "import:read"
)

// Rights lists what the import module contributes to the catalogue.
func Rights() []authz.Right { return []authz.Right{Create, Read} }

// DefaultGrants: whoever may create customers may import them (their own imports, own scope); a sales
// director also sees the imports of their team subtree. Administrators get every right from iam.
func DefaultGrants() authz.DefaultGrants {
	own, sub := authz.ScopeOwn, authz.ScopeSubtree
	return authz.DefaultGrants{
		"account_manager": {Create: own},
		"sales_director":  {Create: sub, Read: sub},
	}
}
