// Package apperr holds the typed errors business code returns. They name a message (an i18n id) and
// its arguments, never an HTTP status: platform/httpx maps each kind to a status and a localised RFC
// 9457 problem in one place.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the caller.
type Kind int

const (
	Invalid Kind = iota + 1
	NotFound
	Conflict
	Stale
	PreconditionRequired
	Unauthenticated
	Forbidden
	TooManyRequests
	Unavailable
)

// FieldError names one invalid input field.
type FieldError struct {
	// Location is where the value was, in the API's terms ("body.email", "query.limit").
	Location string
	Code     string
	Args     map[string]any
	Value    any
}

// Error is a business error with a message id.
type Error struct {
	Kind   Kind
	Code   string
	Args   map[string]any
	Fields []FieldError
	// RetryAfter, in seconds, for TooManyRequests.
	RetryAfter int
	cause      error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %v", e.Code, e.cause)
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.cause }

// New builds an error of a kind with a message id.
func New(kind Kind, code string, args map[string]any) *Error {
	return &Error{Kind: kind, Code: code, Args: args}
}

// Wrap attaches the underlying cause (kept for logs, never shown to clients).
func (e *Error) Wrap(cause error) *Error { e.cause = cause; return e }

// NotFoundOf reports a missing (or out-of-scope) record of an entity.
func NotFoundOf(entity string, id int64) *Error {
	return New(NotFound, "error.not_found", map[string]any{"Entity": entity, "ID": id})
}

// Field builds a validation error for one field.
func Field(location, code string, args map[string]any) *Error {
	return &Error{Kind: Invalid, Code: "error.validation", Fields: []FieldError{{Location: location, Code: code, Args: args}}}
}

// StaleVersion reports a failed If-Match.
func StaleVersion() *Error { return New(Stale, "error.stale", nil) }

// As finds an *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Is reports whether err is an *Error of the kind.
func Is(err error, kind Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == kind
}
