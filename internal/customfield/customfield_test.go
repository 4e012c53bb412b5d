package customfield_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func keys(items []map[string]any) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i], _ = it["key"].(string)
	}
	return strings.Join(out, ",")
}

var selectOptions = []map[string]any{
	{"value": "a", "labelZh": "甲", "labelEn": "Alpha"}, {"value": "b", "labelZh": "乙", "labelEn": "Beta"},
	{"value": "c", "labelZh": "丙", "labelEn": "Gamma"},
}

// define creates a field through the API and returns its id.
func define(t testing.TB, c *testkit.Client, body map[string]any) int64 {
	t.Helper()
	if body["labelZh"] == nil {
		body["labelZh"] = body["key"].(string) + "中"
	}
	if body["labelEn"] == nil {
		body["labelEn"] = body["key"].(string) + " EN"
	}
	if body["entity"] == nil {
		body["entity"] = "account"
	}
	return c.Do(t, "POST", "/api/v1/custom-fields", body).Want(t, 201).ID()
}

func TestDefinitions(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		adm := a.Login(t, "admin@kehu.test")
		body := map[string]any{"entity": "account", "key": "grade", "labelZh": " 等级 ", "labelEn": "Grade", "type": "select",
			"options": selectOptions, "filterable": true}
		r := adm.Do(t, "POST", "/api/v1/custom-fields", body, "Idempotency-Key", "create-grade").Want(t, 201)
		id := r.ID()
		if r.Header.Get("ETag") != `"1"` || r.Str("labelZh") != "等级" || r.JSON["active"] != true || r.JSON["filterable"] != true ||
			r.JSON["required"] != false || len(r.JSON["options"].([]any)) != 3 {
			t.Fatalf("created %s", r.Raw)
		}
		if again := adm.Do(t, "POST", "/api/v1/custom-fields", body, "Idempotency-Key", "create-grade"); again.Status != 201 || again.ID() != id {
			t.Errorf("idempotent retry: %d %s", again.Status, again.Raw)
		}
		define(t, adm, map[string]any{"key": "budget", "type": "number"})
		// The same key on another entity is fine.
		define(t, adm, map[string]any{"entity": "contact", "key": "grade", "type": "text"})

		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"entity": "account", "key": "Bad", "labelZh": "x", "labelEn": "x", "type": "text"}, "body.key"},
			{map[string]any{"entity": "account", "key": "9a", "labelZh": "x", "labelEn": "x", "type": "text"}, "body.key"},
			{map[string]any{"entity": "account", "key": "a" + strings.Repeat("b", 40), "labelZh": "x", "labelEn": "x", "type": "text"}, "body.key"},
			{map[string]any{"entity": "account", "key": "grade", "labelZh": "x", "labelEn": "x", "type": "text"}, "body.key"},
			{map[string]any{"entity": "user", "key": "x", "labelZh": "x", "labelEn": "x", "type": "text"}, "body.entity"},
			{map[string]any{"entity": "account", "key": "ok1", "labelZh": " ", "labelEn": "x", "type": "text"}, "body.labelZh"},
			{map[string]any{"entity": "account", "key": "ok2", "labelZh": "x", "labelEn": strings.Repeat("长", 101), "type": "text"}, "body.labelEn"},
			{map[string]any{"entity": "account", "key": "ok3", "labelZh": "x", "labelEn": "x", "type": "select"}, "body.options"},
			{map[string]any{"entity": "account", "key": "ok4", "labelZh": "x", "labelEn": "x", "type": "multiselect",
				"options": []map[string]any{{"value": "a", "labelZh": "x", "labelEn": "x"}, {"value": "a", "labelZh": "y", "labelEn": "y"}}}, "body.options[1].value"},
			{map[string]any{"entity": "account", "key": "ok5", "labelZh": "x", "labelEn": "x", "type": "text", "options": selectOptions}, "body.options"},
		} {
			r := adm.Do(t, "POST", "/api/v1/custom-fields", tc.body).Want(t, 422)
			if _, ok := r.FieldErrors()[tc.field]; !ok {
				t.Errorf("%v: errors %v, want one on %s", tc.body, r.FieldErrors(), tc.field)
			}
		}
		adm.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "account", "key": "x", "labelZh": "x", "labelEn": "x", "type": "blob"}).Want(t, 422)
		adm.Do(t, "GET", "/api/v1/custom-fields?entity=nope", nil).Want(t, 422)
		adm.Do(t, "GET", "/api/v1/custom-fields", nil).Want(t, 422)

		// Update: If-Match required and checked; key and type immutable.
		path := fmt.Sprintf("/api/v1/custom-fields/%d", id)
		adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Class"}).Want(t, 428)
		adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Class"}, "If-Match", `"7"`).Want(t, 412)
		adm.Do(t, "PATCH", path, map[string]any{"key": "other"}, "If-Match", `"1"`).Want(t, 422)
		adm.Do(t, "PATCH", path, map[string]any{"type": "text"}, "If-Match", `"1"`).Want(t, 422)
		if r := adm.Do(t, "PATCH", path, map[string]any{"options": []any{}}, "If-Match", `"1"`).Want(t, 422); r.FieldErrors()["body.options"] == "" {
			t.Errorf("empty options: %s", r.Raw)
		}
		r = adm.Do(t, "PATCH", path, map[string]any{"labelEn": "Class", "required": true, "sensitive": true,
			"options": selectOptions[:2]}, "If-Match", `"1"`).Want(t, 200)
		if r.Header.Get("ETag") != `"2"` || r.Str("labelEn") != "Class" || r.JSON["required"] != true || r.JSON["sensitive"] != true ||
			len(r.JSON["options"].([]any)) != 2 || r.Str("key") != "grade" || r.Str("type") != "select" {
			t.Errorf("updated %s", r.Raw)
		}
		adm.Do(t, "PATCH", path, map[string]any{"active": false}, "If-Match", `"2"`).Want(t, 200)
		adm.Do(t, "PATCH", "/api/v1/custom-fields/987654321", map[string]any{"labelEn": "x"}, "If-Match", `"1"`).Want(t, 404)

		// Inactive fields are listed only when asked; zh-CN labels.
		if got := keys(adm.Do(t, "GET", "/api/v1/custom-fields?entity=account", nil).Want(t, 200).Items()); got != "budget" {
			t.Errorf("active fields %s", got)
		}
		adm.Lang = "zh-CN"
		all := adm.Do(t, "GET", "/api/v1/custom-fields?entity=account&includeInactive=true", nil).Want(t, 200).Items()
		if keys(all) != "grade,budget" || all[0]["label"] != "等级" {
			t.Errorf("all fields %v", all)
		}

		// Delete.
		adm.Do(t, "DELETE", path, nil).Want(t, 204)
		adm.Do(t, "DELETE", path, nil).Want(t, 404)

		sys := testkit.System()
		evs, err := a.Store.Client(sys).AuditEvent.Query().
			Where(auditevent.Entity("custom_field"), auditevent.EntityID(id)).All(sys)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); got != "create,update,update,delete" {
			t.Errorf("audit actions %q", got)
		}
	})
}

