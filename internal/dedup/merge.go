package dedup

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	entgo "entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/duplicatedismissal"
	"github.com/kehu-crm/kehu/internal/ent/notification"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/fls"
)

// Choices of a merge field.
const (
	KeepSurvivor = "survivor"
	TakeMerged   = "merged"
)

// MaxChoices bounds the field choices of one merge.
const MaxChoices = 100

// MergeInput asks to merge MergedID into SurvivorID (whose current version is Version). Fields maps
// a field's API name ("phone", "custom.budget") to KeepSurvivor or TakeMerged; a field left out keeps
// the survivor's value unless that is empty and the merged record's is not.
type MergeInput struct {
	Entity                        string
	SurvivorID, MergedID, Version int64
	Fields                        map[string]string
}

// Moved counts what a merge re-pointed from the merged record to the survivor.
type Moved struct {
	Contacts   int
	Activities int
	Comments   int
}

// MergeResult is what a merge did.
type MergeResult struct {
	SurvivorID, MergedID int64
	// Version is the survivor's new version.
	Version int64
	Moved   Moved
	// Choices are the choice made for every choosable field, defaults included.
	Choices map[string]string
}

// Merge merges one record into another in one transaction: it applies the field choices to the
// survivor, unites tags, re-points contacts, activities, comments and notifications, writes a MergeLog
// with a snapshot of the merged record, deletes the merged record (after moving its children, so the
// database cascades nothing) and writes a "merge" audit event on the survivor. It needs the update
// right over the survivor and the delete right over the merged record, within scope. Search rows and
// dedup keys follow through the store's hooks.
func (s *Service) Merge(ctx context.Context, in MergeInput) (MergeResult, error) {
	if err := validEntity("path.entity", in.Entity); err != nil {
		return MergeResult{}, err
	}
	for _, r := range []authz.Right{right(in.Entity, "update"), right(in.Entity, "delete")} {
		if err := authz.Require(ctx, r); err != nil {
			return MergeResult{}, err
		}
	}
	if err := validateChoices(in); err != nil {
		return MergeResult{}, err
	}
	var res MergeResult
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		var err error
		res, err = s.merge(ctx, in)
		return err
	})
	return res, err
}

func validateChoices(in MergeInput) error {
	var bad apperr.Fields
	if in.MergedID == in.SurvivorID {
		bad.Add("body.mergeId", "field.duplicate_same", nil)
	}
	if len(in.Fields) > MaxChoices {
		bad.Add("body.fields", "field.merge_too_many", map[string]any{"Max": MaxChoices})
	}
	for name, choice := range in.Fields {
		loc := "body.fields." + name
		key, custom := strings.CutPrefix(name, "custom.")
		_, known := mergeFieldOf(in.Entity, name)
		switch {
		case custom && (key == "" || len(key) > 40):
			bad.Add(loc, "field.merge_field", nil)
		case !custom && !known:
			bad.Add(loc, "field.merge_field", nil)
		case choice != KeepSurvivor && choice != TakeMerged:
			bad.Add(loc, "field.merge_choice", nil)
		}
	}
	return bad.Err()
}

// loaded is one record of a merge as the caller reads it.
type loaded struct {
	rec     any
	id      int64
	version int64
	owner   *int64
	team    *int64
	name    string
	tags    []string
	custom  map[string]any
}

func (s *Service) load(ctx context.Context, entity string, id int64) (*loaded, error) {
	c := s.st.Client(ctx)
	switch entity {
	case Account:
		r, err := c.Account.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return &loaded{rec: r, id: r.ID, version: r.Version, owner: r.OwnerID, team: r.TeamID, name: r.Name,
			tags: r.Tags, custom: r.Custom}, nil
	default:
		r, err := c.Contact.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return &loaded{rec: r, id: r.ID, version: r.Version, owner: r.OwnerID, team: r.TeamID, name: r.Name,
			tags: r.Tags, custom: r.Custom}, nil
	}
}

