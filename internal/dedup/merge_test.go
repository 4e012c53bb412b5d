package dedup_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/hook"
	"github.com/kehu-crm/kehu/internal/ent/mergelog"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// mergeWorld is two duplicate accounts with contacts, activities and comments, made by am.east.
type mergeWorld struct {
	a                            *testkit.App
	tp                           testkit.Topology
	survivor, merged             int64
	keptContact, movedContact    int64
	movedActivity, movedComment  int64
	contactComment, contactOther int64
}

func newMergeWorld(t *testing.T, d db.Dialect) *mergeWorld {
	a := testkit.NewApp(t, d)
	w := &mergeWorld{a: a, tp: a.NewTopology(t)}
	zh, en, typ, key, ent_ := "预算", "Budget", "text", "budget", "account"
	if _, err := a.Modules.CustomField.Create(testkit.System(), customfield.Input{Entity: &ent_, Key: &key, Type: &typ,
		LabelZh: &zh, LabelEn: &en}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"region2"} {
		key2 := k
		if _, err := a.Modules.CustomField.Create(testkit.System(), customfield.Input{Entity: &ent_, Key: &key2, Type: &typ,
			LabelZh: &zh, LabelEn: &en}); err != nil {
			t.Fatal(err)
		}
	}
	east := a.Login(t, "am.east@kehu.test")
	w.survivor = newAccount(t, east, map[string]any{"name": "上海示例科技有限公司", "tags": []string{"vip"},
		"address": "上海市浦东新区", "custom": map[string]any{"budget": "100万"}})
	w.merged = newAccount(t, east, map[string]any{"name": "上海示例科技", "phone": "13800138000", "tags": []string{"key", "vip"},
		"address": "上海", "website": "https://example.cn", "custom": map[string]any{"budget": "200万", "region2": "华东"}})
	w.keptContact = east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": w.survivor, "name": "张三"}).Want(t, 201).ID()
	w.movedContact = east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": w.merged, "name": "李四",
		"email": "li@example.cn"}).Want(t, 201).ID()
	err := a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		c := a.Store.Client(ctx)
		act, err := c.Activity.Create().SetType("call").SetSubject("回访").SetAccountID(w.merged).
			SetContactID(w.movedContact).SetOwnerID(w.tp.AMEast).SetTeamID(w.tp.East).Save(ctx)
		if err != nil {
			return err
		}
		w.movedActivity = act.ID
		cm, err := c.Comment.Create().SetEntity("account").SetRecordID(w.merged).SetAccountID(w.merged).
			SetBody("重复客户？").SetAuthorID(w.tp.AMEast).Save(ctx)
		if err != nil {
			return err
		}
		w.movedComment = cm.ID
		cc, err := c.Comment.Create().SetEntity("contact").SetRecordID(w.movedContact).SetAccountID(w.merged).
			SetBody("联系人备注").SetAuthorID(w.tp.AMEast).Save(ctx)
		if err != nil {
			return err
		}
		w.contactComment = cc.ID
		co, err := c.Comment.Create().SetEntity("account").SetRecordID(w.survivor).SetAccountID(w.survivor).
			SetBody("保留").SetAuthorID(w.tp.AMEast).Save(ctx)
		w.contactOther = co.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestMergeAccounts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		w := newMergeWorld(t, d)
		a := w.a
		director := a.Login(t, "director@kehu.test")
		path := fmt.Sprintf("/api/v1/accounts/%d/merge", w.survivor)

		pv := director.Do(t, "GET", fmt.Sprintf("/api/v1/duplicates/preview?entity=account&survivorId=%d&mergeId=%d",
			w.survivor, w.merged), nil).Want(t, 200)
		if pv.JSON["contacts"] != float64(1) || pv.JSON["activities"] != float64(1) || pv.JSON["comments"] != float64(1) {
			t.Errorf("preview: %s", pv.Raw)
		}

		// Validation: every bad choice is named; the same record; no If-Match; an old version.
		bad := director.Do(t, "POST", path, map[string]any{"mergeId": w.merged,
			"fields": map[string]string{"bogus": "merged", "name": "both", "ownerId": "merged", "custom.": "merged"}}, "If-Match", `"1"`).Want(t, 422)
		fe := bad.FieldErrors()
		for _, f := range []string{"body.fields.bogus", "body.fields.name", "body.fields.ownerId", "body.fields.custom."} {
			if fe[f] == "" {
				t.Errorf("%s not named: %s", f, bad.Raw)
			}
		}
		director.Do(t, "POST", path, map[string]any{"mergeId": w.survivor}, "If-Match", `"1"`).Want(t, 422)
		director.Do(t, "POST", path, map[string]any{"mergeId": w.merged}).Want(t, 428)
		director.Do(t, "POST", path, map[string]any{"mergeId": w.merged}, "If-Match", `"7"`).Want(t, 412)
		director.Do(t, "POST", path, map[string]any{"mergeId": testkit.MissingID}, "If-Match", `"1"`).Want(t, 422)

		r := director.Do(t, "POST", path, map[string]any{"mergeId": w.merged,
			"fields": map[string]string{"name": "merged", "custom.budget": "merged", "address": "survivor"}}, "If-Match", `"1"`).Want(t, 200)
		if r.Header.Get("ETag") != `"2"` || r.JSON["version"] != float64(2) {
			t.Errorf("version: %s %s", r.Header.Get("ETag"), r.Raw)
		}
		moved := r.JSON["moved"].(map[string]any)
		if moved["contacts"] != float64(1) || moved["activities"] != float64(1) || moved["comments"] != float64(1) {
			t.Errorf("moved: %v", moved)
		}

		sur := director.Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d", w.survivor), nil).Want(t, 200)
		custom := sur.JSON["custom"].(map[string]any)
		if sur.Str("name") != "上海示例科技" || sur.Str("address") != "上海市浦东新区" || sur.Str("phone") != "13800138000" ||
			sur.Str("website") != "https://example.cn" || custom["budget"] != "200万" || custom["region2"] != "华东" ||
			fmt.Sprint(sur.JSON["tags"]) != "[vip key]" {
			t.Errorf("survivor after merge: %s", sur.Raw)
		}
		director.Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d", w.merged), nil).Want(t, 404)

		ctx := testkit.System()
		c := a.Store.Client(ctx)
		// The contacts of both are the survivor's now.
		ids := testkit.IDs(director.Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d/contacts", w.survivor), nil).Want(t, 200).Items())
		if !sameSet(strs(ids), strs([]int64{w.keptContact, w.movedContact})) {
			t.Errorf("survivor contacts %v", ids)
		}
		if act := c.Activity.GetX(ctx, w.movedActivity); deref(act.AccountID) != w.survivor || deref(act.ContactID) != w.movedContact {
			t.Errorf("activity not moved: %+v", act)
		}
		if cm := c.Comment.GetX(ctx, w.movedComment); cm.RecordID != w.survivor || deref(cm.AccountID) != w.survivor {
			t.Errorf("account comment not moved: %+v", cm)
		}
		if cm := c.Comment.GetX(ctx, w.contactComment); cm.RecordID != w.movedContact || deref(cm.AccountID) != w.survivor {
			t.Errorf("contact comment's account not moved: %+v", cm)
		}
		// The merge log keeps a snapshot of the merged record and the choices.
		ml := c.MergeLog.Query().Where(mergelog.SurvivorID(w.survivor)).OnlyX(ctx)
		if ml.MergedID != w.merged || ml.Snapshot["name"] != "上海示例科技" || ml.Choices["name"] != "merged" ||
			ml.Choices["address"] != "survivor" || ml.Choices["phone"] != "merged" || deref(ml.UserID) != w.tp.Director {
			t.Errorf("merge log: %+v", ml)
		}
		// An explicit merge event on the survivor names the merged record; the merged record's history stays.
		ev := c.AuditEvent.Query().Where(auditevent.Action("merge"), auditevent.Entity("account"),
			auditevent.EntityID(w.survivor)).OnlyX(ctx)
		if fmt.Sprint(ev.Changes["merged_id"].New) != fmt.Sprint(w.merged) || deref(ev.ActorID) != w.tp.Director {
			t.Errorf("merge event: %+v", ev)
		}
		if n := c.AuditEvent.Query().Where(auditevent.Entity("account"), auditevent.EntityID(w.merged)).CountX(ctx); n < 2 {
			t.Errorf("merged record's history: %d events", n)
		}
		// Keys and search follow the hooks: the merged record is gone, the survivor matches its new name.
		if got := keysOf(t, a, "account", w.merged); len(got) != 0 {
			t.Errorf("merged keys left: %v", got)
		}
		wantKeys(t, "survivor keys", keysOf(t, a, "account", w.survivor), "name=上海示例科技", "phone=13800138000", "website=example.cn")
		wantKeys(t, "moved contact keys", keysOf(t, a, "contact", w.movedContact), fmt.Sprintf("name=%d:李四", w.survivor), "email=li@example.cn")
		hits := director.Do(t, "GET", "/api/v1/search?q=%E7%A4%BA%E4%BE%8B&types=account", nil).Want(t, 200).Items()
		if len(hits) != 1 || int64(hits[0]["id"].(float64)) != w.survivor {
			t.Errorf("search after merge: %v", hits)
		}
		// The moved contact follows its new account's owner and team.
		if mc := c.Contact.GetX(ctx, w.movedContact); mc.AccountID != w.survivor || deref(mc.OwnerID) != w.tp.AMEast {
			t.Errorf("moved contact: %+v", mc)
		}
	})
}

