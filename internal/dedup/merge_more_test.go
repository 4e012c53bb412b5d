package dedup_test

import (
	"fmt"
	"testing"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestMergeContacts(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		w := newMergeWorld(t, d)
		a := w.a
		east := a.Login(t, "am.east@kehu.test")
		// A second 李四 at the survivor account: the same person entered twice.
		dup := east.Do(t, "POST", "/api/v1/contacts", map[string]any{"accountId": w.survivor, "name": "李 四",
			"mobile": "13900139000", "tags": []string{"decision"}}).Want(t, 201).ID()
		ids, _, _ := check(t, east, "contact", map[string]any{"accountId": w.survivor, "name": "李四"})
		if len(ids) != 1 || ids[0] != dup {
			t.Fatalf("check before merge: %v", ids)
		}
		// Merge the contact of the other account (with its activity and comment) into dup.
		r := east.Do(t, "POST", fmt.Sprintf("/api/v1/contacts/%d/merge", dup), map[string]any{"mergeId": w.movedContact},
			"If-Match", `"1"`).Want(t, 200)
		moved := r.JSON["moved"].(map[string]any)
		if moved["activities"] != float64(1) || moved["comments"] != float64(1) || moved["contacts"] != float64(0) {
			t.Errorf("moved: %v", moved)
		}
		got := east.Do(t, "GET", fmt.Sprintf("/api/v1/contacts/%d", dup), nil).Want(t, 200)
		// The empty e-mail is filled from the merged contact; the mobile and the account stay.
		if got.Str("email") != "li@example.cn" || got.Str("mobile") != "13900139000" ||
			got.JSON["accountId"] != float64(w.survivor) || fmt.Sprint(got.JSON["tags"]) != "[decision]" {
			t.Errorf("survivor contact: %s", got.Raw)
		}
		east.Do(t, "GET", fmt.Sprintf("/api/v1/contacts/%d", w.movedContact), nil).Want(t, 404)
		ctx := testkit.System()
		c := a.Store.Client(ctx)
		if act := c.Activity.GetX(ctx, w.movedActivity); deref(act.ContactID) != dup || deref(act.AccountID) != w.merged {
			t.Errorf("activity: contact %d account %d", deref(act.ContactID), deref(act.AccountID))
		}
		if cm := c.Comment.Query().Where(comment.ID(w.contactComment)).OnlyX(ctx); cm.RecordID != dup {
			t.Errorf("contact comment not moved: %+v", cm)
		}
		// Account managers may not delete accounts, so they cannot merge them.
		east.Do(t, "POST", fmt.Sprintf("/api/v1/accounts/%d/merge", w.survivor), map[string]any{"mergeId": w.merged},
			"If-Match", `"1"`).Want(t, 403)
	})
}

// A merger who sees the other record's phone masked cannot take it, explicitly or by default.
func TestMergeNeverTakesMaskedValues(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		w := newMergeWorld(t, d)
		a := w.a
		name := "合并专员"
		grants := []iam.Grant{{Right: "account:read", Scope: "all"}, {Right: "account:update", Scope: "all"},
			{Right: "account:delete", Scope: "all"}, {Right: "account:read_sensitive", Scope: "own"}}
		role, err := a.Modules.IAM.CreateRole(testkit.System(), iam.RoleInput{Name: &name, Grants: &grants})
		if err != nil {
			t.Fatal(err)
		}
		email, pw, ids := "merger@kehu.test", testkit.Password, []int64{role.ID}
		zero := int64(0)
		if _, err := a.Modules.IAM.CreateUser(testkit.System(), iam.UserInput{Email: &email, Name: &email, Password: &pw,
			TeamID: &zero, RoleIDs: &ids}); err != nil {
			t.Fatal(err)
		}
		merger := a.Login(t, email)
		path := fmt.Sprintf("/api/v1/accounts/%d/merge", w.survivor)
		bad := merger.Do(t, "POST", path, map[string]any{"mergeId": w.merged, "fields": map[string]string{"phone": "merged",
			"custom.budget": "merged"}}, "If-Match", `"1"`).Want(t, 422)
		if fe := bad.FieldErrors(); fe["body.fields.phone"] == "" || fe["body.fields.custom.budget"] == "" {
			t.Errorf("masked choices not refused: %s", bad.Raw)
		}
		r := merger.Do(t, "POST", path, map[string]any{"mergeId": w.merged}, "If-Match", `"1"`).Want(t, 200)
		choices := r.JSON["choices"].(map[string]any)
		if choices["phone"] != "survivor" || choices["website"] != "merged" || choices["custom.region2"] != "survivor" {
			t.Errorf("choices: %v", choices)
		}
		sur := a.Login(t, "admin@kehu.test").Do(t, "GET", fmt.Sprintf("/api/v1/accounts/%d", w.survivor), nil).Want(t, 200)
		if sur.Str("phone") != "" || sur.Str("website") != "https://example.cn" {
			t.Errorf("survivor: %s", sur.Raw)
		}
	})
}

// The merge field table agrees with the schema's metadata (names and sensitivity).
func TestMergeFieldsMatchMetadata(t *testing.T) {
	reg := meta.NewRegistry(schema.All())
	for _, entity := range dedup.Entities {
		for _, api := range dedup.MergeFields(entity) {
			f, ok := reg.Field(entity, api)
			if !ok {
				t.Errorf("%s.%s is not a field", entity, api)
				continue
			}
			if f.ReadOnly {
				t.Errorf("%s.%s is read-only", entity, api)
			}
			if got := dedup.MergeFieldSensitive(entity, api); got != f.Sensitive {
				t.Errorf("%s.%s sensitive %v, metadata says %v", entity, api, got, f.Sensitive)
			}
		}
	}
}
