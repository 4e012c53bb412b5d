package customfield

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the custom field module. Reading definitions needs only a sign-in.
const (
	Create authz.Right = "custom_field:create"
	Update authz.Right = "custom_field:update"
	Delete authz.Right = "custom_field:delete"
)

// Rights lists what the module contributes to the catalogue.
func Rights() []authz.Right { return []authz.Right{Create, Update, Delete} }

// DefaultGrants gives no built-in role write rights: the administrator receives every right in the
// catalogue automatically, and the definitions are the administrator's to manage (SPEC A2, B2).
func DefaultGrants() authz.DefaultGrants { return authz.DefaultGrants{} }
