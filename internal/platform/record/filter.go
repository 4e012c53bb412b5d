package record

import (
	"math"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// Filter is one condition of a list request, written in the API as `field:op:value`
// (e.g. `name:contains:科技`, `level:in:key,major`, `tags:has:vip`, `custom.budget:gte:1000`).
type Filter struct {
	Field, Op, Value string
}

// Operators allowed per field type.
var opsByType = map[string][]string{
	"string":   {"eq", "ne", "contains", "prefix", "empty", "notempty"},
	"email":    {"eq", "ne", "contains", "prefix", "empty", "notempty"},
	"phone":    {"eq", "contains", "prefix", "empty", "notempty"},
	"url":      {"eq", "contains", "empty", "notempty"},
	"text":     {"contains", "empty", "notempty"},
	"enum":     {"eq", "ne", "in"},
	"dict":     {"eq", "ne", "in", "empty", "notempty"},
	"bool":     {"eq"},
	"ref":      {"eq", "in", "empty", "notempty"},
	"number":   {"eq", "ne", "gt", "gte", "lt", "lte", "empty", "notempty"},
	"money":    {"eq", "gt", "gte", "lt", "lte"},
	"date":     {"gte", "lt", "empty", "notempty"},
	"datetime": {"gte", "lt", "empty", "notempty"},
	"tags":     {"has"},
}

// ParseFilters reads `field:op:value` strings; location names the query parameter in errors.
func ParseFilters(raw []string) ([]Filter, error) {
	out := make([]Filter, 0, len(raw))
	for i, r := range raw {
		parts := strings.SplitN(r, ":", 3)
		if len(parts) < 2 || parts[0] == "" {
			return nil, filterErr(i, r)
		}
		f := Filter{Field: parts[0], Op: parts[1]}
		if len(parts) == 3 {
			f.Value = parts[2]
		}
		out = append(out, f)
	}
	return out, nil
}

func filterErr(i int, v string) error {
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: []apperr.FieldError{
		{Location: "query.filter[" + strconv.Itoa(i) + "]", Code: "field.invalid", Value: v}}}
}

// Predicate turns filters into one SQL condition over an entity's columns. Only filterable fields
// and the operators their type allows are accepted; values are always bound parameters. A custom
// field is filterable only when cols holds it as "custom.<key>" (meta.Registry.WithCustom adds the
// defined ones); its condition reads the key of the JSON column through the dialect's JSON functions.
// A bare date ("2026-11-01") compared with a date-time column means midnight of that day in loc (the
// reader's time zone; nil is UTC), so a day range covers the reader's days.
func Predicate(cols map[string]meta.Column, filters []Filter, loc *time.Location) (func(*sql.Selector), error) {
	if loc == nil {
		loc = time.UTC
	}
	type built func(s *sql.Selector) *sql.Predicate
	var preds []built
	for i, f := range filters {
		col, ok := cols[f.Field]
		if !ok || !col.Filterable || col.Type == "custom" {
			return nil, filterErr(i, f.Field)
		}
		if !allowed(col.Type, f.Op) {
			return nil, filterErr(i, f.Field+":"+f.Op)
		}
		var p built
		var err error
		if col.JSONKey != "" {
			p, err = buildJSON(col, f, i)
		} else {
			p, err = build(col, f, i, loc)
		}
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	return func(s *sql.Selector) {
		for _, p := range preds {
			s.Where(p(s))
		}
	}, nil
}

func allowed(typ, op string) bool {
	for _, o := range opsByType[typ] {
		if o == op {
			return true
		}
	}
	return false
}

func build(col meta.Column, f Filter, i int, loc *time.Location) (func(*sql.Selector) *sql.Predicate, error) {
	bad := filterErr(i, f.Field+":"+f.Op+":"+f.Value)
	switch col.Type {
	case "tags":
		return func(s *sql.Selector) *sql.Predicate { return sqljson.ValueContains(s.C(col.Name), f.Value) }, nil
	}
	switch f.Op {
	case "empty", "notempty":
		empty := func(s *sql.Selector) *sql.Predicate {
			c := s.C(col.Name)
			switch col.Type {
			case "ref", "number", "date", "datetime":
				return sql.IsNull(c)
			}
			return sql.Or(sql.IsNull(c), sql.EQ(c, ""))
		}
		if f.Op == "empty" {
			return empty, nil
		}
		return func(s *sql.Selector) *sql.Predicate { return sql.Not(empty(s)) }, nil
	case "contains":
		return func(s *sql.Selector) *sql.Predicate { return sql.ContainsFold(s.C(col.Name), f.Value) }, nil
	case "prefix":
		return func(s *sql.Selector) *sql.Predicate { return sql.HasPrefixFold(s.C(col.Name), f.Value) }, nil
	case "in":
		parts := strings.Split(f.Value, ",")
		vals := make([]any, 0, len(parts))
		for _, p := range parts {
			v, err := typed(col.Type, p, loc)
			if err != nil {
				return nil, bad
			}
			vals = append(vals, v)
		}
		return func(s *sql.Selector) *sql.Predicate { return sql.In(s.C(col.Name), vals...) }, nil
	}
	v, err := typed(col.Type, f.Value, loc)
	if err != nil {
		return nil, bad
	}
	cmp := map[string]func(string, any) *sql.Predicate{
		"eq": sql.EQ, "ne": sql.NEQ, "gt": sql.GT, "gte": sql.GTE, "lt": sql.LT, "lte": sql.LTE}[f.Op]
	return func(s *sql.Selector) *sql.Predicate { return cmp(s.C(col.Name), v) }, nil
}

// typed converts a filter value to the column's Go type; a bare date for a date-time is midnight in loc.
func typed(typ, v string, loc *time.Location) (any, error) {
	switch typ {
	case "bool":
		return strconv.ParseBool(v)
	case "ref", "money":
		return strconv.ParseInt(v, 10, 64)
	case "number":
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, nil
		}
		return strconv.ParseFloat(v, 64)
	case "date":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.UTC(), nil
		}
		return time.Parse(time.DateOnly, v)
	case "datetime":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.UTC(), nil
		}
		t, err := time.ParseInLocation(time.DateOnly, v, loc)
		return t.UTC(), err
	}
	return v, nil
}

