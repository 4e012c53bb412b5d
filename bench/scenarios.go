package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/search"
)

// scenario is one measured operation: the HTTP request the web UI makes and the raw SQL doing the same
// work. i numbers the calls, so both sides walk the same inputs.
type scenario struct {
	name string
	as   principal
	api  func(i uint64, t *vegeta.Target)
	raw  func(ctx context.Context, c *sql.DB, i uint64) error
}

func (s scenario) target(base string) func(i uint64, t *vegeta.Target) {
	return func(i uint64, t *vegeta.Target) {
		s.api(i, t)
		t.URL = base + t.URL
		t.Header = http.Header{"Cookie": {s.as.cookie}, "Accept": {"application/json"}, "Accept-Language": {"zh-CN"}}
		if t.Body != nil {
			t.Header.Set("Content-Type", "application/json")
		}
	}
}

const accountCols = `a.id, a.number, a.name, a.type, a.level, a.industry, a.region, a.source, a.lifecycle, a.phone,
	a.email, a.website, a.address, a.credit_limit, a.currency, a.satisfaction, a.tags, a.custom, a.owner_id, a.team_id,
	a.created_at, a.updated_at, a.version`

func scenarios(f *fixtures, d db.Dialect) []scenario {
	var out []scenario
	for _, p := range []principal{f.am, f.director} {
		out = append(out, listScenario(f, d, p))
	}
	out = append(out, account360(f, d)...)
	for _, p := range []principal{f.am, f.director} {
		for _, sc := range f.searches {
			out = append(out, searchScenario(d, p, sc))
		}
	}
	out = append(out, createActivity(f, d))
	return out
}

// listScenario: the accounts list filtered by industry and lifecycle, sorted by name, first page.
func listScenario(f *fixtures, d db.Dialect, p principal) scenario {
	filter := func(alias string) string {
		return ` AND ` + alias + `.industry = ? AND ` + alias + `.lifecycle IN ('customer', 'loyal')`
	}
	where := p.scope("a") + filter("a")
	parts := p.scopeParts("b")
	var args func(ind string) []any
	if len(parts) == 1 {
		args = func(ind string) []any { return []any{ind} }
	} else {
		// What the API runs for an owner-or-teams scope: one ordered index read of at most 21 rows per
		// scope part, merged, then the page (authz/ordered.go).
		branches := make([]string, len(parts))
		for i, part := range parts {
			branches[i] = `SELECT id FROM (SELECT b.id FROM accounts b WHERE ` + part + filter("b") +
				` ORDER BY b.name, b.id LIMIT 21) p` + fmt.Sprint(i)
		}
		where = `a.id IN (` + strings.Join(branches, " UNION ALL ") + `) AND ` + where
		args = func(ind string) []any {
			out := make([]any, len(parts)+1)
			for i := range out {
				out[i] = ind
			}
			return out
		}
	}
	q := rebind(d, `SELECT `+accountCols+`, u.name, t.name FROM accounts a
		LEFT JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id
		WHERE `+where+` ORDER BY a.name, a.id LIMIT 21`)
	return scenario{name: "list accounts (industry + lifecycle filter, sorted by name, 20 rows)", as: p,
		api: func(i uint64, t *vegeta.Target) {
			ind := f.industries[i%uint64(len(f.industries))]
			t.Method = http.MethodGet
			t.URL = "/api/v1/accounts?limit=20&sort=name&filter=" + url.QueryEscape("industry:eq:"+ind) +
				"&filter=" + url.QueryEscape("lifecycle:in:customer,loyal")
		},
		raw: func(ctx context.Context, c *sql.DB, i uint64) error {
			return drain(c.QueryContext(ctx, q, args(f.industries[i%uint64(len(f.industries))])...))
		}}
}

