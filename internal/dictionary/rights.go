package dictionary

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the dictionary module. Reading the dictionary needs only a sign-in.
const (
	Create authz.Right = "dictionary:create"
	Update authz.Right = "dictionary:update"
	Delete authz.Right = "dictionary:delete"
)

// Rights lists what the dictionary contributes to the catalogue.
func Rights() []authz.Right { return []authz.Right{Create, Update, Delete} }

// DefaultGrants gives no built-in role write rights: the administrator receives every right in the
// catalogue automatically, and the dictionary is the administrator's to manage (SPEC A2, B1).
func DefaultGrants() authz.DefaultGrants { return authz.DefaultGrants{} }
