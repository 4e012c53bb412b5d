package record

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
)

// Bounds of a record's tags (accounts, contacts, activities).
const (
	MaxTags   = 20
	MaxTagLen = 30
)

// CheckTags bounds sent tags (nil: none sent): at most MaxTags, each 1–MaxTagLen characters, no NUL.
func CheckTags(f *apperr.Fields, location string, v *[]string) {
	if v == nil {
		return
	}
	if len(*v) > MaxTags {
		f.Add(location, "field.too_many", map[string]any{"Max": MaxTags})
		return
	}
	for _, t := range *v {
		if strings.TrimSpace(t) == "" || utf8.RuneCountInString(t) > MaxTagLen || strings.ContainsRune(t, 0) {
			f.Add(location, "field.invalid_tag", map[string]any{"Max": MaxTagLen})
			return
		}
	}
}

// NormTags trims each tag and drops repeats, keeping the first occurrence's order.
func NormTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