func TestReorder(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewUser(t, "admin@kehu.test", 0, "admin")
		adm := a.Login(t, "admin@kehu.test")
		ids := []int64{define(t, adm, map[string]any{"key": "f1", "type": "text"}), define(t, adm, map[string]any{"key": "f2", "type": "text"}),
			define(t, adm, map[string]any{"key": "f3", "type": "text"})}
		other := define(t, adm, map[string]any{"entity": "contact", "key": "f1", "type": "text"})
		r := adm.Do(t, "POST", "/api/v1/custom-fields/reorder", map[string]any{"entity": "account", "ids": []int64{ids[2], ids[0]}}).Want(t, 200)
		if got := keys(r.Items()); got != "f3,f1,f2" {
			t.Errorf("after reorder %s", got)
		}
		r = adm.Do(t, "POST", "/api/v1/custom-fields/reorder", map[string]any{"entity": "account", "ids": []int64{ids[1], other}}).Want(t, 422)
		if _, ok := r.FieldErrors()["body.ids[1]"]; !ok {
			t.Errorf("errors %v", r.FieldErrors())
		}
		adm.Do(t, "POST", "/api/v1/custom-fields/reorder", map[string]any{"entity": "account", "ids": []int64{ids[1], ids[1]}}).Want(t, 422)
		adm.Do(t, "POST", "/api/v1/custom-fields/reorder", map[string]any{"entity": "nope", "ids": []int64{}}).Want(t, 422)
		if got := keys(adm.Do(t, "GET", "/api/v1/custom-fields?entity=account", nil).Want(t, 200).Items()); got != "f3,f1,f2" {
			t.Errorf("listed after refused reorders %s", got)
		}
	})
}

