package demo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/demo"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func services(a *testkit.App) demo.Services {
	return demo.Services{Store: a.Store, IAM: a.Modules.IAM, Dictionary: a.Modules.Dictionary, Customer: a.Modules.Customer,
		Activity: a.Modules.Activity}
}

func accounts(t *testing.T, a *testkit.App) []*ent.Account {
	t.Helper()
	var out []*ent.Account
	p := record.Page{Limit: record.MaxLimit}
	for {
		rows, next, err := a.Modules.Customer.ListAccounts(testkit.System(), customer.ListQuery{Page: p})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rows...)
		if next == "" {
			return out
		}
		p.After = next
	}
}

func contacts(t *testing.T, a *testkit.App) []*ent.Contact {
	t.Helper()
	var out []*ent.Contact
	p := record.Page{Limit: record.MaxLimit}
	for {
		rows, next, err := a.Modules.Customer.ListContacts(testkit.System(), 0, customer.ListQuery{Page: p})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rows...)
		if next == "" {
			return out
		}
		p.After = next
	}
}

func users(t *testing.T, a *testkit.App) map[int64]*ent.User {
	t.Helper()
	rows, _, err := a.IAM.ListUsers(testkit.System(), iam.UserFilter{}, record.Page{Limit: record.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*ent.User{}
	for _, u := range rows {
		out[u.ID] = u
	}
	return out
}

func teams(t *testing.T, a *testkit.App) map[string]*ent.Team {
	t.Helper()
	rows, _, err := a.IAM.ListTeams(testkit.System(), iam.TeamFilter{}, record.Page{Limit: record.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ent.Team{}
	for _, tm := range rows {
		out[tm.Name] = tm.Team
	}
	return out
}

func hasRole(u *ent.User, key string) bool {
	return slices.ContainsFunc(u.Edges.Roles, func(r *ent.Role) bool { return r.Key != nil && *r.Key == key })
}

func TestLoadDemoData(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		ctx := context.Background()
		res, err := demo.Load(ctx, services(a), demo.Options{Accounts: 20, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if res.Accounts != 20 || res.TeamsCreated != res.Teams || res.UsersCreated != len(res.Users) {
			t.Fatalf("result %+v", res)
		}

		// The team tree.
		tm := teams(t, a)
		for child, parent := range map[string]string{"华东大区": "总部", "上海一组": "华东大区", "杭州组": "华东大区", "华南大区": "总部", "华北大区": "总部"} {
			c, p := tm[child], tm[parent]
			if c == nil || p == nil || c.ParentID == nil || *c.ParentID != p.ID {
				t.Errorf("team %s should hang below %s", child, parent)
			}
		}
		if tm["总部"] == nil || tm["总部"].ParentID != nil {
			t.Error("总部 should be a top-level team")
		}

		// A user for every built-in role, all in a team.
		us := users(t, a)
		for _, key := range iam.BuiltinRoleKeys {
			n := 0
			for _, u := range us {
				if hasRole(u, key) {
					n++
				}
			}
			if n == 0 || key == "account_manager" && n < 6 || key == "sales_director" && n < 3 {
				t.Errorf("%d demo users with role %s", n, key)
			}
		}
		for _, u := range res.Users {
			if !strings.HasSuffix(u.Email, "@"+demo.EmailDomain) || us[u.ID] == nil || us[u.ID].TeamID == nil {
				t.Errorf("demo user %+v", u)
			}
		}

		// Accounts: numbered, dictionary codes valid, owned by an account manager whose team they carry.
		accs := accounts(t, a)
		if len(accs) != 20 {
			t.Fatalf("%d accounts", len(accs))
		}
		exists := func(kind, code string) bool {
			ok, err := a.Modules.Dictionary.Exists(ctx, kind, code)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		perAccount := map[int64]int{}
		for _, acc := range accs {
			if acc.Number == nil || !strings.HasPrefix(*acc.Number, "KH") || acc.Name == "" {
				t.Errorf("account %d: number %v name %q", acc.ID, acc.Number, acc.Name)
			}
			for kind, code := range map[string]string{"customer_level": acc.Level, "industry": acc.Industry, "region": acc.Region, "source": acc.Source} {
				if !exists(kind, code) {
					t.Errorf("account %s: %s %q is not in the dictionary", acc.Name, kind, code)
				}
			}
			if acc.Phone == "" || acc.Address == "" || acc.Email == "" {
				t.Errorf("account %s lacks phone, address or e-mail", acc.Name)
			}
			if acc.OwnerID == nil {
				t.Fatalf("account %s has no owner", acc.Name)
			}
			o := us[*acc.OwnerID]
			if o == nil || !hasRole(o, "account_manager") || o.TeamID == nil || acc.TeamID == nil || *acc.TeamID != *o.TeamID {
				t.Errorf("account %s: owner %v team %v", acc.Name, o, acc.TeamID)
			}
			perAccount[acc.ID] = 0
		}
		cs := contacts(t, a)
		if len(cs) != res.Contacts {
			t.Errorf("%d contacts, result says %d", len(cs), res.Contacts)
		}
		byID := map[int64]*ent.Account{}
		for _, acc := range accs {
			byID[acc.ID] = acc
		}
		for _, c := range cs {
			perAccount[c.AccountID]++
			acc := byID[c.AccountID]
			if acc == nil || c.OwnerID == nil || *c.OwnerID != *acc.OwnerID || !exists("buying_role", c.BuyingRole) || c.Mobile == "" {
				t.Errorf("contact %s (%d): owner %v, buying role %q, mobile %q", c.Name, c.AccountID, c.OwnerID, c.BuyingRole, c.Mobile)
			}
		}
		for id, n := range perAccount {
			if n < 1 || n > 5 {
				t.Errorf("account %d has %d contacts", id, n)
			}
		}

		// A second run without --force is refused and writes nothing.
		if _, err := demo.Load(ctx, services(a), demo.Options{Accounts: 5, Seed: 7}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("second run: %v", err)
		}
		if n, u, tn := len(accounts(t, a)), len(users(t, a)), len(teams(t, a)); n != 20 || u != len(us) || tn != len(tm) {
			t.Fatalf("refused run changed data: %d accounts, %d users, %d teams", n, u, tn)
		}

		// Demo users sign in with the demo password; an account manager sees exactly their own accounts.
		for _, email := range []string{"admin@demo.kehu.cn", "chen.zhiqiang@demo.kehu.cn", "he.xiaoyan@demo.kehu.cn"} {
			a.Client().Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": demo.Password}).Want(t, 200)
		}
		counts := map[int64]int{}
		for _, acc := range accs {
			counts[*acc.OwnerID]++
		}
		var am demo.User
		for _, u := range res.Users {
			if u.Role == "account_manager" && counts[u.ID] > counts[am.ID] {
				am = u
			}
		}
		c := a.Client()
		c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": am.Email, "password": demo.Password}).Want(t, 200)
		items := c.Do(t, "GET", "/api/v1/accounts?limit=200", nil).Want(t, 200).Items()
		if len(items) != counts[am.ID] || len(items) == len(accs) {
			t.Fatalf("%s sees %d accounts, owns %d of %d", am.Email, len(items), counts[am.ID], len(accs))
		}
		for _, it := range items {
			if it["ownerId"] != float64(am.ID) {
				t.Errorf("%s sees account %v of owner %v", am.Email, it["name"], it["ownerId"])
			}
		}

		// --force adds accounts and reuses the organisation.
		res2, err := demo.Load(ctx, services(a), demo.Options{Accounts: 3, Seed: 7, Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if res2.Accounts != 3 || res2.UsersCreated != 0 || res2.TeamsCreated != 0 || len(accounts(t, a)) != 23 || len(users(t, a)) != len(us) {
			t.Fatalf("forced run: %+v", res2)
		}
	})
}

// names returns the accounts' names and their owners' e-mail addresses, in creation order.
func names(t *testing.T, a *testkit.App) []string {
	t.Helper()
	us := users(t, a)
	accs := accounts(t, a)
	out := make([]string, len(accs))
	for i, acc := range accs {
		out[i] = fmt.Sprintf("%s|%s|%s|%s", acc.Name, us[*acc.OwnerID].Email, acc.Industry, acc.Website)
	}
	return out
}

func TestSameSeedSameData(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		load := func(seed uint64) []string {
			a := testkit.NewApp(t, d)
			if _, err := demo.Load(context.Background(), services(a), demo.Options{Accounts: 12, Seed: seed}); err != nil {
				t.Fatal(err)
			}
			return names(t, a)
		}
		first, again, other := load(42), load(42), load(43)
		if !slices.Equal(first, again) {
			t.Fatalf("same seed, different data:\n%v\n%v", first, again)
		}
		if slices.Equal(first, other) {
			t.Fatal("different seeds gave the same data")
		}
	})
}

// The history a default load writes: a year of every activity type, follow-ups, open tasks on both
// sides of now for every account manager, and @mention discussions.
func TestDemoHistory(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		now := time.Now().UTC()
		res, err := demo.Load(context.Background(), services(a), demo.Options{Accounts: 40, Seed: 11, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		sys := testkit.System()
		c := a.Store.Client(sys)
		acts, err := c.Activity.Query().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(acts) != res.Activities || len(acts) < 40*2 {
			t.Fatalf("%d activities, result says %d", len(acts), res.Activities)
		}
		types := map[string]bool{}
		oldest, newest := now, time.Time{}
		open := map[int64][2]int{} // owner → overdue, upcoming with a reminder
		for _, x := range acts {
			types[x.Type] = true
			if x.CreatedAt.After(now) {
				t.Errorf("activity %d created in the future: %v", x.ID, x.CreatedAt)
			}
			if x.CreatedAt.Before(oldest) {
				oldest = x.CreatedAt
			}
			if x.CreatedAt.After(newest) {
				newest = x.CreatedAt
			}
			switch {
			case x.Status == "done":
				if x.DoneAt == nil || x.DoneAt.After(now) || x.Outcome == "" && x.Type != "note" {
					t.Errorf("done activity %d %q: done %v, outcome %q", x.ID, x.Subject, x.DoneAt, x.Outcome)
				}
			case x.Status == "open" && x.DueAt != nil:
				// A past reminder counts as sent: the reminder job must not replay the history on first start.
				if x.RemindAt != nil && !x.RemindAt.After(now) && x.RemindedAt == nil {
					t.Errorf("open activity %d has a past reminder (%v) not marked sent", x.ID, x.RemindAt)
				}
				n := open[*x.OwnerID]
				if x.DueAt.Before(now) {
					n[0]++
				} else if x.RemindAt != nil && x.RemindAt.Before(*x.DueAt) && x.RemindedAt == nil {
					n[1]++
				}
				open[*x.OwnerID] = n
			}
			if x.OwnerID == nil || x.TeamID == nil {
				t.Errorf("activity %d has no owner or team", x.ID)
			}
		}
		for _, k := range []string{"call", "email", "meeting", "visit", "note", "task"} {
			if !types[k] {
				t.Errorf("no %s in the history", k)
			}
		}
		if now.Sub(oldest) < 300*24*time.Hour || now.Sub(newest) > 30*24*time.Hour {
			t.Errorf("history spans %v … %v, want about a year up to now", oldest, newest)
		}
		for _, u := range res.Users {
			if u.Role == "account_manager" && (open[u.ID][0] == 0 || open[u.ID][1] == 0) {
				t.Errorf("%s has %d overdue and %d upcoming tasks with a reminder", u.Email, open[u.ID][0], open[u.ID][1])
			}
		}
		// Follow-ups: tasks on an account due after the activity that asked for them.
		followUps := 0
		for _, x := range acts {
			if x.NextFollowUpAt != nil {
				followUps++
			}
		}
		if followUps == 0 {
			t.Error("no activity asked for a follow-up")
		}

		// Discussions: the owner asks the director above them, who answers; both mention each other.
		cs, err := c.Comment.Query().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 || len(cs) != res.Comments {
			t.Fatalf("%d comments, result says %d", len(cs), res.Comments)
		}
		names := map[int64]string{}
		for _, u := range res.Users {
			names[u.ID] = u.Name
		}
		for _, cm := range cs {
			if len(cm.Mentions) != 1 || !strings.Contains(cm.Body, "@"+names[cm.Mentions[0]]) || cm.AccountID == nil ||
				cm.Entity != "account" || cm.RecordID != *cm.AccountID || cm.CreatedAt.After(now) {
				t.Errorf("comment %+v", cm)
			}
		}
		// The audit trail names the comment's author, not the system.
		evs, err := c.AuditEvent.Query().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		authored := 0
		for _, ev := range evs {
			if ev.Entity == "Comment" || ev.Entity == "comment" {
				if ev.ActorID == nil || names[*ev.ActorID] == "" {
					t.Errorf("comment audit event %+v is not attributed to a user", ev)
				}
				authored++
			}
		}
		if authored != len(cs) {
			t.Errorf("%d audit events for %d comments", authored, len(cs))
		}

		// An account manager sees their overdue work on "my day".
		var am demo.User
		for _, u := range res.Users {
			if u.Role == "account_manager" {
				am = u
				break
			}
		}
		cl := a.Client()
		cl.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": am.Email, "password": demo.Password}).Want(t, 200)
		overdue := 0
		for _, it := range cl.Do(t, "GET", "/api/v1/me/day", nil).Want(t, 200).Items() {
			if it["overdue"] == true && it["ownerId"] == float64(am.ID) {
				overdue++
			}
		}
		if overdue != open[am.ID][0] {
			t.Errorf("my day of %s lists %d overdue tasks, the history has %d", am.Email, overdue, open[am.ID][0])
		}
	})
}
