package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/dedup"
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/search"
)

// importResult is the import scenario's outcome: wall time through the API and through raw SQL.
type importResult struct {
	rows                     int
	how                      string
	api, raw                 time.Duration
	created, skipped, failed int
}

// importRow is one generated account of the import file.
type importRow struct{ name, industry, phone, email, website, address string }

var importHeader = []string{"客户名称", "行业", "电话", "邮箱", "网站", "地址"}
var importFields = []string{"name", "industry", "phone", "email", "website", "address"}

// importRows are n new accounts whose names are unique to this run (so no row is a duplicate of the
// data set or of an earlier run).
func importRows(n int, industries []string) []importRow {
	now := time.Now().UTC()
	tag := now.Format("0102150405")
	// The generated data's Shanghai numbers start with 5 to 9, so numbers starting with 1 to 4 never
	// duplicate one; a run's block of them depends on the minute, so a rerun on the same data set does
	// not meet the numbers of an earlier run either (which would send every row to the duplicate check).
	first := uint64(now.Unix()/60) % (40_000_000 / 200_000) * 200_000
	out := make([]importRow, n)
	for i := range out {
		py := fmt.Sprintf("imp%s%06d", tag, i)
		k := (first + uint64(i)) % 40_000_000
		out[i] = importRow{name: fmt.Sprintf("导入%s%06d科技有限公司", tag, i), industry: industries[i%len(industries)],
			phone: fmt.Sprintf("021-%d%07d", 1+k/10_000_000, k%10_000_000), email: "info@" + py + ".com.cn", website: "https://www." + py + ".com.cn",
			address: fmt.Sprintf("上海市浦东新区世纪大道%d号", 1+i%999)}
	}
	return out
}

func importCSV(rows []importRow) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(importHeader)
	for _, r := range rows {
		_ = w.Write([]string{r.name, r.industry, r.phone, r.email, r.website, r.address})
	}
	w.Flush()
	return b.Bytes()
}