// everyType defines one field of each type on account and returns a valid value for each.
func everyType(t *testing.T, adm *testkit.Client, userID int64) map[string]any {
	for _, f := range []map[string]any{
		{"key": "note", "type": "text", "filterable": true},
		{"key": "budget", "type": "number", "filterable": true},
		{"key": "deal", "type": "money", "filterable": true},
		{"key": "since", "type": "date", "filterable": true},
		{"key": "grade", "type": "select", "options": selectOptions, "filterable": true},
		{"key": "topics", "type": "multiselect", "options": selectOptions, "filterable": true},
		{"key": "vip", "type": "boolean", "filterable": true},
		{"key": "advisor", "type": "user", "filterable": true},
		{"key": "secret_note", "type": "text"},
	} {
		define(t, adm, f)
	}
	return map[string]any{"note": "备注 note", "budget": 12.5, "deal": float64(123456), "since": "2024-02-29", "grade": "b",
		"topics": []any{"a", "c"}, "vip": true, "advisor": float64(userID), "secret_note": "x"}
}

func TestValues(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		adm := a.Login(t, "admin@kehu.test")
		want := everyType(t, adm, tp.AMWest)
		am := a.Login(t, "am.east@kehu.test")
		r := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "全类型", "custom": want}).Want(t, 201)
		id := r.ID()
		got := am.Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d", id), nil).Want(t, 200)
		custom := got.JSON["custom"].(map[string]any)
		for k, v := range want {
			if fmt.Sprint(custom[k]) != fmt.Sprint(v) {
				t.Errorf("custom.%s = %v, want %v", k, custom[k], v)
			}
		}

		// Bad values are named per key.
		bad := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "坏值", "custom": map[string]any{
			"note": 5, "budget": "many", "deal": 1.5, "since": "2024-02-30", "grade": "z", "topics": []any{"a", "q"},
			"vip": "yes", "advisor": 987654321, "nosuch": 1}}).Want(t, 422).FieldErrors()
		for _, k := range []string{"note", "budget", "deal", "since", "grade", "topics", "vip", "advisor", "nosuch"} {
			if bad["body.custom."+k] == "" {
				t.Errorf("custom.%s not named: %v", k, bad)
			}
		}
		if len(bad) != 9 {
			t.Errorf("errors %v", bad)
		}

		// An update merges: sent keys change, null clears, others stay.
		v := got.Header.Get("ETag")
		up := am.Do(t, "PATCH", fmt.Sprintf("/api/v1/accounts/%d", id), map[string]any{"custom": map[string]any{"note": nil, "budget": 7}},
			"If-Match", v).Want(t, 200)
		c2 := up.JSON["custom"].(map[string]any)
		if _, ok := c2["note"]; ok || c2["budget"] != float64(7) || c2["grade"] != "b" {
			t.Errorf("after merge %v", c2)
		}

		// Required on create; a required value cannot be cleared; inactive fields are refused.
		req := define(t, adm, map[string]any{"key": "region_code", "type": "text", "required": true})
		if e := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "缺必填"}).Want(t, 422).FieldErrors(); e["body.custom.region_code"] == "" {
			t.Errorf("required not enforced: %v", e)
		}
		id2 := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "有必填", "custom": map[string]any{"region_code": "E1"}}).Want(t, 201).ID()
		am.Do(t, "PATCH", fmt.Sprintf("/api/v1/accounts/%d", id2), map[string]any{"custom": map[string]any{"region_code": ""}},
			"If-Match", `"1"`).Want(t, 422)
		adm.Do(t, "PATCH", fmt.Sprintf("/api/v1/custom-fields/%d", req), map[string]any{"active": false}, "If-Match", `"1"`).Want(t, 200)
		if e := am.Do(t, "PATCH", fmt.Sprintf("/api/v1/accounts/%d", id2), map[string]any{"custom": map[string]any{"region_code": "E2"}},
			"If-Match", `"1"`).Want(t, 422).FieldErrors(); e["body.custom.region_code"] == "" {
			t.Errorf("inactive field accepted: %v", e)
		}
		// A deactivated field is hidden but its value kept; a deleted one likewise.
		if c := am.Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d", id2), nil).Want(t, 200).JSON["custom"].(map[string]any); len(c) != 0 {
			t.Errorf("inactive value shown: %v", c)
		}
		adm.Do(t, "DELETE", fmt.Sprintf("/api/v1/custom-fields/%d", req), nil).Want(t, 204)
		sys := testkit.System()
		if acc := a.Store.Client(sys).Account.GetX(sys, id2); acc.Custom["region_code"] != "E1" {
			t.Errorf("stored values after delete: %v", acc.Custom)
		}

		// Contacts validate against their own definitions.
		define(t, adm, map[string]any{"entity": "contact", "key": "hobby", "type": "text"})
		am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "王芳", "custom": map[string]any{"hobby": "茶"}}).Want(t, 201)
		if e := am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "李雷",
			"custom": map[string]any{"budget": 1}}).Want(t, 422).FieldErrors(); e["body.custom.budget"] == "" {
			t.Errorf("account field accepted on a contact: %v", e)
		}
	})
}

