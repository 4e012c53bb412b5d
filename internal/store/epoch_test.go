package store

import (
	"context"
	"testing"
)

func snapshotAt(authz int64) *Snapshot {
	s := &Snapshot{}
	s.vals[0].Int64, s.vals[0].Valid = authz, true
	return s
}

func TestCacheFollowsTheSnapshot(t *testing.T) {
	c := NewCache[int64, string](EpochAuthz)
	loads := 0
	load := func(v string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { loads++; return v, nil }
	}
	get := func(ctx context.Context, v string) string {
		got, err := c.Get(ctx, 1, load(v))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// No snapshot: always loads, stores nothing.
	get(context.Background(), "a")
	get(context.Background(), "a")
	if loads != 2 {
		t.Fatalf("loads without a snapshot = %d, want 2", loads)
	}
	at5 := WithSnapshot(context.Background(), snapshotAt(5))
	if get(at5, "five") != "five" || get(at5, "other") != "five" || loads != 3 {
		t.Fatalf("same epoch must hit: loads = %d", loads)
	}
	at6 := WithSnapshot(context.Background(), snapshotAt(6))
	if got := get(at6, "six"); got != "six" || loads != 4 {
		t.Fatalf("new epoch must reload: %q, loads = %d", got, loads)
	}
	// An older request does not overwrite the newer entry.
	if got := get(at5, "old"); got != "old" || get(at6, "x") != "six" {
		t.Fatalf("older epoch: %q", got)
	}
	// A write of this request dirties its snapshot: it bypasses the cache from then on.
	s := snapshotAt(6)
	ctx := WithSnapshot(context.Background(), s)
	s.dirty(EpochAuthz)
	if got := get(ctx, "mine"); got != "mine" {
		t.Fatalf("dirty snapshot served %q", got)
	}
	many, err := NewCache[int64, string](EpochDirectory).GetMany(ctx, []int64{1, 2}, func(_ context.Context, ids []int64) (map[int64]string, error) {
		return map[int64]string{1: "one"}, nil
	})
	if err != nil || len(many) != 1 || many[1] != "one" {
		t.Fatalf("GetMany = %v, %v", many, err)
	}
}
