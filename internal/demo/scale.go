package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/search"
)

// ScaleOptions tune a bulk load.
type ScaleOptions struct {
	// Accounts is how many accounts to generate; each gets ScaleContacts contacts and ScaleActivities
	// activities.
	Accounts int64
	// Seed makes the data reproducible.
	Seed uint64
	// Force loads even when the database holds customer data.
	Force bool
	// Now anchors the generated history (time.Now when zero).
	Now time.Time
	// Progress, when set, is called after every batch with the accounts written so far.
	Progress func(done int64)
}

// ScaleResult summarises a bulk load.
type ScaleResult struct {
	Accounts, Contacts, Activities, SearchRows, DedupRows int64
	// Load is the time of the transaction (rows and indexes), Analyze of the statistics refresh after it.
	Load, Analyze time.Duration
	// Indexes is the part of Load spent rebuilding the secondary indexes.
	Indexes time.Duration
}

// Rows is how many rows the load wrote.
func (r *ScaleResult) Rows() int64 {
	return r.Accounts + r.Contacts + r.Activities + r.SearchRows + r.DedupRows
}

// RowsPerSecond is the load's throughput over the whole run (rows, index builds and ANALYZE).
func (r *ScaleResult) RowsPerSecond() float64 {
	return float64(r.Rows()) / (r.Load + r.Analyze).Seconds()
}

// scaleTables are the tables a bulk load writes, in writing order.
var scaleTables = []string{account.Table, contact.Table, activity.Table, search.Table, dedupkey.Table}

var dedupColumns = []string{dedupkey.FieldEntity, dedupkey.FieldRecordID, dedupkey.FieldKind, dedupkey.FieldKey}

// dedupRows are the matching-key rows of a record (what the dedup hook writes).
func dedupRows(rows [][]any, entity string, id int64, v dedup.Values) [][]any {
	for _, k := range dedup.Keys(entity, v) {
		rows = append(rows, []any{entity, id, k.Kind, k.Key})
	}
	return rows
}

// Scale generates a large data set fast, for benchmarks (`kehu demo --scale N`): the demo organisation
// through the services, then opts.Accounts accounts with their contacts, activities, search rows and
// duplicate-matching keys (built by internal/search and internal/dedup, as their hooks would) in
// ONE transaction that bypasses ent (and so its per-row hooks), with the tables' secondary indexes
// dropped first and rebuilt at the end; then ANALYZE. It refuses a database that holds customer data
// unless opts.Force.
func Scale(ctx context.Context, s Services, d *db.DB, o ScaleOptions) (*ScaleResult, error) {
	if o.Accounts < 1 {
		return nil, errors.New("demo: --scale must be at least 1")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	ctx = authz.AsSystem(ctx)
	var base ids
	for _, t := range []struct {
		table string
		dst   *int64
	}{{account.Table, &base.account}, {contact.Table, &base.contact}, {activity.Table, &base.activity}} {
		if err := d.SQL.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM "+quote(t.table)).Scan(t.dst); err != nil {
			return nil, fmt.Errorf("demo: highest id of %s: %w", t.table, err)
		}
		if *t.dst > 1 && !o.Force {
			return nil, ErrNotEmpty
		}
	}
	l := &loader{s: s}
	var err error
	if l.dict, err = readCodes(ctx, s.Dictionary); err != nil {
		return nil, err
	}
	teams, _, err := l.ensureTeams(ctx)
	if err != nil {
		return nil, err
	}
	users, err := l.ensureUsers(ctx, teams)
	if err != nil {
		return nil, err
	}
	var os []scaleOwner
	for _, ow := range owners(users) {
		os = append(os, scaleOwner{owner: ow, teamID: teams[ow.team.key]})
	}
	g := newScaleGen(o.Seed, l.dict, os, o.Now)
	res := &ScaleResult{}
	start := time.Now()
	if err := load(ctx, d, g, base, o, res); err != nil {
		return nil, err
	}
	n, err := indexOtherSources(ctx, s, d, map[string]int64{"activity": base.activity})
	if err != nil {
		return nil, err
	}
	res.SearchRows += n
	res.Load = time.Since(start)
	start = time.Now()
	if err := analyze(ctx, d); err != nil {
		return nil, err
	}
	res.Analyze = time.Since(start)
	return res, nil
}

