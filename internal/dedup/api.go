package dedup

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// CheckValues are the values of a record being created or edited.
type CheckValues struct {
	ID        int64  `json:"id,omitempty" minimum:"0" doc:"The record being edited (left out of the matches); 0 or absent when creating"`
	Name      string `json:"name,omitempty" maxLength:"200"`
	Phone     string `json:"phone,omitempty" maxLength:"50"`
	Mobile    string `json:"mobile,omitempty" maxLength:"50" doc:"Contacts only"`
	Email     string `json:"email,omitempty" maxLength:"254"`
	Website   string `json:"website,omitempty" maxLength:"300" doc:"Accounts only"`
	AccountID int64  `json:"accountId,omitempty" minimum:"0" doc:"Contacts only: the contact's account (a name matches within one account)"`
}

func (v CheckValues) values() Values {
	out := Values{"name": v.Name, "phone": v.Phone, "mobile": v.Mobile, "email": v.Email, "website": v.Website}
	if v.ID > 0 {
		out["id"] = strconv.FormatInt(v.ID, 10)
	}
	if v.AccountID > 0 {
		out["accountId"] = strconv.FormatInt(v.AccountID, 10)
	}
	return out
}

// CheckInput is the request of checkDuplicates.
type CheckInput struct {
	Body struct {
		Entity string      `json:"entity" enum:"account,contact"`
		Values CheckValues `json:"values"`
	}
}

// CandidateDTO is a likely duplicate the caller may read.
type CandidateDTO struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	OwnerID     *int64   `json:"ownerId,omitempty"`
	OwnerName   string   `json:"ownerName"`
	AccountID   *int64   `json:"accountId,omitempty" doc:"Contacts: their account"`
	AccountName string   `json:"accountName,omitempty" doc:"Contacts: their account's name, for callers who read accounts"`
	Kinds       []string `json:"kinds" doc:"What matched: email, phone, name, website"`
	Score       int      `json:"score" minimum:"0" maximum:"100"`
}

// CheckOutput is the answer of checkDuplicates.
type CheckOutput struct {
	Body struct {
		Items  []CandidateDTO `json:"items"`
		Hidden int            `json:"hidden" doc:"Matching records you cannot see"`
	}
}

// PairListInput is the query of listDuplicates.
type PairListInput struct {
	Entity string `query:"entity" enum:"account,contact" required:"true"`
	Cursor string `query:"cursor" maxLength:"200" doc:"Opaque cursor from the previous page's nextCursor"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"20"`
}

