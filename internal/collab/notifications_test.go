package collab_test

import (
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/collab"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestUsersSeeOnlyTheirOwnNotifications(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		// Three for the account manager, one for the admin (who holds every right).
		var notes []collab.Note
		for i := 0; i < 3; i++ {
			notes = append(notes, collab.Note{UserID: tp.AMEast, Kind: collab.KindReminder, Title: "回访 " + string(rune('A'+i)),
				Entity: "activity", RecordID: int64(100 + i)})
		}
		notes = append(notes, collab.Note{UserID: tp.Admin, Kind: collab.KindMention, Title: "secret", ActorID: tp.AMEast})
		if err := a.Modules.Collab.Notify(testkit.System(), notes...); err != nil {
			t.Fatal(err)
		}
		am := a.Login(t, "am.east@kehu.test")
		admin := a.Login(t, "admin@kehu.test")
		items := am.Do(t, "GET", "/api/v1/me/notifications", nil).Want(t, 200).Items()
		if len(items) != 3 || items[0]["title"] != "回访 C" || items[2]["title"] != "回访 A" {
			t.Fatalf("own list (newest first): %v", items)
		}
		adminItems := admin.Do(t, "GET", "/api/v1/me/notifications", nil).Want(t, 200).Items()
		if len(adminItems) != 1 || adminItems[0]["title"] != "secret" ||
			adminItems[0]["actor"].(map[string]any)["name"] != "am.east@kehu.test" {
			t.Fatalf("admin sees others' notifications: %v", adminItems)
		}
		adminID := num(adminItems[0]["id"])
		// Someone else's notification does not exist for you, even for the administrator.
		am.Do(t, "POST", path("/api/v1/me/notifications/%d/read", adminID), nil).Want(t, 404)
		admin.Do(t, "POST", path("/api/v1/me/notifications/%d/read", num(items[0]["id"])), nil).Want(t, 404)
		if c := am.Do(t, "GET", "/api/v1/me/notifications/unread-count", nil).Want(t, 200); num(c.JSON["count"]) != 3 {
			t.Fatalf("unread count %v", c.JSON)
		}
		// Paging with a cursor.
		page := am.Do(t, "GET", "/api/v1/me/notifications?limit=2", nil).Want(t, 200)
		next, _ := page.JSON["nextCursor"].(string)
		if len(page.Items()) != 2 || next == "" {
			t.Fatalf("first page: %s", page.Raw)
		}
		rest := am.Do(t, "GET", "/api/v1/me/notifications?limit=2&cursor="+next, nil).Want(t, 200)
		if len(rest.Items()) != 1 || rest.Items()[0]["title"] != "回访 A" || rest.JSON["nextCursor"] != nil {
			t.Fatalf("second page: %s", rest.Raw)
		}
		am.Do(t, "GET", "/api/v1/me/notifications?cursor=bogus", nil).Want(t, 422)
		// Read one: it leaves the unread list; reading again changes nothing.
		r := am.Do(t, "POST", path("/api/v1/me/notifications/%d/read", num(items[0]["id"])), nil).Want(t, 200)
		first := r.JSON["readAt"]
		if first == nil {
			t.Fatalf("not marked read: %s", r.Raw)
		}
		if again := am.Do(t, "POST", path("/api/v1/me/notifications/%d/read", num(items[0]["id"])), nil).Want(t, 200); again.JSON["readAt"] != first {
			t.Fatalf("second read moved readAt: %v → %v", first, again.JSON["readAt"])
		}
		if un := am.Do(t, "GET", "/api/v1/me/notifications?unread=true", nil).Want(t, 200).Items(); len(un) != 2 {
			t.Fatalf("unread list: %v", un)
		}
		// Read all marks the remaining two of mine, not the admin's.
		if c := am.Do(t, "POST", "/api/v1/me/notifications/read-all", nil).Want(t, 200); num(c.JSON["count"]) != 2 {
			t.Fatalf("read-all count %v", c.JSON)
		}
		if c := admin.Do(t, "GET", "/api/v1/me/notifications/unread-count", nil).Want(t, 200); num(c.JSON["count"]) != 1 {
			t.Fatalf("admin's unread changed: %v", c.JSON)
		}
		a.Client().Do(t, "GET", "/api/v1/me/notifications", nil).Want(t, 401)
	})
}

func TestDirectoryListsActiveColleaguesWithoutEmail(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		if _, err := a.IAM.SetActive(testkit.System(), tp.AMWest, false); err != nil {
			t.Fatal(err)
		}
		// Even a user with no role may look colleagues up (to mention them).
		c := a.Login(t, "nobody@kehu.test")
		items := c.Do(t, "GET", "/api/v1/directory/users?q=AM.", nil).Want(t, 200).Items()
		var names []string
		for _, it := range items {
			if _, ok := it["email"]; ok {
				t.Fatalf("directory leaks e-mail: %v", it)
			}
			names = append(names, it["name"].(string))
		}
		slices.Sort(names)
		if len(names) != 2 || names[0] != "am.east1@kehu.test" || names[1] != "am.east@kehu.test" {
			t.Fatalf("names %v (inactive am.west must be absent)", names)
		}
		if team := items[0]["teamName"]; team != "East 华东" && team != "East-1 华东一组" {
			t.Fatalf("team name: %v", items[0])
		}
		byID := c.Do(t, "GET", path("/api/v1/directory/users?ids=%d&ids=%d", tp.Director, tp.AMWest), nil).Want(t, 200).Items()
		if len(byID) != 1 || num(byID[0]["id"]) != tp.Director {
			t.Fatalf("by ids: %v", byID)
		}
		a.Client().Do(t, "GET", "/api/v1/directory/users", nil).Want(t, 401)
	})
}

func TestProfileNotifyEmailToggle(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		c := a.Login(t, "am.east@kehu.test")
		if me := c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200); me.JSON["notifyEmail"] != true {
			t.Fatalf("default notifyEmail: %s", me.Raw)
		}
		if me := c.Do(t, "PATCH", "/api/v1/me", map[string]any{"notifyEmail": false}).Want(t, 200); me.JSON["notifyEmail"] != false {
			t.Fatalf("after patch: %s", me.Raw)
		}
		if me := c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200); me.JSON["notifyEmail"] != false || me.Str("name") != "am.east@kehu.test" {
			t.Fatalf("not persisted or other fields changed: %s", me.Raw)
		}
		c.Do(t, "PATCH", "/api/v1/me", map[string]any{"notifyEmail": "no"}).Want(t, 422)
	})
}