// account360 is the customer page's three calls for one of the manager's accounts.
func account360(f *fixtures, d db.Dialect) []scenario {
	p := f.am
	acc := func(i uint64) int64 { return f.accounts[i%uint64(len(f.accounts))] }
	getQ := rebind(d, `SELECT `+accountCols+`, u.name, t.name FROM accounts a
		LEFT JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id WHERE a.id = ? AND `+p.scope("a"))
	contactsQ := rebind(d, `SELECT c.id, c.account_id, c.name, c.title, c.buying_role, c.phone, c.mobile, c.email,
		c.birthday, c.preferred_channel, c.consent, c.tags, c.custom, c.owner_id, c.team_id, c.created_at, c.updated_at,
		c.version, u.name, t.name FROM contacts c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN teams t ON t.id = c.team_id
		WHERE c.account_id = ? AND `+p.scope("c")+` ORDER BY c.id DESC LIMIT 51`)
	activitiesQ := rebind(d, `SELECT x.id, x.type, x.subject, x.content, x.account_id, x.contact_id, x.due_at, x.status,
		x.outcome, x.done_at, x.next_follow_up_at, x.owner_id, x.team_id, x.created_at, x.updated_at, x.version,
		u.name, t.name, a.name, c.name FROM activities x LEFT JOIN users u ON u.id = x.owner_id
		LEFT JOIN teams t ON t.id = x.team_id LEFT JOIN accounts a ON a.id = x.account_id
		LEFT JOIN contacts c ON c.id = x.contact_id
		WHERE x.account_id = ? AND `+p.scope("x")+` ORDER BY x.id DESC LIMIT 21`)
	get := func(path string) func(i uint64, t *vegeta.Target) {
		return func(i uint64, t *vegeta.Target) {
			t.Method, t.URL = http.MethodGet, fmt.Sprintf(path, acc(i))
		}
	}
	return []scenario{
		{name: "customer 360: the account", as: p, api: get("/api/v1/accounts/%d"),
			raw: func(ctx context.Context, c *sql.DB, i uint64) error { return drain(c.QueryContext(ctx, getQ, acc(i))) }},
		{name: "customer 360: its contacts", as: p, api: get("/api/v1/accounts/%d/contacts"),
			raw: func(ctx context.Context, c *sql.DB, i uint64) error {
				// The service first checks the account is visible, then lists.
				if err := drain(c.QueryContext(ctx, getQ, acc(i))); err != nil {
					return err
				}
				return drain(c.QueryContext(ctx, contactsQ, acc(i)))
			}},
		{name: "customer 360: its latest 20 activities", as: p, api: get("/api/v1/activities?limit=20&accountId=%d"),
			raw: func(ctx context.Context, c *sql.DB, i uint64) error {
				return drain(c.QueryContext(ctx, activitiesQ, acc(i)))
			}},
	}
}

