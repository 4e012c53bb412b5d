package httpx

import (
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// ListParams are the query parameters every list operation takes (embed them in the input).
type ListParams struct {
	Cursor string `query:"cursor" maxLength:"512" doc:"Opaque cursor from the previous page's nextCursor"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size"`
	Sort   string `query:"sort" maxLength:"64" doc:"Field to sort by; prefix with - for descending"`
}

// Page validates the parameters against the entity's sortable fields.
func (p ListParams) Page(sorts map[string]string, def record.Sort) (record.Page, error) {
	s, err := record.ParseSort(p.Sort, sorts, def)
	if err != nil {
		return record.Page{}, err
	}
	return record.Page{Limit: p.Limit, After: p.Cursor, Sort: s}, nil
}

// ListBody is one page of items.
type ListBody[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"nextCursor" doc:"Cursor of the next page; null on the last page"`
}

// List is a list operation's output.
type List[T any] struct {
	Body ListBody[T]
}

// NewList builds a list output.
func NewList[T any](items []T, next string) *List[T] {
	out := &List[T]{Body: ListBody[T]{Items: items}}
	if out.Body.Items == nil {
		out.Body.Items = []T{}
	}
	if next != "" {
		out.Body.NextCursor = &next
	}
	return out
}

// IDPath is the {id} path parameter.
type IDPath struct {
	ID int64 `path:"id" minimum:"1" doc:"Record id"`
}

// IfMatchHeader carries the version an update expects.
type IfMatchHeader struct {
	IfMatch string `header:"If-Match" doc:"The record's current version, as returned in ETag. Required: without it the answer is 428, with an old version 412."`
}

// Version parses the header (428 when missing).
func (h IfMatchHeader) Version() (int64, error) { return record.ParseIfMatch(h.IfMatch) }

// Versioned wraps a single-record output with its ETag.
type Versioned[T any] struct {
	ETag string `header:"ETag"`
	Body T
}

// NewVersioned builds a single-record output.
func NewVersioned[T any](body T, version int64) *Versioned[T] {
	return &Versioned[T]{ETag: record.ETag(version), Body: body}
}

// Empty is the output of operations answering 204.
type Empty struct{}

// IdempotencyKeyHeader documents the Idempotency-Key header of create operations (embed it in the
// input); the Idempotency middleware does the work.
type IdempotencyKeyHeader struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"200" doc:"Makes a retried create safe: the same key and body return the first response; the same key with another body is refused (422)"`
}
