package record

import (
	"slices"
	"testing"
)

func TestDistinctTags(t *testing.T) {
	lists := [][]string{{"VIP", "华东", ""}, {"vip-2026", "VIP"}, nil, {"50%_off"}}
	if got := DistinctTags(lists, "", 10); !slices.Equal(got, []string{"50%_off", "VIP", "vip-2026", "华东"}) {
		t.Errorf("all: %v", got)
	}
	if got := DistinctTags(lists, " Vip ", 10); !slices.Equal(got, []string{"VIP", "vip-2026"}) {
		t.Errorf("q: %v", got)
	}
	if got := DistinctTags(lists, "", 2); len(got) != 2 {
		t.Errorf("limit: %v", got)
	}
	if got := escapeLike(`50%_\`); got != `50\%\_\\` {
		t.Errorf("escape: %q", got)
	}
}
