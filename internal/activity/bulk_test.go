package activity_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestBulkActivities(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		dir := a.Login(t, "director@kehu.test")
		var mine []int64
		for i := range 3 {
			mine = append(mine, am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": fmt.Sprintf("批量电话%d", i)}).Want(t, 201).ID())
		}
		foreign := west.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "西部电话"}).Want(t, 201).ID()
		path := "/api/v1/activities/bulk"
		ctx := testkit.System()
		get := func(id int64) (string, []string, int64, int64) {
			r := a.Store.Client(ctx).Activity.GetX(ctx, id)
			return string(r.Status), r.Tags, deref(r.OwnerID), r.Version
		}
		state := func() map[int64]string {
			out := map[int64]string{}
			for _, r := range a.Store.Client(ctx).Activity.Query().AllX(ctx) {
				out[r.ID] = fmt.Sprintf("%d %v %s %d", r.Version, r.Tags, r.Status, deref(r.OwnerID))
			}
			return out
		}
		counts := func(r *testkit.Response) (int, int) {
			return int(r.JSON["matched"].(float64)), int(r.JSON["changed"].(float64))
		}

		r := am.Do(t, "POST", path, map[string]any{"ids": mine, "action": "addTags", "tags": []string{"跟进", "Q4"}}).Want(t, 200)
		if m, c := counts(r); m != 3 || c != 3 {
			t.Fatalf("addTags: %s", r.Raw)
		}
		if _, tags, _, v := get(mine[0]); !slices.Equal(tags, []string{"跟进", "Q4"}) || v != 2 {
			t.Fatalf("tags %v v%d", tags, v)
		}
		// Tag filter of the list and of "all matching".
		if got := testkit.IDs(am.Do(t, "GET", "/api/v1/activities?filter=tags:has:Q4", nil).Want(t, 200).Items()); len(got) != 3 {
			t.Fatalf("tag filter: %v", got)
		}
		r = am.Do(t, "POST", path, map[string]any{"all": true, "filter": []string{"tags:has:Q4"}, "action": "removeTags", "tags": []string{"Q4"}}).Want(t, 200)
		if m, c := counts(r); m != 3 || c != 3 {
			t.Fatalf("removeTags all: %s", r.Raw)
		}
		// Edit goes through the single update: done stamps done_at; a bad value names body.value.
		r = am.Do(t, "POST", path, map[string]any{"ids": mine[:1], "action": "edit", "field": "status", "value": "done"}).Want(t, 200)
		if st, _, _, _ := get(mine[0]); st != "done" || a.Store.Client(ctx).Activity.GetX(ctx, mine[0]).DoneAt == nil {
			t.Fatalf("edit status: %s", r.Raw)
		}
		before := state()
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"ids": mine, "action": "edit", "field": "type", "value": "fax"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "status", "value": "lost"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "dueAt", "value": "tomorrow"}, "body.value"},
			{map[string]any{"ids": mine, "action": "edit", "field": "subject", "value": "同一个"}, "body.field"},
			{map[string]any{"ids": []int64{mine[1], foreign}, "action": "addTags", "tags": []string{"混"}}, "body.ids[1]"},
			{map[string]any{"ids": []int64{mine[1], testkit.MissingID}, "action": "delete"}, "body.ids[1]"},
			{map[string]any{"ids": mine, "action": "assign", "ownerId": tp.AMWest}, "body.ownerId"},
		} {
			if fe := am.Do(t, "POST", path, c.body).Want(t, 422).FieldErrors(); fe[c.field] == "" {
				t.Errorf("%v: %v, want %s", c.body, fe, c.field)
			}
		}
		if after := state(); !maps.Equal(before, after) {
			t.Fatalf("a refused bulk changed activities:\n%v\n%v", before, after)
		}
		// A director assigns within the subtree; the team follows the owner.
		r = dir.Do(t, "POST", path, map[string]any{"ids": mine, "action": "assign", "ownerId": tp.AMEast1}).Want(t, 200)
		if m, c := counts(r); m != 3 || c != 3 {
			t.Fatalf("assign: %s", r.Raw)
		}
		if row := a.Store.Client(ctx).Activity.GetX(ctx, mine[1]); deref(row.OwnerID) != tp.AMEast1 || deref(row.TeamID) != tp.East1 {
			t.Fatalf("assigned: %+v", row)
		}
		// The west's activity is outside the director's scope: "all matching" leaves it alone.
		r = dir.Do(t, "POST", path, map[string]any{"all": true, "q": "电话", "action": "delete"}).Want(t, 200)
		if m, c := counts(r); m != 3 || c != 3 {
			t.Fatalf("delete all: %s", r.Raw)
		}
		if n := a.Store.Client(ctx).Activity.Query().Where(activity.ID(foreign)).CountX(ctx); n != 1 {
			t.Fatal("the west's activity was deleted")
		}
		// Rights: the executive only reads.
		a.Login(t, "exec@kehu.test").Do(t, "POST", path, map[string]any{"ids": []int64{foreign}, "action": "addTags", "tags": []string{"x"}}).Want(t, 403)
	})
}
