package activity

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// DTO is an activity as the API shows it.
type DTO struct {
	ID             int64          `json:"id"`
	Type           string         `json:"type"`
	Subject        string         `json:"subject"`
	Content        string         `json:"content"`
	AccountID      *int64         `json:"accountId"`
	AccountName    *string        `json:"accountName" doc:"Null when the account is not visible to you"`
	ContactID      *int64         `json:"contactId"`
	ContactName    *string        `json:"contactName" doc:"Null when the contact is not visible to you"`
	DueAt          *time.Time     `json:"dueAt"`
	Status         string         `json:"status" enum:"open,done,cancelled"`
	Overdue        bool           `json:"overdue" doc:"Open and due before now"`
	Outcome        string         `json:"outcome"`
	DoneAt         *time.Time     `json:"doneAt"`
	NextFollowUpAt *time.Time     `json:"nextFollowUpAt"`
	RemindAt       *time.Time     `json:"remindAt" doc:"When the owner is reminded"`
	RemindedAt     *time.Time     `json:"remindedAt" doc:"When the reminder went out (null: not yet)"`
	Tags           []string       `json:"tags"`
	Custom         map[string]any `json:"custom"`
	Masked         bool           `json:"masked" doc:"Sensitive custom fields are masked for you"`
	OwnerID        *int64         `json:"ownerId"`
	OwnerName      *string        `json:"ownerName"`
	TeamID         *int64         `json:"teamId"`
	TeamName       *string        `json:"teamName"`
	CreatedAt      time.Time      `json:"createdAt"`
	UpdatedAt      time.Time      `json:"updatedAt"`
	Version        int64          `json:"version"`
}

// DTOs converts rows for the actor in ctx: user and team names are directory data; account and contact
// names only when the actor may read them.
func (s *Service) DTOs(ctx context.Context, rows []*ent.Activity) ([]DTO, error) {
	out := make([]DTO, 0, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	var users, teams, accs, cons []int64
	for _, r := range rows {
		users, teams = appendID(users, r.OwnerID), appendID(teams, r.TeamID)
		accs, cons = appendID(accs, r.AccountID), appendID(cons, r.ContactID)
	}
	// Display names only: a failed look-up shows ids without names rather than failing the read.
	un, tn, err := s.st.Names(ctx, users, teams)
	if err != nil {
		un, tn = map[int64]string{}, map[int64]string{}
	}
	a := authz.FromContext(ctx)
	an, cn := map[int64]string{}, map[int64]string{}
	if a.Can(accountRead) && len(accs) > 0 {
		rs, err := s.st.Client(ctx).Account.Query().Where(account.IDIn(accs...)).Select(account.FieldID, account.FieldName).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			an[r.ID] = r.Name
		}
	}
	if a.Can(contactRead) && len(cons) > 0 {
		rs, err := s.st.Client(ctx).Contact.Query().Where(contact.IDIn(cons...)).Select(contact.FieldID, contact.FieldName).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			cn[r.ID] = r.Name
		}
	}
	cols, defs, err := s.columns(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	for _, r := range rows {
		tags := r.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, DTO{RemindAt: utc(r.RemindAt), RemindedAt: utc(r.RemindedAt), Tags: tags,
			Custom: meta.VisibleCustom(r.Custom, defs), ID: r.ID, Type: r.Type, Subject: r.Subject, Content: r.Content,
			AccountID: r.AccountID, AccountName: nameOf(an, r.AccountID), ContactID: r.ContactID,
			ContactName: nameOf(cn, r.ContactID), DueAt: utc(r.DueAt), Status: string(r.Status),
			Overdue: r.Status == activity.StatusOpen && r.DueAt != nil && r.DueAt.Before(now),
			Outcome: r.Outcome, DoneAt: utc(r.DoneAt), NextFollowUpAt: utc(r.NextFollowUpAt),
			OwnerID: r.OwnerID, OwnerName: nameOf(un, r.OwnerID), TeamID: r.TeamID, TeamName: nameOf(tn, r.TeamID),
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Version: r.Version})
		if !s.seesSensitive(ctx, r) {
			d := &out[len(out)-1]
			fls.MaskWith(cols, d)
			d.Masked = true
		}
	}
	return out, nil
}

func appendID(list []int64, id *int64) []int64 {
	if id == nil {
		return list
	}
	for _, x := range list {
		if x == *id {
			return list
		}
	}
	return append(list, *id)
}

func nameOf(m map[int64]string, id *int64) *string {
	if id == nil {
		return nil
	}
	if n, ok := m[*id]; ok {
		return &n
	}
	return nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
