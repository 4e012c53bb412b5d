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

// fields collects several field errors into one validation error.
type fields struct{ list []apperr.FieldError }

func (f *fields) add(location, code string, args map[string]any) {
	f.list = append(f.list, apperr.FieldError{Location: location, Code: code, Args: args})
}

func (f *fields) err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: f.list}
}
