package timeline_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func inTx(t *testing.T, a *testkit.App, fn func(ctx context.Context, c *ent.Client) error) {
	t.Helper()
	if err := a.Store.WithTx(testkit.System(), func(ctx context.Context) error { return fn(ctx, a.Store.Client(ctx)) }); err != nil {
		t.Fatal(err)
	}
}

// key names an item "kind:id" for set comparisons.
func key(it map[string]any) string { return fmt.Sprintf("%s:%v", it["kind"], it["id"]) }

func keys(items []map[string]any) []string {
	var out []string
	for _, it := range items {
		out = append(out, key(it))
	}
	return out
}

func has(items []map[string]any, pred func(map[string]any) bool) bool {
	for _, it := range items {
		if pred(it) {
			return true
		}
	}
	return false
}

// fieldChange finds the newest change of field in the change items of entity's record id.
func fieldChange(items []map[string]any, entity string, id int64, field string) map[string]any {
	for _, it := range items {
		if it["kind"] != "change" || it["entity"] != entity || it["recordId"] != float64(id) {
			continue
		}
		for _, f := range it["change"].(map[string]any)["fields"].([]any) {
			if fm := f.(map[string]any); fm["field"] == field {
				return fm
			}
		}
	}
	return nil
}

func TestAccountTimeline(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		am := a.Login(t, "am.east@kehu.test")
		exec := a.Login(t, "exec@kehu.test")
		west := a.Login(t, "am.west@kehu.test")
		director := a.Login(t, "director@kehu.test")
		admin.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "account", "key": "bank", "labelZh": "开户行",
			"labelEn": "Bank", "type": "text", "sensitive": true}).Want(t, 201)
		admin.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "account", "key": "budget", "labelZh": "预算",
			"labelEn": "Budget", "type": "number"}).Want(t, 201)

		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "星河科技", "phone": "13800001111"}).Want(t, 201)
		id := acc.ID()
		am.Do(t, "PATCH", "/api/v1/accounts/"+itoa(id), map[string]any{"name": "星河科技有限公司", "phone": "13900002222",
			"custom": map[string]any{"bank": "招商银行 6225", "budget": 100}}, "If-Match", `"1"`).Want(t, 200)
		con := am.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": id, "name": "周敏"}).Want(t, 201).ID()
		call := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "首次电话", "accountId": id,
			"contactId": con, "content": "预算冻结到第四季度"}).Want(t, 201).ID()
		am.Do(t, "PATCH", "/api/v1/activities/"+itoa(call), map[string]any{"outcome": "下季度再联系"}, "If-Match", `"1"`).Want(t, 200)

		// An activity on the account owned by someone outside am.east's scope, with a comment on it.
		var hidden, hiddenComment, comment, merged int64
		inTx(t, a, func(ctx context.Context, c *ent.Client) error {
			hidden = c.Activity.Create().SetType("visit").SetSubject("西部代拜访").SetAccountID(id).SetOwnerID(tp.AMWest).
				SetTeamID(tp.West).SetTags([]string{}).SetCustom(map[string]any{}).SaveX(ctx).ID
			hiddenComment = c.Comment.Create().SetEntity("activity").SetRecordID(hidden).SetAccountID(id).SetBody("西部的评论").
				SetAuthorID(tp.AMWest).SaveX(ctx).ID
			comment = c.Comment.Create().SetEntity("account").SetRecordID(id).SetAccountID(id).SetBody("@周敏 请跟进").
				SetMentions([]int64{tp.AMEast}).SetAuthorID(tp.Director).SaveX(ctx).ID
			// A duplicate account with its own history, merged into this one.
			dup := c.Account.Create().SetName("星河科技(重复)").SetOwnerID(tp.AMEast).SetTeamID(tp.East).SaveX(ctx)
			c.Comment.Create().SetEntity("account").SetRecordID(dup.ID).SetBody("重复客户上的评论").SetAuthorID(tp.AMEast).SaveX(ctx)
			c.Account.DeleteOneID(dup.ID).ExecX(ctx)
			merged = c.MergeLog.Create().SetEntity("account").SetSurvivorID(id).SetMergedID(dup.ID).
				SetSnapshot(map[string]any{"name": "星河科技(重复)"}).SetUserID(tp.AMEast).SaveX(ctx).ID
			return nil
		})

		path := "/api/v1/accounts/" + itoa(id) + "/timeline"
		all, st := am.ListAll(t, path)
		if st != 200 {
			t.Fatalf("status %d", st)
		}
		// Newest first.
		for i := 1; i < len(all); i++ {
			if all[i-1]["at"].(string) < all[i]["at"].(string) {
				t.Errorf("not newest first at %d: %v then %v", i, all[i-1]["at"], all[i]["at"])
			}
		}
		ks := keys(all)
		for _, want := range []string{"activity:" + itoa(call), "comment:" + itoa(comment), "merge:" + itoa(merged)} {
			if !contains(ks, want) {
				t.Errorf("timeline lacks %s: %v", want, ks)
			}
		}
		if contains(ks, "activity:"+itoa(hidden)) || contains(ks, "comment:"+itoa(hiddenComment)) {
			t.Errorf("timeline shows an activity (or its comment) outside the reader's scope: %v", ks)
		}
		if !has(all, func(it map[string]any) bool {
			c, ok := it["comment"].(map[string]any)
			return ok && c["body"] == "重复客户上的评论"
		}) {
			t.Error("the merged record's history is missing")
		}
		if !has(all, func(it map[string]any) bool {
			m, ok := it["merge"].(map[string]any)
			return ok && m["mergedName"] == "星河科技(重复)" && it["actorName"] == "am.east@kehu.test"
		}) {
			t.Error("merge item without its name or actor")
		}
		// Field changes: labelled, old → new; the sensitive phone masked for everyone (never logged);
		// the activity's own creation is not repeated as a change, its update is.
		name := fieldChange(all, "account", id, "name")
		if name == nil || name["label"] != "客户名称" || name["old"] != "星河科技" || name["new"] != "星河科技有限公司" {
			t.Errorf("name change: %v", name)
		}
		if ph := fieldChange(all, "account", id, "phone"); ph == nil || ph["masked"] != true || ph["old"] != nil || ph["new"] != nil {
			t.Errorf("phone change: %v", ph)
		}
		if bank := fieldChange(all, "account", id, "custom.bank"); bank == nil || bank["new"] != "招商银行 6225" || bank["label"] != "开户行" || bank["masked"] != false {
			t.Errorf("sensitive custom field for its owner: %v", bank)
		}
		if oc := fieldChange(all, "activity", call, "outcome"); oc == nil || oc["new"] != "下季度再联系" {
			t.Errorf("activity update: %v", oc)
		}
		if has(all, func(it map[string]any) bool {
			c, ok := it["change"].(map[string]any)
			return ok && it["entity"] == "activity" && c["action"] == "create"
		}) {
			t.Error("activity creation repeated as a change")
		}
		// The executive reads the account but not its sensitive values; budget stays visible.
		ex, _ := exec.ListAll(t, path)
		if bank := fieldChange(ex, "account", id, "custom.bank"); bank == nil || bank["masked"] != true || bank["new"] != nil {
			t.Errorf("sensitive custom field for the executive: %v", bank)
		}
		if b := fieldChange(ex, "account", id, "custom.budget"); b == nil || b["new"] != float64(100) || b["masked"] != false {
			t.Errorf("plain custom field for the executive: %v", b)
		}
		if ks := keys(ex); !contains(ks, "activity:"+itoa(hidden)) {
			t.Errorf("executive misses an activity in scope: %v", ks)
		}
		// Labels follow the reader's language.
		am.Do(t, "PATCH", "/api/v1/me", map[string]any{"locale": "en"}).Want(t, 200)
		en, _ := am.ListAll(t, path)
		if n := fieldChange(en, "account", id, "name"); n == nil || n["label"] != "Name" {
			t.Errorf("en label: %v", n)
		}
		// Paging by cursor yields the same items, each once.
		var paged []string
		cursor := ""
		for range 50 {
			q := path + "?limit=2"
			if cursor != "" {
				q += "&cursor=" + cursor
			}
			r := am.Do(t, "GET", q, nil).Want(t, 200)
			paged = append(paged, keys(r.Items())...)
			next, _ := r.JSON["nextCursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		if fmt.Sprint(paged) != fmt.Sprint(ks) {
			t.Errorf("paged %v\n  whole %v", paged, ks)
		}
		// Type filter.
		only := am.Do(t, "GET", path+"?types=comment", nil).Want(t, 200).Items()
		for _, it := range only {
			if it["kind"] != "comment" {
				t.Errorf("types=comment gave %v", key(it))
			}
		}
		if len(only) != 2 {
			t.Errorf("comments: %v", keys(only))
		}
		// Out of scope is a 404 exactly like a missing account; bad input is a named 422.
		west.Do(t, "GET", path, nil).Want(t, 404)
		director.Do(t, "GET", path, nil).Want(t, 200)
		am.Do(t, "GET", "/api/v1/accounts/987654321/timeline", nil).Want(t, 404)
		if fe := am.Do(t, "GET", path+"?types=gossip", nil).Want(t, 422).FieldErrors(); fe["query.types"] == "" {
			t.Errorf("bad types: %v", fe)
		}
		if fe := am.Do(t, "GET", path+"?cursor=%27%20OR%201%3D1", nil).Want(t, 422).FieldErrors(); fe["query.cursor"] == "" {
			t.Errorf("bad cursor: %v", fe)
		}
		// The contact's timeline: its activity, not the account's comment.
		ct, st := am.ListAll(t, "/api/v1/contacts/"+itoa(con)+"/timeline")
		if cks := keys(ct); st != 200 || !contains(cks, "activity:"+itoa(call)) || contains(cks, "comment:"+itoa(comment)) {
			t.Errorf("contact timeline %d: %v", st, cks)
		}
		west.Do(t, "GET", "/api/v1/contacts/"+itoa(con)+"/timeline", nil).Want(t, 404)
	})
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
