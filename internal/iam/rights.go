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

// BuiltinRole is a role every installation has (SPEC A2).
type BuiltinRole struct {
	Key    string
	Grants map[authz.Right]authz.Scope
	// AllRights gives every right in the catalogue with the all scope (the administrator).
	AllRights bool
}

// BuiltinRoles are created at start-up when missing. Later modules extend their grants.
func BuiltinRoles() []BuiltinRole {
	return []BuiltinRole{
		{Key: "admin", AllRights: true},
		{Key: "sales_director", Grants: map[authz.Right]authz.Scope{
			UserRead: authz.ScopeSubtree, TeamRead: authz.ScopeAll, RoleRead: authz.ScopeAll, AuditRead: authz.ScopeSubtree}},
		{Key: "account_manager", Grants: map[authz.Right]authz.Scope{UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll}},
		{Key: "service_agent", Grants: map[authz.Right]authz.Scope{UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll}},
		{Key: "marketing", Grants: map[authz.Right]authz.Scope{UserRead: authz.ScopeTeam, TeamRead: authz.ScopeAll}},
		{Key: "executive", Grants: map[authz.Right]authz.Scope{
			UserRead: authz.ScopeAll, TeamRead: authz.ScopeAll, RoleRead: authz.ScopeAll, AuditRead: authz.ScopeAll}},
	}
}
