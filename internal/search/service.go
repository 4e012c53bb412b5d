package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/fls"
)

// MaxQueryLen is the longest query accepted, in characters.
const MaxQueryLen = 100

// MaxLimit is the most hits one search returns.
const MaxLimit = 50

// Store is what the service needs of internal/store (an interface, so that the store can install Hook
// without an import cycle).
type Store interface {
	Client(ctx context.Context) *ent.Client
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Service answers searches and rebuilds the index.
type Service struct {
	st      Store
	dialect db.Dialect
	// candidates bounds the rows ranked per entity (see doc.go).
	candidates int
}

// Candidates is how many matching rows a search ranks per entity at most (see doc.go).
const Candidates = 500

// New builds the service.
func New(st Store, d db.Dialect) *Service {
	return &Service{st: st, dialect: d, candidates: Candidates}
}

// Hit is one record found.
type Hit struct {
	Entity   string
	ID       int64
	Title    string
	Subtitle string
	// AccountID is the account the record belongs to (a contact's), nil for accounts.
	AccountID *int64
	// AccountName is set only when the actor may read accounts.
	AccountName string
	// Score orders hits (higher first): 2 for an exact title, 1 for a title prefix, plus the
	// database's text relevance below 1.
	Score float64
}

// Search finds records of the given entities (all when types is empty) whose index terms hold every
// token of q. Each entity is searched only when the actor holds its read right, and only within the
// actor's scope for it (in SQL); phone and e-mail terms are searched only for actors who see them on
// every record they can read.
func (s *Service) Search(ctx context.Context, q string, types []string, limit int) ([]Hit, error) {
	q = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < ' ' || r == utf8.RuneError {
			return -1 // control characters (NUL is refused by PostgreSQL) and invalid bytes
		}
		return r
	}, q))
	switch {
	case q == "":
		return nil, apperr.Field("query.q", "field.blank", nil)
	case utf8.RuneCountInString(q) > MaxQueryLen:
		return nil, apperr.Field("query.q", "field.too_long", map[string]any{"Max": MaxQueryLen})
	}
	srcs := Sources
	if len(types) > 0 {
		srcs = nil
		for _, t := range types {
			src, ok := SourceOf(strings.TrimSpace(t))
			if !ok {
				return nil, apperr.Field("query.types", "field.invalid", nil)
			}
			srcs = append(srcs, src)
		}
	}
	if limit <= 0 || limit > MaxLimit {
		limit = 10
	}
	tokens := Query(q)
	a := authz.FromContext(ctx)
	if len(tokens) == 0 || a == nil {
		return nil, nil
	}
	canReadAccounts := a.Can(authz.NewRight("account", "read"))
	var hits []Hit
	seen := map[string]bool{}
	for _, src := range srcs {
		if seen[src.Entity] {
			continue
		}
		seen[src.Entity] = true
		scope := a.ScopeOf(authz.NewRight(src.Entity, "read"))
		if scope == authz.ScopeNone {
			continue
		}
		found, err := s.searchOne(ctx, src, a, scope, fls.SeesAll(a, src.Entity), q, tokens, limit)
		if err != nil {
			return nil, err
		}
		for i := range found {
			if !canReadAccounts {
				found[i].AccountName = ""
			}
		}
		hits = append(hits, found...)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

func (s *Service) searchOne(ctx context.Context, src Source, a *authz.Actor, scope authz.Scope, sensitive bool,
	q string, tokens []Token, limit int) ([]Hit, error) {
	m, ok := s.newMatch(src, a, scope, sensitive, strings.ToLower(q), tokens)
	if !ok {
		return nil, nil // no scope key: the SQL predicate would keep nothing either
	}
	var out []Hit
	found := map[int64]bool{}
	// The exact titles first (an index lookup, so they are found beyond the candidate bound), then the
	// ranked candidates.
	for _, sel := range []*sql.Selector{m.exact(limit), m.ranked(s.candidates, limit)} {
		query, args := sel.Query()
		rows, err := s.st.Client(ctx).QueryContext(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", src.Entity, err)
		}
		if err := scanHits(rows, src.Entity, found, &out); err != nil {
			return nil, fmt.Errorf("search: %s: %w", src.Entity, err)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// scanHits appends the rows' hits to out, skipping records already found.
func scanHits(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, entity string, found map[int64]bool, out *[]Hit) error {
	defer rows.Close()
	for rows.Next() {
		h := Hit{Entity: entity}
		var accountID *int64
		var tierV int64
		var rel float64
		if err := rows.Scan(&h.ID, &h.Title, &h.Subtitle, &accountID, &h.AccountName, &tierV, &rel); err != nil {
			return err
		}
		if found[h.ID] {
			continue
		}
		found[h.ID] = true
		h.AccountID = accountID
		h.Score = float64(tierV) + relevance(rel)
		*out = append(*out, h)
	}
	return rows.Err()
}

// relevance squeezes a non-negative text score into [0, 1) so that it only orders hits of one tier.
func relevance(r float64) float64 {
	if r <= 0 {
		return 0
	}
	return r / (1 + r)
}

func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// Reindex rebuilds the whole index from the records, in one transaction (tests, imports, repairs).
func (s *Service) Reindex(ctx context.Context) error {
	sys := authz.AsSystem(ctx)
	return s.st.WithTx(sys, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		if _, err := c.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return err
		}
		for _, src := range Sources {
			var after int64
			for {
				ids, err := src.Page(ctx, c, after, 500)
				if err != nil {
					return err
				}
				if len(ids) == 0 {
					break
				}
				docs, err := src.Load(ctx, c, ids)
				if err != nil {
					return err
				}
				if err := upsert(ctx, c, s.dialect, docs); err != nil {
					return err
				}
				after = ids[len(ids)-1]
			}
		}
		return nil
	})
}
