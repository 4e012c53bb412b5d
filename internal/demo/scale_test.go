package demo_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/demo"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func count(t *testing.T, a *testkit.App, q string) int64 {
	t.Helper()
	var n int64
	if err := a.DB.SQL.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestScaleLoadsExactCountsThatTheProductServes(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		ctx := context.Background()
		res, err := demo.Scale(ctx, services(a), a.DB, demo.ScaleOptions{Accounts: 60, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if res.Accounts != 60 || res.Contacts != 180 || res.Activities != 600 || res.SearchRows != 840 || res.DedupRows == 0 {
			t.Fatalf("result %+v", res)
		}
		for q, want := range map[string]int64{
			"SELECT COUNT(*) FROM accounts": 60, "SELECT COUNT(*) FROM contacts": 180, "SELECT COUNT(*) FROM activities": 600,
			"SELECT COUNT(*) FROM search_index": 840, "SELECT COUNT(*) FROM dedup_keys": res.DedupRows,
			"SELECT COUNT(DISTINCT name) FROM accounts": 60,
		} {
			if n := count(t, a, q); n != want {
				t.Errorf("%s = %d, want %d", q, n, want)
			}
		}

		// The rows are what the services would have written: every account reads back through ent,
		// with its number, an account manager as owner and that manager's team.
		accs := accounts(t, a)
		us := users(t, a)
		owned := map[int64][]*ent.Account{}
		for _, acc := range accs {
			o := us[*acc.OwnerID]
			if acc.Number == nil || !strings.HasPrefix(*acc.Number, "KH") || o == nil || !hasRole(o, "account_manager") ||
				acc.TeamID == nil || *acc.TeamID != *o.TeamID {
				t.Errorf("account %d %q: number %v owner %v team %v", acc.ID, acc.Name, acc.Number, acc.OwnerID, acc.TeamID)
			}
			owned[*acc.OwnerID] = append(owned[*acc.OwnerID], acc)
		}
		if len(owned) < 3 {
			t.Errorf("accounts spread over %d owners", len(owned))
		}
		// The dedup keys are the ones the dedup hook would write.
		var keys int64
		for _, acc := range accs {
			keys += int64(len(dedup.Keys(dedup.Account, dedup.AccountValues(acc))))
		}
		if n := count(t, a, "SELECT COUNT(*) FROM dedup_keys WHERE entity = 'account'"); n != keys {
			t.Errorf("%d account keys, the dedup package makes %d", n, keys)
		}

		// Data scope on generated rows: an account manager lists exactly their own; search finds
		// their account by a Chinese substring and by a contact's mobile number, and nobody else's.
		var am demo.User
		for _, u := range usersByRole(t, a, "account_manager") {
			if len(owned[u.ID]) > len(owned[am.ID]) {
				am = u
			}
		}
		c := a.Client()
		c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": am.Email, "password": demo.Password}).Want(t, 200)
		items := c.Do(t, "GET", "/api/v1/accounts?limit=200", nil).Want(t, 200).Items()
		if len(items) != len(owned[am.ID]) {
			t.Fatalf("%s lists %d accounts, owns %d", am.Email, len(items), len(owned[am.ID]))
		}
		mine := owned[am.ID][0]
		brand := string([]rune(mine.Name)[2:6])
		hits := c.Do(t, "GET", "/api/v1/search?q="+brand, nil).Want(t, 200).Items()
		found := false
		for _, h := range hits {
			if h["entity"] == "account" && h["id"] == float64(mine.ID) {
				found = true
			}
			if h["entity"] == "account" && !slices.ContainsFunc(owned[am.ID], func(x *ent.Account) bool { return h["id"] == float64(x.ID) }) {
				t.Errorf("search %q shows account %v of someone else", brand, h)
			}
		}
		if !found {
			t.Errorf("search %q does not find %q: %v", brand, mine.Name, hits)
		}
		cs, _, err := a.Modules.Customer.ListContacts(testkit.System(), mine.ID, customer.ListQuery{Page: record.Page{Limit: 10}})
		if err != nil || len(cs) != demo.ScaleContacts {
			t.Fatalf("contacts of %d: %d, %v", mine.ID, len(cs), err)
		}
		hits = c.Do(t, "GET", "/api/v1/search?q="+cs[0].Mobile, nil).Want(t, 200).Items()
		if !slices.ContainsFunc(hits, func(h map[string]any) bool { return h["entity"] == "contact" && h["id"] == float64(cs[0].ID) }) {
			t.Errorf("search by mobile %s does not find contact %d: %v", cs[0].Mobile, cs[0].ID, hits)
		}
		acts := c.Do(t, "GET", "/api/v1/activities?limit=200&accountId="+itoa(mine.ID), nil).Want(t, 200).Items()
		if len(acts) != demo.ScaleActivities {
			t.Errorf("account %d shows %d activities", mine.ID, len(acts))
		}

		// The product keeps working on top: a new account takes the next id.
		created := c.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "规模测试新建客户有限公司"}).Want(t, 201)
		var highest int64
		for _, acc := range accs {
			highest = max(highest, acc.ID)
		}
		if created.ID() <= highest {
			t.Errorf("new account id %d collides with the generated ones", created.ID())
		}

		// A second load is refused and writes nothing; --force adds more above the existing ids.
		if _, err := demo.Scale(ctx, services(a), a.DB, demo.ScaleOptions{Accounts: 5, Seed: 5}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("second load: %v", err)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts"); n != 61 {
			t.Fatalf("refused load left %d accounts", n)
		}
		if _, err := demo.Scale(ctx, services(a), a.DB, demo.ScaleOptions{Accounts: 5, Seed: 6, Force: true}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts"); n != 66 {
			t.Fatalf("forced load: %d accounts", n)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM search_index"); n != 14*65+1 { // each account brings 3 contacts and 10 activities; plus the one created through the API
			t.Errorf("%d search rows after the forced load", n)
		}
	})
}

