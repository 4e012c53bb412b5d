package dictionary_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/dictionary"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/dictionaryitem"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func kindCounts(t *testing.T, c *testkit.Client) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, k := range c.Do(t, "GET", "/api/v1/dictionary", nil).Want(t, 200).Items() {
		out[k["kind"].(string)] = int(k["itemCount"].(float64))
	}
	return out
}

func codes(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i], _ = it["code"].(string)
	}
	return out
}

func TestSeeding(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "reader@kehu.test", 0)
		c := a.Login(t, "reader@kehu.test")
		before := kindCounts(t, c)
		if len(before) != len(dictionary.Kinds) {
			t.Fatalf("kinds %v, want %d", before, len(dictionary.Kinds))
		}
		for _, k := range dictionary.Kinds {
			if before[k.Code] == 0 {
				t.Errorf("kind %s seeded no items", k.Code)
			}
		}
		levels := c.Do(t, "GET", "/api/v1/dictionary/customer_level/items", nil).Want(t, 200).Items()
		if got := strings.Join(codes(levels), ","); got != "ordinary,key,major,partner,strategic" {
			t.Errorf("customer levels %s", got)
		}
		if levels[0]["labelZh"] != "普通客户" || levels[0]["builtin"] != true {
			t.Errorf("first level %v", levels[0])
		}
		c.Lang = "zh-CN"
		if r := c.Do(t, "GET", "/api/v1/dictionary/region/items", nil).Want(t, 200).Items(); r[0]["label"] != "华东" {
			t.Errorf("region label in zh-CN: %v", r[0])
		}

		// A kind that already has items is left alone; an empty kind is seeded again.
		ctx := testkit.System()
		err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			cl := a.Store.Client(ctx)
			if _, err := cl.DictionaryItem.Delete().Where(dictionaryitem.Kind("competitor")).Exec(ctx); err != nil {
				return err
			}
			if _, err := cl.DictionaryItem.Delete().Where(dictionaryitem.Kind("unit")).Exec(ctx); err != nil {
				return err
			}
			return cl.DictionaryItem.Create().SetKind("competitor").SetCode("acme").SetLabelZh("艾克米").SetLabelEn("Acme").Exec(ctx)
		})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := a.Modules.Dictionary.EnsureDefaults(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		after := kindCounts(t, c)
		if after["competitor"] != 1 {
			t.Errorf("competitor has %d items after seeding, want just the custom one", after["competitor"])
		}
		for _, k := range dictionary.Kinds {
			if k.Code != "competitor" && after[k.Code] != before[k.Code] {
				t.Errorf("kind %s: %d items after seeding twice, want %d", k.Code, after[k.Code], before[k.Code])
			}
		}
	})
}

