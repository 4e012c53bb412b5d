package customer_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
	"github.com/kehu-crm/kehu/internal/search"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// actorCtx acts as a user within one request, as the API (or an import) would.
func actorCtx(t *testing.T, a *testkit.App, userID int64) context.Context {
	t.Helper()
	act, err := a.Modules.IAM.ActorOf(testkit.System(), userID)
	if err != nil || act == nil {
		t.Fatalf("actor %d: %v", userID, err)
	}
	return reqinfo.With(authz.WithActor(context.Background(), act), reqinfo.Info{ID: "req-batch-1", IP: "10.1.2.3"})
}

// auditRow is an audit event without what differs between two writes of the same input (row id, time,
// the record's id, an account's number: checked against the id, then left out).
type auditRow struct {
	Action, Entity, ActorKind, RequestID, IP string
	ActorID, ActorTeamID, TokenID            int64
	Changes                                  string
}

func auditOf(t *testing.T, a *testkit.App, entity string, id int64) []auditRow {
	t.Helper()
	sys := testkit.System()
	evs, err := a.Store.Client(sys).AuditEvent.Query().
		Where(auditevent.Entity(entity), auditevent.EntityID(id)).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	var out []auditRow
	for _, e := range evs {
		ch := map[string]any{}
		for k, v := range e.Changes {
			ch[k] = [2]any{v.Old, v.New}
		}
		if entity == "account" {
			if want := fmt.Sprintf("KH%06d", id); ch["number"] != [2]any{nil, want} {
				t.Errorf("account %d: audited number %v, want %s", id, ch["number"], want)
			}
			delete(ch, "number")
		}
		if c, ok := ch["created_at"].([2]any); !ok || c[1] == nil {
			t.Errorf("%s %d: audited created_at %v", entity, id, ch["created_at"])
		}
		delete(ch, "created_at")
		out = append(out, auditRow{Action: e.Action, Entity: e.Entity, ActorKind: e.ActorKind, RequestID: e.RequestID,
			IP: e.IP, ActorID: deref(e.ActorID), ActorTeamID: deref(e.ActorTeamID), TokenID: deref(e.TokenID), Changes: fmt.Sprint(ch)})
	}
	return out
}

