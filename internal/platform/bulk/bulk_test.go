package bulk

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

func locations(err error) []string {
	e, ok := apperr.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Location)
	}
	return out
}

func TestCheck(t *testing.T) {
	all := []string{Assign, AddTags, RemoveTags, Edit, Delete}
	for _, c := range []struct {
		b    BulkRequest
		want []string
	}{
		{BulkRequest{IDs: []int64{1}, Action: Delete}, nil},
		{BulkRequest{All: true, Action: Delete}, nil},
		{BulkRequest{Action: Delete}, []string{"body.ids"}},
		{BulkRequest{IDs: []int64{1}, All: true, Action: Delete}, []string{"body.all"}},
		{BulkRequest{IDs: make([]int64, MaxIDs+1), Action: Delete}, []string{"body.ids"}},
		{BulkRequest{IDs: []int64{1}, Action: "explode"}, []string{"body.action"}},
		{BulkRequest{IDs: []int64{1}, Action: Assign}, []string{"body.ownerId"}},
		{BulkRequest{IDs: []int64{1}, Action: AddTags}, []string{"body.tags"}},
		{BulkRequest{IDs: []int64{1}, Action: AddTags, Tags: []string{"ok", " ", "x\x00"}}, []string{"body.tags[1]", "body.tags[2]"}},
		{BulkRequest{IDs: []int64{1}, Action: Edit}, []string{"body.field"}},
	} {
		if got := locations(c.b.Check(all)); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.b, got, c.want)
		}
	}
	if got := locations((&BulkRequest{IDs: []int64{1}, Action: Assign}).Check([]string{Delete})); !slices.Contains(got, "body.action") {
		t.Errorf("an action the entity does not offer: %v", got)
	}
}

func TestNewTags(t *testing.T) {
	got, changed := NewTags([]string{"a", "b"}, AddTags, []string{" b ", "c"})
	if !changed || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("add: %v %v", got, changed)
	}
	got, changed = NewTags([]string{"a", "b"}, RemoveTags, []string{"a", "z"})
	if !changed || !slices.Equal(got, []string{"b"}) {
		t.Errorf("remove: %v %v", got, changed)
	}
	if got, changed = NewTags(nil, RemoveTags, []string{"a"}); changed || got == nil || len(got) != 0 {
		t.Errorf("remove from none: %v %v", got, changed)
	}
}

func TestEditBodyAndDecode(t *testing.T) {
	if _, err := EditBody("name", "x", []string{"level"}); !slices.Equal(locations(err), []string{"body.field"}) {
		t.Errorf("field not offered: %v", err)
	}
	b, err := EditBody("custom.budget", 5, nil)
	if err != nil || b["custom"].(map[string]any)["budget"] != 5 {
		t.Errorf("custom: %v %v", b, err)
	}
	var dst struct {
		Level *string `json:"level"`
	}
	if err := Decode(map[string]any{"level": 7}, &dst); !slices.Equal(locations(err), []string{"body.value"}) {
		t.Errorf("wrong type: %v", err)
	}
	if err := Decode(map[string]any{"nope": "x"}, &dst); !slices.Equal(locations(err), []string{"body.value"}) {
		t.Errorf("unknown field: %v", err)
	}
	if err := Decode(map[string]any{"level": "key"}, &dst); err != nil || *dst.Level != "key" {
		t.Errorf("decode: %v", err)
	}
}

func TestApplyNamesTheFirstFailure(t *testing.T) {
	ctx := context.Background()
	calls := 0
	one := func(fail map[int64]error) func(context.Context, int64) (bool, error) {
		return func(_ context.Context, id int64) (bool, error) {
			calls++
			if err := fail[id]; err != nil {
				return false, err
			}
			return id != 2, nil
		}
	}
	n, err := Apply(ctx, "account", []int64{1, 2, 3}, true, nil, one(nil))
	if err != nil || n != 2 || calls != 3 {
		t.Fatalf("all fine: %d %v (calls %d)", n, err, calls)
	}
	calls = 0
	_, err = Apply(ctx, "account", []int64{1, 2, 3, 4}, true, ValueField, one(map[int64]error{
		2: apperr.NotFoundOf("account", 2), 3: apperr.Field("body.level", "field.invalid", nil)}))
	e, ok := apperr.As(err)
	if !ok || e.Code != "error.bulk_record" || e.Args["ID"] != int64(2) || !slices.Equal(locations(err), []string{"body.ids[1]"}) || calls != 2 {
		t.Fatalf("missing record: %v %+v (calls %d)", err, e, calls)
	}
	_, err = Apply(ctx, "account", []int64{3}, false, ValueField, one(map[int64]error{3: apperr.Field("body.level", "field.invalid", nil)}))
	if !slices.Equal(locations(err), []string{"body.value"}) {
		t.Errorf("invalid value: %v", locations(err))
	}
	_, err = Apply(ctx, "account", []int64{3}, false, nil, one(map[int64]error{3: &authz.ForbiddenError{Right: "account:assign"}}))
	if !slices.Equal(locations(err), []string{"body.filter"}) {
		t.Errorf("forbidden record in all mode: %v", locations(err))
	}
	boom := errors.New("database down")
	if _, err = Apply(ctx, "account", []int64{3}, true, nil, one(map[int64]error{3: boom})); !errors.Is(err, boom) {
		t.Errorf("other errors pass through: %v", err)
	}
}
