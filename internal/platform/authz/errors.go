package authz

import "errors"

// ErrUnauthenticated means no actor is present where one is required.
var ErrUnauthenticated = errors.New("authz: not authenticated")

// ForbiddenError means the actor lacks a right for the operation.
type ForbiddenError struct {
	Right  Right
	Reason string
}

func (e *ForbiddenError) Error() string {
	if e.Reason != "" {
		return "authz: forbidden: " + e.Reason
	}
	return "authz: forbidden: missing right " + string(e.Right)
}

// ErrForbidden matches any ForbiddenError with errors.Is.
var ErrForbidden = errors.New("authz: forbidden")

func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }
