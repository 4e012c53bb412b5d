package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Password is the password of every demo user.
const Password = "Kehu-demo-2026"

// EmailDomain is the domain of the demo users' e-mail addresses.
const EmailDomain = "demo.kehu.cn"

// teamDef is one team of the demo organisation; region is the dictionary region its accounts are
// mostly in, cities narrows them further.
type teamDef struct {
	key, name, description, parent, region string
	cities                                 []string
}

var teamDefs = []teamDef{
	{key: "hq", name: "总部", description: "Headquarters"},
	{key: "east", name: "华东大区", description: "East China region", parent: "hq", region: "east"},
	{key: "sh1", name: "上海一组", description: "Shanghai team 1", parent: "east", region: "east", cities: []string{"上海", "苏州", "南京"}},
	{key: "hz", name: "杭州组", description: "Hangzhou team", parent: "east", region: "east", cities: []string{"杭州", "宁波", "合肥"}},
	{key: "south", name: "华南大区", description: "South China region", parent: "hq", region: "south"},
	{key: "north", name: "华北大区", description: "North China region", parent: "hq", region: "north"},
	{key: "service", name: "客户服务部", description: "Customer service", parent: "hq"},
	{key: "marketing", name: "市场部", description: "Marketing", parent: "hq"},
}

// userDef is one demo user: the local part of the e-mail address, name, built-in role key, team key.
type userDef struct{ local, name, role, team, locale string }

var userDefs = []userDef{
	{"admin", "系统管理员", "admin", "hq", "zh-CN"},
	{"wang.jianguo", "王建国", "executive", "hq", "zh-CN"},
	{"chen.zhiqiang", "陈志强", "sales_director", "east", "zh-CN"},
	{"lin.haiyan", "林海燕", "sales_director", "south", "zh-CN"},
	{"zhao.lei", "赵磊", "sales_director", "north", "zh-CN"},
	{"zhang.wei", "张伟", "account_manager", "sh1", "zh-CN"},
	{"li.na", "李娜", "account_manager", "sh1", "zh-CN"},
	{"david.chen", "David Chen", "account_manager", "sh1", "en"},
	{"zhou.jie", "周杰", "account_manager", "hz", "zh-CN"},
	{"wu.min", "吴敏", "account_manager", "hz", "zh-CN"},
	{"huang.junjie", "黄俊杰", "account_manager", "south", "zh-CN"},
	{"zheng.li", "郑丽", "account_manager", "south", "zh-CN"},
	{"liang.haoran", "梁浩然", "account_manager", "south", "zh-CN"},
	{"liu.yang", "刘洋", "account_manager", "north", "zh-CN"},
	{"sun.jing", "孙静", "account_manager", "north", "zh-CN"},
	{"he.xiaoyan", "何晓燕", "service_agent", "service", "en"},
	{"xu.wenbo", "许文博", "marketing", "marketing", "zh-CN"},
}

// User is a demo user as reported after a load.
type User struct {
	ID                      int64
	Email, Name, Role, Team string
	Created                 bool
}

// owner is an account manager accounts can be given to, with where their accounts are.
type owner struct {
	id     int64
	team   teamDef
	cities []city
}

// ensureTeams creates the team tree, reusing a team of the same name under the same parent. It
// returns the team ids by key and how many were created.
func (l *loader) ensureTeams(ctx context.Context) (map[string]int64, int, error) {
	ids := map[string]int64{}
	created := 0
	for _, d := range teamDefs {
		parent := ids[d.parent]
		rows, _, err := l.s.IAM.ListTeams(ctx, iam.TeamFilter{Q: d.name, ParentID: parent}, record.Page{Limit: record.MaxLimit})
		if err != nil {
			return nil, 0, err
		}
		for _, t := range rows {
			if t.Name == d.name && (parent == 0) == (t.ParentID == nil) {
				ids[d.key] = t.ID
				break
			}
		}
		if ids[d.key] != 0 {
			continue
		}
		name, desc := d.name, d.description
		t, err := l.s.IAM.CreateTeam(ctx, iam.TeamInput{Name: &name, Description: &desc, ParentID: &parent})
		if err != nil {
			return nil, 0, fmt.Errorf("demo: team %s: %w", d.name, err)
		}
		ids[d.key] = t.ID
		created++
	}
	return ids, created, nil
}

// ensureUsers creates the demo users, reusing one whose e-mail address exists already.
func (l *loader) ensureUsers(ctx context.Context, teams map[string]int64) ([]User, error) {
	roles, _, err := l.s.IAM.ListRoles(ctx, "", record.Page{Limit: record.MaxLimit})
	if err != nil {
		return nil, err
	}
	roleIDs := map[string]int64{}
	for _, r := range roles {
		if r.Key != nil {
			roleIDs[*r.Key] = r.ID
		}
	}
	out := make([]User, 0, len(userDefs))
	for _, d := range userDefs {
		email := d.local + "@" + EmailDomain
		u := User{Email: email, Name: d.name, Role: d.role, Team: teamByKey(d.team).name}
		rows, _, err := l.s.IAM.ListUsers(ctx, iam.UserFilter{Q: email}, record.Page{Limit: record.MaxLimit})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.Email == email {
				u.ID, u.Name = r.ID, r.Name
			}
		}
		if u.ID == 0 {
			roleID, ok := roleIDs[d.role]
			if !ok {
				return nil, fmt.Errorf("demo: built-in role %q is missing", d.role)
			}
			name, pw, locale, team, rs := d.name, Password, d.locale, teams[d.team], []int64{roleID}
			created, err := l.s.IAM.CreateUser(ctx, iam.UserInput{Email: &email, Name: &name, Password: &pw,
				Locale: &locale, TeamID: &team, RoleIDs: &rs})
			if err != nil {
				return nil, fmt.Errorf("demo: user %s: %w", email, err)
			}
			u.ID, u.Created = created.ID, true
		}
		out = append(out, u)
	}
	return out, nil
}

// owners lists the account managers in a fixed order (the seed, not the database ids, decides who
// gets which account).
func owners(users []User) []owner {
	var out []owner
	for i, d := range userDefs {
		if d.role != "account_manager" {
			continue
		}
		t := teamByKey(d.team)
		var cs []city
		for _, c := range cities {
			if len(t.cities) == 0 && c.region == t.region || slices.Contains(t.cities, c.zh) {
				cs = append(cs, c)
			}
		}
		out = append(out, owner{id: users[i].ID, team: t, cities: cs})
	}
	return out
}

func teamByKey(key string) teamDef {
	for _, t := range teamDefs {
		if t.key == key {
			return t
		}
	}
	return teamDef{}
}