// PairSideDTO is one record of a pair.
type PairSideDTO struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	OwnerID     *int64    `json:"ownerId,omitempty"`
	OwnerName   string    `json:"ownerName"`
	AccountID   *int64    `json:"accountId,omitempty"`
	AccountName string    `json:"accountName,omitempty"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// PairDTO is a likely duplicate pair.
type PairDTO struct {
	A     PairSideDTO `json:"a" doc:"The older record (smaller id)"`
	B     PairSideDTO `json:"b"`
	Kinds []string    `json:"kinds" doc:"What matched: email, phone, name, website"`
	Score int         `json:"score" minimum:"0" maximum:"100" doc:"e-mail 60 + phone 50 + name 40 + website 30, at most 100"`
}

// DismissInput is the request of dismissDuplicate.
type DismissInput struct {
	Body struct {
		Entity string `json:"entity" enum:"account,contact"`
		AID    int64  `json:"aId" minimum:"1"`
		BID    int64  `json:"bId" minimum:"1"`
	}
}

// PreviewInput is the query of previewMerge.
type PreviewInput struct {
	Entity     string `query:"entity" enum:"account,contact" required:"true"`
	SurvivorID int64  `query:"survivorId" minimum:"1" required:"true"`
	MergeID    int64  `query:"mergeId" minimum:"1" required:"true"`
}

// MovedDTO counts what a merge moves.
type MovedDTO struct {
	Contacts   int `json:"contacts"`
	Activities int `json:"activities"`
	Comments   int `json:"comments"`
}

// PreviewOutput is the answer of previewMerge.
type PreviewOutput struct {
	Body MovedDTO
}

// MergeBody is the request body of a merge.
type MergeBody struct {
	MergeID int64             `json:"mergeId" minimum:"1" doc:"The record merged into this one and then deleted"`
	Fields  map[string]string `json:"fields,omitempty" doc:"Field API name (or custom.<key>) → survivor | merged. A field left out keeps this record's value unless it is empty and the other's is not."`
}

// MergeInputDTO is the request of mergeAccount and mergeContact.
type MergeInputDTO struct {
	httpx.IDPath
	httpx.IfMatchHeader
	Body MergeBody
}

// MergeResultDTO is the answer of a merge.
type MergeResultDTO struct {
	SurvivorID int64             `json:"survivorId"`
	MergedID   int64             `json:"mergedId"`
	Version    int64             `json:"version" doc:"The survivor's new version"`
	Moved      MovedDTO          `json:"moved"`
	Choices    map[string]string `json:"choices" doc:"The choice applied to every field"`
}

// RegisterAPI adds the duplicate operations.
func RegisterAPI(api huma.API, svc *Service) {
	tags := []string{"Duplicates"}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "checkDuplicates", Method: http.MethodPost, Path: "/api/v1/duplicates/check", Tags: tags,
		Summary: "Find likely duplicates of a record being created or edited",
		Description: "Needs <entity>:read. Matches on the normalised name (company suffixes such as 有限公司 or Ltd. " +
			"ignored; a contact's name within its account), phone, e-mail and website. Lists the matching records " +
			"you may read and counts the others (hidden) without telling anything else about them.",
	}, func(ctx context.Context, in *CheckInput) (*CheckOutput, error) {
		res, err := svc.Check(ctx, in.Body.Entity, in.Body.Values.values())
		if err != nil {
			return nil, err
		}
		out := &CheckOutput{}
		out.Body.Hidden = res.Hidden
		out.Body.Items = make([]CandidateDTO, 0, len(res.Candidates))
		for _, c := range res.Candidates {
			out.Body.Items = append(out.Body.Items, CandidateDTO{ID: c.ID, Name: c.Name, OwnerID: c.OwnerID,
				OwnerName: c.OwnerName, AccountID: c.AccountID, AccountName: c.AccountName, Kinds: c.Kinds, Score: c.Score})
		}
		return out, nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "listDuplicates", Method: http.MethodGet, Path: "/api/v1/duplicates", Tags: tags,
		Summary: "List likely duplicate pairs",
		Description: "Needs <entity>:read. Pairs of records sharing a normalised key, both within your read scope, " +
			"best score first; dismissed pairs are left out.",
	}, func(ctx context.Context, in *PairListInput) (*httpx.List[PairDTO], error) {
		pairs, next, err := svc.Pairs(ctx, in.Entity, in.Limit, in.Cursor)
		if err != nil {
			return nil, err
		}
		out := make([]PairDTO, 0, len(pairs))
		for _, p := range pairs {
			out = append(out, PairDTO{A: sideDTO(p.A), B: sideDTO(p.B), Kinds: p.Kinds, Score: p.Score})
		}
		return httpx.NewList(out, next), nil
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "dismissDuplicate", Method: http.MethodPost, Path: "/api/v1/duplicates/dismiss", Tags: tags,
		Summary: "Mark two records as not duplicates", DefaultStatus: http.StatusNoContent,
		Description: "Needs <entity>:update over both records; the pair is no longer listed. Repeating it is harmless.",
	}, func(ctx context.Context, in *DismissInput) (*httpx.Empty, error) {
		return &httpx.Empty{}, svc.Dismiss(ctx, in.Body.Entity, in.Body.AID, in.Body.BID)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "previewMerge", Method: http.MethodGet, Path: "/api/v1/duplicates/preview", Tags: tags,
		Summary:     "Count what a merge would move",
		Description: "Needs <entity>:read over both records.",
	}, func(ctx context.Context, in *PreviewInput) (*PreviewOutput, error) {
		mv, err := svc.Preview(ctx, in.Entity, in.SurvivorID, in.MergeID)
		if err != nil {
			return nil, err
		}
		return &PreviewOutput{Body: movedDTO(mv)}, nil
	})

	for _, e := range []struct{ entity, op, path, tag string }{
		{Account, "mergeAccount", "/api/v1/accounts/{id}/merge", "Accounts"},
		{Contact, "mergeContact", "/api/v1/contacts/{id}/merge", "Contacts"},
	} {
		httpx.Register(api, httpx.Need(right(e.entity, "update")), huma.Operation{
			OperationID: e.op, Method: http.MethodPost, Path: e.path, Tags: []string{e.tag},
			Summary: "Merge another " + e.entity + " into this one",
			Description: "Needs " + e.entity + ":update over this record and " + e.entity + ":delete over the other, " +
				"and If-Match with this record's version. In one transaction: applies the field choices, unites tags, " +
				"moves the other record's contacts, activities and comments here, logs the merge and deletes the other " +
				"record. Sensitive fields you see masked on the other record cannot be taken from it.",
		}, func(ctx context.Context, in *MergeInputDTO) (*httpx.Versioned[MergeResultDTO], error) {
			v, err := in.Version()
			if err != nil {
				return nil, err
			}
			res, err := svc.Merge(ctx, MergeInput{Entity: e.entity, SurvivorID: in.ID, MergedID: in.Body.MergeID,
				Version: v, Fields: in.Body.Fields})
			if err != nil {
				return nil, err
			}
			return httpx.NewVersioned(MergeResultDTO{SurvivorID: res.SurvivorID, MergedID: res.MergedID,
				Version: res.Version, Moved: movedDTO(res.Moved), Choices: res.Choices}, res.Version), nil
		})
	}
}

func sideDTO(s PairSide) PairSideDTO {
	return PairSideDTO(s)
}

func movedDTO(m Moved) MovedDTO {
	return MovedDTO(m)
}
