package collab

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Reasons a mentioned user was not notified.
const (
	SkipSelf     = "self"
	SkipNoAccess = "no_access"
)

// activeUsers returns which of ids are active users.
func (s *Service) activeUsers(ctx context.Context, ids []int64) (map[int64]bool, error) {
	sys := authz.AsSystem(ctx)
	found, err := s.st.Client(sys).User.Query().Where(user.IDIn(ids...), user.Active(true)).IDs(sys)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// audience splits the mentioned users into those to notify and those skipped: the author, and anyone
// who cannot read the record (a notification would reveal a record outside their scope).
func (s *Service) audience(ctx context.Context, t Target, author int64, mentions []int64) ([]int64, []Skipped, error) {
	var notify []int64
	var skipped []Skipped
	for _, id := range mentions {
		if id == author {
			skipped = append(skipped, Skipped{UserID: id, Reason: SkipSelf})
			continue
		}
		ok, err := s.canRead(ctx, id, t)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			skipped = append(skipped, Skipped{UserID: id, Reason: SkipNoAccess})
			continue
		}
		notify = append(notify, id)
	}
	return notify, skipped, nil
}

// notifyMentions writes one mention notification per user, in the context's transaction.
func (s *Service) notifyMentions(ctx context.Context, t Target, c *ent.Comment, users []int64) error {
	if len(users) == 0 {
		return nil
	}
	authorName := ""
	sys := authz.AsSystem(ctx)
	if u, err := s.st.Client(sys).User.Get(sys, c.AuthorID); err == nil {
		authorName = u.Name
	}
	notes := make([]Note, len(users))
	for i, uid := range users {
		notes[i] = Note{UserID: uid, Kind: KindMention, Title: t.Title, Body: c.Body, Entity: t.Entity,
			RecordID: t.ID, ActorID: c.AuthorID,
			Params: map[string]string{"actorName": authorName, "commentId": itoa(c.ID), "accountId": itoa(deref(t.AccountID))}}
	}
	return s.Notify(ctx, notes...)
}
