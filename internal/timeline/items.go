package timeline

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/auditevent"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/mergelog"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Item is one entry of a timeline; exactly one of Activity, Comment, Change and Merge is set, by Kind.
type Item struct {
	Kind      string        `json:"kind" enum:"activity,comment,change,merge"`
	ID        int64         `json:"id" doc:"Id of the activity, comment, audit event or merge"`
	At        time.Time     `json:"at"`
	Entity    string        `json:"entity" enum:"account,contact,activity" doc:"The record the item is about"`
	RecordID  int64         `json:"recordId"`
	ActorID   *int64        `json:"actorId" doc:"Who did it (an activity's owner)"`
	ActorName *string       `json:"actorName"`
	Activity  *ActivityItem `json:"activity,omitempty"`
	Comment   *CommentItem  `json:"comment,omitempty"`
	Change    *ChangeItem   `json:"change,omitempty"`
	Merge     *MergeItem    `json:"merge,omitempty"`
}

func (it Item) key() cursor { return cursor{at: it.At, rank: rank[it.Kind], id: it.ID} }

// ActivityItem is an activity as the timeline shows it.
type ActivityItem struct {
	Type           string     `json:"type"`
	Subject        string     `json:"subject"`
	Content        string     `json:"content"`
	Outcome        string     `json:"outcome"`
	Status         string     `json:"status" enum:"open,done,cancelled"`
	DueAt          *time.Time `json:"dueAt"`
	DoneAt         *time.Time `json:"doneAt"`
	NextFollowUpAt *time.Time `json:"nextFollowUpAt"`
	ContactID      *int64     `json:"contactId"`
}

// CommentItem is a comment.
type CommentItem struct {
	Body     string  `json:"body"`
	Mentions []int64 `json:"mentions"`
}

// ChangeItem is an audited create, update or delete.
type ChangeItem struct {
	Action string        `json:"action" enum:"create,update,delete"`
	Fields []FieldChange `json:"fields"`
}

