package timeline

import (
	"context"
	"sort"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/team"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// hidden fields say nothing a reader of the history needs (bookkeeping, or the custom map itself,
// which is shown key by key).
var hidden = map[string]bool{"created_at": true, "updated_at": true, "version": true, "reminded_at": true}

// fieldChanges turns an audit row's changes into labelled field changes, masking what the actor may not
// see: redacted (sensitive) values, and sensitive custom values without <entity>:read_sensitive on the
// record.
func (s *Service) fieldChanges(ctx context.Context, sc *scopeSet, e *ent.AuditEvent) ([]FieldChange, error) {
	locale := i18n.Locale(ctx)
	byColumn := map[string]meta.Column{}
	for _, c := range s.reg.Columns(e.Entity) {
		byColumn[c.Name] = c
	}
	var defs []meta.CustomDef
	if s.custom != nil {
		var err error
		if defs, err = s.custom.Defs(ctx, e.Entity); err != nil {
			return nil, err
		}
	}
	who := sc.owner[e.Entity][deref(e.EntityID)]
	sees := fls.CanSee(authz.FromContext(ctx), e.Entity, who[0], who[1])
	out := []FieldChange{}
	for name, ch := range e.Changes {
		if hidden[name] {
			continue
		}
		col, known := byColumn[name]
		if name == s.reg.CustomColumn(e.Entity) && name != "" {
			out = append(out, customChanges(ch.Old, ch.New, defs, sees, locale)...)
			continue
		}
		if !known {
			continue // internal columns (hashes, search helpers) are not part of the history
		}
		fc := FieldChange{Field: col.API, Label: s.label(e.Entity, col.API, locale), Old: ch.Old, New: ch.New}
		if ch.Old == audit.Redacted || ch.New == audit.Redacted || col.Sensitive && !sees {
			fc.Old, fc.New, fc.Masked = nil, nil, true
		}
		out = append(out, fc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out, nil
}

func (s *Service) label(entity, api, locale string) string {
	if f, ok := s.reg.Field(entity, api); ok {
		return f.Label.For(locale)
	}
	return api
}

// customChanges compares the custom maps before and after key by key.
func customChanges(oldV, newV any, defs []meta.CustomDef, sees bool, locale string) []FieldChange {
	om, _ := oldV.(map[string]any)
	nm, _ := newV.(map[string]any)
	var out []FieldChange
	for _, d := range defs {
		o, n := om[d.Key], nm[d.Key]
		if equalJSON(o, n) {
			continue
		}
		fc := FieldChange{Field: meta.CustomPrefix + d.Key, Label: d.Label.For(locale), Old: o, New: n}
		if d.Sensitive && !sees {
			fc.Old, fc.New, fc.Masked = nil, nil, true
		}
		out = append(out, fc)
	}
	return out
}

func equalJSON(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		return false
	}
	return a == b
}

// names fills in the actors' names and the people and teams that reference fields point to (directory
// data, shown like the audit log does).
func (s *Service) names(ctx context.Context, items []Item) error {
	var users, teams []int64
	for _, it := range items {
		if it.ActorID != nil {
			users = append(users, *it.ActorID)
		}
		if it.Change == nil {
			continue
		}
		for _, f := range it.Change.Fields {
			switch refOf(f.Field) {
			case "user":
				users = appendNum(users, f.Old, f.New)
			case "team":
				teams = appendNum(teams, f.Old, f.New)
			}
		}
	}
	sys := authz.AsSystem(ctx)
	un, tn := map[int64]string{}, map[int64]string{}
	if len(users) > 0 {
		us, err := s.st.Client(sys).User.Query().Where(user.IDIn(users...)).Select(user.FieldID, user.FieldName).All(sys)
		if err != nil {
			return err
		}
		for _, u := range us {
			un[u.ID] = u.Name
		}
	}
	if len(teams) > 0 {
		ts, err := s.st.Client(sys).Team.Query().Where(team.IDIn(teams...)).Select(team.FieldID, team.FieldName).All(sys)
		if err != nil {
			return err
		}
		for _, t := range ts {
			tn[t.ID] = t.Name
		}
	}
	for i := range items {
		it := &items[i]
		if it.ActorID != nil {
			if n, ok := un[*it.ActorID]; ok {
				it.ActorName = &n
			}
		}
		if it.Change == nil {
			continue
		}
		for j := range it.Change.Fields {
			f := &it.Change.Fields[j]
			m := un
			switch refOf(f.Field) {
			case "team":
				m = tn
			case "user":
			default:
				continue
			}
			f.OldText, f.NewText = text(m, f.Old), text(m, f.New)
		}
	}
	return nil
}

func refOf(api string) string {
	switch {
	case api == "ownerId" || strings.HasSuffix(api, "UserId"):
		return "user"
	case api == "teamId":
		return "team"
	}
	return ""
}

func num(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

func appendNum(list []int64, vs ...any) []int64 {
	for _, v := range vs {
		if n, ok := num(v); ok {
			list = append(list, n)
		}
	}
	return list
}

func text(m map[int64]string, v any) *string {
	n, ok := num(v)
	if !ok {
		return nil
	}
	if s, ok := m[n]; ok {
		return &s
	}
	return nil
}
