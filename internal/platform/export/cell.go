package export

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Column is one exported column.
type Column struct {
	// Key is the field's API name ("name", "custom.budget").
	Key string
	// Label is the header, in the request's language.
	Label string
	// Type is the metadata field type (string, enum, dict, money, date, tags…).
	Type string
	// Options maps enum (and select/multiselect) values to their labels.
	Options map[string]string
	// Dict is the dictionary kind of a "dict" field.
	Dict string
}

// ColumnOf builds a column from a field's metadata in one language.
func ColumnOf(f meta.FieldMeta) Column {
	c := Column{Key: f.Name, Label: f.Label, Type: f.Type, Dict: f.Dict}
	if len(f.Options) > 0 {
		c.Options = make(map[string]string, len(f.Options))
		for _, o := range f.Options {
			c.Options[o.Value] = o.Label
		}
	}
	return c
}

// Labeler gives a dictionary item's label in a language (the dictionary service implements it).
type Labeler interface {
	Label(ctx context.Context, kind, code, locale string) string
}

// Formatter turns stored values into cells for one export (one language); it caches dictionary labels.
type Formatter struct {
	locale string
	dict   Labeler
	cache  map[[2]string]string
	// CurrencyKey names the row field holding the currency of money values ("currency").
	CurrencyKey string
}

// NewFormatter returns a formatter for locale; dict may be nil (codes are then shown as they are).
func NewFormatter(locale string, dict Labeler) *Formatter {
	return &Formatter{locale: locale, dict: dict, cache: map[[2]string]string{}, CurrencyKey: "currency"}
}

// Header returns the header row of cols.
func Header(cols []Column) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.Label
	}
	return out
}

// Row returns the cells of one row (field API name → value) for cols.
func (f *Formatter) Row(ctx context.Context, cols []Column, row map[string]any) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = f.Cell(ctx, c, row[c.Key], row)
	}
	return out
}

// Cell formats one value of column c; row gives related values (the currency of money).
func (f *Formatter) Cell(ctx context.Context, c Column, v any, row map[string]any) any {
	v = deref(v)
	if v == nil {
		return nil
	}
	switch c.Type {
	case "enum":
		return f.option(c, fmt.Sprint(v))
	case "dict":
		return f.dictLabel(ctx, c.Dict, fmt.Sprint(v))
	case "tags":
		return strings.Join(f.list(ctx, c, v), ", ")
	case "money":
		n, ok := number(v)
		if !ok {
			return fmt.Sprint(v)
		}
		s := strconv.FormatFloat(n/100, 'f', 2, 64)
		if cur, _ := deref(row[f.CurrencyKey]).(string); cur != "" {
			s += " " + cur
		}
		return s
	case "bool":
		if b, ok := v.(bool); ok {
			return f.yesNo(b)
		}
	case "date":
		if t, ok := v.(time.Time); ok {
			return t.Format(time.DateOnly)
		}
	}
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case string:
		return x
	case bool:
		return f.yesNo(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		if n, ok := number(v); ok && n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n)
		}
		return v
	}
	return fmt.Sprint(v)
}

func (f *Formatter) option(c Column, v string) string {
	if l, ok := c.Options[v]; ok && l != "" {
		return l
	}
	return v
}

func (f *Formatter) dictLabel(ctx context.Context, kind, code string) string {
	if f.dict == nil || kind == "" || code == "" {
		return code
	}
	k := [2]string{kind, code}
	if l, ok := f.cache[k]; ok {
		return l
	}
	l := f.dict.Label(ctx, kind, code, f.locale)
	if l == "" {
		l = code
	}
	f.cache[k] = l
	return l
}

// list reads a tags value ([]string or []any) as labels: options of a multiselect, dictionary labels
// of a dictionary-backed list, otherwise the values themselves.
func (f *Formatter) list(ctx context.Context, c Column, v any) []string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return []string{fmt.Sprint(v)}
	}
	out := make([]string, 0, rv.Len())
	for i := range rv.Len() {
		s := fmt.Sprint(rv.Index(i).Interface())
		switch {
		case c.Dict != "":
			s = f.dictLabel(ctx, c.Dict, s)
		case c.Options != nil:
			s = f.option(c, s)
		}
		out = append(out, s)
	}
	return out
}

func (f *Formatter) yesNo(b bool) string {
	switch {
	case f.locale == "zh-CN" && b:
		return "是"
	case f.locale == "zh-CN":
		return "否"
	case b:
		return "Yes"
	}
	return "No"
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil
	}
	return rv.Interface()
}

func number(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// Flatten reads a DTO struct (or pointer to one) into field API name → value by its json tags; a map
// under the tag custom is spread as "custom.<key>".
func Flatten(dto any) map[string]any {
	rv := reflect.ValueOf(dto)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	out := map[string]any{}
	if rv.Kind() != reflect.Struct {
		return out
	}
	t := rv.Type()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		v := rv.Field(i).Interface()
		if m, ok := v.(map[string]any); ok && name == "custom" {
			for k, cv := range m {
				out[meta.CustomPrefix+k] = cv
			}
			continue
		}
		out[name] = v
	}
	return out
}
