package customer_test

import (
	"net/url"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestFieldLevelSecurity(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		id := newAccount(t, am, map[string]any{"name": "敏感客户", "phone": "13812345678", "email": "li@example.com"})
		cid := am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "王芳", "mobile": "13987654321",
			"email": "wang@example.com", "birthday": "1990-05-01"}).Want(t, 201).ID()
		for who, masked := range map[string]bool{"am.east": false, "director": false, "agent": false, "admin": false,
			"exec": true, "marketer": true} {
			c := a.Login(t, who+"@kehu.test")
			acc := c.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 200)
			ct := c.Do(t, "GET", "/api/v1/contacts/"+itoa(cid), nil).Want(t, 200)
			if masked {
				if acc.Str("phone") != "138****5678" || acc.Str("email") != "l***@example.com" || acc.JSON["masked"] != true ||
					ct.Str("mobile") != "139****4321" || ct.Str("email") != "w***@example.com" || ct.JSON["birthday"] != nil {
					t.Errorf("%s sees: %s %s", who, acc.Raw, ct.Raw)
				}
				r := c.Do(t, "GET", "/api/v1/accounts?filter="+url.QueryEscape("phone:eq:13812345678"), nil).Want(t, 422)
				if r.FieldErrors()["query.filter[0]"] == "" {
					t.Errorf("%s: sensitive filter not named: %s", who, r.Raw)
				}
				c.Do(t, "GET", "/api/v1/contacts?filter="+url.QueryEscape("birthday:gte:1990-01-01"), nil).Want(t, 422)
				if n := len(c.Do(t, "GET", "/api/v1/accounts?q=13812345678", nil).Want(t, 200).Items()); n != 0 {
					t.Errorf("%s found the account by its hidden phone", who)
				}
			} else {
				if acc.Str("phone") != "13812345678" || ct.JSON["birthday"] != "1990-05-01" {
					t.Errorf("%s sees: %s %s", who, acc.Raw, ct.Raw)
				}
				if items := c.Do(t, "GET", "/api/v1/accounts?filter="+url.QueryEscape("phone:eq:13812345678"), nil).Want(t, 200).Items(); len(items) != 1 {
					t.Errorf("%s: phone filter found %d", who, len(items))
				}
			}
		}

		// A role that edits without seeing sensitive fields: writing the masked value back keeps the real one.
		admin := a.Login(t, "admin@kehu.test")
		role := admin.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Editor", "grants": []map[string]string{
			{"right": "account:read", "scope": "all"}, {"right": "account:update", "scope": "all"},
			{"right": "contact:read", "scope": "all"}, {"right": "contact:update", "scope": "all"}}}).Want(t, 201).ID()
		uid := a.NewUser(t, "editor@kehu.test", tp.West)
		admin.Do(t, "PATCH", "/api/v1/users/"+itoa(uid), map[string]any{"roleIds": []int64{role}}, "If-Match", `"1"`).Want(t, 200)
		ed := a.Login(t, "editor@kehu.test")
		acc := ed.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 200)
		ed.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"phone": acc.Str("phone"), "email": acc.Str("email"),
			"name": "敏感客户 2"}, "If-Match", etag(acc)).Want(t, 200)
		ct := ed.Do(t, "GET", "/api/v1/contacts/"+itoa(cid), nil).Want(t, 200)
		ed.Do(t, "PATCH", "/api/v1/contacts/"+itoa(cid), map[string]any{"mobile": ct.Str("mobile"), "email": ct.Str("email"),
			"title": "CTO"}, "If-Match", etag(ct)).Want(t, 200)
		ctx := testkit.System()
		got := a.Store.Client(ctx).Account.GetX(ctx, id)
		gotC := a.Store.Client(ctx).Contact.GetX(ctx, cid)
		if got.Phone != "13812345678" || got.Email != "li@example.com" || got.Name != "敏感客户 2" ||
			gotC.Mobile != "13987654321" || gotC.Email != "wang@example.com" || gotC.Birthday == nil || gotC.Title != "CTO" {
			t.Errorf("masked write-back changed real values: %+v %+v", got, gotC)
		}
		// A real new value is still written.
		acc = ed.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 200)
		ed.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"phone": "010-88886666"}, "If-Match", etag(acc)).Want(t, 200)
		if p := a.Store.Client(ctx).Account.Query().Where(account.ID(id)).OnlyX(ctx).Phone; p != "010-88886666" {
			t.Errorf("phone %q", p)
		}
	})
}

