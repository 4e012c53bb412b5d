package customer_test

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// pages walks a list with small pages and returns the ids in the order served.
func pages(t *testing.T, c *testkit.Client, query string) []int64 {
	t.Helper()
	var got []int64
	cursor := ""
	for range 50 {
		p := "/api/v1/accounts?limit=2&" + query
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		r := c.Do(t, "GET", p, nil).Want(t, 200)
		got = append(got, testkit.IDs(r.Items())...)
		next, _ := r.JSON["nextCursor"].(string)
		if next == "" {
			return got
		}
		cursor = next
	}
	t.Fatalf("%s: more than 50 pages", query)
	return nil
}

// A director's scope is "owner = me OR team IN (subtree)"; the list then reads each disjunct in index order
// and merges them (authz.ScopePredicate on a marked page). Every page must hold exactly the rows in scope,
// in the same order as an unscoped list, whatever the sort, the filters and the ties on the sort column.
func TestScopedListPagesMergeTheScopeInOrder(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		owners := []int64{tp.Director, tp.AMEast, tp.AMEast1, tp.AMWest}
		inScope := map[int64]bool{}
		for i := range 24 {
			owner := owners[i%len(owners)]
			// Few distinct names, so that pages split inside runs of equal names (ties broken by id).
			id := newAccount(t, admin, map[string]any{"name": fmt.Sprintf("客户 %d", (i*7)%5), "ownerId": owner,
				"lifecycle": []string{"customer", "lead"}[i%3%2]})
			if owner != tp.AMWest {
				inScope[id] = true
			}
		}
		director := a.Login(t, "director@kehu.test")
		for _, q := range []string{"sort=name", "sort=-name", "", "sort=id", "sort=createdAt", "sort=-createdAt",
			"sort=name&filter=" + url.QueryEscape("lifecycle:eq:customer")} {
			var want []int64
			for _, id := range pages(t, admin, q) {
				if inScope[id] {
					want = append(want, id)
				}
			}
			if got := pages(t, director, q); !slices.Equal(got, want) {
				t.Errorf("%q: director got %v, want %v", q, got, want)
			}
			if len(want) == 0 {
				t.Errorf("%q: nothing in scope", q)
			}
		}
	})
}
