package dedup

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/comment"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Preview counts what merging mergedID into survivorID would move, for the merge dialog. Both records
// must be readable by the caller (404 for the survivor, 422 naming mergeId for the other).
func (s *Service) Preview(ctx context.Context, entity string, survivorID, mergedID int64) (Moved, error) {
	if err := validEntity("path.entity", entity); err != nil {
		return Moved{}, err
	}
	if err := authz.Require(ctx, right(entity, "read")); err != nil {
		return Moved{}, err
	}
	if _, err := s.readOwned(ctx, entity, survivorID); err != nil {
		if ent.IsNotFound(err) {
			return Moved{}, apperr.NotFoundOf(entity, survivorID)
		}
		return Moved{}, err
	}
	if _, err := s.readOwned(ctx, entity, mergedID); err != nil {
		if ent.IsNotFound(err) {
			return Moved{}, apperr.Field("query.mergeId", "field.unknown_"+entity, nil)
		}
		return Moved{}, err
	}
	sys := authz.AsSystem(ctx)
	c := s.st.Client(sys)
	var mv Moved
	var err error
	switch entity {
	case Account:
		if mv.Contacts, err = c.Contact.Query().Where(contact.AccountID(mergedID)).Count(sys); err != nil {
			return mv, err
		}
		if mv.Activities, err = c.Activity.Query().Where(activity.AccountID(mergedID)).Count(sys); err != nil {
			return mv, err
		}
	case Contact:
		if mv.Activities, err = c.Activity.Query().Where(activity.ContactID(mergedID)).Count(sys); err != nil {
			return mv, err
		}
	}
	mv.Comments, err = c.Comment.Query().Where(comment.Entity(entity), comment.RecordID(mergedID)).Count(sys)
	return mv, err
}