func TestFilters(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		adm := a.Login(t, "admin@kehu.test")
		everyType(t, adm, tp.AMWest)
		mk := func(name string, custom map[string]any) int64 {
			return adm.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": name, "custom": custom}).Want(t, 201).ID()
		}
		ids := []int64{
			mk("一", map[string]any{"note": "华东大客户", "budget": 1000, "deal": 500, "since": "2020-01-01", "grade": "a",
				"topics": []string{"a", "b"}, "vip": true, "advisor": tp.AMWest}),
			mk("二", map[string]any{"note": "west", "budget": 50.5, "deal": 10, "since": "2023-06-01", "grade": "b",
				"topics": []string{"c"}, "vip": false, "advisor": tp.AMEast}),
			mk("三", map[string]any{"secret_note": "x"}),
		}
		f := func(s string) string { return "/api/v1/accounts?filter=" + url.QueryEscape(s) }
		for q, want := range map[string][]int64{
			"custom.note:contains:华东":                      {ids[0]},
			"custom.note:eq:west":                          {ids[1]},
			"custom.note:empty":                            {ids[2]},
			"custom.budget:gte:100":                        {ids[0]},
			"custom.budget:lt:100":                         {ids[1]},
			"custom.budget:notempty":                       {ids[0], ids[1]},
			"custom.deal:gt:10":                            {ids[0]},
			"custom.since:gte:2021-01-01":                  {ids[1]},
			"custom.grade:in:a,c":                          {ids[0]},
			"custom.grade:ne:a":                            {ids[1]},
			"custom.topics:has:c":                          {ids[1]},
			"custom.vip:eq:true":                           {ids[0]},
			"custom.vip:eq:false":                          {ids[1]},
			fmt.Sprintf("custom.advisor:eq:%d", tp.AMEast): {ids[1]},
		} {
			items, st := adm.ListAll(t, f(q))
			if st != 200 {
				t.Errorf("%s: %d", q, st)
				continue
			}
			if diff := testkit.SameIDs(testkit.IDs(items), want); diff != "" {
				t.Errorf("%s: %s", q, diff)
			}
		}
		for _, q := range []string{"custom.nosuch:eq:1", "custom.secret_note:eq:x", "custom:eq:1", "custom.budget:gte:abc",
			"custom.grade:gt:a", "custom.since:gte:yesterday"} {
			r := adm.Do(t, "GET", f(q), nil).Want(t, 422)
			if r.FieldErrors()["query.filter[0]"] == "" {
				t.Errorf("%s: %s", q, r.Raw)
			}
		}
	})
}

