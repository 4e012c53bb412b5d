package activity

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/bulk"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Fields a bulk edit may set on activities; owner and tags have their own actions.
var bulkFields = []string{"type", "status", "dueAt", "outcome"}

var bulkActions = []string{bulk.Assign, bulk.AddTags, bulk.RemoveTags, bulk.Edit, bulk.Delete}

// Bulk applies one action to many activities in one transaction, all or nothing (see platform/bulk).
// Edits and deletes go through Update and Delete; assign hands the activity to an active owner within
// the actor's activity:update scope (their team follows), as a create for someone else does; tags are
// added or removed keeping the others, through Update.
func (s *Service) Bulk(ctx context.Context, b bulk.BulkRequest) (bulk.BulkResult, error) {
	var res bulk.BulkResult
	if err := b.Check(bulkActions); err != nil {
		return res, err
	}
	if err := authz.Require(ctx, Update); err != nil {
		return res, err
	}
	if b.Action == bulk.Delete {
		if err := authz.Require(ctx, Delete); err != nil {
			return res, err
		}
	}
	var edit ActivityBody
	fieldOf := func(loc string) string { return loc }
	var newTeam *int64
	switch b.Action {
	case bulk.Edit:
		body, err := bulk.EditBody(b.Field, b.Value, bulkFields)
		if err == nil {
			err = bulk.Decode(body, &edit)
		}
		if err != nil {
			return res, err
		}
		fieldOf = bulk.ValueField
	case bulk.Assign:
		var err error
		if newTeam, err = s.ownerTarget(ctx, Update, b.OwnerID); err != nil {
			return res, err
		}
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		ids, err := s.bulkTargets(ctx, b)
		if err != nil {
			return err
		}
		res.Matched = len(ids)
		res.Changed, err = bulk.Apply(ctx, "activity", ids, !b.All, fieldOf, func(ctx context.Context, id int64) (bool, error) {
			cur, err := s.Get(ctx, id)
			if err != nil {
				return false, err
			}
			switch b.Action {
			case bulk.Delete:
				return true, s.Delete(ctx, id)
			case bulk.Edit:
				_, err := s.Update(ctx, id, cur.Version, edit.input())
				return err == nil, err
			case bulk.AddTags, bulk.RemoveTags:
				tags, changed := bulk.NewTags(cur.Tags, b.Action, b.Tags)
				if !changed {
					return false, nil
				}
				_, err := s.Update(ctx, id, cur.Version, Input{Tags: &tags})
				return err == nil, err
			}
			// Assign: Update does not change owners.
			if deref(cur.OwnerID) == b.OwnerID {
				return false, nil
			}
			q := s.st.Client(ctx).Activity.UpdateOneID(id).Where(activity.Version(cur.Version)).AddVersion(1).
				SetOwnerID(b.OwnerID)
			if newTeam != nil {
				q.SetTeamID(*newTeam)
			} else {
				q.ClearTeamID()
			}
			return true, s.saved(ctx, id, cur.Version, q.Exec(ctx))
		})
		return err
	})
	return res, err
}

// bulkTargets returns the request's ids, or every activity in the actor's scope matching its filter and
// q (refused beyond bulk.MaxMatching), found by the list itself.
func (s *Service) bulkTargets(ctx context.Context, b bulk.BulkRequest) ([]int64, error) {
	if !b.All {
		return b.IDs, nil
	}
	rows, next, err := s.List(ctx, ListQuery{Filters: b.Filter, Q: b.Q,
		Page: record.Page{Limit: bulk.MaxMatching, Max: bulk.MaxMatching, Sort: record.Sort{Column: "id"}}})
	if err != nil {
		return nil, bulk.RelocateQuery(err)
	}
	if next != "" {
		return nil, bulk.TooMany()
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, nil
}
