package apperr

import (
	"strings"
	"unicode/utf8"
)

// Fields collects the field errors of one request, so a client learns about every bad field at once.
type Fields struct{ list []FieldError }

// Add records one invalid field.
func (f *Fields) Add(location, code string, args map[string]any) {
	f.list = append(f.list, FieldError{Location: location, Code: code, Args: args})
}

// Err returns the validation error, or nil when nothing was added.
func (f *Fields) Err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Code: "error.validation", Fields: f.list}
}

// Text checks an optional text input: nil means absent (an error only when required), blank is refused
// when required, longer than max runes or containing NUL is refused.
func (f *Fields) Text(location string, v *string, max int, required bool) {
	if v == nil {
		if required {
			f.Add(location, "field.required", nil)
		}
		return
	}
	switch {
	case required && strings.TrimSpace(*v) == "":
		f.Add(location, "field.blank", nil)
	case utf8.RuneCountInString(*v) > max:
		f.Add(location, "field.too_long", map[string]any{"Max": max})
	case strings.ContainsRune(*v, 0):
		f.Add(location, "field.invalid", nil)
	}
}

// Merge adds the field errors of another validation error.
func (f *Fields) Merge(e *Error) { f.list = append(f.list, e.Fields...) }
