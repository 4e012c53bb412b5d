package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kehu-crm/kehu/internal/activity"
	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/dictionary"
	"github.com/kehu-crm/kehu/internal/ent"
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
	// Now anchors the history (time.Now when zero): a year of activities before it, tasks around it.
	Now time.Time
}

// Result summarises a load.
type Result struct {
	Seed                uint64
	Teams, TeamsCreated int
	Users               []User
	UsersCreated        int
	Accounts, Contacts  int
	// Activities counts every activity written (follow-up tasks included); Overdue and Upcoming are the
	// open tasks due before and after Now.
	Activities, Overdue, Upcoming int
	// Comments are the @mention discussions between account managers and their directors.
	Comments               int
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
	if s.Activity == nil {
		return nil, errors.New("demo: the activity service is needed for the history")
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
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC()
	r := rand.New(rand.NewPCG(o.Seed, stream))
	// History draws from its own stream, so the accounts are the same with or without it.
	hr := rand.New(rand.NewPCG(o.Seed^historyStream, stream))
	g := newGenerator(r, l.dict, owners(res.Users))
	people := map[int64]User{}
	for _, u := range res.Users {
		people[u.ID] = u
	}
	firstOf := map[int64]*ent.Account{}
	for range o.Accounts {
		p := g.account()
		err := s.Store.WithTx(ctx, func(ctx context.Context) error {
			acc, err := s.Customer.CreateAccount(ctx, p.account)
			if err != nil {
				return fmt.Errorf("demo: account %s: %w", *p.account.Name, err)
			}
			var cs []*ent.Contact
			for _, c := range p.contacts {
				c.AccountID = &acc.ID
				ct, err := s.Customer.CreateContact(ctx, c)
				if err != nil {
					return fmt.Errorf("demo: contact %s of %s: %w", *c.Name, acc.Name, err)
				}
				cs = append(cs, ct)
			}
			h := &history{l: l, r: hr, now: o.Now, english: acc.Currency != "CNY", acc: acc, cs: cs, counts: res}
			if err := h.since(ctx, past(hr, o.Now.AddDate(0, 0, -historyDays), 180)); err != nil {
				return err
			}
			if err := h.write(ctx); err != nil {
				return err
			}
			if firstOf[*acc.OwnerID] == nil {
				firstOf[*acc.OwnerID] = acc
			}
			if hr.IntN(100) >= 12 {
				return nil
			}
			owner := people[*acc.OwnerID]
			dir := directorOf(res.Users, teamKeyOf(owner.Email))
			if dir == nil {
				return nil
			}
			return l.discussion(ctx, hr, o.Now, h.english, acc, owner, *dir, teams[teamKeyOf(owner.Email)],
				teams[teamKeyOf(dir.Email)], res)
		})
		if err != nil {
			return res, err
		}
		res.Accounts++
		res.Contacts += len(p.contacts)
	}
	// Every account manager starts with an overdue task and an upcoming one with a reminder.
	for _, ow := range owners(res.Users) {
		h := &history{l: l, r: hr, now: o.Now, acc: firstOf[ow.id], counts: res}
		err := s.Store.WithTx(ctx, func(ctx context.Context) error {
			if err := h.openTask(ctx, ow.id, workTime(hr, o.Now.AddDate(0, 0, -1-hr.IntN(4))), true); err != nil {
				return err
			}
			return h.openTask(ctx, ow.id, workTime(hr, o.Now.AddDate(0, 0, 2+hr.IntN(5))), true)
		})
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// historyStream separates the history's random stream from the accounts'.
const historyStream = 0x9e3779b97f4a7c15

// teamKeyOf finds the team key of a demo user by e-mail address.
func teamKeyOf(email string) string {
	for _, d := range userDefs {
		if d.local+"@"+EmailDomain == email {
			return d.team
		}
	}
	return ""
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
