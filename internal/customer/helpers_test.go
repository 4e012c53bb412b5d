package customer_test

import (
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func etag(r *testkit.Response) string { return r.Header.Get("ETag") }

// newAccount creates an account through the API and returns its id.
func newAccount(t testing.TB, c *testkit.Client, body map[string]any) int64 {
	t.Helper()
	return c.Do(t, "POST", "/api/v1/accounts", body).Want(t, 201).ID()
}