// searchRows reads the stored index rows of records, in Doc form.
func searchRows(t *testing.T, a *testkit.App, entity string, ids []int64) map[int64]search.Doc {
	t.Helper()
	ph := "?"
	if a.Dialect == db.Postgres {
		ph = "$1"
	}
	out := map[int64]search.Doc{}
	for _, id := range ids {
		rows, err := a.Store.DB.SQL.Query(`SELECT record_id, owner_id, team_id, account_id, title, subtitle, account_name,
			terms, sensitive_terms FROM search_index WHERE entity = '`+entity+`' AND record_id = `+ph, id)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			d := search.Doc{Entity: entity}
			if err := rows.Scan(&d.RecordID, &d.OwnerID, &d.TeamID, &d.AccountID, &d.Title, &d.Subtitle, &d.AccountName,
				&d.Terms, &d.SensitiveTerms); err != nil {
				t.Fatal(err)
			}
			if _, dup := out[id]; dup {
				t.Errorf("%s %d: more than one index row", entity, id)
			}
			out[id] = d
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func keysOf(t *testing.T, a *testkit.App, entity string, id int64) []string {
	t.Helper()
	sys := testkit.System()
	ks, err := a.Store.Client(sys).DedupKey.Query().Where(dedupkey.Entity(entity), dedupkey.RecordID(id)).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(ks))
	for _, k := range ks {
		out = append(out, k.Kind+"="+k.Key)
	}
	slices.Sort(out)
	return out
}

// sameAsSingle checks that each batched record got exactly the audit rows, search row and dedup keys
// the single create of the same input got, and that the search rows are what the source reads.
func sameAsSingle(t *testing.T, a *testkit.App, entity string, single int64, batched []int64) {
	t.Helper()
	wantAudit := auditOf(t, a, entity, single)
	if len(wantAudit) != 1 || wantAudit[0].Action != "create" || wantAudit[0].RequestID != "req-batch-1" ||
		wantAudit[0].IP != "10.1.2.3" || wantAudit[0].ActorID == 0 {
		t.Fatalf("%s: audit of the single create: %+v", entity, wantAudit)
	}
	wantKeys := keysOf(t, a, entity, single)
	if len(wantKeys) < 2 {
		t.Fatalf("%s: dedup keys of the single create: %v", entity, wantKeys)
	}
	all := append([]int64{single}, batched...)
	stored := searchRows(t, a, entity, all)
	src, _ := search.SourceOf(entity)
	sys := testkit.System()
	docs, err := src.Load(sys, a.Store.Client(sys), all)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(all) {
		t.Fatalf("%s: loaded %d of %d records", entity, len(docs), len(all))
	}
	for _, doc := range docs {
		if got, ok := stored[doc.RecordID]; !ok || !reflect.DeepEqual(got, doc) {
			t.Errorf("%s %d: index row %+v, want %+v", entity, doc.RecordID, got, doc)
		}
	}
	for _, id := range batched {
		if got := auditOf(t, a, entity, id); !reflect.DeepEqual(got, wantAudit) {
			t.Errorf("%s %d: batched audit\n%+v\nwant (single create)\n%+v", entity, id, got, wantAudit)
		}
		if got := keysOf(t, a, entity, id); !reflect.DeepEqual(got, wantKeys) {
			t.Errorf("%s %d: dedup keys %v, want %v", entity, id, got, wantKeys)
		}
	}
}

// A batched insert (the import's path) writes the same audit rows, search rows and dedup keys as single
// creates of the same input, though it writes them set-based after the bulk insert.
func TestBatchedInsertWritesWhatSingleCreatesWrite(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		ctx := actorCtx(t, a, tp.AMEast)
		svc := a.Modules.Customer
		accIn := func() customer.AccountInput {
			return customer.AccountInput{Name: ptr("上海批量贸易有限公司"), Phone: ptr("021-61234567"),
				Email: ptr("Sales@Batch.test"), Website: ptr("https://batch.test"), Industry: nil, Tags: &[]string{"导入"}}
		}
		single, err := svc.CreateAccount(ctx, accIn())
		if err != nil {
			t.Fatal(err)
		}
		const n = 5
		var accIDs []int64
		err = a.Store.WithTx(ctx, func(ctx context.Context) error {
			b := svc.Batch()
			rows := make([]customer.CheckedAccount, n)
			for i := range rows {
				if rows[i], err = b.CheckAccount(ctx, accIn()); err != nil {
					return err
				}
			}
			accIDs, err = b.InsertAccounts(ctx, rows)
			return err
		})
		if err != nil || len(accIDs) != n {
			t.Fatalf("batched accounts: %v %v", accIDs, err)
		}
		sameAsSingle(t, a, "account", single.ID, accIDs)

		conIn := func() customer.ContactInput {
			return customer.ContactInput{AccountID: &single.ID, Name: ptr("王批量"), Mobile: ptr("13812345678"),
				Email: ptr("wang@batch.test"), Title: ptr("采购经理")}
		}
		one, err := svc.CreateContact(ctx, conIn())
		if err != nil {
			t.Fatal(err)
		}
		var conIDs []int64
		err = a.Store.WithTx(ctx, func(ctx context.Context) error {
			b := svc.Batch()
			rows := make([]customer.CheckedContact, n)
			for i := range rows {
				if rows[i], err = b.CheckContact(ctx, conIn()); err != nil {
					return err
				}
			}
			conIDs, err = b.InsertContacts(ctx, rows)
			return err
		})
		if err != nil || len(conIDs) != n {
			t.Fatalf("batched contacts: %v %v", conIDs, err)
		}
		sameAsSingle(t, a, "contact", one.ID, conIDs)

		// Writes after the batch in the same transaction take the per-record path again.
		var later int64
		err = a.Store.WithTx(ctx, func(ctx context.Context) error {
			rows := []customer.CheckedAccount{}
			for range 2 {
				r, err := svc.CheckAccount(ctx, accIn())
				if err != nil {
					return err
				}
				rows = append(rows, r)
			}
			if _, err := svc.InsertAccounts(ctx, rows); err != nil {
				return err
			}
			r, err := svc.CheckAccount(ctx, accIn())
			if err != nil {
				return err
			}
			ids, err := svc.InsertAccounts(ctx, []customer.CheckedAccount{r})
			if err == nil {
				later = ids[0]
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sameAsSingle(t, a, "account", single.ID, []int64{later})
	})
}

// A failure while writing the deferred rows rolls the whole batch back: no record, no audit row, no
// index row and no key survives.
func TestBatchedInsertFlushFailureRollsBack(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		a := testkit.NewApp(t, d)
		tp := a.NewTopology(t)
		ctx := actorCtx(t, a, tp.AMEast)
		svc := a.Modules.Customer
		sys := testkit.System()
		audits := func() int {
			n, err := a.Store.Client(sys).AuditEvent.Query().Where(auditevent.Entity("account")).Count(sys)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		countIndex := func() (n int) {
			if err := a.Store.DB.SQL.QueryRow("SELECT COUNT(*) FROM search_index").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		countKeys := func() int {
			n, err := a.Store.Client(sys).DedupKey.Query().Count(sys)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before, index, keys := audits(), countIndex(), countKeys()
		var inserted []int64
		err := a.Store.WithTx(ctx, func(ctx context.Context) error {
			b := svc.Batch()
			var rows []customer.CheckedAccount
			for i := range 3 {
				r, err := b.CheckAccount(ctx, customer.AccountInput{Name: ptr(fmt.Sprintf("回滚客户%d", i)),
					Phone: ptr(fmt.Sprintf("021-5555000%d", i))})
				if err != nil {
					return err
				}
				rows = append(rows, r)
			}
			// A real failure of the flush: the dedup keys' table is gone inside this transaction (DDL is
			// transactional on both databases, so the rollback restores it).
			if _, err := a.Store.Client(ctx).ExecContext(ctx, "DROP TABLE dedup_keys"); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			var err error
			inserted, err = b.InsertAccounts(ctx, rows)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "dedup: keys of account") {
			t.Fatalf("insert with a failing flush: %v, %v; want the flush's dedup error", inserted, err)
		}
		if n, err := a.Store.Client(sys).Account.Query().Where(account.NameHasPrefix("回滚客户")).Count(sys); err != nil || n != 0 {
			t.Errorf("accounts after rollback: %d %v", n, err)
		}
		if got := audits(); got != before {
			t.Errorf("account audit rows: %d, want %d", got, before)
		}
		if got := countIndex(); got != index {
			t.Errorf("index rows after rollback: %d, want %d", got, index)
		}
		if got := countKeys(); got != keys {
			t.Errorf("dedup keys after rollback: %d, want %d", got, keys)
		}
		// The failed batch left nothing behind: the same rows go in cleanly afterwards.
		r, err := svc.CreateAccount(ctx, customer.AccountInput{Name: ptr("回滚客户0"), Phone: ptr("021-55550000")})
		if err != nil || len(keysOf(t, a, "account", r.ID)) == 0 {
			t.Fatalf("create after rollback: %v", err)
		}
	})
}
