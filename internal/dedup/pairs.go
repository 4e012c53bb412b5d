package dedup

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/dedupkey"
	"github.com/kehu-crm/kehu/internal/ent/duplicatedismissal"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
)

// PairSide is one record of a pair, as much as the review list shows.
type PairSide struct {
	ID          int64
	Name        string
	OwnerID     *int64
	OwnerName   string
	AccountID   *int64
	AccountName string
	UpdatedAt   time.Time
}

// Pair is a likely duplicate pair: A has the smaller id.
type Pair struct {
	A, B  PairSide
	Kinds []string
	Score int
}

// MaxPairPage is the largest page of pairs.
const MaxPairPage = 200

// Pairs lists likely duplicate pairs of entity among the records the caller may read (a pair with one
// record outside the caller's scope is not listed), excluding dismissed pairs, best score first. after
// is the previous page's cursor.
func (s *Service) Pairs(ctx context.Context, entity string, limit int, after string) ([]Pair, string, error) {
	if err := validEntity("query.entity", entity); err != nil {
		return nil, "", err
	}
	if err := authz.Require(ctx, right(entity, "read")); err != nil {
		return nil, "", err
	}
	if limit <= 0 || limit > MaxPairPage {
		limit = MaxPairPage
	}
	var cur *pairCursor
	if after != "" {
		c, err := decodeCursor(after)
		if err != nil {
			return nil, "", err
		}
		cur = &c
	}
	raw, err := s.pairRows(ctx, entity, limit+1, cur)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(raw) > limit {
		raw = raw[:limit]
		last := raw[len(raw)-1]
		next = pairCursor{Score: last.score, A: last.a, B: last.b}.encode()
	}
	out, err := s.pairSides(ctx, entity, raw)
	return out, next, err
}

type pairRow struct {
	a, b, score int64
	kinds       []string
}

