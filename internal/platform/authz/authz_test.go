package authz

import (
	"context"
	"errors"
	"testing"
)

func TestInScope(t *testing.T) {
	a := NewUserActor(7, 10, []int64{10, 11, 12}, nil, 0)
	cases := []struct {
		scope       Scope
		owner, team int64
		want        bool
	}{
		{ScopeOwn, 7, 99, true}, {ScopeOwn, 8, 10, false}, {ScopeOwn, 0, 0, false},
		{ScopeTeam, 8, 10, true}, {ScopeTeam, 8, 11, false}, {ScopeTeam, 7, 99, true},
		{ScopeSubtree, 8, 12, true}, {ScopeSubtree, 8, 13, false}, {ScopeSubtree, 0, 0, false},
		{ScopeAll, 0, 0, true}, {ScopeNone, 7, 10, false},
	}
	for _, c := range cases {
		if got := a.InScope(c.scope, c.owner, c.team); got != c.want {
			t.Errorf("InScope(%s, owner %d, team %d) = %v", c.scope, c.owner, c.team, got)
		}
	}
}

func TestRequireAndGrants(t *testing.T) {
	ctx := context.Background()
	if err := Require(ctx, "user:read"); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("no actor: %v", err)
	}
	a := NewUserActor(1, 0, nil, map[Right]Scope{"user:read": ScopeTeam, "team:read": ScopeNone}, 0)
	ctx = WithActor(ctx, a)
	if err := Require(ctx, "user:read"); err != nil {
		t.Fatal(err)
	}
	if err := Require(ctx, "team:read"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("none scope granted: %v", err)
	}
	if len(a.Grants()) != 1 {
		t.Fatalf("grants with none scope kept: %v", a.Grants())
	}
	sys := AsSystem(ctx)
	if !FromContext(sys).IsSystem() || Attributed(sys) != a || FromContext(sys).ScopeOf("anything:at_all") != ScopeAll {
		t.Fatal("system actor on behalf of a user")
	}
	if Attributed(AsSystem(context.Background())).Kind != KindSystem {
		t.Fatal("plain system attribution")
	}
	if NewUserActor(1, 0, nil, nil, 5).Kind != KindToken {
		t.Fatal("token actor kind")
	}
}

func TestScopesAndCatalog(t *testing.T) {
	for _, s := range Scopes {
		if p, err := ParseScope(s.String()); err != nil || p != s {
			t.Errorf("round trip %s", s)
		}
	}
	if _, err := ParseScope("everything"); err == nil {
		t.Error("unknown scope parsed")
	}
	if _, err := NewCatalog([]Right{"a:b"}, []Right{"a:b"}); err == nil {
		t.Error("duplicate right accepted")
	}
	if _, err := NewCatalog([]Right{"nocolon"}); err == nil {
		t.Error("malformed right accepted")
	}
	c, _ := NewCatalog([]Right{"b:x", "a:y"})
	if all := c.All(); all[0] != "a:y" || !c.Has("b:x") || c.Has("c:z") {
		t.Errorf("catalog %v", all)
	}
}

func TestRequireAll(t *testing.T) {
	team := WithActor(context.Background(), NewUserActor(1, 2, []int64{2}, map[Right]Scope{"role:update": ScopeTeam}, 0))
	all := WithActor(context.Background(), NewUserActor(1, 2, []int64{2}, map[Right]Scope{"role:update": ScopeAll}, 0))
	if err := RequireAll(team, "role:update"); !errors.Is(err, ErrForbidden) {
		t.Errorf("team scope: %v", err)
	}
	if err := RequireAll(all, "role:update"); err != nil {
		t.Errorf("all scope: %v", err)
	}
	if err := RequireAll(context.Background(), "role:update"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("no actor: %v", err)
	}
}
