package collab

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// UserRef names a user.
type UserRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CommentDTO is a comment as the API shows it. Body is plain text: clients must render it as text.
type CommentDTO struct {
	ID        int64     `json:"id"`
	Entity    string    `json:"entity" enum:"account,contact,activity"`
	RecordID  int64     `json:"recordId"`
	AccountID *int64    `json:"accountId" doc:"The account the record belongs to"`
	Body      string    `json:"body" doc:"Plain text; mentions appear as @Name"`
	Mentions  []UserRef `json:"mentions"`
	Author    UserRef   `json:"author"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Edited    bool      `json:"edited"`
	CanEdit   bool      `json:"canEdit" doc:"You wrote it"`
	CanDelete bool      `json:"canDelete" doc:"You wrote it, or you may update the record"`
}

// SkippedDTO is a mentioned user who was not notified.
type SkippedDTO struct {
	User   UserRef `json:"user"`
	Reason string  `json:"reason" enum:"self,no_access" doc:"self: you; no_access: cannot read the record, so was not told"`
}

// SavedDTO is the answer of a comment create or edit.
type SavedDTO struct {
	Comment     CommentDTO   `json:"comment"`
	NotNotified []SkippedDTO `json:"notNotified" doc:"Mentioned users who were not notified, and why"`
}

// NotificationDTO is one notification.
type NotificationDTO struct {
	ID        int64             `json:"id"`
	Kind      string            `json:"kind" doc:"mention, reminder, assignment, import …"`
	Title     string            `json:"title" doc:"The record's name or subject"`
	Body      string            `json:"body" doc:"An excerpt (plain text)"`
	Params    map[string]string `json:"params"`
	Entity    string            `json:"entity"`
	RecordID  *int64            `json:"recordId"`
	Actor     *UserRef          `json:"actor" doc:"Who caused it; null for the system"`
	CreatedAt time.Time         `json:"createdAt"`
	ReadAt    *time.Time        `json:"readAt"`
}

// names looks up user names (as the system: names are directory data).
func (s *Service) names(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	sys := authz.AsSystem(ctx)
	rows, err := s.st.Client(sys).User.Query().Where(user.IDIn(dedupe(ids)...)).Select(user.FieldID, user.FieldName).All(sys)
	if err != nil {
		return nil, err
	}
	for _, u := range rows {
		out[u.ID] = u.Name
	}
	return out, nil
}

// CommentDTOs shapes comments on t for the actor.
func (s *Service) CommentDTOs(ctx context.Context, t Target, rows []*ent.Comment) ([]CommentDTO, error) {
	var ids []int64
	for _, c := range rows {
		ids = append(append(ids, c.AuthorID), c.Mentions...)
	}
	names, err := s.names(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]CommentDTO, len(rows))
	for i, c := range rows {
		d := CommentDTO{ID: c.ID, Entity: c.Entity, RecordID: c.RecordID, AccountID: c.AccountID, Body: c.Body,
			Mentions: []UserRef{}, Author: UserRef{ID: c.AuthorID, Name: names[c.AuthorID]}, CreatedAt: c.CreatedAt,
			UpdatedAt: c.UpdatedAt, Edited: c.UpdatedAt.Sub(c.CreatedAt) > time.Second,
			CanEdit: mayEdit(ctx, c), CanDelete: s.mayDelete(ctx, c, t)}
		for _, m := range c.Mentions {
			d.Mentions = append(d.Mentions, UserRef{ID: m, Name: names[m]})
		}
		out[i] = d
	}
	return out, nil
}

// SavedDTO shapes a create or edit answer.
func (s *Service) SavedDTO(ctx context.Context, sv *Saved) (SavedDTO, error) {
	cs, err := s.CommentDTOs(ctx, sv.Target, []*ent.Comment{sv.Comment})
	if err != nil {
		return SavedDTO{}, err
	}
	var ids []int64
	for _, k := range sv.Skipped {
		ids = append(ids, k.UserID)
	}
	names, err := s.names(ctx, ids)
	if err != nil {
		return SavedDTO{}, err
	}
	out := SavedDTO{Comment: cs[0], NotNotified: []SkippedDTO{}}
	for _, k := range sv.Skipped {
		out.NotNotified = append(out.NotNotified, SkippedDTO{User: UserRef{ID: k.UserID, Name: names[k.UserID]}, Reason: k.Reason})
	}
	return out, nil
}

// NotificationDTOs shapes notifications.
func (s *Service) NotificationDTOs(ctx context.Context, rows []*ent.Notification) ([]NotificationDTO, error) {
	var ids []int64
	for _, n := range rows {
		if n.ActorID != nil {
			ids = append(ids, *n.ActorID)
		}
	}
	names, err := s.names(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]NotificationDTO, len(rows))
	for i, n := range rows {
		d := NotificationDTO{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Params: n.Params, Entity: n.Entity,
			RecordID: n.RecordID, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
		if d.Params == nil {
			d.Params = map[string]string{}
		}
		if n.ActorID != nil {
			d.Actor = &UserRef{ID: *n.ActorID, Name: names[*n.ActorID]}
		}
		out[i] = d
	}
	return out, nil
}
