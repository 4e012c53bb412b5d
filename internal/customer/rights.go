package customer

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the customer module.
const (
	AccountRead          authz.Right = "account:read"
	AccountCreate        authz.Right = "account:create"
	AccountUpdate        authz.Right = "account:update"
	AccountDelete        authz.Right = "account:delete"
	AccountAssign        authz.Right = "account:assign"
	AccountExport        authz.Right = "account:export"
	AccountReadSensitive authz.Right = "account:read_sensitive"
	ContactRead          authz.Right = "contact:read"
	ContactCreate        authz.Right = "contact:create"
	ContactUpdate        authz.Right = "contact:update"
	ContactDelete        authz.Right = "contact:delete"
	ContactExport        authz.Right = "contact:export"
	ContactReadSensitive authz.Right = "contact:read_sensitive"
)

// Rights lists what the customer module contributes to the catalogue.
func Rights() []authz.Right {
	return []authz.Right{AccountRead, AccountCreate, AccountUpdate, AccountDelete, AccountAssign, AccountExport,
		AccountReadSensitive, ContactRead, ContactCreate, ContactUpdate, ContactDelete, ContactExport,
		ContactReadSensitive}
}

// DefaultGrants is what the customer module gives the built-in roles (see doc.go for the reasons).
func DefaultGrants() authz.DefaultGrants {
	own, sub, all := authz.ScopeOwn, authz.ScopeSubtree, authz.ScopeAll
	return authz.DefaultGrants{
		"account_manager": {
			AccountRead: own, AccountCreate: own, AccountUpdate: own, AccountReadSensitive: own,
			ContactRead: own, ContactCreate: own, ContactUpdate: own, ContactDelete: own, ContactReadSensitive: own,
		},
		"sales_director": {
			AccountRead: sub, AccountCreate: sub, AccountUpdate: sub, AccountDelete: sub, AccountAssign: sub,
			AccountExport: sub, AccountReadSensitive: sub,
			ContactRead: sub, ContactCreate: sub, ContactUpdate: sub, ContactDelete: sub, ContactExport: sub,
			ContactReadSensitive: sub,
		},
		"executive":     {AccountRead: all, ContactRead: all},
		"service_agent": {AccountRead: all, AccountReadSensitive: all, ContactRead: all, ContactReadSensitive: all},
		"marketing":     {AccountRead: all, ContactRead: all},
	}
}