// FieldChange is one field's old → new value.
type FieldChange struct {
	Field string `json:"field" doc:"API name (custom.<key> for custom fields)"`
	Label string `json:"label" doc:"The field's label in the request's language"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
	// OldText and NewText name the user or team a reference field pointed to.
	OldText *string `json:"oldText,omitempty"`
	NewText *string `json:"newText,omitempty"`
	Masked  bool    `json:"masked" doc:"A sensitive value you may not see (old and new are null)"`
}

// MergeItem is a record merged into this one.
type MergeItem struct {
	MergedID   int64  `json:"mergedId"`
	MergedName string `json:"mergedName" doc:"The merged record's name when it was merged"`
}

// window applies the cursor to a source whose items have rank r, time column tcol and id column idc.
func window(c *cursor, r int, tcol, idc string) func(*sql.Selector) {
	return func(sel *sql.Selector) {
		if c == nil {
			return
		}
		t, id := sel.C(tcol), sel.C(idc)
		switch {
		case r < c.rank:
			sel.Where(sql.LTE(t, c.at))
		case r == c.rank:
			sel.Where(sql.Or(sql.LT(t, c.at), sql.And(sql.EQ(t, c.at), sql.LT(id, c.id))))
		default:
			sel.Where(sql.LT(t, c.at))
		}
	}
}

func (s *Service) activities(ctx context.Context, sc *scopeSet, c *cursor, n int) ([]Item, error) {
	if !authz.FromContext(ctx).Can(activityRead) {
		return nil, nil
	}
	q := s.st.Client(ctx).Activity.Query().
		Where(predicate.Activity(window(c, rank[KindActivity], activity.FieldCreatedAt, activity.FieldID)))
	sc.activityFilter(q)
	rows, err := q.Order(ent.Desc(activity.FieldCreatedAt), ent.Desc(activity.FieldID)).Limit(n).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		out = append(out, Item{Kind: KindActivity, ID: r.ID, At: r.CreatedAt.UTC(), Entity: "activity", RecordID: r.ID,
			ActorID: r.OwnerID, Activity: &ActivityItem{Type: r.Type, Subject: r.Subject, Content: r.Content,
				Outcome: r.Outcome, Status: string(r.Status), DueAt: utc(r.DueAt), DoneAt: utc(r.DoneAt),
				NextFollowUpAt: utc(r.NextFollowUpAt), ContactID: r.ContactID}})
	}
	return out, nil
}

// readable is the predicate "the row is about one of the records the actor may read".
func readable(sc *scopeSet, entityCol, idCol string) func(*sql.Selector) {
	return func(sel *sql.Selector) {
		var ors []*sql.Predicate
		for _, g := range []struct {
			entity string
			ids    []int64
		}{{"account", sc.accounts}, {"contact", sc.contacts}, {"activity", sc.activities}} {
			if len(g.ids) > 0 {
				ors = append(ors, sql.And(sql.EQ(sel.C(entityCol), g.entity), sql.In(sel.C(idCol), anys(g.ids)...)))
			}
		}
		if len(ors) == 0 {
			sel.Where(sql.False())
			return
		}
		sel.Where(sql.Or(ors...))
	}
}

func (s *Service) comments(ctx context.Context, sc *scopeSet, c *cursor, n int) ([]Item, error) {
	sys := authz.AsSystem(ctx)
	rows, err := s.st.Client(sys).Comment.Query().Where(
		predicate.Comment(readable(sc, comment.FieldEntity, comment.FieldRecordID)),
		predicate.Comment(window(c, rank[KindComment], comment.FieldCreatedAt, comment.FieldID))).
		Order(ent.Desc(comment.FieldCreatedAt), ent.Desc(comment.FieldID)).Limit(n).All(sys)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		author := r.AuthorID
		mentions := r.Mentions
		if mentions == nil {
			mentions = []int64{}
		}
		out = append(out, Item{Kind: KindComment, ID: r.ID, At: r.CreatedAt.UTC(), Entity: r.Entity, RecordID: r.RecordID,
			ActorID: &author, Comment: &CommentItem{Body: r.Body, Mentions: mentions}})
	}
	return out, nil
}

func (s *Service) changes(ctx context.Context, sc *scopeSet, c *cursor, n int) ([]Item, error) {
	sys := authz.AsSystem(ctx)
	rows, err := s.st.Client(sys).AuditEvent.Query().Where(
		auditevent.ActionIn("create", "update", "delete"),
		auditevent.Not(auditevent.And(auditevent.Entity("activity"), auditevent.Action("create"))),
		predicate.AuditEvent(readable(sc, auditevent.FieldEntity, auditevent.FieldEntityID)),
		predicate.AuditEvent(window(c, rank[KindChange], auditevent.FieldAt, auditevent.FieldID))).
		Order(ent.Desc(auditevent.FieldAt), ent.Desc(auditevent.FieldID)).Limit(n).All(sys)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		fields, err := s.fieldChanges(ctx, sc, r)
		if err != nil {
			return nil, err
		}
		out = append(out, Item{Kind: KindChange, ID: r.ID, At: r.At.UTC(), Entity: r.Entity, RecordID: deref(r.EntityID),
			ActorID: r.ActorID, Change: &ChangeItem{Action: r.Action, Fields: fields}})
	}
	return out, nil
}

func (s *Service) merges(ctx context.Context, sc *scopeSet, c *cursor, n int) ([]Item, error) {
	sys := authz.AsSystem(ctx)
	rows, err := s.st.Client(sys).MergeLog.Query().Where(mergelog.Entity(sc.mergeEntity),
		mergelog.SurvivorIDIn(sc.mergeSurvivors...),
		predicate.MergeLog(window(c, rank[KindMerge], mergelog.FieldCreatedAt, mergelog.FieldID))).
		Order(ent.Desc(mergelog.FieldCreatedAt), ent.Desc(mergelog.FieldID)).Limit(n).All(sys)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		name, _ := r.Snapshot["name"].(string)
		out = append(out, Item{Kind: KindMerge, ID: r.ID, At: r.CreatedAt.UTC(), Entity: r.Entity, RecordID: r.SurvivorID,
			ActorID: r.UserID, Merge: &MergeItem{MergedID: r.MergedID, MergedName: name}})
	}
	return out, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
