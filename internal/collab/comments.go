package collab

import (
	"context"
	"slices"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// BodyMax is the longest comment, in characters.
const BodyMax = 5000

// CommentSorts are the orders a comment list accepts (API name → column); the default is oldest first.
var CommentSorts = map[string]string{"createdAt": comment.FieldCreatedAt}

// ListComments returns one page of the comments on a record the actor can read (404 otherwise), with
// that record.
func (s *Service) ListComments(ctx context.Context, entity string, recordID int64, p record.Page) (Target, []*ent.Comment, string, error) {
	t, err := s.target(ctx, entity, recordID)
	if err != nil {
		return Target{}, nil, "", err
	}
	sys := authz.AsSystem(ctx)
	q := s.st.Client(sys).Comment.Query().Where(comment.Entity(entity), comment.RecordID(recordID))
	if err := p.Apply(q); err != nil {
		return Target{}, nil, "", err
	}
	rows, err := q.All(sys)
	if err != nil {
		return Target{}, nil, "", err
	}
	rows, next := record.Trim(rows, p, func(c *ent.Comment) (any, int64) { return c.CreatedAt, c.ID })
	return t, rows, next, nil
}

// CommentInput is what an author writes: the text (holding "@Name" for each mention) and the ids of
// the users mentioned.
type CommentInput struct {
	Body     string
	Mentions []int64
}

// Skipped is a mentioned user who was not notified, and why: "self" (the author), "no_access" (cannot
// read the record, so the notification would reveal it).
type Skipped struct {
	UserID int64
	Reason string
}

// Saved is a created or edited comment, the record it is on, and the mentions that were not notified.
type Saved struct {
	Comment *ent.Comment
	Target  Target
	Skipped []Skipped
}

// MentionMax is the most users one comment may mention.
const MentionMax = 50

// validate checks the body and mentions; mentions must be active users (reported like unknown ones).
func (s *Service) validate(ctx context.Context, in *CommentInput) error {
	var f fields
	in.Body = strings.TrimSpace(in.Body)
	f.Text("body.body", &in.Body, BodyMax, true)
	in.Mentions = dedupe(in.Mentions)
	if len(in.Mentions) > MentionMax {
		f.Add("body.mentions", "field.too_many", map[string]any{"Max": MentionMax})
	} else if len(in.Mentions) > 0 {
		known, err := s.activeUsers(ctx, in.Mentions)
		if err != nil {
			return err
		}
		for _, id := range in.Mentions {
			if !known[id] {
				f.Add("body.mentions", "field.unknown_mention", nil)
				break
			}
		}
	}
	return f.Err()
}

// CreateComment adds a comment to a record the actor can read, and notifies each mentioned user who
// can read it too — all in one transaction.
func (s *Service) CreateComment(ctx context.Context, entity string, recordID int64, in CommentInput) (*Saved, error) {
	t, err := s.target(ctx, entity, recordID)
	if err != nil {
		return nil, err
	}
	if err := s.validate(ctx, &in); err != nil {
		return nil, err
	}
	author := authz.FromContext(ctx).UserID
	notify, skipped, err := s.audience(ctx, t, author, in.Mentions)
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		c, err := s.st.Client(sys).Comment.Create().SetEntity(entity).SetRecordID(recordID).
			SetNillableAccountID(t.AccountID).SetBody(in.Body).SetMentions(in.Mentions).SetAuthorID(author).Save(sys)
		if err != nil {
			return err
		}
		id = c.ID
		return s.notifyMentions(ctx, t, c, notify)
	})
	if err != nil {
		return nil, err
	}
	return s.saved(ctx, id, t, skipped)
}

// UpdateComment lets the author change their comment's text and mentions; users newly mentioned are
// notified (those mentioned before are not told again).
func (s *Service) UpdateComment(ctx context.Context, id int64, in CommentInput) (*Saved, error) {
	c, t, err := s.comment(ctx, id)
	if err != nil {
		return nil, err
	}
	if !mayEdit(ctx, c) {
		return nil, apperr.New(apperr.Forbidden, "error.comment_not_author", nil)
	}
	if err := s.validate(ctx, &in); err != nil {
		return nil, err
	}
	var fresh []int64
	for _, m := range in.Mentions {
		if !slices.Contains(c.Mentions, m) {
			fresh = append(fresh, m)
		}
	}
	notify, skipped, err := s.audience(ctx, t, c.AuthorID, fresh)
	if err != nil {
		return nil, err
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		c, err := s.st.Client(sys).Comment.UpdateOneID(id).SetBody(in.Body).SetMentions(in.Mentions).Save(sys)
		if err != nil {
			return err
		}
		return s.notifyMentions(ctx, t, c, notify)
	})
	if err != nil {
		return nil, err
	}
	return s.saved(ctx, id, t, skipped)
}

// DeleteComment removes a comment: its author may, and so may whoever may update the record (they
// moderate the conversation on their records).
func (s *Service) DeleteComment(ctx context.Context, id int64) error {
	c, t, err := s.comment(ctx, id)
	if err != nil {
		return err
	}
	if !s.mayDelete(ctx, c, t) {
		return apperr.New(apperr.Forbidden, "error.comment_not_author", nil)
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		return s.st.Client(sys).Comment.DeleteOneID(id).Exec(sys)
	})
}

// mayEdit and mayDelete decide the buttons the UI shows and what the service allows.
func mayEdit(ctx context.Context, c *ent.Comment) bool {
	return c.AuthorID == authz.FromContext(ctx).UserID
}

func (s *Service) mayDelete(ctx context.Context, c *ent.Comment, t Target) bool {
	a := authz.FromContext(ctx)
	if c.AuthorID == a.UserID {
		return true
	}
	_, _, update := s.Source(t.Entity)
	return a.InScope(a.ScopeOf(update), t.OwnerID, t.TeamID)
}

// comment loads a comment whose record the actor can read; otherwise it does not exist for them.
func (s *Service) comment(ctx context.Context, id int64) (*ent.Comment, Target, error) {
	sys := authz.AsSystem(ctx)
	c, err := s.st.Client(sys).Comment.Get(sys, id)
	if ent.IsNotFound(err) {
		return nil, Target{}, commentNotFound(id)
	}
	if err != nil {
		return nil, Target{}, err
	}
	t, err := s.target(ctx, c.Entity, c.RecordID)
	if err != nil {
		if isDenied(err) {
			return nil, Target{}, commentNotFound(id)
		}
		return nil, Target{}, err
	}
	return c, t, nil
}

func (s *Service) saved(ctx context.Context, id int64, t Target, skipped []Skipped) (*Saved, error) {
	sys := authz.AsSystem(ctx)
	c, err := s.st.Client(sys).Comment.Get(sys, id)
	if err != nil {
		return nil, err
	}
	if skipped == nil {
		skipped = []Skipped{}
	}
	return &Saved{Comment: c, Target: t, Skipped: skipped}, nil
}

func dedupe(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
