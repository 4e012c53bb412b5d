package activity_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func TestRemindersTagsAndCustomFields(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		admin := a.Login(t, "admin@kehu.test")
		am := a.Login(t, "am.east@kehu.test")
		exec := a.Login(t, "exec@kehu.test")
		admin.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "activity", "key": "budget",
			"labelZh": "预算", "labelEn": "Budget", "type": "number", "filterable": true}).Want(t, 201)
		admin.Do(t, "POST", "/api/v1/custom-fields", map[string]any{"entity": "activity", "key": "secret_note",
			"labelZh": "机密", "labelEn": "Secret", "type": "text", "sensitive": true}).Want(t, 201)

		// Create with a reminder, tags and custom values.
		r := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "meeting", "subject": "方案评审",
			"dueAt": "2030-03-01T10:00:00+08:00", "remindAt": "2030-03-01T09:45:00+08:00",
			"tags": []string{" 重点 ", "Q3", "重点"}, "custom": map[string]any{"budget": 50000, "secret_note": "底价 80 万"}}).Want(t, 201)
		id := r.ID()
		if r.Str("remindAt") != "2030-03-01T01:45:00Z" || r.JSON["remindedAt"] != nil ||
			strings.Join(strs(r.JSON["tags"]), ",") != "重点,Q3" {
			t.Fatalf("created: %s", r.Raw)
		}
		custom := r.JSON["custom"].(map[string]any)
		if custom["budget"] != float64(50000) || custom["secret_note"] != "底价 80 万" || r.JSON["masked"] != false {
			t.Errorf("custom for the owner: %s", r.Raw)
		}
		// The executive reads every activity but not its sensitive custom values.
		ex := exec.Do(t, "GET", "/api/v1/activities/"+itoa(id), nil).Want(t, 200)
		if c := ex.JSON["custom"].(map[string]any); c["secret_note"] == "底价 80 万" || c["budget"] != float64(50000) || ex.JSON["masked"] != true {
			t.Errorf("custom for the executive: %s", ex.Raw)
		}
		// Custom fields filter the list; an unknown key is named.
		if items := am.Do(t, "GET", "/api/v1/activities?filter=custom.budget:gte:10000", nil).Want(t, 200).Items(); len(items) != 1 {
			t.Errorf("custom filter: %d items", len(items))
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x",
			"custom": map[string]any{"nope": 1}}).Want(t, 422).FieldErrors(); fe["body.custom.nope"] == "" {
			t.Errorf("unknown custom key: %v", fe)
		}

		// A sent reminder is re-armed when the reminder time changes, and stays sent otherwise.
		ctx := testkit.System()
		if err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			return a.Store.Client(ctx).Activity.UpdateOneID(id).SetRemindedAt(mustTime("2030-03-01T01:45:00Z")).Exec(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		same := am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"remindAt": "2030-03-01T01:45:00Z", "subject": "方案评审会"},
			"If-Match", `"1"`).Want(t, 200)
		if same.JSON["remindedAt"] == nil {
			t.Errorf("unchanged reminder re-armed: %s", same.Raw)
		}
		moved := am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"remindAt": "2030-03-01T01:00:00Z"},
			"If-Match", `"2"`).Want(t, 200)
		if moved.JSON["remindedAt"] != nil || moved.Str("remindAt") != "2030-03-01T01:00:00Z" {
			t.Errorf("moved reminder not re-armed: %s", moved.Raw)
		}
		cleared := am.Do(t, "PATCH", "/api/v1/activities/"+itoa(id), map[string]any{"clearRemindAt": true,
			"custom": map[string]any{"budget": nil}}, "If-Match", `"3"`).Want(t, 200)
		if cleared.JSON["remindAt"] != nil {
			t.Errorf("reminder not cleared: %s", cleared.Raw)
		}
		if c := cleared.JSON["custom"].(map[string]any); c["budget"] != nil || c["secret_note"] != "底价 80 万" {
			t.Errorf("custom merge: %s", cleared.Raw)
		}

		// Logging a call with a next follow-up: the follow-up task gets a reminder at its due time.
		call := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "跟进预算",
			"content": "客户预算冻结到第四季度", "status": "done", "nextFollowUpAt": "2030-09-25T09:00:00+08:00",
			"tags": []string{"预算"}}).Want(t, 201)
		task := a.Store.Client(ctx).Activity.Query().Where(activity.Subject("跟进预算"), activity.TypeEQ("task")).OnlyX(ctx)
		if task.RemindAt == nil || !task.RemindAt.Equal(*task.DueAt) || task.DueAt.UTC().Format("2006-01-02T15:04") != "2030-09-25T01:00" ||
			task.Content != "客户预算冻结到第四季度" || len(task.Tags) != 1 || task.Status != activity.StatusOpen {
			t.Errorf("follow-up task: %+v (call %s)", task, call.Raw)
		}

		// Completing with the follow-up's content and a reminder a day before.
		open := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "拜访采购"}).Want(t, 201).ID()
		done := am.Do(t, "POST", "/api/v1/activities/"+itoa(open)+"/complete", map[string]any{"outcome": "需要报价",
			"content": "异议：价格偏高；预算周期：次年一月", "nextFollowUpAt": "2031-01-10T09:00:00Z",
			"followUpRemindAt": "2031-01-09T09:00:00Z"}).Want(t, 200)
		if done.Str("content") != "异议：价格偏高；预算周期：次年一月" || done.Str("nextFollowUpAt") != "2031-01-10T09:00:00Z" {
			t.Errorf("completed: %s", done.Raw)
		}
		next := a.Store.Client(ctx).Activity.Query().Where(activity.Subject("拜访采购"), activity.TypeEQ("task")).OnlyX(ctx)
		if next.RemindAt == nil || next.RemindAt.UTC().Format("2006-01-02T15") != "2031-01-09T09" || next.Content != "需要报价" {
			t.Errorf("follow-up of completion: %+v", next)
		}

		// Hostile input: every bad field named, nothing written.
		before := a.Store.Client(ctx).Activity.Query().CountX(ctx)
		fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x",
			"remindAt": "0001-01-01T00:00:00Z", "dueAt": "9999-01-01T00:00:00Z",
			"nextFollowUpAt": "2030-01-01T00:00:00Z", "followUpRemindAt": "2030-01-02T00:00:00Z",
			"tags": []string{strings.Repeat("签", 31)}}).Want(t, 422).FieldErrors()
		for _, f := range []string{"body.remindAt", "body.dueAt", "body.followUpRemindAt", "body.tags"} {
			if fe[f] == "" {
				t.Errorf("%s not named: %v", f, fe)
			}
		}
		if fe := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x",
			"followUpRemindAt": "2030-01-02T00:00:00Z"}).Want(t, 422).FieldErrors(); fe["body.followUpRemindAt"] == "" {
			t.Errorf("reminder without a follow-up: %v", fe)
		}
		if fe := am.Do(t, "POST", "/api/v1/activities/"+itoa(id)+"/complete", map[string]any{
			"nextFollowUpAt": "2030-01-01T00:00:00Z", "followUpRemindAt": "2030-02-01T00:00:00Z"}).Want(t, 422).FieldErrors(); fe["body.followUpRemindAt"] == "" {
			t.Errorf("completion reminder after the date: %v", fe)
		}
		am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "x", "remindAt": "tomorrow"}).Want(t, 422)
		if after := a.Store.Client(ctx).Activity.Query().CountX(ctx); after != before {
			t.Errorf("refused requests wrote %d activities", after-before)
		}
	})
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
