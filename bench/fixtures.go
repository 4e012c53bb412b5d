package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"github.com/kehu-crm/kehu/internal/platform/db"
)

// principal is a signed-in demo user and the data scope the raw SQL applies for them (what
// authz.ScopePredicate builds for their role: own → owner; team subtree → owner or team in subtree).
type principal struct {
	label   string
	email   string
	id      int64
	teamID  int64
	subtree []int64 // empty: own records only
	cookie  string
}

// scope is the SQL condition on alias's owner_id/team_id columns.
func (p principal) scope(alias string) string {
	own := fmt.Sprintf("%s.owner_id = %d", alias, p.id)
	if len(p.subtree) == 0 {
		return own
	}
	ids := make([]string, len(p.subtree))
	for i, id := range p.subtree {
		ids[i] = fmt.Sprint(id)
	}
	return fmt.Sprintf("(%s OR %s.team_id IN (%s))", own, alias, strings.Join(ids, ", "))
}

// scopeParts splits scope into its disjuncts on alias (owner, then each team), as
// authz.ScopePredicate's ordered branches do for a sorted page.
func (p principal) scopeParts(alias string) []string {
	out := []string{fmt.Sprintf("%s.owner_id = %d", alias, p.id)}
	for _, id := range p.subtree {
		out = append(out, fmt.Sprintf("%s.team_id = %d", alias, id))
	}
	return out
}

// fixtures are what the scenarios draw from: the principals, sample records in the account manager's
// scope, and search words taken from the data.
type fixtures struct {
	am, director principal
	// accounts in the account manager's scope, with one contact of each.
	accounts []int64
	contacts map[int64]int64
	// industries are the dictionary codes the list filters on.
	industries []string
	// search queries by kind.
	searches []searchCase
}

type searchCase struct{ kind, q string }

// rebind turns ? placeholders into $n for PostgreSQL.
func rebind(d db.Dialect, q string) string {
	if d != db.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func loadFixtures(ctx context.Context, c *sql.DB, d db.Dialect, amEmail, directorEmail string) (*fixtures, error) {
	f := &fixtures{contacts: map[int64]int64{}}
	var err error
	if f.am, err = loadPrincipal(ctx, c, d, "account manager (own)", amEmail, false); err != nil {
		return nil, err
	}
	if f.director, err = loadPrincipal(ctx, c, d, "sales director (subtree)", directorEmail, true); err != nil {
		return nil, err
	}
	// Up to 2,000 of the manager's accounts that have contacts (imports add some without), spread over
	// the id range (not only the most recent ones).
	owned, err := ints(ctx, c, rebind(d, `SELECT DISTINCT account_id FROM contacts WHERE owner_id = ? ORDER BY account_id`), f.am.id)
	if err != nil {
		return nil, err
	}
	if len(owned) == 0 {
		return nil, fmt.Errorf("no accounts owned by %s", amEmail)
	}
	step := max(1, len(owned)/2000)
	for i := 0; i < len(owned); i += step {
		f.accounts = append(f.accounts, owned[i])
	}
	for from := 0; from < len(f.accounts); from += 500 {
		part := f.accounts[from:min(from+500, len(f.accounts))]
		ids := make([]string, len(part))
		for i, id := range part {
			ids[i] = fmt.Sprint(id)
		}
		rows, err := c.QueryContext(ctx, `SELECT account_id, MIN(id) FROM contacts WHERE account_id IN (`+
			strings.Join(ids, ", ")+`) GROUP BY account_id`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var a, ct int64
			if err := rows.Scan(&a, &ct); err != nil {
				rows.Close()
				return nil, err
			}
			f.contacts[a] = ct
		}
		rows.Close()
	}
	inds, err := strings1(ctx, c, d, `SELECT DISTINCT industry FROM accounts WHERE id <= 2000 ORDER BY industry`)
	if err != nil {
		return nil, err
	}
	f.industries = inds
	// Search words from one of the manager's accounts and contacts: its brand (a Chinese substring of
	// four characters), the pinyin of its web site (a Latin prefix) and a contact's mobile number.
	var name, website, mobile string
	if err := c.QueryRowContext(ctx, rebind(d, `SELECT a.name, a.website, c.mobile FROM accounts a
		JOIN contacts c ON c.account_id = a.id WHERE a.id = ? ORDER BY c.id LIMIT 1`), f.accounts[len(f.accounts)/2]).
		Scan(&name, &website, &mobile); err != nil {
		return nil, err
	}
	f.searches = []searchCase{
		{"Chinese, two characters", "科技"},
		{"Chinese substring", brandOf(name)},
		{"Latin prefix", latinPrefix(website)},
		{"phone digits", mobile[len(mobile)-8:]},
	}
	return f, nil
}

func loadPrincipal(ctx context.Context, c *sql.DB, d db.Dialect, label, email string, subtree bool) (principal, error) {
	p := principal{label: label, email: email}
	var team sql.NullInt64
	if err := c.QueryRowContext(ctx, rebind(d, `SELECT id, team_id FROM users WHERE email = ?`), email).Scan(&p.id, &team); err != nil {
		return p, fmt.Errorf("user %s: %w", email, err)
	}
	p.teamID = team.Int64
	if !subtree {
		return p, nil
	}
	rows, err := c.QueryContext(ctx, `SELECT id, parent_id FROM teams`)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	children := map[int64][]int64{}
	for rows.Next() {
		var id int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent); err != nil {
			return p, err
		}
		children[parent.Int64] = append(children[parent.Int64], id)
	}
	queue := []int64{p.teamID}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		p.subtree = append(p.subtree, t)
		queue = append(queue, children[t]...)
	}
	return p, rows.Err()
}

func strings1(ctx context.Context, c *sql.DB, d db.Dialect, q string) ([]string, error) {
	rows, err := c.QueryContext(ctx, rebind(d, q))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// brandOf takes the four characters after the city of a generated name (上海星辰云帆科技有限公司 → 星辰云帆).
func brandOf(name string) string {
	rs := []rune(name)
	start := 2
	if len(rs) > 3 && strings.ContainsRune("石哈", rs[0]) { // 石家庄, 哈尔滨
		start = 3
	}
	return string(rs[start:min(start+4, len(rs))])
}

// latinPrefix is the first six letters of a web site's first word (https://www.xingchenyunfan-it.com.cn → xingch).
func latinPrefix(website string) string {
	w := strings.TrimPrefix(strings.TrimPrefix(website, "https://"), "www.")
	w = strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })[0]
	return w[:min(6, len(w))]
}

func ints(ctx context.Context, c *sql.DB, q string, args ...any) ([]int64, error) {
	rows, err := c.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
