package activity

import (
	"context"
	"sort"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// KPI limits: a year of activity at most per request; a follow-up gap of one day to one year.
const (
	MaxKPISpan     = 366 * 24 * time.Hour
	DefaultGapDays = 30
	maxGapList     = 50
)

// KPIQuery asks for the activity KPIs (SPEC T4) of a window, optionally of one team and those below.
type KPIQuery struct {
	From, To *time.Time
	TeamID   int64
	GapDays  int
}

// UserKPI is one owner's line.
type UserKPI struct {
	UserID      int64          `json:"userId"`
	UserName    string         `json:"userName"`
	Total       int            `json:"total" doc:"Activities in the window"`
	Done        int            `json:"done"`
	Open        int            `json:"open"`
	Cancelled   int            `json:"cancelled"`
	Overdue     int            `json:"overdue" doc:"Open activities due before now (any time, not only in the window)"`
	ByType      map[string]int `json:"byType"`
	GapAccounts int            `json:"gapAccounts" doc:"Accounts owned with no activity for gapDays"`
}

// GapAccount is an account nobody followed up for gapDays.
type GapAccount struct {
	AccountID   int64     `json:"accountId"`
	AccountName string    `json:"accountName"`
	OwnerID     *int64    `json:"ownerId"`
	OwnerName   *string   `json:"ownerName"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// KPIs is the answer: one line per owner, totals per type, and the accounts with a follow-up gap.
type KPIs struct {
	From    time.Time      `json:"from"`
	To      time.Time      `json:"to"`
	GapDays int            `json:"gapDays"`
	Users   []UserKPI      `json:"users"`
	ByType  map[string]int `json:"byType"`
	Total   int            `json:"total"`
	Done    int            `json:"done"`
	Overdue int            `json:"overdue"`
	Gaps    int            `json:"gaps" doc:"Accounts in scope with no activity for gapDays"`
	// GapList is the longest-untouched accounts (at most 50).
	GapList []GapAccount `json:"gapList"`
}

// KPIs computes the activity KPIs within the actor's scope: a director sees their subtree, an account
// manager themselves. Activities count in the window by their due time, or their creation when they
// have none. Counting is done by the database (GROUP BY under the privacy policy).
func (s *Service) KPIs(ctx context.Context, q KPIQuery) (*KPIs, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if q.To == nil {
		t := now
		q.To = &t
	}
	if q.From == nil {
		t := q.To.AddDate(0, 0, -30)
		q.From = &t
	}
	if q.GapDays == 0 {
		q.GapDays = DefaultGapDays
	}
	var f fields
	checkTime(&f, "query.from", q.From)
	checkTime(&f, "query.to", q.To)
	if !q.To.After(*q.From) {
		f.Add("query.to", "field.range_order", nil)
	} else if q.To.Sub(*q.From) > MaxKPISpan {
		f.Add("query.to", "field.range_too_long", map[string]any{"Days": int(MaxKPISpan.Hours() / 24)})
	}
	if q.GapDays < 1 || q.GapDays > 365 {
		f.Add("query.gapDays", "field.range", map[string]any{"Min": 1, "Max": 365})
	}
	var teams []int64
	if q.TeamID != 0 {
		var err error
		if teams, err = s.subtree(ctx, q.TeamID); err != nil {
			return nil, err
		}
		if teams == nil {
			f.Add("query.teamId", "field.unknown_team", nil)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	out := &KPIs{From: q.From.UTC(), To: q.To.UTC(), GapDays: q.GapDays, ByType: map[string]int{},
		Users: []UserKPI{}, GapList: []GapAccount{}}
	lines := map[int64]*UserKPI{}
	line := func(id int64) *UserKPI {
		if l, ok := lines[id]; ok {
			return l
		}
		l := &UserKPI{UserID: id, ByType: map[string]int{}}
		lines[id] = l
		return l
	}
	c := s.st.Client(ctx)
	inTeams := func(q *ent.ActivityQuery) *ent.ActivityQuery {
		if teams != nil {
			q.Where(activity.TeamIDIn(teams...))
		}
		return q
	}
	from, to := q.From.UTC(), q.To.UTC()
	var counts []struct {
		OwnerID *int64 `json:"owner_id"`
		Type    string `json:"type"`
		Status  string `json:"status"`
		Count   int    `json:"count"`
	}
	err := inTeams(c.Activity.Query().Where(activity.OwnerIDNotNil(), activity.Or(
		activity.And(activity.DueAtGTE(from), activity.DueAtLT(to)),
		activity.And(activity.DueAtIsNil(), activity.CreatedAtGTE(from), activity.CreatedAtLT(to))))).
		GroupBy(activity.FieldOwnerID, activity.FieldType, activity.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &counts)
	if err != nil {
		return nil, err
	}
	for _, r := range counts {
		l := line(deref(r.OwnerID))
		l.Total += r.Count
		l.ByType[r.Type] += r.Count
		out.ByType[r.Type] += r.Count
		out.Total += r.Count
		switch activity.Status(r.Status) {
		case activity.StatusDone:
			l.Done += r.Count
			out.Done += r.Count
		case activity.StatusOpen:
			l.Open += r.Count
		case activity.StatusCancelled:
			l.Cancelled += r.Count
		}
	}
	var overdue []struct {
		OwnerID *int64 `json:"owner_id"`
		Count   int    `json:"count"`
	}
	err = inTeams(c.Activity.Query().Where(activity.OwnerIDNotNil(), activity.StatusEQ(activity.StatusOpen),
		activity.DueAtLT(now))).GroupBy(activity.FieldOwnerID).Aggregate(ent.Count()).Scan(ctx, &overdue)
	if err != nil {
		return nil, err
	}
	for _, r := range overdue {
		line(deref(r.OwnerID)).Overdue += r.Count
		out.Overdue += r.Count
	}
	if err := s.gaps(ctx, out, teams, now.AddDate(0, 0, -q.GapDays), line); err != nil {
		return nil, err
	}
	if err := s.nameLines(ctx, lines, out); err != nil {
		return nil, err
	}
	return out, nil
}

// gaps counts, per owner, the accounts in the actor's account:read scope with no activity created or
// completed since cutoff, and lists the longest-untouched ones. Without account:read there are none.
func (s *Service) gaps(ctx context.Context, out *KPIs, teams []int64, cutoff time.Time, line func(int64) *UserKPI) error {
	if !authz.FromContext(ctx).Can(accountRead) {
		return nil
	}
	untouched := func(sel *sql.Selector) {
		t := sql.Table(activity.Table)
		sel.Where(sql.NotExists(sql.Select(t.C(activity.FieldID)).From(t).Where(sql.And(
			sql.ColumnsEQ(t.C(activity.FieldAccountID), sel.C(account.FieldID)),
			sql.Or(sql.GTE(t.C(activity.FieldCreatedAt), cutoff), sql.GTE(t.C(activity.FieldDoneAt), cutoff))))))
	}
	base := func() *ent.AccountQuery {
		q := s.st.Client(ctx).Account.Query().Where(untouched, account.CreatedAtLT(cutoff))
		if teams != nil {
			q.Where(account.TeamIDIn(teams...))
		}
		return q
	}
	var counts []struct {
		OwnerID *int64 `json:"owner_id"`
		Count   int    `json:"count"`
	}
	if err := base().GroupBy(account.FieldOwnerID).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		return err
	}
	for _, r := range counts {
		out.Gaps += r.Count
		if r.OwnerID != nil {
			line(*r.OwnerID).GapAccounts += r.Count
		}
	}
	rows, err := base().Order(ent.Asc(account.FieldUpdatedAt), ent.Asc(account.FieldID)).Limit(maxGapList).
		Select(account.FieldID, account.FieldName, account.FieldOwnerID, account.FieldUpdatedAt).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range rows {
		out.GapList = append(out.GapList, GapAccount{AccountID: r.ID, AccountName: r.Name, OwnerID: r.OwnerID,
			UpdatedAt: r.UpdatedAt.UTC()})
	}
	return nil
}

// nameLines adds user names (directory data) and orders the lines by activity count, then name.
func (s *Service) nameLines(ctx context.Context, lines map[int64]*UserKPI, out *KPIs) error {
	ids := make([]int64, 0, len(lines))
	for id := range lines {
		ids = append(ids, id)
	}
	for _, g := range out.GapList {
		if g.OwnerID != nil {
			ids = append(ids, *g.OwnerID)
		}
	}
	sys := authz.AsSystem(ctx)
	us, err := s.st.Client(sys).User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldName).All(sys)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range us {
		names[u.ID] = u.Name
	}
	for id, l := range lines {
		l.UserName = names[id]
		out.Users = append(out.Users, *l)
	}
	for i := range out.GapList {
		out.GapList[i].OwnerName = nameOf(names, out.GapList[i].OwnerID)
	}
	sort.Slice(out.Users, func(i, j int) bool {
		a, b := out.Users[i], out.Users[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.UserName < b.UserName
	})
	return nil
}

// subtree returns root and every team below it (nil when root does not exist).
func (s *Service) subtree(ctx context.Context, root int64) ([]int64, error) {
	sys := authz.AsSystem(ctx)
	ts, err := s.st.Client(sys).Team.Query().Select(team.FieldID, team.FieldParentID).All(sys)
	if err != nil {
		return nil, err
	}
	children, found := map[int64][]int64{}, false
	for _, t := range ts {
		found = found || t.ID == root
		if t.ParentID != nil {
			children[*t.ParentID] = append(children[*t.ParentID], t.ID)
		}
	}
	if !found {
		return nil, nil
	}
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out, nil
}
