package authz

import (
	"context"
	"testing"
)

func TestReadingForTakesTheNarrowerScopeOfItsResourceOnly(t *testing.T) {
	a := NewUserActor(1, 2, []int64{2}, map[Right]Scope{"account:read": ScopeAll, "account:export": ScopeOwn,
		"contact:read": ScopeTeam}, 0)
	plain := context.Background()
	export := ReadingFor(plain, "account:export")
	cases := []struct {
		ctx      context.Context
		resource string
		read     Scope
		want     Scope
	}{
		{plain, "account", ScopeAll, ScopeAll},                                 // no narrowing asked
		{export, "account", ScopeAll, ScopeOwn},                                // the export's own scope wins
		{export, "contact", ScopeTeam, ScopeTeam},                              // another resource is read as usual
		{ReadingFor(plain, "contact:export"), "contact", ScopeTeam, ScopeNone}, // no such right: nothing
		{ReadingFor(plain, "account:read"), "account", ScopeAll, ScopeAll},
	}
	for i, c := range cases {
		if got := narrowed(c.ctx, a, c.resource, c.read); got != c.want {
			t.Errorf("case %d: %s read %s narrowed to %s, want %s", i, c.resource, c.read, got, c.want)
		}
	}
}