func TestItems(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		adm := a.Login(t, "admin@kehu.test")
		base := "/api/v1/dictionary/industry/items"

		// Create.
		r := adm.Do(t, "POST", base, map[string]any{"code": "agri_tech", "labelZh": " 农业科技 ", "labelEn": "Agritech"},
			"Idempotency-Key", "create-agri").Want(t, 201)
		id := r.ID()
		if r.Header.Get("ETag") != `"1"` || r.Str("labelZh") != "农业科技" || r.JSON["builtin"] != false || r.JSON["active"] != true {
			t.Fatalf("created %s (ETag %s)", r.Raw, r.Header.Get("ETag"))
		}
		items := adm.Do(t, "GET", base, nil).Want(t, 200).Items()
		if last := items[len(items)-1]; last["code"] != "agri_tech" {
			t.Errorf("new item not last: %v", codes(items))
		}
		// The same key and body answer the first response.
		if again := adm.Do(t, "POST", base, map[string]any{"code": "agri_tech", "labelZh": " 农业科技 ", "labelEn": "Agritech"},
			"Idempotency-Key", "create-agri"); again.Status != 201 || again.ID() != id {
			t.Errorf("idempotent retry: %d %s", again.Status, again.Raw)
		}

		// Validation names the fields.
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"code": "Bad Code", "labelZh": "x", "labelEn": "x"}, "body.code"},
			{map[string]any{"code": "", "labelZh": "x", "labelEn": "x"}, "body.code"},
			{map[string]any{"code": strings.Repeat("a", 51), "labelZh": "x", "labelEn": "x"}, "body.code"},
			{map[string]any{"code": "agri_tech", "labelZh": "x", "labelEn": "x"}, "body.code"},
			{map[string]any{"code": "manufacturing", "labelZh": "x", "labelEn": "x"}, "body.code"},
			{map[string]any{"code": "ok1", "labelZh": "  ", "labelEn": "x"}, "body.labelZh"},
			{map[string]any{"code": "ok2", "labelZh": "x", "labelEn": strings.Repeat("长", 101)}, "body.labelEn"},
		} {
			r := adm.Do(t, "POST", base, tc.body).Want(t, 422)
			if _, ok := r.FieldErrors()[tc.field]; !ok {
				t.Errorf("%v: errors %v, want one on %s", tc.body, r.FieldErrors(), tc.field)
			}
		}
		// The same code in another kind is fine.
		adm.Do(t, "POST", "/api/v1/dictionary/source/items", map[string]any{"code": "agri_tech", "labelZh": "农", "labelEn": "Agri"}).Want(t, 201)
		adm.Do(t, "POST", "/api/v1/dictionary/no_such_kind/items", map[string]any{"code": "x", "labelZh": "x", "labelEn": "x"}).Want(t, 404)
		adm.Do(t, "GET", "/api/v1/dictionary/no_such_kind/items", nil).Want(t, 404)

		// Update: If-Match required and checked; code immutable.
		path := fmt.Sprintf("/api/v1/dictionary/items/%d", id)
		adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Agri-tech"}).Want(t, 428)
		adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Agri-tech"}, "If-Match", `"7"`).Want(t, 412)
		adm.Do(t, "PATCH", path, map[string]any{"code": "other"}, "If-Match", `"1"`).Want(t, 422)
		r = adm.Do(t, "PATCH", path, map[string]any{"labelEn": ""}, "If-Match", `"1"`).Want(t, 422)
		if _, ok := r.FieldErrors()["body.labelEn"]; !ok {
			t.Errorf("blank label errors %v", r.FieldErrors())
		}
		r = adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Agri-tech", "active": false}, "If-Match", `"1"`).Want(t, 200)
		if r.Header.Get("ETag") != `"2"` || r.JSON["active"] != false || r.Str("code") != "agri_tech" {
			t.Errorf("updated %s", r.Raw)
		}
		adm.Do(t, "PATCH", "/api/v1/dictionary/items/987654321", map[string]any{"labelEn": "x"}, "If-Match", `"1"`).Want(t, 404)

		// Inactive items are listed only when asked; Exists sees active items only.
		if cs := codes(adm.Do(t, "GET", base, nil).Want(t, 200).Items()); strings.Contains(strings.Join(cs, ","), "agri_tech") {
			t.Errorf("inactive item listed: %v", cs)
		}
		if cs := codes(adm.Do(t, "GET", base+"?includeInactive=true", nil).Want(t, 200).Items()); !strings.Contains(strings.Join(cs, ","), "agri_tech") {
			t.Errorf("inactive item missing with includeInactive: %v", cs)
		}
		svc := a.Modules.Dictionary
		ctx := context.Background()
		for _, tc := range []struct {
			kind, code string
			want       bool
		}{{"industry", "agri_tech", false}, {"industry", "finance", true}, {"region", "finance", false}, {"nope", "x", false}} {
			if got, err := svc.Exists(ctx, tc.kind, tc.code); err != nil || got != tc.want {
				t.Errorf("Exists(%s, %s) = %v, %v; want %v", tc.kind, tc.code, got, err, tc.want)
			}
		}
		if l := svc.Label(ctx, "customer_level", "key", "zh-CN"); l != "重点客户" {
			t.Errorf("Label zh %q", l)
		}
		if l := svc.Label(ctx, "customer_level", "key", "en"); l != "Key" {
			t.Errorf("Label en %q", l)
		}
		if l := svc.Label(ctx, "customer_level", "gone", "en"); l != "gone" {
			t.Errorf("Label of an unknown code %q", l)
		}

		// Delete: built-in items are refused, custom ones go.
		builtin := adm.Do(t, "GET", base, nil).Want(t, 200).Items()[0]
		adm.Do(t, "DELETE", fmt.Sprintf("/api/v1/dictionary/items/%d", int64(builtin["id"].(float64))), nil).Want(t, 409)
		adm.Do(t, "DELETE", path, nil).Want(t, 204)
		adm.Do(t, "DELETE", path, nil).Want(t, 404)

		// Audit rows for create, update and delete.
		sys := testkit.System()
		evs, err := a.Store.Client(sys).AuditEvent.Query().
			Where(auditevent.Entity("dictionary_item"), auditevent.EntityID(id)).All(sys)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); got != "create,update,delete" {
			t.Errorf("audit actions %q, want create,update,delete", got)
		}
	})
}

func TestReorder(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		adm := a.Login(t, "admin@kehu.test")
		items := adm.Do(t, "GET", "/api/v1/dictionary/customer_level/items", nil).Want(t, 200).Items()
		ids := testkit.IDs(items) // ordinary,key,major,partner,strategic
		r := adm.Do(t, "POST", "/api/v1/dictionary/customer_level/reorder", map[string]any{"ids": []int64{ids[4], ids[0]}}).Want(t, 200)
		if got := strings.Join(codes(r.Items()), ","); got != "strategic,ordinary,key,major,partner" {
			t.Errorf("after reorder %s", got)
		}
		got := codes(adm.Do(t, "GET", "/api/v1/dictionary/customer_level/items", nil).Want(t, 200).Items())
		if strings.Join(got, ",") != "strategic,ordinary,key,major,partner" {
			t.Errorf("listed after reorder %v", got)
		}
		// An id of another kind, or twice, is refused and changes nothing.
		region := testkit.IDs(adm.Do(t, "GET", "/api/v1/dictionary/region/items", nil).Want(t, 200).Items())
		r = adm.Do(t, "POST", "/api/v1/dictionary/customer_level/reorder", map[string]any{"ids": []int64{ids[1], region[0]}}).Want(t, 422)
		if _, ok := r.FieldErrors()["body.ids[1]"]; !ok {
			t.Errorf("errors %v", r.FieldErrors())
		}
		adm.Do(t, "POST", "/api/v1/dictionary/customer_level/reorder", map[string]any{"ids": []int64{ids[1], ids[1]}}).Want(t, 422)
		adm.Do(t, "POST", "/api/v1/dictionary/nope/reorder", map[string]any{"ids": []int64{}}).Want(t, 404)
		got = codes(adm.Do(t, "GET", "/api/v1/dictionary/customer_level/items", nil).Want(t, 200).Items())
		if strings.Join(got, ",") != "strategic,ordinary,key,major,partner" {
			t.Errorf("refused reorder changed the order: %v", got)
		}
		// Each moved item got an audited update.
		sys := testkit.System()
		n, err := a.Store.Client(sys).AuditEvent.Query().Where(auditevent.Entity("dictionary_item"), auditevent.Action("update")).Count(sys)
		if err != nil || n == 0 {
			t.Errorf("reorder audit rows: %d, %v", n, err)
		}
	})
}
