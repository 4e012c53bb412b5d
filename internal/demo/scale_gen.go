package demo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
)

// Per generated account, --scale writes exactly this many contacts and activities.
const (
	ScaleContacts   = 3
	ScaleActivities = 10
)

// scaleOwner is an account manager bulk accounts are spread over, with their team's id.
type scaleOwner struct {
	owner
	teamID int64
}

// scaleGen draws the i-th account of a bulk data set with its contacts and activities. Every account
// has its own random stream (seed, i), so the data does not depend on batching or on how many
// accounts were drawn before; names are unique by construction (a permutation of a mixed-radix
// space), never by remembering the ones drawn.
type scaleGen struct {
	seed   uint64
	dict   codes
	owners []scaleOwner
	now    time.Time
	words  []industryWord
	byCity map[string][]scaleOwner
}

type industryWord struct {
	industry string
	w        word
}

// companySuffixes are the legal forms of the generated Chinese company names.
var companySuffixes = []string{"有限公司", "股份有限公司", "集团有限公司"}

func newScaleGen(seed uint64, d codes, os []scaleOwner, now time.Time) *scaleGen {
	g := &scaleGen{seed: seed, dict: d, owners: os, now: now.UTC().Truncate(time.Second), byCity: map[string][]scaleOwner{}}
	for _, o := range os {
		for _, c := range o.cities {
			g.byCity[c.zh] = append(g.byCity[c.zh], o)
		}
	}
	for _, ind := range d.industries {
		ws, ok := industryWords[ind]
		if !ok {
			ws = industryWords["other"]
		}
		for _, w := range ws {
			g.words = append(g.words, industryWord{ind, w})
		}
	}
	if len(g.words) == 0 {
		for _, w := range industryWords["other"] {
			g.words = append(g.words, industryWord{"", w})
		}
	}
	return g
}

// nameSpace is how many distinct Chinese company names the generator can draw.
func (g *scaleGen) nameSpace() uint64 {
	return uint64(len(cities) * len(brands) * len(brands) * len(g.words) * len(companySuffixes))
}

// permutationStep is a prime that walks the name space in a scattered order; the space is a product
// of small numbers, so a prime this large never divides it.
const permutationStep = 1_000_003

// companyName returns the n-th name of the name space (n taken modulo it; laps are numbered).
func (g *scaleGen) companyName(n uint64) (string, city, industryWord, word) {
	space := g.nameSpace()
	lap := n / space
	k := (n % space) * permutationStep % space
	pickN := func(size int) int { v := int(k % uint64(size)); k /= uint64(size); return v }
	c := cities[pickN(len(cities))]
	b1 := brands[pickN(len(brands))]
	b2 := brands[pickN(len(brands))]
	iw := g.words[pickN(len(g.words))]
	suffix := companySuffixes[pickN(len(companySuffixes))]
	name := c.zh + b1.zh + b2.zh + iw.w.zh + suffix
	if lap > 0 {
		name = fmt.Sprintf("%s（%d）", name, lap+1)
	}
	return name, c, iw, word{b1.zh + b2.zh, b1.py + b2.py}
}

// scaleAccount is one generated account with its rows.
type scaleAccount struct {
	account    *ent.Account
	contacts   []*ent.Contact
	activities []*ent.Activity
}

// ids are the first ids the generated rows take (the database is empty, or --force continues above
// the highest ids).
type ids struct{ account, contact, activity int64 }

func (g *scaleGen) account(i int64, base ids) scaleAccount {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	id := base.account + i
	name, c, iw, brand := g.companyName(uint64(i))
	// Most accounts go to an account manager whose territory holds their city.
	o := g.owners[r.IntN(len(g.owners))]
	if local := g.byCity[c.zh]; len(local) > 0 && r.IntN(100) < 85 {
		o = local[r.IntN(len(local))]
	}
	domain := brand.py + "-" + iw.w.py + ".com.cn"
	created := g.now.Add(-time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour))))
	number := fmt.Sprintf("KH%06d", id)
	life := pickLifecycle(r)
	level := ""
	if len(g.dict.levels) > 0 {
		level = g.dict.levels[min(r.IntN(len(g.dict.levels)*2)/2, len(g.dict.levels)-1)]
	}
	a := &ent.Account{ID: id, CreatedAt: created, UpdatedAt: created, Version: 1, Number: &number, Name: name,
		Type: account.TypeCompany, Level: level, Industry: iw.industry, Region: c.region,
		Source: pickOr(r, g.dict.sources), Lifecycle: account.Lifecycle(life), Phone: landline(r, c),
		Email: pick(r, []string{"info@", "sales@", "contact@"}) + domain, Website: "https://www." + domain,
		Address: address(r, c), Currency: "CNY", OwnerID: &o.id, TeamID: &o.teamID}
	if r.IntN(100) < 40 {
		a.Tags = []string{pick(r, AccountTags)}
	}
	if life == "customer" || life == "loyal" {
		a.CreditLimit = int64(5+r.IntN(196)) * 1_000_000
		s := 3 + r.IntN(3)
		a.Satisfaction = &s
	}
	out := scaleAccount{account: a}
	for k := range ScaleContacts {
		p := chinesePerson(r)
		cid := base.contact + i*ScaleContacts + int64(k)
		title := pick(r, titlesZh)
		role := pickOr(r, g.dict.buyingRoles)
		if k == 0 {
			title = titlesZh[r.IntN(2)]
		}
		ct := &ent.Contact{ID: cid, CreatedAt: created, UpdatedAt: created, Version: 1, AccountID: id, Name: p.name,
			Title: title, BuyingRole: role, Mobile: mobile(r), Email: p.local + "@" + domain,
			PreferredChannel: contact.PreferredChannel(pick(r, channels)), Consent: r.IntN(4) > 0,
			OwnerID: &o.id, TeamID: &o.teamID}
		out.contacts = append(out.contacts, ct)
	}
	for k := range ScaleActivities {
		out.activities = append(out.activities, g.activity(r, base.activity+i*ScaleActivities+int64(k), a, out.contacts))
	}
	return out
}