func TestMeta(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		adm := a.Login(t, "admin@kehu.test")
		everyType(t, adm, tp.AMWest)
		off := define(t, adm, map[string]any{"key": "old", "type": "text"})
		adm.Do(t, "PATCH", fmt.Sprintf("/api/v1/custom-fields/%d", off), map[string]any{"active": false}, "If-Match", `"1"`).Want(t, 200)
		fields := func(lang string) map[string]map[string]any {
			c := a.Login(t, "am.east@kehu.test")
			c.Do(t, "PATCH", "/api/v1/me", map[string]string{"locale": lang}).Want(t, 200)
			out := map[string]map[string]any{}
			for _, e := range c.Do(t, "GET", "/api/v1/meta", nil).Want(t, 200).JSON["entities"].([]any) {
				em := e.(map[string]any)
				if em["name"] != "account" {
					continue
				}
				for _, f := range em["fields"].([]any) {
					fm := f.(map[string]any)
					out[fm["name"].(string)] = fm
				}
			}
			return out
		}
		en, zh := fields("en"), fields("zh-CN")
		for key, typ := range map[string]string{"note": "string", "budget": "number", "deal": "money", "since": "date",
			"grade": "enum", "topics": "tags", "vip": "bool", "advisor": "ref"} {
			f := en["custom."+key]
			if f == nil || f["type"] != typ || f["label"] != key+" EN" || f["filterable"] != true {
				t.Errorf("meta of custom.%s: %v", key, f)
			}
			if zh["custom."+key]["label"] != key+"中" {
				t.Errorf("zh label of custom.%s: %v", key, zh["custom."+key])
			}
		}
		if en["custom.advisor"]["ref"] != "user" || len(en["custom.grade"]["options"].([]any)) != 3 ||
			zh["custom.grade"]["options"].([]any)[0].(map[string]any)["label"] != "甲" {
			t.Errorf("advisor %v grade %v", en["custom.advisor"], zh["custom.grade"])
		}
		if en["custom.old"] != nil {
			t.Error("inactive field in meta")
		}
	})
}

func TestSensitiveMasked(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		adm := a.Login(t, "admin@kehu.test")
		define(t, adm, map[string]any{"key": "id_no", "type": "text", "sensitive": true, "filterable": true})
		define(t, adm, map[string]any{"key": "income", "type": "money", "sensitive": true, "filterable": true})
		define(t, adm, map[string]any{"key": "note", "type": "text"})
		am := a.Login(t, "am.east@kehu.test")
		id := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "敏感", "custom": map[string]any{
			"id_no": "110101199001011234", "income": 100000, "note": "公开"}}).Want(t, 201).ID()
		path := fmt.Sprintf("/api/v1/accounts/%d", id)
		if c := am.Do(t, "GET", path, nil).Want(t, 200).JSON["custom"].(map[string]any); c["id_no"] != "110101199001011234" || c["income"] != float64(100000) {
			t.Errorf("owner sees %v", c)
		}
		// The executive reads every account without account:read_sensitive.
		ex := a.Login(t, "exec@kehu.test")
		r := ex.Do(t, "GET", path, nil).Want(t, 200)
		c := r.JSON["custom"].(map[string]any)
		if c["id_no"] != "****" || c["income"] != nil || c["note"] != "公开" || r.JSON["masked"] != true {
			t.Errorf("executive sees %v", c)
		}
		if items := ex.Do(t, "GET", "/api/v1/accounts", nil).Want(t, 200).Items(); items[0]["custom"].(map[string]any)["id_no"] != "****" {
			t.Errorf("list shows %v", items[0]["custom"])
		}
		if e := ex.Do(t, "GET", "/api/v1/accounts?filter="+url.QueryEscape("custom.income:gt:1"), nil).Want(t, 422).FieldErrors(); e["query.filter[0]"] == "" {
			t.Errorf("sensitive filter: %v", e)
		}
		// An editor without read_sensitive writes the masked values back: the real ones stay.
		role := adm.Do(t, "POST", "/api/v1/roles", map[string]any{"name": "Editor", "grants": []map[string]string{
			{"right": "account:read", "scope": "all"}, {"right": "account:update", "scope": "all"}}}).Want(t, 201).ID()
		uid := a.NewUser(t, "editor@kehu.test", tp.West)
		adm.Do(t, "PATCH", fmt.Sprintf("/api/v1/users/%d", uid), map[string]any{"roleIds": []int64{role}}, "If-Match", `"1"`).Want(t, 200)
		ed := a.Login(t, "editor@kehu.test")
		shown := ed.Do(t, "GET", path, nil).Want(t, 200)
		sent := shown.JSON["custom"].(map[string]any)
		sent["note"] = "改过"
		ed.Do(t, "PATCH", path, map[string]any{"custom": sent}, "If-Match", shown.Header.Get("ETag")).Want(t, 200)
		if c := am.Do(t, "GET", path, nil).Want(t, 200).JSON["custom"].(map[string]any); c["id_no"] != "110101199001011234" ||
			c["income"] != float64(100000) || c["note"] != "改过" {
			t.Errorf("after a masked write-back %v", c)
		}
	})
}