// searchScenario is the global search box (accounts and contacts, 10 hits), as internal/search runs it:
// the user's tokens and the principal's scope terms in one text match, the exact titles through the
// (entity, lower(title)) index, and the best 10 of at most search.Candidates matching rows (the newest
// on SQLite), with the same scope predicate.
func searchScenario(d db.Dialect, p principal, sc searchCase) scenario {
	tokens := search.Query(sc.q)
	lq := strings.ToLower(sc.q)
	// scopeTerms are the principal's scope terms for an entity (own → owner; subtree → owner or team).
	scopeTerms := func(entity string) []string {
		terms := []string{fmt.Sprintf("%so%d", entity, p.id)}
		for _, id := range p.subtree {
			terms = append(terms, fmt.Sprintf("%st%d", entity, id))
		}
		return terms
	}
	var exactQ, rankedQ string
	match := map[string]string{} // by entity
	rank := ""
	if d == db.Postgres {
		parts := make([]string, len(tokens))
		for i, tk := range tokens {
			parts[i] = "'" + tk.Text + "':"
			if tk.Prefix {
				parts[i] += "*"
			}
			parts[i] += "AB"
		}
		rank = strings.Join(parts, " & ")
		for _, e := range []string{"account", "contact"} {
			or := scopeTerms(e)
			for i := range or {
				or[i] = "'" + or[i] + "':C"
			}
			match[e] = rank + " & (" + strings.Join(or, " | ") + ")"
		}
		exactQ = `SELECT si.record_id, si.title, si.subtitle, si.account_id, si.account_name, 2 AS tier,
			ts_rank(si.tsv, to_tsquery('simple', $4)) AS relevance
			FROM search_index si WHERE si.entity = $3 AND ` + p.scope("si") + ` AND lower(si.title) = $1
			AND si.tsv @@ to_tsquery('simple', $2) LIMIT 10`
		rankedQ = fmt.Sprintf(`SELECT c.record_id, c.title, c.subtitle, c.account_id, c.account_name, c.tier, c.relevance
			FROM (SELECT si.record_id, si.title, si.subtitle, si.account_id, si.account_name, si.entity,
			CASE WHEN lower(si.title) = $1 THEN 2 WHEN lower(si.title) LIKE $5 ESCAPE '\' THEN 1 ELSE 0 END AS tier,
			ts_rank(si.tsv, to_tsquery('simple', $4)) AS relevance
			FROM search_index si WHERE `+p.scope("si")+` AND si.tsv @@ to_tsquery('simple', $2)
			LIMIT %d) c WHERE c.entity = $3 ORDER BY tier DESC, relevance DESC LIMIT 10`, search.Candidates)
	} else {
		parts := make([]string, len(tokens))
		for i, tk := range tokens {
			parts[i] = `{terms sensitive_terms} : "` + tk.Text + `"`
			if tk.Prefix {
				parts[i] += "*"
			}
		}
		for _, e := range []string{"account", "contact"} {
			or := scopeTerms(e)
			for i := range or {
				or[i] = `scope_terms : "` + or[i] + `"`
			}
			match[e] = strings.Join(parts, " AND ") + " AND (" + strings.Join(or, " OR ") + ")"
		}
		exactQ = `SELECT si.record_id, si.title, si.subtitle, si.account_id, si.account_name, 2 AS tier, 0.0 AS relevance
			FROM search_index si WHERE si.entity = ?3 AND ` + p.scope("si") + ` AND lower(si.title) = ?1
			AND EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ?2 AND search_fts.rowid = si.id) LIMIT 10`
		rankedQ = fmt.Sprintf(`SELECT c.record_id, c.title, c.subtitle, c.account_id, c.account_name, c.tier, c.relevance
			FROM (SELECT si.record_id, si.title, si.subtitle, si.account_id, si.account_name, si.entity,
			CASE WHEN lower(si.title) = ?1 THEN 2 WHEN lower(si.title) LIKE ?4 ESCAPE '\' THEN 1 ELSE 0 END AS tier,
			1.0 / (1 + length(si.terms)) AS relevance
			FROM search_index si JOIN search_fts ON search_fts.rowid = si.id
			WHERE `+p.scope("si")+` AND search_fts MATCH ?2
			ORDER BY search_fts.rowid DESC LIMIT %d) c WHERE c.entity = ?3 ORDER BY tier DESC, relevance DESC LIMIT 10`, search.Candidates)
	}
	return scenario{name: fmt.Sprintf("search: %s (%s)", sc.kind, sc.q), as: p,
		api: func(_ uint64, t *vegeta.Target) {
			t.Method, t.URL = http.MethodGet, "/api/v1/search?limit=10&q="+url.QueryEscape(sc.q)
		},
		raw: func(ctx context.Context, c *sql.DB, _ uint64) error {
			for _, entity := range []string{"account", "contact"} {
				args := []any{lq, match[entity], entity}
				if d == db.Postgres {
					args = []any{lq, match[entity], entity, rank}
				}
				if err := drain(c.QueryContext(ctx, exactQ, args...)); err != nil {
					return err
				}
				if err := drain(c.QueryContext(ctx, rankedQ, append(args, lq+"%")...)); err != nil {
					return err
				}
			}
			return nil
		}}
}

// createActivity logs a call on one of the manager's accounts (with a contact); raw: the insert and its
// audit row in one transaction.
func createActivity(f *fixtures, d db.Dialect) scenario {
	p := f.am
	ins := rebind(d, `INSERT INTO activities (created_at, updated_at, version, type, subject, content, account_id,
		contact_id, status, outcome, owner_id, team_id) VALUES (?, ?, 1, 'call', ?, '', ?, ?, 'open', '', ?, ?) RETURNING id`)
	audit := rebind(d, `INSERT INTO audit_events (at, actor_kind, actor_id, actor_team_id, action, entity, entity_id,
		changes, request_id, ip) VALUES (?, 'user', ?, ?, 'create', 'activity', ?, ?, '', '')`)
	changes := []byte(`{"subject":{"new":"bench call"},"type":{"new":"call"}}`)
	return scenario{name: "create an activity (call)", as: p,
		api: func(i uint64, t *vegeta.Target) {
			a := f.accounts[i%uint64(len(f.accounts))]
			body, _ := json.Marshal(map[string]any{"type": "call", "subject": fmt.Sprintf("bench call %d", i),
				"accountId": a, "contactId": f.contacts[a]})
			t.Method, t.URL, t.Body = http.MethodPost, "/api/v1/activities", body
		},
		raw: func(ctx context.Context, c *sql.DB, i uint64) error {
			a := f.accounts[i%uint64(len(f.accounts))]
			tx, err := c.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			now := time.Now().UTC()
			var id int64
			if err := tx.QueryRowContext(ctx, ins, now, now, fmt.Sprintf("bench call %d", i), a, f.contacts[a], p.id, p.teamID).Scan(&id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, audit, now, p.id, p.teamID, id, changes); err != nil {
				return err
			}
			return tx.Commit()
		}}
}

// drain reads every row of a query (the API reads them all too).
func drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
