package search_test

import (
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func act(id int64) string { return "activity:" + itoa(id) }

func TestSearchActivities(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		a.NewTopology(t)
		amEast := a.Login(t, "am.east@kehu.test")
		amWest := a.Login(t, "am.west@kehu.test")
		director := a.Login(t, "director@kehu.test")
		exec := a.Login(t, "exec@kehu.test")
		marketer := a.Login(t, "marketer@kehu.test")

		acc := newAccount(t, amEast, map[string]any{"name": "华东制造"})
		call := amEast.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "预算沟通",
			"content": "客户表示第四季度预算冻结，三季度末再跟进", "accountId": acc}).Want(t, 201).ID()
		visit := amWest.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "西部预算拜访",
			"content": "Budget review with procurement"}).Want(t, 201).ID()

		// Two-character Chinese words in the subject and in the content.
		same(t, "预算 as am.east", find(t, amEast, "预算", "&types=activity"), act(call))
		same(t, "冻结 in content", find(t, amEast, "冻结", "&types=activity"), act(call))
		same(t, "季度 in content", find(t, amEast, "季度"), act(call))
		same(t, "Latin word in content", find(t, amWest, "procurement"), act(visit))
		// Scope: each account manager finds only their own; the director their subtree; the executive all.
		same(t, "预算 as am.west", find(t, amWest, "预算", "&types=activity"), act(visit))
		same(t, "预算 as director", find(t, director, "预算", "&types=activity"), act(call))
		same(t, "预算 as exec", find(t, exec, "预算", "&types=activity"), act(call), act(visit))
		// Marketing reads only its own activities.
		same(t, "预算 as marketer", find(t, marketer, "预算", "&types=activity"))

		// The hit: title = subject, subtitle = type and account, accountId for navigation.
		hits := amEast.Do(t, "GET", "/api/v1/search?q=%E5%86%BB%E7%BB%93", nil).Want(t, 200).Items()
		if len(hits) != 1 || hits[0]["title"] != "预算沟通" || !strings.Contains(hits[0]["subtitle"].(string), "call") ||
			!strings.Contains(hits[0]["subtitle"].(string), "华东制造") || hits[0]["accountId"] != float64(acc) {
			t.Errorf("hit: %v", hits)
		}
		// Renaming the account re-indexes its activities; editing the activity re-indexes it; deleting drops it.
		amEast.Do(t, "PATCH", "/api/v1/accounts/"+itoa(acc), map[string]any{"name": "华东精密"}, "If-Match", `"1"`).Want(t, 200)
		if h := amEast.Do(t, "GET", "/api/v1/search?q=%E5%86%BB%E7%BB%93", nil).Want(t, 200).Items(); len(h) != 1 ||
			!strings.Contains(h[0]["subtitle"].(string), "华东精密") {
			t.Errorf("after rename: %v", h)
		}
		amEast.Do(t, "PATCH", "/api/v1/activities/"+itoa(call), map[string]any{"subject": "报价沟通", "content": "已报价"},
			"If-Match", `"1"`).Want(t, 200)
		same(t, "old words gone", find(t, amEast, "冻结", "&types=activity"))
		same(t, "new words", find(t, amEast, "报价", "&types=activity"), act(call))
		amEast.Do(t, "DELETE", "/api/v1/activities/"+itoa(call), nil).Want(t, 204)
		same(t, "deleted", find(t, amEast, "报价", "&types=activity"))
	})
}
