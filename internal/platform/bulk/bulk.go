package bulk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/privacy"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Limits of one bulk request (one transaction).
const (
	MaxIDs      = 1_000
	MaxMatching = 10_000
)

// Actions a bulk request can run; a module says which it offers.
const (
	Assign     = "assign"
	AddTags    = "addTags"
	RemoveTags = "removeTags"
	Edit       = "edit"
	Delete     = "delete"
)

// BulkRequest is the request body of every bulk operation.
type BulkRequest struct {
	IDs     []int64  `json:"ids,omitempty" maxItems:"1000" doc:"The records to act on (at most 1,000); or set all"`
	All     bool     `json:"all,omitempty" doc:"Act on every record matching filter and q in your scope (at most 10,000)"`
	Filter  []string `json:"filter,omitempty" maxItems:"20" doc:"With all: conditions field:op:value, as the list takes them"`
	Q       string   `json:"q,omitempty" maxLength:"100" doc:"With all: the list's free-text search"`
	Action  string   `json:"action" enum:"assign,addTags,removeTags,edit,delete"`
	OwnerID int64    `json:"ownerId,omitempty" minimum:"0" doc:"assign: the new owner"`
	Tags    []string `json:"tags,omitempty" maxItems:"20" doc:"addTags, removeTags: the tags"`
	Field   string   `json:"field,omitempty" maxLength:"80" doc:"edit: the field's API name (custom fields as custom.<key>)"`
	Value   any      `json:"value,omitempty" doc:"edit: the new value, as a single update takes it (null or absent clears it where a single update allows)"`
}

// BulkResult is the answer of a bulk operation.
type BulkResult struct {
	Matched int `json:"matched" doc:"Records selected (listed ids, or all matching)"`
	Changed int `json:"changed" doc:"Records actually changed (adding a tag a record already has changes nothing)"`
}

// Output wraps BulkResult for huma.
type Output struct{ Body BulkResult }

// Check validates the request's shape for a module offering actions; it does not touch data.
func (b *BulkRequest) Check(actions []string) error {
	var f apperr.Fields
	switch {
	case len(b.IDs) > 0 && b.All:
		f.Add("body.all", "field.bulk_target", nil)
	case len(b.IDs) == 0 && !b.All:
		f.Add("body.ids", "field.required", nil)
	case len(b.IDs) > MaxIDs:
		f.Add("body.ids", "field.bulk_too_many", map[string]any{"Max": MaxIDs})
	}
	if !slices.Contains(actions, b.Action) {
		f.Add("body.action", "field.invalid", nil)
	}
	switch b.Action {
	case Assign:
		if b.OwnerID <= 0 {
			f.Add("body.ownerId", "field.required", nil)
		}
	case AddTags, RemoveTags:
		if len(b.Tags) == 0 {
			f.Add("body.tags", "field.required", nil)
		}
		for i, t := range b.Tags {
			if strings.TrimSpace(t) == "" || utf8.RuneCountInString(t) > 30 || strings.ContainsRune(t, 0) {
				f.Add(fmt.Sprintf("body.tags[%d]", i), "field.invalid_tag", map[string]any{"Max": 30})
			}
		}
	case Edit:
		if b.Field == "" {
			f.Add("body.field", "field.required", nil)
		}
	}
	return f.Err()
}

// TooMany refuses an "all matching" run over more than MaxMatching records.
func TooMany() error {
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.bulk_too_many", Args: map[string]any{"Max": MaxMatching},
		Fields: []apperr.FieldError{{Location: "body.all", Code: "field.bulk_too_many", Args: map[string]any{"Max": MaxMatching}}}}
}

// RelocateQuery names the bulk body's filter and q instead of the list's query parameters in a list
// validation error.
func RelocateQuery(err error) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.Invalid {
		return err
	}
	for i, f := range e.Fields {
		if rest, ok := strings.CutPrefix(f.Location, "query.filter"); ok {
			e.Fields[i].Location = "body.filter" + rest
		} else if f.Location == "query.q" {
			e.Fields[i].Location = "body.q"
		}
	}
	return e
}

