package dedup_test

import (
	"testing"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// Stored answers per kind: a key text stored under one kind is not reported for another, and keys of
// other entities do not count.
func TestStoredMatchesKindAndEntity(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		acc := admin.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "13800138000",
			"phone": "021-12345678", "email": "info@stored.cn"}).Want(t, 201).ID()
		admin.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": acc, "name": "王五",
			"mobile": "13900139000"}).Want(t, 201)

		ask := []dedup.Key{
			{Kind: dedup.KindPhone, Key: "02112345678"},    // stored
			{Kind: dedup.KindName, Key: "02112345678"},     // the same text under another kind
			{Kind: dedup.KindEmail, Key: "info@stored.cn"}, // stored
			{Kind: dedup.KindPhone, Key: "13800138000"},    // stored as the account's name, not as a phone
			{Kind: dedup.KindPhone, Key: "13900139000"},    // a contact's phone, not an account's
			{Kind: dedup.KindPhone, Key: "02112345678"},    // asked twice
		}
		sys := testkit.System()
		got, err := dedup.Stored(sys, a.Store.Client(sys), "account", ask)
		if err != nil {
			t.Fatal(err)
		}
		want := map[dedup.Key]bool{{Kind: dedup.KindPhone, Key: "02112345678"}: true,
			{Kind: dedup.KindEmail, Key: "info@stored.cn"}: true}
		if len(got) != len(want) {
			t.Fatalf("stored %v, want %v", got, want)
		}
		for k := range want {
			if !got[k] {
				t.Fatalf("stored %v, want %v", got, want)
			}
		}
	})
}