func (s *Service) merge(ctx context.Context, in MergeInput) (MergeResult, error) {
	a := authz.FromContext(ctx)
	sur, err := s.load(ctx, in.Entity, in.SurvivorID)
	if ent.IsNotFound(err) || (err == nil && !a.InScope(a.ScopeOf(right(in.Entity, "update")), deref(sur.owner), deref(sur.team))) {
		return MergeResult{}, apperr.NotFoundOf(in.Entity, in.SurvivorID)
	}
	if err != nil {
		return MergeResult{}, err
	}
	if sur.version != in.Version {
		return MergeResult{}, apperr.StaleVersion()
	}
	mer, err := s.load(ctx, in.Entity, in.MergedID)
	if ent.IsNotFound(err) || (err == nil && !a.InScope(a.ScopeOf(right(in.Entity, "delete")), deref(mer.owner), deref(mer.team))) {
		return MergeResult{}, apperr.Field("body.mergeId", "field.unknown_"+in.Entity, nil)
	}
	if err != nil {
		return MergeResult{}, err
	}
	seesMerged := fls.CanSee(a, in.Entity, deref(mer.owner), deref(mer.team))
	choices, err := s.updateSurvivor(ctx, in, sur, mer, seesMerged)
	if err != nil {
		return MergeResult{}, err
	}
	moved, err := s.moveChildren(ctx, in.Entity, sur, mer)
	if err != nil {
		return MergeResult{}, err
	}
	if err := s.finish(ctx, in.Entity, sur, mer, choices, moved); err != nil {
		return MergeResult{}, err
	}
	return MergeResult{SurvivorID: sur.id, MergedID: mer.id, Version: sur.version + 1, Moved: moved, Choices: choices}, nil
}

// updateSurvivor applies the choices to the survivor (as the caller, so its update scope and the audit
// diff apply) and returns the choice made for every field.
func (s *Service) updateSurvivor(ctx context.Context, in MergeInput, sur, mer *loaded, seesMerged bool) (map[string]string, error) {
	var m entgo.Mutation
	var exec func() error
	c := s.st.Client(ctx)
	switch in.Entity {
	case Account:
		q := c.Account.UpdateOneID(sur.id).Where(account.Version(in.Version)).AddVersion(1)
		m, exec = q.Mutation(), func() error { return q.Exec(ctx) }
	default:
		q := c.Contact.UpdateOneID(sur.id).Where(contact.Version(in.Version)).AddVersion(1)
		m, exec = q.Mutation(), func() error { return q.Exec(ctx) }
	}
	choices := map[string]string{}
	var bad apperr.Fields
	for _, f := range mergeFields[in.Entity] {
		sv, sEmpty := valueOf(sur.rec, f.Column)
		mv, mEmpty := valueOf(mer.rec, f.Column)
		take := false
		switch in.Fields[f.API] {
		case TakeMerged:
			if f.Sensitive && !seesMerged {
				bad.Add("body.fields."+f.API, "field.merge_masked", nil)
			}
			take = true
		case "":
			take = sEmpty && !mEmpty && (!f.Sensitive || seesMerged)
		}
		choices[f.API] = KeepSurvivor
		if !take {
			continue
		}
		choices[f.API] = TakeMerged
		if reflect.DeepEqual(sv, mv) {
			continue
		}
		var err error
		if mEmpty && mv == nil {
			err = m.ClearField(f.Column)
		} else {
			err = m.SetField(f.Column, mv)
		}
		if err != nil {
			return nil, fmt.Errorf("dedup: merge %s.%s: %w", in.Entity, f.Column, err)
		}
	}
	custom, changed := mergeCustom(in.Fields, sur.custom, mer.custom, seesMerged, choices, &bad)
	if err := bad.Err(); err != nil {
		return nil, err
	}
	if changed {
		if err := m.SetField("custom", custom); err != nil {
			return nil, err
		}
	}
	tags := slices.Clone(sur.tags)
	for _, t := range mer.tags {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if len(tags) != len(sur.tags) {
		if err := m.SetField("tags", tags); err != nil {
			return nil, err
		}
	}
	if err := exec(); err != nil {
		if ent.IsNotFound(err) {
			return nil, apperr.StaleVersion()
		}
		return nil, err
	}
	return choices, nil
}

// mergeCustom chooses each custom value: explicit choices first, else the survivor's unless empty.
func mergeCustom(fields map[string]string, sur, mer map[string]any, seesMerged bool, choices map[string]string,
	bad *apperr.Fields) (map[string]any, bool) {
	out := map[string]any{}
	for k, v := range sur {
		out[k] = v
	}
	keys := map[string]bool{}
	for k := range sur {
		keys[k] = true
	}
	for k := range mer {
		keys[k] = true
	}
	for name := range fields {
		if k, ok := strings.CutPrefix(name, "custom."); ok {
			keys[k] = true
		}
	}
	changed := false
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		api := "custom." + k
		sv, inS := sur[k]
		mv, inM := mer[k]
		take := false
		switch fields[api] {
		case TakeMerged:
			if !seesMerged {
				bad.Add("body.fields."+api, "field.merge_masked", nil)
			}
			take = true
		case "":
			take = (!inS || emptyValue(sv)) && inM && !emptyValue(mv) && seesMerged
		}
		choices[api] = KeepSurvivor
		if !take {
			continue
		}
		choices[api] = TakeMerged
		if reflect.DeepEqual(sv, mv) && inS == inM {
			continue
		}
		changed = true
		if inM {
			out[k] = mv
		} else {
			delete(out, k)
		}
	}
	return out, changed
}

