package iam

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the iam module.
const (
	UserRead   authz.Right = "user:read"
	UserCreate authz.Right = "user:create"
	UserUpdate authz.Right = "user:update"
	TeamRead   authz.Right = "team:read"
	TeamCreate authz.Right = "team:create"
	TeamUpdate authz.Right = "team:update"
	TeamDelete authz.Right = "team:delete"
	RoleRead   authz.Right = "role:read"
	RoleCreate authz.Right = "role:create"
	RoleUpdate authz.Right = "role:update"
	RoleDelete authz.Right = "role:delete"
	AuditRead  authz.Right = "audit:read"
)

// Rights lists what iam contributes to the catalogue.
func Rights() []authz.Right {
	return []authz.Right{UserRead, UserCreate, UserUpdate, TeamRead, TeamCreate, TeamUpdate, TeamDelete,
		RoleRead, RoleCreate, RoleUpdate, RoleDelete, AuditRead}
}

// BuiltinRoleKeys are the roles every installation has (SPEC A2). The administrator holds every right
// with the all scope; the others get what each module's DefaultGrants give them.
var BuiltinRoleKeys = []string{"admin", "sales_director", "account_manager", "service_agent", "marketing", "executive"}

// DefaultGrants is what iam gives the built-in roles.
func DefaultGrants() authz.DefaultGrants {
	return authz.DefaultGrants{
		"sales_director":  {UserRead: authz.ScopeSubtree, TeamRead: authz.ScopeAll, RoleRead: authz.ScopeAll, AuditRead: authz.ScopeSubtree},
		"account_manager": {UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll},
		"service_agent":   {UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll},
		"marketing":       {UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll},
		"executive":       {UserRead: authz.ScopeAll, TeamRead: authz.ScopeAll, RoleRead: authz.ScopeAll, AuditRead: authz.ScopeAll},
	}
}