// batch is the rows of a run of consecutive accounts, ready to write.
type batch struct {
	accounts, contacts, activities, search, dedup [][]any
	n                                             int64
}

// accountsPerBatch bounds the memory of one batch and the size of one COPY.
const accountsPerBatch = 2000

func load(ctx context.Context, d *db.DB, g *scaleGen, base ids, o ScaleOptions, res *ScaleResult) (err error) {
	w, err := openWriter(ctx, d)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			w.rollback(ctx)
		}
	}()
	idx, err := secondaryIndexes(ctx, w, d.Dialect, scaleTables)
	if err != nil {
		return fmt.Errorf("demo: list indexes: %w", err)
	}
	for _, ix := range idx {
		if err := w.exec(ctx, "DROP INDEX "+quote(ix[0])); err != nil {
			return fmt.Errorf("demo: drop index %s: %w", ix[0], err)
		}
	}
	// One goroutine draws the rows while this one writes them.
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 2)
	go func() {
		defer close(batches)
		for from := int64(0); from < o.Accounts; from += accountsPerBatch {
			b := generate(g, base, from, min(from+accountsPerBatch, o.Accounts))
			select {
			case batches <- b:
			case <-gctx.Done():
				return
			}
		}
	}()
	searchCols := search.Columns
	for b := range batches {
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
			count *int64
		}{{account.Table, accountColumns, b.accounts, &res.Accounts}, {contact.Table, contactColumns, b.contacts, &res.Contacts},
			{activity.Table, activityColumns, b.activities, &res.Activities}, {search.Table, searchCols, b.search, &res.SearchRows},
			{dedupkey.Table, dedupColumns, b.dedup, &res.DedupRows}} {
			if err := w.write(ctx, t.table, t.cols, t.rows); err != nil {
				return err
			}
			*t.count += int64(len(t.rows))
		}
		if o.Progress != nil {
			o.Progress(res.Accounts)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	indexStart := time.Now()
	defer func() { res.Indexes = time.Since(indexStart) }()
	for _, ix := range idx {
		if err := w.exec(ctx, ix[1]); err != nil {
			return fmt.Errorf("demo: rebuild index %s: %w", ix[0], err)
		}
	}
	if d.Dialect == db.Postgres {
		// Rows were written with explicit ids: move the identity sequences past them.
		for _, t := range []string{account.Table, contact.Table, activity.Table} {
			q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s))", t, quote(t))
			if err := w.exec(ctx, q); err != nil {
				return fmt.Errorf("demo: identity of %s: %w", t, err)
			}
		}
	}
	return w.commit(ctx)
}

// generate draws accounts [from, to) with their rows.
func generate(g *scaleGen, base ids, from, to int64) batch {
	n := to - from
	b := batch{n: n, accounts: make([][]any, 0, n), contacts: make([][]any, 0, n*ScaleContacts),
		activities: make([][]any, 0, n*ScaleActivities), search: make([][]any, 0, n*(1+ScaleContacts))}
	for i := from; i < to; i++ {
		a := g.account(i, base)
		b.accounts = append(b.accounts, accountRow(a.account))
		b.search = append(b.search, search.AccountDoc(a.account).Row())
		b.dedup = dedupRows(b.dedup, dedup.Account, a.account.ID, dedup.AccountValues(a.account))
		for _, c := range a.contacts {
			b.contacts = append(b.contacts, contactRow(c))
			b.search = append(b.search, search.ContactDoc(c, a.account.Name).Row())
			b.dedup = dedupRows(b.dedup, dedup.Contact, c.ID, dedup.ContactValues(c))
		}
		for _, act := range a.activities {
			b.activities = append(b.activities, activityRow(act))
		}
	}
	return b
}

// analyze refreshes the planner's statistics of the loaded tables.
func analyze(ctx context.Context, d *db.DB) error {
	if d.Dialect == db.Postgres {
		for _, t := range scaleTables {
			if _, err := d.SQL.ExecContext(ctx, "ANALYZE "+quote(t)); err != nil {
				return fmt.Errorf("demo: analyze %s: %w", t, err)
			}
		}
		return nil
	}
	// A bounded sample per index keeps ANALYZE fast on millions of rows and is enough for the planner.
	conn, err := d.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{"PRAGMA analysis_limit = 1000", "ANALYZE", "PRAGMA analysis_limit = 0"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("demo: %s: %w", q, err)
		}
	}
	return nil
}
