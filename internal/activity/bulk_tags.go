package activity

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Tags suggests the distinct tags on the activities the actor may read, those containing q (entity is
// always "activity"). It reads at most record.TagScanRows tagged activities, most recently updated first.
func (s *Service) Tags(ctx context.Context, _ string, q string, limit int) ([]string, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return nil, err
	}
	rows, err := s.st.Client(ctx).Activity.Query().Where(predicate.Activity(record.TagsContain(activity.FieldTags, q))).
		Order(ent.Desc(activity.FieldUpdatedAt)).Limit(record.TagScanRows).Select(activity.FieldTags).All(ctx)
	if err != nil {
		return nil, err
	}
	lists := make([][]string, len(rows))
	for i, r := range rows {
		lists[i] = r.Tags
	}
	return record.DistinctTags(lists, q, limit), nil
}
