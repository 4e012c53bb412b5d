package customer_test

import (
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func etag(r *testkit.Response) string { return r.Header.Get("ETag") }

// newAccount creates an account through the API and returns its id.
func newAccount(t testing.TB, c *testkit.Client, body map[string]any) int64 {
	t.Helper()
	return c.Do(t, "POST", "/api/v1/accounts", body).Want(t, 201).ID()
}

// defineField adds a custom field definition as the system (SPEC B2); extra sets its flags and options.
func defineField(t testing.TB, a *testkit.App, entity, key, typ string, extra func(*customfield.Input)) int64 {
	t.Helper()
	zh, en := key+"（中）", key+" (en)"
	in := customfield.Input{Entity: &entity, Key: &key, Type: &typ, LabelZh: &zh, LabelEn: &en}
	if extra != nil {
		extra(&in)
	}
	f, err := a.Modules.CustomField.Create(testkit.System(), in)
	if err != nil {
		t.Fatal(err)
	}
	return f.ID
}

func ptr[T any](v T) *T { return &v }
