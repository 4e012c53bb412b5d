package timeline

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/mergelog"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/store"
)

// Kinds of timeline items, in their tie-break order (higher first at the same instant).
const (
	KindActivity = "activity"
	KindComment  = "comment"
	KindChange   = "change"
	KindMerge    = "merge"
)

var rank = map[string]int{KindActivity: 4, KindComment: 3, KindChange: 2, KindMerge: 1}

// Kinds lists every kind.
var Kinds = []string{KindActivity, KindComment, KindChange, KindMerge}

// Rights consulted (owned by other modules; named here to keep modules apart).
const (
	accountRead  authz.Right = "account:read"
	contactRead  authz.Right = "contact:read"
	activityRead authz.Right = "activity:read"
)

// CustomDefs lists an entity's active custom field definitions (the customfield module).
type CustomDefs interface {
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// Service reads timelines.
type Service struct {
	st     *store.Store
	reg    *meta.Registry
	custom CustomDefs
}

// New builds the service; custom may be nil (custom field changes then show their keys).
func New(st *store.Store, reg *meta.Registry, custom CustomDefs) *Service {
	return &Service{st: st, reg: reg, custom: custom}
}

// MaxLimit bounds one page.
const MaxLimit = 200

// maxRecords bounds the contacts and activities whose comments and field changes a timeline gathers
// (the newest ones), so the id lists stay far below the databases' bound-parameter limits.
const maxRecords = 5000

// Query asks for one page of a timeline.
type Query struct {
	Kinds  []string
	Cursor string
	Limit  int
}

// cursor is the ordering key of the last item of a page.
type cursor struct {
	at   time.Time
	rank int
	id   int64
}

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%d.%d.%d", c.at.UnixMicro(), c.rank, c.id)))
}

func parseCursor(s string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	bad := apperr.Field("query.cursor", "field.invalid", nil)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 3 {
		return nil, bad
	}
	var n [3]int64
	for i, p := range parts {
		if n[i], err = strconv.ParseInt(p, 10, 64); err != nil {
			return nil, bad
		}
	}
	return &cursor{at: time.UnixMicro(n[0]).UTC(), rank: int(n[1]), id: n[2]}, nil
}

