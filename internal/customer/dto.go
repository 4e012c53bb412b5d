package customer

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// AccountDTO is an account as the API shows it. Sensitive fields are masked for actors who may not see
// them on this record.
type AccountDTO struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"`
	Name         string         `json:"name"`
	Type         string         `json:"type" enum:"company,person"`
	Level        string         `json:"level"`
	Industry     string         `json:"industry"`
	Region       string         `json:"region"`
	Source       string         `json:"source"`
	Lifecycle    string         `json:"lifecycle" enum:"lead,prospect,customer,loyal,at_risk,lost"`
	Phone        string         `json:"phone"`
	Email        string         `json:"email"`
	Website      string         `json:"website"`
	Address      string         `json:"address"`
	CreditLimit  int64          `json:"creditLimit" doc:"Minor units of currency"`
	Currency     string         `json:"currency"`
	Satisfaction *int           `json:"satisfaction"`
	Tags         []string       `json:"tags"`
	Custom       map[string]any `json:"custom"`
	OwnerID      *int64         `json:"ownerId"`
	OwnerName    *string        `json:"ownerName"`
	TeamID       *int64         `json:"teamId"`
	TeamName     *string        `json:"teamName"`
	Masked       bool           `json:"masked" doc:"True when sensitive fields are masked for you"`
	CreatedAt    time.Time      `json:"createdAt"`
	UpdatedAt    time.Time      `json:"updatedAt"`
	Version      int64          `json:"version"`
}

// ContactDTO is a contact as the API shows it.
type ContactDTO struct {
	ID               int64          `json:"id"`
	AccountID        int64          `json:"accountId"`
	AccountName      *string        `json:"accountName"`
	Name             string         `json:"name"`
	Title            string         `json:"title"`
	BuyingRole       string         `json:"buyingRole"`
	Phone            string         `json:"phone"`
	Mobile           string         `json:"mobile"`
	Email            string         `json:"email"`
	Birthday         *string        `json:"birthday" doc:"YYYY-MM-DD; null when unknown or masked"`
	PreferredChannel string         `json:"preferredChannel" enum:"phone,email,wechat,sms,visit"`
	Consent          bool           `json:"consent"`
	Tags             []string       `json:"tags"`
	Custom           map[string]any `json:"custom"`
	OwnerID          *int64         `json:"ownerId"`
	OwnerName        *string        `json:"ownerName"`
	TeamID           *int64         `json:"teamId"`
	TeamName         *string        `json:"teamName"`
	Masked           bool           `json:"masked" doc:"True when sensitive fields are masked for you"`
	CreatedAt        time.Time      `json:"createdAt"`
	UpdatedAt        time.Time      `json:"updatedAt"`
	Version          int64          `json:"version"`
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

// accountDTOs converts rows for the actor in ctx, masking what it may not see.
func (s *Service) accountDTOs(ctx context.Context, rows []*ent.Account) ([]AccountDTO, error) {
	users, teams, err := s.names(ctx, ids(rows, func(r *ent.Account) *int64 { return r.OwnerID }),
		ids(rows, func(r *ent.Account) *int64 { return r.TeamID }))
	if err != nil {
		return nil, err
	}
	cols, defs, err := s.columns(ctx, "account")
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	out := make([]AccountDTO, len(rows))
	for i, r := range rows {
		tags := r.Tags
		if tags == nil {
			tags = []string{}
		}
		d := AccountDTO{ID: r.ID, Number: deref(r.Number), Name: r.Name, Type: string(r.Type), Level: r.Level,
			Industry: r.Industry, Region: r.Region, Source: r.Source, Lifecycle: string(r.Lifecycle), Phone: r.Phone,
			Email: r.Email, Website: r.Website, Address: r.Address, CreditLimit: r.CreditLimit, Currency: r.Currency,
			Satisfaction: r.Satisfaction, Tags: tags, Custom: meta.VisibleCustom(r.Custom, defs), OwnerID: r.OwnerID,
			OwnerName: nameOf(users, r.OwnerID), TeamID: r.TeamID, TeamName: nameOf(teams, r.TeamID),
			CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
		if !fls.CanSee(a, "account", deref(r.OwnerID), deref(r.TeamID)) {
			fls.MaskWith(cols, &d)
			d.Masked = true
		}
		out[i] = d
	}
	return out, nil
}

func (s *Service) accountDTO(ctx context.Context, r *ent.Account) (AccountDTO, error) {
	out, err := s.accountDTOs(ctx, []*ent.Account{r})
	if err != nil {
		return AccountDTO{}, err
	}
	return out[0], nil
}

// contactDTOs converts rows for the actor in ctx, masking what it may not see.
func (s *Service) contactDTOs(ctx context.Context, rows []*ent.Contact) ([]ContactDTO, error) {
	users, teams, err := s.names(ctx, ids(rows, func(r *ent.Contact) *int64 { return r.OwnerID }),
		ids(rows, func(r *ent.Contact) *int64 { return r.TeamID }))
	if err != nil {
		return nil, err
	}
	accounts, err := s.accountNames(ctx, rows)
	if err != nil {
		return nil, err
	}
	cols, defs, err := s.columns(ctx, "contact")
	if err != nil {
		return nil, err
	}
	a := authz.FromContext(ctx)
	out := make([]ContactDTO, len(rows))
	for i, r := range rows {
		tags := r.Tags
		if tags == nil {
			tags = []string{}
		}
		d := ContactDTO{ID: r.ID, AccountID: r.AccountID, AccountName: nameOf(accounts, &r.AccountID), Name: r.Name,
			Title: r.Title, BuyingRole: r.BuyingRole, Phone: r.Phone, Mobile: r.Mobile, Email: r.Email,
			PreferredChannel: string(r.PreferredChannel), Consent: r.Consent, Tags: tags, Custom: meta.VisibleCustom(r.Custom, defs),
			OwnerID: r.OwnerID, OwnerName: nameOf(users, r.OwnerID), TeamID: r.TeamID, TeamName: nameOf(teams, r.TeamID),
			CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
		if r.Birthday != nil {
			b := r.Birthday.Format(time.DateOnly)
			d.Birthday = &b
		}
		if !fls.CanSee(a, "contact", deref(r.OwnerID), deref(r.TeamID)) {
			fls.MaskWith(cols, &d)
			d.Masked = true
		}
		out[i] = d
	}
	return out, nil
}

func (s *Service) contactDTO(ctx context.Context, r *ent.Contact) (ContactDTO, error) {
	out, err := s.contactDTOs(ctx, []*ent.Contact{r})
	if err != nil {
		return ContactDTO{}, err
	}
	return out[0], nil
}
