package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/kehu-crm/kehu/internal/activity"
	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/dictionary"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// DefaultAccounts and DefaultSeed are what `kehu demo` uses without flags.
const (
	DefaultAccounts = 300
	DefaultSeed     = 2026
)

// ErrNotEmpty is returned when the database already has accounts and Options.Force is not set.
var ErrNotEmpty = errors.New("the database already has accounts; use --force to add demo data anyway")

// Services are the module services the loader writes through, and the store for its transactions.
type Services struct {
	Store      *store.Store
	IAM        *iam.Service
	Dictionary *dictionary.Service
	Customer   *customer.Service
	Activity   *activity.Service
}

// Options tune a load.
type Options struct {
	// Accounts is how many accounts to create (DefaultAccounts when 0).
	Accounts int
	// Seed makes the data reproducible: the same seed gives the same data.
	Seed uint64
	// Force loads even when accounts exist: teams and users are reused and more accounts added.
	Force bool
}

// Result summarises a load.
type Result struct {
	Seed                   uint64
	Teams, TeamsCreated    int
	Users                  []User
	UsersCreated           int
	Accounts, Contacts     int
	ExistingAccountsBefore bool
}

type loader struct {
	s    Services
	dict codes
}

// Load creates the demo data as the system actor. It refuses (ErrNotEmpty, nothing written) when
// accounts exist, unless o.Force.
func Load(ctx context.Context, s Services, o Options) (*Result, error) {
	if o.Accounts == 0 {
		o.Accounts = DefaultAccounts
	}
	if o.Accounts < 0 {
		return nil, fmt.Errorf("demo: the number of accounts must not be negative")
	}
	ctx = authz.AsSystem(ctx)
	l := &loader{s: s}
	last, _, err := s.Customer.ListAccounts(ctx, customer.ListQuery{Page: record.Page{Limit: 1, Sort: record.Sort{Column: "id", Desc: true}}})
	if err != nil {
		return nil, err
	}
	if len(last) > 0 && !o.Force {
		return nil, ErrNotEmpty
	}
	// A forced load on top of accounts draws a different (still reproducible) batch than the first.
	stream := uint64(0)
	if len(last) > 0 {
		stream = uint64(last[0].ID)
	}
	if l.dict, err = readCodes(ctx, s.Dictionary); err != nil {
		return nil, err
	}
	res := &Result{Seed: o.Seed, ExistingAccountsBefore: len(last) > 0}
	teams, created, err := l.ensureTeams(ctx)
	if err != nil {
		return nil, err
	}
	res.Teams, res.TeamsCreated = len(teams), created
	if res.Users, err = l.ensureUsers(ctx, teams); err != nil {
		return nil, err
	}
	for _, u := range res.Users {
		if u.Created {
			res.UsersCreated++
		}
	}
	r := rand.New(rand.NewPCG(o.Seed, stream))
	g := newGenerator(r, l.dict, owners(res.Users))
	for range o.Accounts {
		p := g.account()
		err := s.Store.WithTx(ctx, func(ctx context.Context) error {
			acc, err := s.Customer.CreateAccount(ctx, p.account)
			if err != nil {
				return fmt.Errorf("demo: account %s: %w", *p.account.Name, err)
			}
			for _, c := range p.contacts {
				c.AccountID = &acc.ID
				if _, err := s.Customer.CreateContact(ctx, c); err != nil {
					return fmt.Errorf("demo: contact %s of %s: %w", *c.Name, acc.Name, err)
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
		res.Accounts++
		res.Contacts += len(p.contacts)
	}
	return res, nil
}

// codes are the active dictionary codes the demo data uses, in the dictionary's order.
type codes struct {
	levels, industries, regions, sources, buyingRoles []string
}

func readCodes(ctx context.Context, d *dictionary.Service) (codes, error) {
	var c codes
	for _, k := range []struct {
		kind string
		dst  *[]string
	}{{"customer_level", &c.levels}, {"industry", &c.industries}, {"region", &c.regions}, {"source", &c.sources},
		{"buying_role", &c.buyingRoles}} {
		items, err := d.ListItems(ctx, k.kind, false)
		if err != nil {
			return c, fmt.Errorf("demo: dictionary %s: %w", k.kind, err)
		}
		for _, it := range items {
			*k.dst = append(*k.dst, it.Code)
		}
	}
	return c, nil
}