// activity draws one activity of the past year, or an open task due within a month either side of now
// (overdue or upcoming, some with a reminder).
func (g *scaleGen) activity(r *rand.Rand, id int64, a *ent.Account, cs []*ent.Contact) *ent.Activity {
	typ := activityType(r)
	n := noteFor(r, typ, false)
	c := cs[r.IntN(len(cs))]
	at := g.now.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour)))).Truncate(time.Minute)
	act := &ent.Activity{ID: id, CreatedAt: at, UpdatedAt: at, Version: 1, Type: typ, Subject: n.subject,
		Content: n.content, AccountID: &a.ID, ContactID: &c.ID, Status: activity.StatusDone, Outcome: n.outcome,
		OwnerID: a.OwnerID, TeamID: a.TeamID}
	due := at
	if typ == "task" && r.IntN(3) > 0 {
		due = g.now.Add(time.Duration(r.Int64N(int64(60*24*time.Hour))) - 30*24*time.Hour).Truncate(time.Minute)
		act.Status, act.Outcome = activity.StatusOpen, ""
		if r.IntN(2) == 0 {
			remind := due.Add(-time.Hour)
			act.RemindAt = &remind
			if remind.Before(g.now) {
				act.RemindedAt = &remind // already reminded: loading history must not flood the reminder job
			}
		}
	} else {
		done := at
		act.DoneAt = &done
	}
	act.DueAt = &due
	if r.IntN(10) == 0 {
		act.Tags = []string{pick(r, ActivityTags)}
	}
	return act
}

func pickLifecycle(r *rand.Rand) string {
	n := r.IntN(100)
	for _, l := range lifecycles {
		if n < l.weight {
			return l.code
		}
		n -= l.weight
	}
	return "customer"
}

func pickOr(r *rand.Rand, xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return pick(r, xs)
}

// Columns and row values of the three tables, as the ent schema names them.
var (
	accountColumns = []string{account.FieldID, account.FieldCreatedAt, account.FieldUpdatedAt, account.FieldVersion,
		account.FieldNumber, account.FieldName, account.FieldType, account.FieldLevel, account.FieldIndustry,
		account.FieldRegion, account.FieldSource, account.FieldLifecycle, account.FieldPhone, account.FieldEmail,
		account.FieldWebsite, account.FieldAddress, account.FieldCreditLimit, account.FieldCurrency,
		account.FieldSatisfaction, account.FieldTags, account.FieldOwnerID, account.FieldTeamID}
	contactColumns = []string{contact.FieldID, contact.FieldCreatedAt, contact.FieldUpdatedAt, contact.FieldVersion,
		contact.FieldAccountID, contact.FieldName, contact.FieldTitle, contact.FieldBuyingRole, contact.FieldPhone,
		contact.FieldMobile, contact.FieldEmail, contact.FieldPreferredChannel, contact.FieldConsent,
		contact.FieldOwnerID, contact.FieldTeamID}
	activityColumns = []string{activity.FieldID, activity.FieldCreatedAt, activity.FieldUpdatedAt,
		activity.FieldVersion, activity.FieldType, activity.FieldSubject, activity.FieldContent,
		activity.FieldAccountID, activity.FieldContactID, activity.FieldDueAt, activity.FieldStatus,
		activity.FieldOutcome, activity.FieldDoneAt, activity.FieldRemindAt, activity.FieldRemindedAt,
		activity.FieldTags, activity.FieldOwnerID, activity.FieldTeamID}
)

func accountRow(a *ent.Account) []any {
	return []any{a.ID, a.CreatedAt, a.UpdatedAt, a.Version, *a.Number, a.Name, string(a.Type), a.Level, a.Industry,
		a.Region, a.Source, string(a.Lifecycle), a.Phone, a.Email, a.Website, a.Address, a.CreditLimit, a.Currency,
		nullInt(a.Satisfaction), jsonOrNull(a.Tags), *a.OwnerID, *a.TeamID}
}

func contactRow(c *ent.Contact) []any {
	return []any{c.ID, c.CreatedAt, c.UpdatedAt, c.Version, c.AccountID, c.Name, c.Title, c.BuyingRole, c.Phone,
		c.Mobile, c.Email, string(c.PreferredChannel), c.Consent, *c.OwnerID, *c.TeamID}
}

func activityRow(a *ent.Activity) []any {
	return []any{a.ID, a.CreatedAt, a.UpdatedAt, a.Version, a.Type, a.Subject, a.Content, *a.AccountID,
		*a.ContactID, nullTime(a.DueAt), string(a.Status), a.Outcome, nullTime(a.DoneAt), nullTime(a.RemindAt),
		nullTime(a.RemindedAt), jsonOrNull(a.Tags), *a.OwnerID, *a.TeamID}
}

// jsonOrNull encodes a JSON column the way ent does (marshalled bytes), NULL when empty.
func jsonOrNull(v []string) any {
	if len(v) == 0 {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func nullTime(p *time.Time) any {
	if p == nil {
		return nil
	}
	return *p
}
