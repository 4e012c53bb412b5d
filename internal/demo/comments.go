package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// exchange is a short discussion on an account: the owner asks their director, who answers.
type exchange struct{ ask, answer string }

var exchanges = struct{ zh, en []exchange }{
	zh: []exchange{
		{"@%s 这个客户希望在年度框架协议上再给 5%% 折扣，请帮忙审批。", "@%s 同意，但交付周期不能再压缩，注意控制成本。"},
		{"@%s 客户的采购负责人下月更换，是否需要您一起拜访新负责人？", "@%s 可以，安排在下周三上午，提前把合作历史整理给我。"},
		{"@%s 竞争对手报价比我们低 8%%，建议突出售后服务优势，您看可以吗？", "@%s 可以，把近一年的服务响应数据放进方案里。"},
		{"@%s 客户预算冻结到四季度，三季度末再跟进是否合适？", "@%s 合适，设一个提醒，别错过他们的预算窗口。"},
	},
	en: []exchange{
		{"@%s They ask for another 5%% off the annual agreement — can you approve?", "@%s Approved, but keep the delivery schedule as it is."},
		{"@%s A competitor is 8%% cheaper. Shall we lead with our service record?", "@%s Yes — add last year's response times to the proposal."},
	},
}

// comment writes a comment as its author (the audit trail names them; the collaboration module owns
// the API, the demo writes the row the way that module stores it).
func (l *loader) comment(ctx context.Context, author User, authorTeam int64, acc *ent.Account, body string, mention User, at time.Time) error {
	actx := authz.AsSystem(authz.WithActor(ctx, authz.NewUserActor(author.ID, authorTeam, nil, nil, 0)))
	return l.s.Store.Client(actx).Comment.Create().SetEntity("account").SetRecordID(acc.ID).SetAccountID(acc.ID).
		SetBody(body).SetMentions([]int64{mention.ID}).SetAuthorID(author.ID).
		SetCreatedAt(at).SetUpdatedAt(at).Exec(actx)
}

// discussion adds an owner ↔ director exchange with @mentions on an account, on a past day.
func (l *loader) discussion(ctx context.Context, r *rand.Rand, now time.Time, english bool, acc *ent.Account,
	owner, director User, ownerTeam, directorTeam int64, res *Result) error {
	set := exchanges.zh
	if english {
		set = exchanges.en
	}
	x := pick(r, set)
	at := past(r, now, 90)
	if err := l.comment(ctx, owner, ownerTeam, acc, fmt.Sprintf(x.ask, director.Name), director, at); err != nil {
		return fmt.Errorf("demo: comment on %s: %w", acc.Name, err)
	}
	if err := l.comment(ctx, director, directorTeam, acc, fmt.Sprintf(x.answer, owner.Name), owner,
		at.Add(time.Duration(20+r.IntN(200))*time.Minute)); err != nil {
		return fmt.Errorf("demo: comment on %s: %w", acc.Name, err)
	}
	res.Comments += 2
	return nil
}

// directorOf finds the sales director above an account manager's team (nil when none).
func directorOf(users []User, teamKey string) *User {
	for key := teamKey; key != ""; key = teamByKey(key).parent {
		for i, d := range userDefs {
			if d.role == "sales_director" && d.team == key {
				return &users[i]
			}
		}
	}
	return nil
}