func TestOwnershipAndContacts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		dir := a.Login(t, "director@kehu.test")
		am1 := a.Login(t, "am.east1@kehu.test")
		amW := a.Login(t, "am.west@kehu.test")
		id := newAccount(t, dir, map[string]any{"name": "转移客户", "ownerId": tp.AMEast})
		acc := dir.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 200)
		if acc.JSON["ownerId"] != float64(tp.AMEast) || acc.JSON["teamId"] != float64(tp.East) || acc.Str("ownerName") == "" {
			t.Fatalf("created for am.east: %s", acc.Raw)
		}
		// Account managers may not create for others; nobody assigns outside their scope.
		a.Login(t, "am.east@kehu.test").Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "x", "ownerId": tp.AMWest}).Want(t, 403)
		if dir.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "x", "ownerId": tp.AMWest}).Want(t, 422).FieldErrors()["body.ownerId"] == "" {
			t.Error("assignment outside the subtree not refused on ownerId")
		}
		amE := a.Login(t, "am.east@kehu.test")
		cid := amE.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "联系人甲", "tags": []string{"key"}}).Want(t, 201)
		if cid.JSON["ownerId"] != float64(tp.AMEast) || cid.JSON["teamId"] != float64(tp.East) || cid.Str("accountName") != "转移客户" {
			t.Errorf("contact did not inherit: %s", cid.Raw)
		}
		// Contacts only under visible accounts.
		if amW.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "x"}).Want(t, 422).FieldErrors()["body.accountId"] == "" {
			t.Error("contact under an invisible account")
		}
		amW.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": 987654321, "name": "x"}).Want(t, 422)
		am1.Do(t, "GET", "/api/v1/accounts/"+itoa(id)+"/contacts", nil).Want(t, 404)
		// Reassign to am.east1: team and contacts follow.
		dir.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"ownerId": tp.AMWest}, "If-Match", etag(acc)).Want(t, 422)
		moved := dir.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"ownerId": tp.AMEast1}, "If-Match", etag(acc)).Want(t, 200)
		if moved.JSON["teamId"] != float64(tp.East1) {
			t.Errorf("team did not follow: %s", moved.Raw)
		}
		ctx := testkit.System()
		c := a.Store.Client(ctx).Contact.Query().Where(contact.AccountID(id)).OnlyX(ctx)
		if c.OwnerID == nil || *c.OwnerID != tp.AMEast1 || c.TeamID == nil || *c.TeamID != tp.East1 {
			t.Errorf("contact did not follow: %+v", c)
		}
		items := am1.Do(t, "GET", "/api/v1/accounts/"+itoa(id)+"/contacts", nil).Want(t, 200).Items()
		if len(items) != 1 || items[0]["name"] != "联系人甲" {
			t.Errorf("am.east1's contacts: %v", items)
		}
		amE.Do(t, "GET", "/api/v1/accounts/"+itoa(id), nil).Want(t, 404)
		// Contact filters.
		for q, n := range map[string]int{"filter=" + url.QueryEscape("tags:has:key"): 1, "filter=" + url.QueryEscape("name:contains:甲"): 1,
			"filter=" + url.QueryEscape("accountId:eq:"+itoa(id)): 1, "filter=" + url.QueryEscape("consent:eq:true"): 0} {
			if got := len(am1.Do(t, "GET", "/api/v1/contacts?"+q, nil).Want(t, 200).Items()); got != n {
				t.Errorf("%s: %d", q, got)
			}
		}
		// Contact validation.
		bad := am1.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "", "email": "x@",
			"birthday": "2990-01-01", "buyingRole": "nope", "mobile": "12"}).Want(t, 422).FieldErrors()
		for _, f := range []string{"body.name", "body.email", "body.birthday", "body.buyingRole", "body.mobile"} {
			if bad[f] == "" {
				t.Errorf("%s not named: %v", f, bad)
			}
		}
	})
}