// Apply runs one(ctx, id) for every id in order and stops at the first failure, which it reports as
// a validation problem naming the record (see the package doc). listed tells whether ids are the
// request's own (errors then point at body.ids[i]); fieldOf maps a single update's field location
// ("body.name") onto the bulk request's ("body.value"). It returns how many calls reported a change.
func Apply(ctx context.Context, entity string, ids []int64, listed bool, fieldOf func(string) string,
	one func(ctx context.Context, id int64) (bool, error)) (int, error) {
	changed := 0
	for i, id := range ids {
		ch, err := one(ctx, id)
		if err != nil {
			return 0, recordError(entity, i, id, listed, fieldOf, err)
		}
		if ch {
			changed++
		}
	}
	return changed, nil
}

func recordError(entity string, i int, id int64, listed bool, fieldOf func(string) string, err error) error {
	where := "body.filter"
	if listed {
		where = fmt.Sprintf("body.ids[%d]", i)
	}
	out := &apperr.Error{Kind: apperr.Invalid, Code: "error.bulk_record", Args: map[string]any{"Entity": entity, "ID": id}}
	unreachable := apperr.FieldError{Location: where, Code: "field.bulk_unreachable", Args: map[string]any{"ID": id}, Value: id}
	var fe *authz.ForbiddenError
	e, ok := apperr.As(err)
	switch {
	case ok && e.Kind == apperr.Invalid:
		for _, f := range e.Fields {
			if fieldOf != nil {
				f.Location = fieldOf(f.Location)
			}
			out.Fields = append(out.Fields, f)
		}
		if len(out.Fields) == 0 {
			out.Fields = append(out.Fields, apperr.FieldError{Location: where, Code: e.Code, Args: e.Args})
		}
		return out.Wrap(err)
	case ok && (e.Kind == apperr.NotFound || e.Kind == apperr.Stale || e.Kind == apperr.Conflict),
		errors.As(err, &fe), errors.Is(err, privacy.Deny):
		out.Fields = []apperr.FieldError{unreachable}
		return out.Wrap(err)
	}
	return err
}

// NewTags returns cur with tags added (action AddTags) or removed (RemoveTags), keeping cur's order,
// and whether anything changed.
func NewTags(cur []string, action string, tags []string) ([]string, bool) {
	out := slices.Clone(cur)
	changed := false
	for _, t := range tags {
		t = strings.TrimSpace(t)
		i := slices.Index(out, t)
		switch {
		case action == AddTags && i < 0:
			out = append(out, t)
			changed = true
		case action == RemoveTags && i >= 0:
			out = slices.Delete(out, i, i+1)
			changed = true
		}
	}
	if out == nil {
		out = []string{}
	}
	return out, changed
}

// Decode fills dst (a module's update body struct) from an edit body, strictly: a value of the wrong
// type is 422 body.value.
func Decode(body map[string]any, dst any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return apperr.Field("body.value", "field.invalid", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return apperr.Field("body.value", "field.invalid", nil)
	}
	return nil
}

// EditBody turns an edit's field and value into the JSON body a single update takes ({"field": value},
// custom fields as {"custom": {"key": value}}), refusing fields not in allowed (body.field).
func EditBody(field string, value any, allowed []string) (map[string]any, error) {
	if key, ok := strings.CutPrefix(field, "custom."); ok && key != "" {
		return map[string]any{"custom": map[string]any{key: value}}, nil
	}
	if !slices.Contains(allowed, field) {
		return nil, apperr.Field("body.field", "field.bulk_field", nil)
	}
	return map[string]any{field: value}, nil
}

// ValueField maps every field location of a single update onto body.value (edits change one field).
func ValueField(loc string) string {
	if strings.HasPrefix(loc, "body.") {
		return "body.value"
	}
	return loc
}
