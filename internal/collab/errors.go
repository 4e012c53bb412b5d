package collab

import (
	"errors"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

func errUnknownEntity(entity string) error {
	return apperr.New(apperr.NotFound, "error.not_found", map[string]any{"Entity": entity})
}

// isDenied reports an answer that means "this actor may not read it": forbidden, missing or out of scope.
func isDenied(err error) bool {
	return errors.Is(err, authz.ErrForbidden) || apperr.Is(err, apperr.NotFound) || ent.IsNotFound(err)
}

func commentNotFound(id int64) error { return apperr.NotFoundOf("comment", id) }

func notificationNotFound(id int64) error { return apperr.NotFoundOf("notification", id) }

type fields = apperr.Fields