// runImport imports o.importRows accounts as the account manager through the import API (upload, map,
// start, wait until done), then writes as many rows through raw SQL in the same batches.
func runImport(ctx context.Context, o options, ds *dataset, srv *server, c *sql.DB, f *fixtures) (*importResult, error) {
	res := &importResult{rows: o.importRows, how: "POST /api/v1/imports, then start and poll until done"}
	fmt.Fprintf(os.Stderr, "bench: %s — import %d rows through the API\n", ds.dialect, o.importRows)
	api := client{base: srv.base, cookie: f.am.cookie}
	rows := importRows(o.importRows, f.industries)
	start := time.Now()
	var job struct {
		ID           int64  `json:"id"`
		Version      int64  `json:"version"`
		Status       string `json:"status"`
		CreatedCount int    `json:"createdCount"`
		FailedCount  int    `json:"failedCount"`
		SkippedCount int    `json:"skippedCount"`
		Error        string `json:"error"`
	}
	if err := api.upload("/api/v1/imports", "account", "bench.csv", importCSV(rows), &job); err != nil {
		if strings.Contains(err.Error(), "404 Not Found") {
			fmt.Fprintln(os.Stderr, "bench: this build has no import API; the import scenario is skipped")
			return nil, nil
		}
		return nil, err
	}
	mapping := map[string]string{}
	for i, f := range importFields {
		mapping[fmt.Sprint(i)] = f
	}
	if err := api.do(http.MethodPatch, fmt.Sprintf("/api/v1/imports/%d", job.ID), fmt.Sprint(job.Version),
		map[string]any{"mapping": mapping, "duplicateMode": "skip"}, &job); err != nil {
		return nil, err
	}
	if err := api.do(http.MethodPost, fmt.Sprintf("/api/v1/imports/%d/start", job.ID), "", nil, &job); err != nil {
		return nil, err
	}
	for job.Status != "done" {
		if job.Status == "failed" || job.Status == "cancelled" {
			return nil, fmt.Errorf("import %d %s: %s", job.ID, job.Status, job.Error)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		time.Sleep(250 * time.Millisecond)
		if err := api.do(http.MethodGet, fmt.Sprintf("/api/v1/imports/%d", job.ID), "", nil, &job); err != nil {
			return nil, err
		}
	}
	res.api = time.Since(start)
	res.created, res.skipped, res.failed = job.CreatedCount, job.SkippedCount, job.FailedCount
	fmt.Fprintf(os.Stderr, "bench: %s — import %d rows through raw SQL\n", ds.dialect, o.importRows)
	start = time.Now()
	if err := rawImport(ctx, c, ds.dialect, f.am, importRows(o.importRows, f.industries)); err != nil {
		return nil, err
	}
	res.raw = time.Since(start)
	return res, nil
}

// rawImport writes what the importer writes per row — the account, its number, its search row, its
// matching keys and its audit row — in transactions of 1,000 rows (the importer's batch) with
// multi-row INSERTs.
func rawImport(ctx context.Context, c *sql.DB, d db.Dialect, p principal, rows []importRow) error {
	const batch = 1000
	for from := 0; from < len(rows); from += batch {
		if err := rawImportBatch(ctx, c, d, p, rows[from:min(from+batch, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

func rawImportBatch(ctx context.Context, c *sql.DB, d db.Dialect, p principal, rows []importRow) error {
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	var first int64
	// Ids are taken by the database; one statement inserts the batch and returns them in order.
	var accounts []*ent.Account
	cols := []string{"created_at", "updated_at", "version", "name", "type", "level", "industry", "region", "source",
		"lifecycle", "phone", "email", "website", "address", "credit_limit", "currency", "owner_id", "team_id"}
	var args []any
	for _, r := range rows {
		args = append(args, now, now, 1, r.name, "company", "", r.industry, "", "", "prospect", r.phone, r.email,
			r.website, r.address, 0, "CNY", p.id, p.teamID)
	}
	q := multiInsert(d, "accounts", cols, len(rows)) + " RETURNING id"
	res, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	for i := 0; res.Next(); i++ {
		var id int64
		if err := res.Scan(&id); err != nil {
			res.Close()
			return err
		}
		if i == 0 {
			first = id
		}
		num := fmt.Sprintf("KH%06d", id)
		r := rows[i]
		accounts = append(accounts, &ent.Account{ID: id, Number: &num, Name: r.name, Phone: r.phone, Email: r.email,
			Website: r.website, OwnerID: &p.id, TeamID: &p.teamID})
	}
	res.Close()
	if err := res.Err(); err != nil {
		return err
	}
	upd := "UPDATE accounts SET number = 'KH' || CASE WHEN id < 1000000 THEN lpad(CAST(id AS text), 6, '0') ELSE CAST(id AS text) END WHERE id >= ? AND id <= ?"
	if d == db.SQLite {
		upd = "UPDATE accounts SET number = 'KH' || printf('%06d', id) WHERE id >= ? AND id <= ?"
	}
	if _, err := tx.ExecContext(ctx, rebind(d, upd), first, accounts[len(accounts)-1].ID); err != nil {
		return err
	}
	var sargs, dargs, aargs []any
	nd := 0
	for _, a := range accounts {
		sargs = append(sargs, search.AccountDoc(a).Row()...)
		for _, k := range dedup.Keys(dedup.Account, dedup.AccountValues(a)) {
			dargs = append(dargs, dedup.Account, a.ID, k.Kind, k.Key)
			nd++
		}
		aargs = append(aargs, now, "user", p.id, p.teamID, "create", "account", a.ID, []byte(`{"name":{"new":"`+a.Name+`"}}`))
	}
	for _, s := range []struct {
		table string
		cols  []string
		n     int
		args  []any
	}{{search.Table, search.Columns, len(accounts), sargs},
		{"dedup_keys", []string{"entity", "record_id", "kind", "key"}, nd, dargs},
		{"audit_events", []string{"at", "actor_kind", "actor_id", "actor_team_id", "action", "entity", "entity_id", "changes"}, len(accounts), aargs}} {
		per := len(s.args) / s.n
		for from := 0; from < s.n; from += 500 {
			n := min(500, s.n-from)
			if _, err := tx.ExecContext(ctx, multiInsert(d, s.table, s.cols, n), s.args[from*per:(from+n)*per]...); err != nil {
				return fmt.Errorf("%s: %w", s.table, err)
			}
		}
	}
	return tx.Commit()
}

func multiInsert(d db.Dialect, table string, cols []string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	k := 0
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			k++
			if d == db.Postgres {
				fmt.Fprintf(&b, "$%d", k)
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// client is a signed-in JSON client for the few calls outside vegeta.
type client struct{ base, cookie string }

func (c client) do(method, path, ifMatch string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Cookie", c.cookie)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", `"`+ifMatch+`"`)
	}
	return c.send(req, out)
}

func (c client) upload(path, entity, name string, data []byte, out any) error {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("entity", entity)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.base+path, &b)
	if err != nil {
		return err
	}
	req.Header.Set("Cookie", c.cookie)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, out)
}

func (c client) send(req *http.Request, out any) error {
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.Path, res.Status, body)
	}
	return json.Unmarshal(body, out)
}
