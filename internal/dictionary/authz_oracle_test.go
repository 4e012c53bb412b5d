// The oracle: who may do what with the dictionary, restated by hand from SPEC A2/B1.

package dictionary_test

import (
	"net/http"

	"github.com/kehu-crm/kehu/internal/testkit"
)

// Everything in this file is the test's own statement of the rules; it deliberately does not read
// dictionary.Rights, the built-in grants or the authz package:
//   - every signed-in actor (any role, none, or an API token of any scope) reads the dictionary;
//   - changing it is the administrator's job: only a holder of the matching dictionary right with the
//     all scope may create, update (and reorder) or delete; the dictionary is organisation-wide, so a
//     narrower scope grants nothing;
//   - no other built-in role holds a dictionary right;
//   - a missing item is 404 for those allowed to write, 403 for the rest (the right is checked first);
//   - anonymous callers and deactivated users get 401.

// writeRight names the right each write operation needs.
var writeRight = map[string]string{
	"createDictionaryItem":   "dictionary:create",
	"updateDictionaryItem":   "dictionary:update",
	"reorderDictionaryItems": "dictionary:update",
	"deleteDictionaryItem":   "dictionary:delete",
}

var okStatus = map[string]int{
	"createDictionaryItem":   http.StatusCreated,
	"updateDictionaryItem":   http.StatusOK,
	"reorderDictionaryItems": http.StatusOK,
	"deleteDictionaryItem":   http.StatusNoContent,
}

// adminGrants: the administrator holds every dictionary right everywhere.
var adminGrants = testkit.Grants{"dictionary:create": testkit.ScopeAll, "dictionary:update": testkit.ScopeAll,
	"dictionary:delete": testkit.ScopeAll}

// Custom roles the world creates: an editor with the all scope, and one whose scope is too narrow.
var (
	editorGrants  = adminGrants
	partialGrants = testkit.Grants{"dictionary:create": testkit.ScopeTeam, "dictionary:update": testkit.ScopeSubtree,
		"dictionary:delete": testkit.ScopeOwn}
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