// pairRows runs the pair query: keys of readable records joined on (kind, key), grouped per pair.
func (s *Service) pairRows(ctx context.Context, entity string, n int, cur *pairCursor) ([]pairRow, error) {
	a := authz.FromContext(ctx)
	scope := a.ScopeOf(right(entity, "read"))
	b := sql.Dialect(entDialect(s.dialect))
	readable := func() *sql.Selector {
		sel := b.Select("id").From(sql.Table(tables[entity]))
		if !a.IsSystem() && scope < authz.ScopeAll {
			authz.ScopePredicate(rules[entity], a, scope)(sel)
		}
		return sel
	}
	k1, k2 := sql.Table(dedupkey.Table).As("k1"), sql.Table(dedupkey.Table).As("k2")
	inner := b.Select().From(k1).
		AppendSelectAs(k1.C(dedupkey.FieldRecordID), "a_id").
		AppendSelectAs(k2.C(dedupkey.FieldRecordID), "b_id")
	score := make([]string, 0, len(kindOrder))
	for _, kind := range kindOrder {
		flag := "MAX(CASE WHEN " + k1.C(dedupkey.FieldKind) + " = '" + kind + "' THEN 1 ELSE 0 END)"
		inner.AppendSelectExprAs(sql.Raw(flag), "m_"+kind)
		score = append(score, flag+"*"+strconv.Itoa(weights[kind]))
	}
	inner.AppendSelectExprAs(sql.Raw(strings.Join(score, " + ")), "score")
	inner.Join(k2).OnP(sql.And(
		sql.ColumnsEQ(k1.C(dedupkey.FieldEntity), k2.C(dedupkey.FieldEntity)),
		sql.ColumnsEQ(k1.C(dedupkey.FieldKind), k2.C(dedupkey.FieldKind)),
		sql.ColumnsEQ(k1.C(dedupkey.FieldKey), k2.C(dedupkey.FieldKey)),
		sql.ColumnsLT(k1.C(dedupkey.FieldRecordID), k2.C(dedupkey.FieldRecordID)),
	)).Where(sql.And(
		sql.EQ(k1.C(dedupkey.FieldEntity), entity),
		sql.In(k1.C(dedupkey.FieldRecordID), readable()),
		sql.In(k2.C(dedupkey.FieldRecordID), readable()),
	)).GroupBy(k1.C(dedupkey.FieldRecordID), k2.C(dedupkey.FieldRecordID))

	t := inner.As("t")
	cols := []string{t.C("a_id"), t.C("b_id"), t.C("score")}
	for _, kind := range kindOrder {
		cols = append(cols, t.C("m_"+kind))
	}
	d := sql.Table(duplicatedismissal.Table).As("d")
	dismissed := b.Select(d.C(duplicatedismissal.FieldID)).From(d).Where(sql.And(
		sql.EQ(d.C(duplicatedismissal.FieldEntity), entity),
		sql.ColumnsEQ(d.C(duplicatedismissal.FieldAID), t.C("a_id")),
		sql.ColumnsEQ(d.C(duplicatedismissal.FieldBID), t.C("b_id")),
	))
	outer := b.Select(cols...).From(t).Where(sql.NotExists(dismissed))
	if cur != nil {
		outer.Where(sql.Or(
			sql.LT(t.C("score"), cur.Score),
			sql.And(sql.EQ(t.C("score"), cur.Score), sql.GT(t.C("a_id"), cur.A)),
			sql.And(sql.EQ(t.C("score"), cur.Score), sql.EQ(t.C("a_id"), cur.A), sql.GT(t.C("b_id"), cur.B)),
		))
	}
	outer.OrderExpr(sql.Raw(t.C("score") + " DESC, " + t.C("a_id") + ", " + t.C("b_id"))).Limit(n)
	query, args := outer.Query()
	rows, err := s.st.Client(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("dedup: pairs of %s: %w", entity, err)
	}
	defer rows.Close()
	var out []pairRow
	for rows.Next() {
		var r pairRow
		flags := make([]int64, len(kindOrder))
		dest := []any{&r.a, &r.b, &r.score}
		for i := range flags {
			dest = append(dest, &flags[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, f := range flags {
			if f == 1 {
				r.kinds = append(r.kinds, kindOrder[i])
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// pairSides reads both records of each pair as the caller (a record gone meanwhile drops its pair).
func (s *Service) pairSides(ctx context.Context, entity string, raw []pairRow) ([]Pair, error) {
	if len(raw) == 0 {
		return []Pair{}, nil
	}
	var ids []int64
	for _, r := range raw {
		ids = append(ids, r.a, r.b)
	}
	sides := map[int64]PairSide{}
	var owners, accounts []int64
	switch entity {
	case Account:
		rows, err := s.st.Client(ctx).Account.Query().Where(account.IDIn(ids...)).
			Select(account.FieldID, account.FieldName, account.FieldOwnerID, account.FieldUpdatedAt).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			sides[r.ID] = PairSide{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID, UpdatedAt: r.UpdatedAt}
			owners = append(owners, deref(r.OwnerID))
		}
	case Contact:
		rows, err := s.st.Client(ctx).Contact.Query().Where(contact.IDIn(ids...)).
			Select(contact.FieldID, contact.FieldName, contact.FieldOwnerID, contact.FieldAccountID, contact.FieldUpdatedAt).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			acc := r.AccountID
			sides[r.ID] = PairSide{ID: r.ID, Name: r.Name, OwnerID: r.OwnerID, AccountID: &acc, UpdatedAt: r.UpdatedAt}
			owners = append(owners, deref(r.OwnerID))
			accounts = append(accounts, acc)
		}
	}
	users, err := s.userNames(ctx, owners)
	if err != nil {
		return nil, err
	}
	accNames, err := s.accountNames(ctx, accounts)
	if err != nil {
		return nil, err
	}
	out := make([]Pair, 0, len(raw))
	for _, r := range raw {
		a, okA := sides[r.a]
		b, okB := sides[r.b]
		if !okA || !okB {
			continue
		}
		for _, side := range []*PairSide{&a, &b} {
			side.OwnerName = users[deref(side.OwnerID)]
			side.AccountName = accNames[deref(side.AccountID)]
		}
		out = append(out, Pair{A: a, B: b, Kinds: r.kinds, Score: Score(r.kinds)})
	}
	return out, nil
}

type pairCursor struct{ Score, A, B int64 }

func (c pairCursor) encode() string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d.%d", c.Score, c.A, c.B))
}

func decodeCursor(s string) (pairCursor, error) {
	bad := apperr.Field("query.cursor", "field.invalid", nil)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return pairCursor{}, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 {
		return pairCursor{}, bad
	}
	var v [3]int64
	for i, p := range parts {
		if v[i], err = strconv.ParseInt(p, 10, 64); err != nil || v[i] < 0 {
			return pairCursor{}, bad
		}
	}
	return pairCursor{Score: v[0], A: v[1], B: v[2]}, nil
}

func entDialect(d db.Dialect) string {
	if d == db.Postgres {
		return dialect.Postgres
	}
	return dialect.SQLite
}
