package audit

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"entgo.io/ent"
)

// Actions written by the product besides create/update/delete.
const (
	ActionCreate           = "create"
	ActionUpdate           = "update"
	ActionDelete           = "delete"
	ActionLoginSuccess     = "login.success"
	ActionLoginFailure     = "login.failure"
	ActionLogout           = "logout"
	ActionPasswordChange   = "password.change"
	ActionPasswordReset    = "password.reset"
	ActionTokenCreate      = "token.create"
	ActionTokenRevoke      = "token.revoke"
	ActionTokenUse         = "token.use"
	ActionPermissionChange = "permission.change"
	ActionExport           = "export"
)

// Redacted stands in for the value of a secret field.
const Redacted = "[redacted]"

// Change is one field's value before and after.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// Event is one audit row before it is written.
type Event struct {
	Action   string
	Entity   string
	EntityID int64
	Changes  map[string]Change
}

// Writer persists events in the transaction found in ctx.
type Writer interface {
	// Check fails when an event could not be written with the change (no transaction): the hook
	// calls it before the change is made, so nothing unaudited is ever written.
	Check(ctx context.Context) error
	Write(ctx context.Context, ev Event) error
}

// Options tune the hook.
type Options struct {
	// Skip lists ent type names that are not audited generically (the audit log itself, sessions…).
	Skip []string
	// Secret reports whether a field of an ent type holds a secret.
	Secret func(typ, field string) bool
	// Quiet lists fields whose changes alone are not worth an audit row ("last_login_at": the sign-in
	// itself is recorded as its own event).
	Quiet []string
}

// ignored fields change on every write and say nothing an auditor needs.
var ignored = map[string]bool{"updated_at": true, "version": true}

type idsMutation interface {
	IDs(context.Context) ([]int64, error)
}

type idMutation interface {
	ID() (int64, bool)
}

// Hook returns the ent hook that audits every create, update and delete.
func Hook(w Writer, opts Options) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if slices.Contains(opts.Skip, m.Type()) {
				return next.Mutate(ctx, m)
			}
			entity := EntityName(m.Type())
			if err := w.Check(ctx); err != nil {
				return nil, fmt.Errorf("audit: %s %s: %w", m.Op(), entity, err)
			}
			secret := func(f string) bool { return opts.Secret != nil && opts.Secret(m.Type(), f) }
			var ids []int64
			old := map[string]any{}
			switch {
			case m.Op().Is(ent.OpUpdateOne):
				for _, f := range m.Fields() {
					if v, err := m.OldField(ctx, f); err == nil {
						old[f] = v
					} else {
						return nil, fmt.Errorf("audit: old value of %s.%s: %w", entity, f, err)
					}
				}
				fallthrough
			case m.Op().Is(ent.OpUpdate), m.Op().Is(ent.OpDelete), m.Op().Is(ent.OpDeleteOne):
				im, ok := m.(idsMutation)
				if !ok {
					return nil, fmt.Errorf("audit: %s mutation does not expose its ids", entity)
				}
				var err error
				if ids, err = im.IDs(ctx); err != nil {
					return nil, fmt.Errorf("audit: ids of %s: %w", entity, err)
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			ev := Event{Entity: entity}
			switch {
			case m.Op().Is(ent.OpCreate):
				ev.Action = ActionCreate
				if im, ok := m.(idMutation); ok {
					ev.EntityID, _ = im.ID()
				}
				ids = []int64{ev.EntityID}
			case m.Op().Is(ent.OpDelete), m.Op().Is(ent.OpDeleteOne):
				ev.Action = ActionDelete
			default:
				ev.Action = ActionUpdate
			}
			if !ev.isDelete() {
				ev.Changes = changes(m, old, secret)
				if ev.Action == ActionUpdate && onlyQuiet(ev.Changes, opts.Quiet) {
					return v, nil
				}
			}
			for _, id := range ids {
				ev.EntityID = id
				if err := w.Write(ctx, ev); err != nil {
					return nil, fmt.Errorf("audit: write %s %s %d: %w", ev.Action, entity, id, err)
				}
			}
			return v, nil
		})
	}
}

func (e Event) isDelete() bool { return e.Action == ActionDelete }

func onlyQuiet(ch map[string]Change, quiet []string) bool {
	for f := range ch {
		if !slices.Contains(quiet, f) {
			return false
		}
	}
	return len(ch) > 0
}

func changes(m ent.Mutation, old map[string]any, secret func(string) bool) map[string]Change {
	out := map[string]Change{}
	for _, f := range m.Fields() {
		if ignored[f] {
			continue
		}
		nv, _ := m.Field(f)
		c := Change{Old: Plain(old[f]), New: Plain(nv)}
		if secret(f) {
			c = Change{Old: Redacted, New: Redacted}
			if m.Op().Is(ent.OpCreate) {
				c.Old = nil
			}
		} else if m.Op().Is(ent.OpUpdateOne) && reflect.DeepEqual(c.Old, c.New) {
			continue
		}
		out[f] = c
	}
	for _, f := range m.ClearedFields() {
		if ignored[f] {
			continue
		}
		out[f] = Change{Old: Plain(old[f]), New: nil}
	}
	return out
}

// Plain turns stored values into JSON-friendly ones: pointers are followed, times are UTC.
func Plain(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return Plain(rv.Elem().Interface())
	}
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	if rv.Kind() == reflect.String && rv.Type() != reflect.TypeFor[string]() {
		return rv.String()
	}
	return v
}

// EntityName turns an ent type name ("APIToken") into the audit entity name ("api_token").
func EntityName(typ string) string {
	var b strings.Builder
	r := []rune(typ)
	for i, c := range r {
		if unicode.IsUpper(c) {
			if i > 0 && (unicode.IsLower(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