func emptyValue(v any) bool {
	if v == nil {
		return true
	}
	switch x := v.(type) {
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// moveChildren re-points what belongs to the merged record to the survivor, as the system (the
// caller's right over the two records covers what hangs off them).
func (s *Service) moveChildren(ctx context.Context, entity string, sur, mer *loaded) (Moved, error) {
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	var mv Moved
	var err error
	switch entity {
	case Account:
		// Contacts follow their account's owner and team.
		q := c.Contact.Update().Where(contact.AccountID(mer.id)).SetAccountID(sur.id).AddVersion(1)
		if sur.owner != nil {
			q.SetOwnerID(*sur.owner)
		} else {
			q.ClearOwnerID()
		}
		if sur.team != nil {
			q.SetTeamID(*sur.team)
		} else {
			q.ClearTeamID()
		}
		if mv.Contacts, err = q.Save(sys); err != nil {
			return mv, err
		}
		if mv.Activities, err = c.Activity.Update().Where(activity.AccountID(mer.id)).SetAccountID(sur.id).
			AddVersion(1).Save(sys); err != nil {
			return mv, err
		}
		// Comments on the account's contacts and activities name it too.
		if _, err = s.exec(sys, c, comment.Table, comment.FieldAccountID, sur.id,
			sql.EQ(comment.FieldAccountID, mer.id)); err != nil {
			return mv, err
		}
	case Contact:
		if mv.Activities, err = c.Activity.Update().Where(activity.ContactID(mer.id)).SetContactID(sur.id).
			AddVersion(1).Save(sys); err != nil {
			return mv, err
		}
	}
	// Comment and notification targets are immutable in the schema because nothing but a merge may
	// move them; the merge audit event records the move.
	if mv.Comments, err = s.exec(sys, c, comment.Table, comment.FieldRecordID, sur.id,
		sql.And(sql.EQ(comment.FieldEntity, entity), sql.EQ(comment.FieldRecordID, mer.id))); err != nil {
		return mv, err
	}
	if _, err = s.exec(sys, c, notification.Table, notification.FieldRecordID, sur.id,
		sql.And(sql.EQ(notification.FieldEntity, entity), sql.EQ(notification.FieldRecordID, mer.id))); err != nil {
		return mv, err
	}
	return mv, nil
}

// exec runs UPDATE table SET column = value WHERE where on the transaction and counts the rows.
func (s *Service) exec(ctx context.Context, c *ent.Client, table, column string, value any, where *sql.Predicate) (int, error) {
	q, args := sql.Dialect(entDialect(s.dialect)).Update(table).Set(column, value).Where(where).Query()
	r, err := c.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("dedup: move %s: %w", table, err)
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// finish writes the merge log and audit event, forgets dismissals of the merged record and deletes it.
func (s *Service) finish(ctx context.Context, entity string, sur, mer *loaded, choices map[string]string, moved Moved) error {
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	raw, err := json.Marshal(mer.rec)
	if err != nil {
		return err
	}
	var snapshot map[string]any
	if err := json.Unmarshal(raw, &snapshot); err != nil {
		return err
	}
	delete(snapshot, "edges")
	log := c.MergeLog.Create().SetEntity(entity).SetSurvivorID(sur.id).SetMergedID(mer.id).
		SetSnapshot(snapshot).SetChoices(choices)
	if uid := authz.Attributed(ctx).UserID; uid != 0 {
		log.SetUserID(uid)
	}
	if err := log.Exec(sys); err != nil {
		return err
	}
	if _, err := c.DuplicateDismissal.Delete().Where(duplicatedismissal.Entity(entity), duplicatedismissal.Or(
		duplicatedismissal.AID(mer.id), duplicatedismissal.BID(mer.id))).Exec(sys); err != nil {
		return err
	}
	// Deleted as the caller: the delete scope and the audit row apply.
	cc := s.st.Client(ctx)
	switch entity {
	case Account:
		err = cc.Account.DeleteOneID(mer.id).Exec(ctx)
	default:
		err = cc.Contact.DeleteOneID(mer.id).Exec(ctx)
	}
	if err != nil {
		return fmt.Errorf("dedup: delete merged %s: %w", entity, err)
	}
	return s.st.Record(ctx, audit.Event{Action: ActionMerge, Entity: entity, EntityID: sur.id,
		Changes: map[string]audit.Change{
			"merged_id":        {New: mer.id},
			"merged_name":      {Old: mer.name},
			"moved_contacts":   {New: moved.Contacts},
			"moved_activities": {New: moved.Activities},
			"moved_comments":   {New: moved.Comments},
		}})
}
