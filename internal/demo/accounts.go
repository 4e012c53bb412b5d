package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kehu-crm/kehu/internal/customer"
)

// plan is one account to create with its contacts (their AccountID is set once the account exists).
type plan struct {
	account  customer.AccountInput
	contacts []customer.ContactInput
}

// generator draws accounts from one random stream; it touches no database.
type generator struct {
	r      *rand.Rand
	dict   codes
	owners []owner
	used   map[string]bool
}

func newGenerator(r *rand.Rand, d codes, os []owner) *generator {
	return &generator{r: r, dict: d, owners: os, used: map[string]bool{}}
}

// lifecycles and their weights: most demo accounts are customers or prospects.
var lifecycles = []struct {
	code   string
	weight int
}{{"lead", 8}, {"prospect", 25}, {"customer", 40}, {"loyal", 12}, {"at_risk", 9}, {"lost", 6}}

func (g *generator) lifecycle() string {
	n := g.r.IntN(100)
	for _, l := range lifecycles {
		if n < l.weight {
			return l.code
		}
		n -= l.weight
	}
	return "customer"
}

// level favours the dictionary's first (most ordinary) levels: weights 8, 4, 2, 1, 1, …
func (g *generator) level() string {
	if len(g.dict.levels) == 0 {
		return ""
	}
	total, weights := 0, make([]int, len(g.dict.levels))
	for i := range weights {
		weights[i] = max(8>>i, 1)
		total += weights[i]
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return g.dict.levels[i]
		}
		n -= w
	}
	return g.dict.levels[0]
}

func (g *generator) maybe(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return pick(g.r, xs)
}

func (g *generator) chance(percent int) bool { return g.r.IntN(100) < percent }

// unique draws names until one is new to this generator; when the combinations run out (very large
// loads) it numbers the last one drawn.
func (g *generator) unique(name func() string) string {
	var n string
	for range 20 {
		if n = name(); !g.used[n] {
			g.used[n] = true
			return n
		}
	}
	for i := 2; ; i++ {
		if v := fmt.Sprintf("%s (%d)", n, i); !g.used[v] {
			g.used[v] = true
			return v
		}
	}
}

func (g *generator) account() plan {
	o := g.owners[g.r.IntN(len(g.owners))]
	industry := g.maybe(g.dict.industries)
	region := g.maybe(g.dict.regions)
	if slices.Contains(g.dict.regions, o.team.region) && g.chance(85) {
		region = o.team.region
	}
	var c city
	if region == o.team.region && len(o.cities) > 0 {
		c = pick(g.r, o.cities)
	} else {
		var in []city
		for _, x := range cities {
			if x.region == region {
				in = append(in, x)
			}
		}
		if len(in) > 0 {
			c = pick(g.r, in)
		} else { // overseas or a region an administrator added: a domestic city, and its region
			c = pick(g.r, cities)
			if slices.Contains(g.dict.regions, c.region) {
				region = c.region
			}
		}
	}
	kind := g.r.IntN(100)
	foreign := kind < 8
	individual := kind >= 95
	if foreign && slices.Contains(g.dict.regions, "overseas") {
		region = "overseas"
	}
	life, level := g.lifecycle(), g.level()
	in := customer.AccountInput{Type: ptr("company"), Level: &level, Industry: &industry, Region: &region,
		Source: ptr(g.maybe(g.dict.sources)), Lifecycle: &life, Currency: ptr("CNY"), OwnerID: &o.id}
	var domain, mobileFormat string
	switch {
	case individual:
		var who person
		in.Name = ptr(g.unique(func() string { who = chinesePerson(g.r); return who.name }))
		in.Type = ptr("person")
		in.Phone = ptr(mobile(g.r))
		in.Email = ptr(who.local + pick(g.r, []string{"@163.com", "@qq.com", "@126.com"}))
		in.Address = ptr(address(g.r, c))
	case foreign:
		ind, ok := foreignIndustry[industry]
		if !ok {
			ind = "Trading"
		}
		place := pick(g.r, foreignPlaces)
		var prefix string
		in.Name = ptr(g.unique(func() string {
			prefix = pick(g.r, foreignPrefixes)
			return fmt.Sprintf("%s %s %s", prefix, ind, pick(g.r, place.suffixes))
		}))
		domain = fmt.Sprintf("%s-%s.com", slug(prefix), slug(ind))
		in.Address = ptr(place.addr)
		in.Phone = ptr(fmt.Sprintf(place.phone, g.r.IntN(10000)))
		in.Currency = ptr(place.currency)
		mobileFormat = place.mobile
	default:
		words, ok := industryWords[industry]
		if !ok {
			words = industryWords["other"]
		}
		var b, w word
		in.Name = ptr(g.unique(func() string {
			b, w = pick(g.r, brands), pick(g.r, words)
			return c.zh + b.zh + w.zh + pick(g.r, suffixes)
		}))
		domain = b.py + "-" + w.py + ".com.cn"
		if g.chance(30) {
			domain = c.py + b.py + ".com"
		}
		in.Address = ptr(address(g.r, c))
		in.Phone = ptr(landline(g.r, c))
	}
	if domain != "" {
		in.Website = ptr("https://www." + domain)
		in.Email = ptr(pick(g.r, []string{"info@", "sales@", "contact@", "service@"}) + domain)
	}
	in.CreditLimit = ptr(g.credit(life, level))
	if s := g.satisfaction(life); s > 0 {
		in.Satisfaction = &s
	}
	in.Tags = ptr(g.tags(life, level, *in.Source, foreign))
	p := plan{account: in}
	n := 1 + g.r.IntN(5)
	if individual {
		n = 1
	}
	for i := range n {
		p.contacts = append(p.contacts, g.contact(i, domain, mobileFormat, individual, *in.Name, c))
	}
	return p
}