func before(a, b cursor) bool { // a comes after b in the timeline (older)
	if !a.at.Equal(b.at) {
		return a.at.Before(b.at)
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	return a.id < b.id
}

// scopeSet is what the actor may see of one timeline: the records whose comments and changes show.
type scopeSet struct {
	accounts   []int64 // the account and the accounts merged into it
	contacts   []int64
	activities []int64
	// owners of the readable records, for masking sensitive custom values
	owner map[string]map[int64][2]int64
	// activityFilter restricts the activities listed (account_id or contact_id)
	activityFilter func(*ent.ActivityQuery)
	mergeEntity    string
	mergeSurvivors []int64
}

// Account returns a page of an account's timeline (404 when the account is not readable).
func (s *Service) Account(ctx context.Context, id int64, q Query) ([]Item, string, error) {
	if err := authz.Require(ctx, accountRead); err != nil {
		return nil, "", err
	}
	acc, err := s.st.Client(ctx).Account.Query().Where(account.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, "", apperr.NotFoundOf("account", id)
	}
	if err != nil {
		return nil, "", err
	}
	sc := &scopeSet{owner: map[string]map[int64][2]int64{"account": {}, "contact": {}, "activity": {}}}
	sc.owner["account"][acc.ID] = [2]int64{deref(acc.OwnerID), deref(acc.TeamID)}
	sc.accounts, err = s.merged(ctx, "account", id)
	if err != nil {
		return nil, "", err
	}
	for _, m := range sc.accounts {
		if _, ok := sc.owner["account"][m]; !ok {
			sc.owner["account"][m] = sc.owner["account"][acc.ID] // a merged record is read as the survivor
		}
	}
	sc.mergeEntity, sc.mergeSurvivors = "account", sc.accounts
	a := authz.FromContext(ctx)
	if a.Can(contactRead) {
		cs, err := s.st.Client(ctx).Contact.Query().Where(contact.AccountID(id)).Order(ent.Desc(contact.FieldID)).
			Limit(maxRecords).Select(contact.FieldID, contact.FieldOwnerID, contact.FieldTeamID).All(ctx)
		if err != nil {
			return nil, "", err
		}
		for _, c := range cs {
			sc.contacts = append(sc.contacts, c.ID)
			sc.owner["contact"][c.ID] = [2]int64{deref(c.OwnerID), deref(c.TeamID)}
		}
	}
	sc.activityFilter = func(q *ent.ActivityQuery) { q.Where(activity.AccountID(id)) }
	return s.page(ctx, sc, q)
}

// Contact returns a page of a contact's timeline (404 when the contact is not readable).
func (s *Service) Contact(ctx context.Context, id int64, q Query) ([]Item, string, error) {
	if err := authz.Require(ctx, contactRead); err != nil {
		return nil, "", err
	}
	c, err := s.st.Client(ctx).Contact.Query().Where(contact.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, "", apperr.NotFoundOf("contact", id)
	}
	if err != nil {
		return nil, "", err
	}
	sc := &scopeSet{owner: map[string]map[int64][2]int64{"account": {}, "contact": {}, "activity": {}}}
	sc.owner["contact"][c.ID] = [2]int64{deref(c.OwnerID), deref(c.TeamID)}
	if sc.contacts, err = s.merged(ctx, "contact", id); err != nil {
		return nil, "", err
	}
	for _, m := range sc.contacts {
		if _, ok := sc.owner["contact"][m]; !ok {
			sc.owner["contact"][m] = sc.owner["contact"][c.ID]
		}
	}
	sc.mergeEntity, sc.mergeSurvivors = "contact", sc.contacts
	sc.activityFilter = func(q *ent.ActivityQuery) { q.Where(activity.ContactID(id)) }
	return s.page(ctx, sc, q)
}

// merged returns id and every record of entity merged into it, directly or through earlier merges.
func (s *Service) merged(ctx context.Context, entity string, id int64) ([]int64, error) {
	sys := authz.AsSystem(ctx)
	out := []int64{id}
	for i := 0; i < len(out) && len(out) < 1000; i++ {
		ids, err := s.st.Client(sys).MergeLog.Query().Where(mergelog.Entity(entity), mergelog.SurvivorID(out[i])).
			Select(mergelog.FieldMergedID).Ints(sys)
		if err != nil {
			return nil, err
		}
		for _, m := range ids {
			if !contains(out, int64(m)) {
				out = append(out, int64(m))
			}
		}
	}
	return out, nil
}

// page loads the actor's readable activities' ids, then one page from each requested source.
func (s *Service) page(ctx context.Context, sc *scopeSet, q Query) ([]Item, string, error) {
	kinds, err := checkKinds(q.Kinds)
	if err != nil {
		return nil, "", err
	}
	cur, err := parseCursor(q.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = 30
	}
	a := authz.FromContext(ctx)
	if a.Can(activityRead) {
		aq := s.st.Client(ctx).Activity.Query()
		sc.activityFilter(aq)
		rows, err := aq.Order(ent.Desc(activity.FieldID)).Limit(maxRecords).
			Select(activity.FieldID, activity.FieldOwnerID, activity.FieldTeamID).All(ctx)
		if err != nil {
			return nil, "", err
		}
		for _, r := range rows {
			sc.activities = append(sc.activities, r.ID)
			sc.owner["activity"][r.ID] = [2]int64{deref(r.OwnerID), deref(r.TeamID)}
		}
	}
	var items []Item
	for _, k := range kinds {
		var got []Item
		switch k {
		case KindActivity:
			got, err = s.activities(ctx, sc, cur, limit+1)
		case KindComment:
			got, err = s.comments(ctx, sc, cur, limit+1)
		case KindChange:
			got, err = s.changes(ctx, sc, cur, limit+1)
		case KindMerge:
			got, err = s.merges(ctx, sc, cur, limit+1)
		}
		if err != nil {
			return nil, "", err
		}
		items = append(items, got...)
	}
	sort.Slice(items, func(i, j int) bool { return before(items[j].key(), items[i].key()) })
	next := ""
	if len(items) > limit {
		items = items[:limit]
		next = items[limit-1].key().String()
	}
	if err := s.names(ctx, items); err != nil {
		return nil, "", err
	}
	return items, next, nil
}

func checkKinds(kinds []string) ([]string, error) {
	if len(kinds) == 0 {
		return Kinds, nil
	}
	var out []string
	for _, k := range kinds {
		k = strings.TrimSpace(k)
		if _, ok := rank[k]; !ok {
			return nil, apperr.Field("query.types", "field.invalid", nil)
		}
		if !contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
