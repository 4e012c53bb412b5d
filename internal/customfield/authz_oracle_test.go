// The oracle: who may do what with custom field definitions, restated by hand from SPEC A2/B2.

package customfield_test

import (
	"net/http"

	"github.com/kehu-crm/kehu/internal/testkit"
)

// Everything in this file is the test's own statement of the rules; it deliberately does not read
// customfield.Rights, the built-in grants or the authz package:
//   - every signed-in actor (any role, none, or an API token of any scope) reads the definitions;
//   - changing them is the administrator's job: only a holder of the matching custom_field right with
//     the all scope may create, update (and reorder) or delete; definitions shape every record's form,
//     so a narrower scope grants nothing;
//   - no other built-in role holds a custom_field right;
//   - a missing field is 404 for those allowed to write, 403 for the rest (the right is checked first);
//   - anonymous callers and deactivated users get 401.

// writeRight names the right each write operation needs.
var writeRight = map[string]string{
	"createCustomField":   "custom_field:create",
	"updateCustomField":   "custom_field:update",
	"reorderCustomFields": "custom_field:update",
	"deleteCustomField":   "custom_field:delete",
}

var okStatus = map[string]int{
	"createCustomField":   http.StatusCreated,
	"updateCustomField":   http.StatusOK,
	"reorderCustomFields": http.StatusOK,
	"deleteCustomField":   http.StatusNoContent,
}

// adminGrants: the administrator holds every custom_field right everywhere.
var adminGrants = testkit.Grants{"custom_field:create": testkit.ScopeAll, "custom_field:update": testkit.ScopeAll,
	"custom_field:delete": testkit.ScopeAll}

// Custom roles the world creates: an editor with the all scope, and one whose scope is too narrow.
var (
	editorGrants  = adminGrants
	partialGrants = testkit.Grants{"custom_field:create": testkit.ScopeTeam, "custom_field:update": testkit.ScopeSubtree,
		"custom_field:delete": testkit.ScopeOwn}
)

// principal is what the oracle knows about one principal.
type principal struct {
	testkit.Principal
	grants testkit.Grants
	active bool
}

func (w *world) want(p testkit.Principal, op testkit.Operation, rel testkit.Relation) int {
	x := w.who[p.Name]
	if !x.active {
		return http.StatusUnauthorized
	}
	right, writes := writeRight[op.Name]
	if !writes {
		return http.StatusOK
	}
	if x.grants[right] != testkit.ScopeAll {
		return http.StatusForbidden
	}
	if rel == testkit.RelMissing {
		return http.StatusNotFound
	}
	return okStatus[op.Name]
}
