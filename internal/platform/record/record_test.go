package record

import (
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

func TestCursorRoundTrip(t *testing.T) {
	ts := time.Date(2026, 11, 23, 4, 5, 6, 789, time.UTC)
	for _, v := range []any{"客户 A", ts, true, int64(42)} {
		got, id, err := decode(Cursor(v, 9))
		if err != nil || id != 9 {
			t.Fatalf("%v: %v %d", v, err, id)
		}
		if tt, ok := v.(time.Time); ok {
			if !got.(time.Time).Equal(tt) {
				t.Errorf("time %v != %v", got, tt)
			}
		} else if got != v {
			t.Errorf("%v came back as %v", v, got)
		}
	}
	for _, bad := range []string{"", "!!", "e30", Cursor("x", 0)} {
		if _, _, err := decode(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseIfMatch(t *testing.T) {
	for h, want := range map[string]int64{`"3"`: 3, "3": 3, `W/"12"`: 12, ` "7" `: 7} {
		if v, err := ParseIfMatch(h); err != nil || v != want {
			t.Errorf("%q: %d %v", h, v, err)
		}
	}
	if _, err := ParseIfMatch(""); !apperr.Is(err, apperr.PreconditionRequired) {
		t.Errorf("missing: %v", err)
	}
	for _, bad := range []string{`"x"`, "0", "-1"} {
		if _, err := ParseIfMatch(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseSort(t *testing.T) {
	allowed := map[string]string{"name": "name", "createdAt": "created_at"}
	if s, _ := ParseSort("-createdAt", allowed, Sort{}); s.Column != "created_at" || !s.Desc {
		t.Errorf("%+v", s)
	}
	if s, _ := ParseSort("", allowed, Sort{Column: "id"}); s.Column != "id" {
		t.Errorf("default %+v", s)
	}
	if _, err := ParseSort("password_hash", allowed, Sort{}); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestNamedTypesInCursors(t *testing.T) {
	type lifecycle string
	got, _, err := decode(Cursor(lifecycle("loyal"), 3))
	if err != nil || got != "loyal" {
		t.Fatalf("named string: %v %v", got, err)
	}
	got, _, err = decode(Cursor(int(5), 3))
	if err != nil || got != int64(5) {
		t.Fatalf("int: %v %v", got, err)
	}
}

func TestReorder(t *testing.T) {
	items := []int64{1, 2, 3, 4}
	id := func(v int64) int64 { return v }
	got, bad := Reorder(items, []int64{3, 1}, id)
	if bad != -1 || len(got) != 4 || got[0] != 3 || got[1] != 1 || got[2] != 2 || got[3] != 4 {
		t.Fatalf("order %v bad %d", got, bad)
	}
	if _, bad := Reorder(items, []int64{2, 9}, id); bad != 1 {
		t.Errorf("unknown id at %d", bad)
	}
	if _, bad := Reorder(items, []int64{2, 2}, id); bad != 1 {
		t.Errorf("repeated id at %d", bad)
	}
}