func TestScaleRefusesADatabaseWithDemoData(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		if _, err := demo.Load(context.Background(), services(a), demo.Options{Accounts: 2, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Scale(context.Background(), services(a), a.DB, demo.ScaleOptions{Accounts: 3}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("scale on demo data: %v", err)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM accounts"); n != 2 {
			t.Fatalf("%d accounts", n)
		}
	})
}

func TestScaleIsDeterministic(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		load := func(seed uint64) []string {
			a := testkit.NewApp(t, d)
			if _, err := demo.Scale(context.Background(), services(a), a.DB, demo.ScaleOptions{Accounts: 20, Seed: seed}); err != nil {
				t.Fatal(err)
			}
			rows, err := a.Store.Client(testkit.System()).Account.Query().Order(ent.Asc(account.FieldID)).All(testkit.System())
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range rows {
				out = append(out, r.Name+"|"+r.Phone+"|"+r.Industry+"|"+string(r.Lifecycle))
			}
			return out
		}
		first, again, other := load(9), load(9), load(10)
		if !slices.Equal(first, again) || slices.Equal(first, other) {
			t.Fatalf("same seed:\n%v\n%v\nother seed:\n%v", first, again, other)
		}
	})
}

func usersByRole(t *testing.T, a *testkit.App, role string) []demo.User {
	t.Helper()
	var out []demo.User
	for _, u := range users(t, a) {
		if hasRole(u, role) {
			out = append(out, demo.User{ID: u.ID, Email: u.Email, Name: u.Name, Role: role})
		}
	}
	return out
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// Activities, which the bulk loader does not build rows for, are indexed through their search source's
// own Page and Load.
func TestScaleIndexesOtherSearchSources(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		res, err := demo.Scale(context.Background(), services(a), a.DB, demo.ScaleOptions{Accounts: 12, Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.SearchRows != 12*4+120 {
			t.Fatalf("%d search rows", res.SearchRows)
		}
		if n := count(t, a, "SELECT COUNT(*) FROM search_index WHERE entity = 'activity'"); n != 120 {
			t.Fatalf("%d activity rows in the index", n)
		}
	})
}