func TestMergeIsAtomic(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		w := newMergeWorld(t, d)
		a := w.a
		ctx := testkit.System()
		c := a.Store.Client(ctx)
		admin := a.Login(t, "admin@kehu.test")
		before := snapshot(t, c, w)
		// Fail the very last write of the merge (deleting the merged record), after everything moved.
		c.Account.Use(hook.On(func(next entgo.Mutator) entgo.Mutator {
			return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
				return nil, errors.New("injected failure")
			})
		}, entgo.OpDeleteOne))
		admin.Do(t, "POST", fmt.Sprintf("/api/v1/accounts/%d/merge", w.survivor), map[string]any{"mergeId": w.merged,
			"fields": map[string]string{"name": "merged"}}, "If-Match", `"1"`).Want(t, 500)
		if after := snapshot(t, c, w); after != before {
			t.Errorf("a failed merge changed data:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// snapshot renders everything a merge touches.
func snapshot(t *testing.T, c *ent.Client, w *mergeWorld) string {
	ctx := testkit.System()
	s := c.Account.GetX(ctx, w.survivor)
	m := c.Account.GetX(ctx, w.merged)
	var contacts []string
	for _, x := range c.Contact.Query().Order(ent.Asc(contact.FieldID)).AllX(ctx) {
		contacts = append(contacts, fmt.Sprintf("%d@%d/v%d", x.ID, x.AccountID, x.Version))
	}
	var comments []string
	for _, x := range c.Comment.Query().Order(ent.Asc(comment.FieldID)).AllX(ctx) {
		comments = append(comments, fmt.Sprintf("%d:%s/%d@%d", x.ID, x.Entity, x.RecordID, deref(x.AccountID)))
	}
	act := c.Activity.Query().Where(activity.ID(w.movedActivity)).OnlyX(ctx)
	return fmt.Sprintf("survivor %s v%d %v; merged %s v%d; contacts %v; comments %v; activity@%d; logs %d; audit %d; keys %v %v",
		s.Name, s.Version, s.Tags, m.Name, m.Version, contacts, comments, deref(act.AccountID),
		c.MergeLog.Query().CountX(ctx), c.AuditEvent.Query().CountX(ctx),
		keysOf(t, w.a, "account", w.survivor), keysOf(t, w.a, "contact", w.movedContact))
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func strs(ids []int64) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, itoa(id))
	}
	slices.Sort(out)
	return out
}
