package activity

import "github.com/kehu-crm/kehu/internal/platform/authz"

// Rights of the activity module.
const (
	Read   authz.Right = "activity:read"
	Create authz.Right = "activity:create"
	Update authz.Right = "activity:update"
	Delete authz.Right = "activity:delete"
	// Export downloads the activity list (CSV or Excel) within the read scope.
	Export authz.Right = "activity:export"
	// ReadSensitive shows the sensitive custom fields of the activities in its scope (SPEC A5).
	ReadSensitive authz.Right = "activity:read_sensitive"
)

// Rights lists what the activity module contributes to the catalogue.
func Rights() []authz.Right {
	return []authz.Right{Read, Create, Update, Delete, Export, ReadSensitive}
}

// DefaultGrants is what the activity module gives the built-in roles (see doc.go for the reasons).
func DefaultGrants() authz.DefaultGrants {
	own, team, sub, all := authz.ScopeOwn, authz.ScopeTeam, authz.ScopeSubtree, authz.ScopeAll
	return authz.DefaultGrants{
		"account_manager": {Read: own, Create: own, Update: own, Delete: own, ReadSensitive: own},
		"sales_director":  {Read: sub, Create: sub, Update: sub, Delete: sub, Export: sub, ReadSensitive: sub},
		"executive":       {Read: all},
		"service_agent":   {Read: team, Create: team, Update: team, Delete: team, ReadSensitive: team},
		"marketing":       {Read: own, Create: own, Update: own, Delete: own, ReadSensitive: own},
	}
}
