package dedup

import (
	"context"

	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Candidate is a likely duplicate shown to the caller: a readable record, why it matched and how
// strongly.
type Candidate struct {
	Match
	OwnerName   string
	AccountName string
	Score       int
}

// CheckResult is the answer of Check.
type CheckResult struct {
	Candidates []Candidate
	// Hidden counts matching records the caller cannot read.
	Hidden int
}

// Check finds likely duplicates of a record being created or edited (values; values["id"] is the
// edited record). It needs the entity's read right: matches are the readable records, the others are
// only counted.
func (s *Service) Check(ctx context.Context, entity string, values Values) (CheckResult, error) {
	if err := validEntity("body.entity", entity); err != nil {
		return CheckResult{}, err
	}
	if err := authz.Require(ctx, right(entity, "read")); err != nil {
		return CheckResult{}, err
	}
	r, err := Lookup(ctx, s.st.Client(ctx), entity, values)
	if err != nil {
		return CheckResult{}, err
	}
	var owners, accounts []int64
	for _, m := range r.Matches {
		if m.OwnerID != nil {
			owners = append(owners, *m.OwnerID)
		}
		if m.AccountID != nil {
			accounts = append(accounts, *m.AccountID)
		}
	}
	users, err := s.userNames(ctx, owners)
	if err != nil {
		return CheckResult{}, err
	}
	accNames, err := s.accountNames(ctx, accounts)
	if err != nil {
		return CheckResult{}, err
	}
	out := CheckResult{Hidden: r.Hidden, Candidates: make([]Candidate, 0, len(r.Matches))}
	for _, m := range r.Matches {
		out.Candidates = append(out.Candidates, Candidate{Match: m, OwnerName: users[deref(m.OwnerID)],
			AccountName: accNames[deref(m.AccountID)], Score: Score(m.Kinds)})
	}
	return out, nil
}
