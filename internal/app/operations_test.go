package app_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/testkit"
)

// publicOperations is the one list of operations anyone may call without signing in.
var publicOperations = []string{"forgotPassword", "getCalendarFeed", "getSetup", "login", "logout", "resetPassword", "setup"}

func operations(api huma.API) []*huma.Operation {
	var out []*huma.Operation
	for _, item := range api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Put, item.Post, item.Patch, item.Delete, item.Head, item.Options} {
			if op != nil {
				out = append(out, op)
			}
		}
	}
	return out
}

func samplePath(p string) string { return strings.ReplaceAll(p, "{id}", "1") }

// TestEveryOperationDeclaresItsAccess walks every registered operation: each must declare a right, be
// for any signed-in user, or be in the public list above. New endpoints therefore fail closed.
func TestEveryOperationDeclaresItsAccess(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	ops := operations(a.API)
	if len(ops) < 30 {
		t.Fatalf("only %d operations found", len(ops))
	}
	var public []string
	for _, op := range ops {
		acc, ok := httpx.AccessOf(op)
		if !ok {
			t.Errorf("%s %s (%s) declares no access", op.Method, op.Path, op.OperationID)
			continue
		}
		if acc.Public {
			public = append(public, op.OperationID)
		}
	}
	sort.Strings(public)
	if !slices.Equal(public, publicOperations) {
		t.Errorf("public operations %v, want exactly %v", public, publicOperations)
	}
	// Every other operation refuses an anonymous caller before reading its input.
	c := a.Client()
	for _, op := range ops {
		if slices.Contains(publicOperations, op.OperationID) {
			continue
		}
		if r := c.Do(t, op.Method, samplePath(op.Path), nil); r.Status != 401 {
			t.Errorf("anonymous %s %s: %d, want 401", op.Method, op.Path, r.Status)
		}
	}
}

// TestUndeclaredOperationFailsClosed registers an operation without access and checks nobody reaches it.
func TestUndeclaredOperationFailsClosed(t *testing.T) {
	a := testkit.NewApp(t, db.SQLite)
	huma.Register(a.API, huma.Operation{OperationID: "rogue", Method: "GET", Path: "/api/v1/rogue"},
		func(ctx context.Context, _ *struct{}) (*struct{ Body string }, error) {
			return &struct{ Body string }{Body: "leak"}, nil
		})
	a.NewUser(t, "admin@kehu.test", 0, "admin")
	if r := a.Login(t, "admin@kehu.test").Do(t, "GET", "/api/v1/rogue", nil); r.Status != 403 {
		t.Fatalf("undeclared operation answered %d: %s", r.Status, r.Raw)
	}
}
