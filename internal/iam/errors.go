package iam

import (
	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

func isNotFound(err error) bool { return ent.IsNotFound(err) }

// notFound maps ent's not-found (which is also what an out-of-scope record gives) to the API's 404.
func notFound(entity string, id int64, err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFoundOf(entity, id)
	}
	return err
}

func fieldErr(location, code string, args map[string]any) *apperr.Error {
	return apperr.Field(location, code, args)
}

type fields = apperr.Fields