// credit is a credit limit in minor units: customers get one, prospects sometimes, leads none.
func (g *generator) credit(life, level string) int64 {
	var yuan int64
	switch life {
	case "customer", "loyal", "at_risk":
		yuan = int64(5+g.r.IntN(196)) * 10_000
	case "prospect", "lost":
		if g.chance(30) {
			yuan = int64(1+g.r.IntN(20)) * 10_000
		}
	}
	if level == "major" || level == "strategic" {
		yuan *= 3
	}
	return yuan * 100
}

func (g *generator) satisfaction(life string) int {
	switch life {
	case "loyal":
		return 4 + g.r.IntN(2)
	case "customer":
		return 3 + g.r.IntN(3)
	case "at_risk":
		return 2 + g.r.IntN(2)
	case "lost":
		return 1 + g.r.IntN(2)
	}
	return 0
}

func (g *generator) tags(life, level, source string, foreign bool) []string {
	var t []string
	add := func(ok bool, tag string) {
		if ok && !slices.Contains(t, tag) {
			t = append(t, tag)
		}
	}
	add(level == "major" || level == "strategic" || g.chance(8), "VIP")
	add(life == "at_risk" || g.chance(12), "重点跟进")
	add(source == "trade_show" || g.chance(5), "展会线索")
	add(life == "loyal", "老客户")
	add(life == "prospect" && g.chance(30), "高潜力")
	add(life == "customer" && g.chance(12), "续约关注")
	add(source == "partner", "渠道客户")
	add(foreign && (level == "major" || level == "strategic" || g.chance(30)), "Key account")
	return t
}

// contact draws the i-th contact of an account; mobileFormat is set for a foreign account.
func (g *generator) contact(i int, domain, mobileFormat string, isPerson bool, accountName string, c city) customer.ContactInput {
	foreign := mobileFormat != ""
	var p person
	switch {
	case isPerson:
		p = person{name: accountName}
	case foreign && g.chance(80):
		p = foreignPerson(g.r)
	default:
		p = chinesePerson(g.r)
	}
	in := customer.ContactInput{Name: &p.name, Mobile: ptr(mobile(g.r)),
		PreferredChannel: ptr(pick(g.r, channels)), Consent: ptr(g.chance(75))}
	if foreign {
		in.Mobile = ptr(fmt.Sprintf(mobileFormat, g.r.IntN(10_000_000)))
		in.PreferredChannel = ptr(pick(g.r, []string{"email", "email", "phone", "visit"}))
	}
	if !isPerson {
		titles := titlesZh
		if foreign {
			titles = titlesEn
		}
		if i == 0 {
			in.Title = ptr(titles[g.r.IntN(2)])
		} else {
			in.Title = ptr(pick(g.r, titles[2:]))
		}
		if domain != "" && p.local != "" {
			in.Email = ptr(p.local + "@" + domain)
		}
		if g.chance(40) && !foreign {
			in.Phone = ptr(landline(g.r, c))
		}
	}
	role := g.maybe(g.dict.buyingRoles)
	if i == 0 && slices.Contains(g.dict.buyingRoles, "decision_maker") {
		role = "decision_maker"
	}
	in.BuyingRole = &role
	if g.chance(30) {
		d := time.Date(1965+g.r.IntN(34), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
		in.Birthday = ptr(d.Format(time.DateOnly))
	}
	if i == 0 && !isPerson {
		in.Tags = ptr([]string{"关键人"})
	}
	return in
}

// slug lower-cases a name into a host-name label ("Blue River" → "blueriver").
func slug(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		}
	}
	return string(out)
}

func ptr[T any](v T) *T { return &v }
