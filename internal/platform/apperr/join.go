package apperr

// Join merges validation errors so one answer names every bad field; any other error wins. Nil errors
// are skipped, so Join of none is nil.
func Join(errs ...error) error {
	var all *Error
	for _, err := range errs {
		if err == nil {
			continue
		}
		e, ok := As(err)
		if !ok || e.Kind != Invalid {
			return err
		}
		if all == nil {
			all = &Error{Kind: Invalid, Code: "error.validation"}
		}
		all.Fields = append(all.Fields, e.Fields...)
	}
	if all == nil {
		return nil
	}
	return all
}