// buildJSON builds the condition on a custom field: the value under col.JSONKey of the JSON column.
// Values are stored normalised (numbers as JSON numbers, dates as YYYY-MM-DD, an empty value as an
// absent key), so the comparison needs no casts beyond the ones sqljson adds per argument type.
func buildJSON(col meta.Column, f Filter, i int) (func(*sql.Selector) *sql.Predicate, error) {
	bad := filterErr(i, f.Field+":"+f.Op+":"+f.Value)
	path := sqljson.Path(col.JSONKey)
	switch f.Op {
	case "empty":
		return func(s *sql.Selector) *sql.Predicate { return sql.Not(sqljson.HasKey(s.C(col.Name), path)) }, nil
	case "notempty":
		return func(s *sql.Selector) *sql.Predicate { return sqljson.HasKey(s.C(col.Name), path) }, nil
	case "contains":
		return func(s *sql.Selector) *sql.Predicate { return sqljson.StringContains(s.C(col.Name), f.Value, path) }, nil
	case "prefix":
		return func(s *sql.Selector) *sql.Predicate { return sqljson.StringHasPrefix(s.C(col.Name), f.Value, path) }, nil
	case "has":
		return func(s *sql.Selector) *sql.Predicate { return sqljson.ValueContains(s.C(col.Name), f.Value, path) }, nil
	case "in":
		parts := strings.Split(f.Value, ",")
		vals := make([]any, 0, len(parts))
		for _, p := range parts {
			v, err := jsonTyped(col.Type, p)
			if err != nil {
				return nil, bad
			}
			vals = append(vals, v)
		}
		return func(s *sql.Selector) *sql.Predicate { return sqljson.ValueIn(s.C(col.Name), vals, path) }, nil
	}
	v, err := jsonTyped(col.Type, f.Value)
	if err != nil {
		return nil, bad
	}
	cmp := map[string]func(string, any, ...sqljson.Option) *sql.Predicate{
		"eq": sqljson.ValueEQ, "ne": sqljson.ValueNEQ, "gt": sqljson.ValueGT, "gte": sqljson.ValueGTE,
		"lt": sqljson.ValueLT, "lte": sqljson.ValueLTE}[f.Op]
	return func(s *sql.Selector) *sql.Predicate { return cmp(s.C(col.Name), v, path) }, nil
}

// jsonTyped converts a filter value to the Go type a custom value of the field type is stored as.
func jsonTyped(typ, v string) (any, error) {
	switch typ {
	case "number", "money", "ref":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, strconv.ErrSyntax
		}
		return n, nil
	case "bool":
		return strconv.ParseBool(v)
	case "date":
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return nil, err
		}
	}
	return v, nil
}
