package app_test

import (
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// TestTransferMovesOpenActivities checks the wiring between modules: when a director hands a leaving
// account manager's customers to a colleague, the open activities on them move too; finished ones stay
// with the person who did them (SPEC C5).
func TestTransferMovesOpenActivities(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		am := a.Login(t, "am.east@kehu.test")
		acc := am.Do(t, "POST", "/api/v1/accounts", map[string]any{"name": "交接测试有限公司"}).Want(t, 201).ID()
		open := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "call", "subject": "回访", "accountId": acc}).Want(t, 201).ID()
		done := am.Do(t, "POST", "/api/v1/activities", map[string]any{"type": "visit", "subject": "拜访", "accountId": acc}).Want(t, 201).ID()
		am.Do(t, "POST", "/api/v1/activities/"+itoa(done)+"/complete", map[string]any{"outcome": "签约意向"}).Want(t, 200)

		dir := a.Login(t, "director@kehu.test")
		dir.Do(t, "POST", "/api/v1/accounts/transfer", map[string]any{"fromOwnerId": tp.AMEast, "toOwnerId": tp.AMEast1}).Want(t, 200)

		ctx := testkit.System()
		moved := a.Store.Client(ctx).Activity.GetX(ctx, open)
		kept := a.Store.Client(ctx).Activity.GetX(ctx, done)
		if moved.OwnerID == nil || *moved.OwnerID != tp.AMEast1 || moved.TeamID == nil || *moved.TeamID != tp.East1 {
			t.Errorf("open activity not handed over: owner %v team %v", moved.OwnerID, moved.TeamID)
		}
		if kept.OwnerID == nil || *kept.OwnerID != tp.AMEast {
			t.Errorf("finished activity changed hands: owner %v", kept.OwnerID)
		}
		am1 := a.Login(t, "am.east1@kehu.test")
		am1.Do(t, "GET", "/api/v1/activities/"+itoa(open), nil).Want(t, 200)
	})
}
