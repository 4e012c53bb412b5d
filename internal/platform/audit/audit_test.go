package audit

import (
	"testing"
	"time"
)

func TestEntityName(t *testing.T) {
	for in, want := range map[string]string{"User": "user", "APIToken": "api_token", "RoleGrant": "role_grant", "AuditEvent": "audit_event"} {
		if got := EntityName(in); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	type kind string
	ts := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600))
	s := "x"
	var nilp *string
	if Plain(&s) != "x" || Plain(nilp) != nil || Plain(kind("own")) != "own" || Plain(ts) != "2026-01-01T19:04:05Z" {
		t.Errorf("plain: %v %v %v %v", Plain(&s), Plain(nilp), Plain(kind("own")), Plain(ts))
	}
}
