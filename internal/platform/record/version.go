package record

import (
	"strconv"
	"strings"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

// ETag renders a record version as a strong entity tag.
func ETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// ParseIfMatch reads the version a client expects from an If-Match header ("3", "\"3\"" or W/"3").
// A missing header is refused: updates without a version would silently overwrite others' changes.
func ParseIfMatch(h string) (int64, error) {
	h = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(h), "W/"))
	if h == "" {
		return 0, apperr.New(apperr.PreconditionRequired, "error.if_match_required", nil)
	}
	v, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || v < 1 {
		return 0, &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: []apperr.FieldError{
			{Location: "header.If-Match", Code: "field.invalid", Value: h}}}
	}
	return v, nil
}
