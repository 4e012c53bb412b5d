package record

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/entx"
)

// DefaultLimit and MaxLimit bound a page.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Sort is one validated ordering: a column, ascending unless Desc. Ties are broken by id.
type Sort struct {
	Column string
	Desc   bool
}

// ParseSort reads "field" or "-field" against the API names an entity allows (api name → column).
// An empty string gives def.
func ParseSort(s string, allowed map[string]string, def Sort) (Sort, error) {
	if s == "" {
		return def, nil
	}
	desc := strings.HasPrefix(s, "-")
	name := strings.TrimPrefix(s, "-")
	col, ok := allowed[name]
	if !ok {
		return Sort{}, &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: []apperr.FieldError{
			{Location: "query.sort", Code: "field.invalid", Value: s}}}
	}
	return Sort{Column: col, Desc: desc}, nil
}

// Page asks for one page of a list.
type Page struct {
	Limit int
	After string // the opaque cursor of the previous page, empty for the first
	Sort  Sort
	// Max raises the MaxLimit cap for internal callers that page through a whole list (export);
	// zero keeps MaxLimit. Never set it from request input.
	Max int
}

// size is the effective page size.
func (p Page) size() int {
	limit, ceiling := p.Limit, MaxLimit
	if p.Max > ceiling {
		ceiling = p.Max
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > ceiling {
		limit = ceiling
	}
	return limit
}

type cursor struct {
	Kind string          `json:"k"`
	Val  json.RawMessage `json:"v"`
	ID   int64           `json:"i"`
}

// Cursor encodes the position after a row with sort value v and id.
func Cursor(v any, id int64) string {
	c := cursor{ID: id}
	if rv := reflect.ValueOf(v); rv.IsValid() {
		switch rv.Kind() {
		case reflect.String:
			v = rv.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v = rv.Int()
		}
	}
	switch x := v.(type) {
	case time.Time:
		c.Kind = "t"
		v = x.UTC().Format(time.RFC3339Nano)
	case string:
		c.Kind = "s"
	case bool:
		c.Kind = "b"
	default:
		c.Kind = "n"
	}
	c.Val, _ = json.Marshal(v)
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func badCursor() error {
	return &apperr.Error{Kind: apperr.Invalid, Code: "error.bad_cursor", Fields: []apperr.FieldError{
		{Location: "query.cursor", Code: "field.invalid"}}}
}

func decode(s string) (any, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, 0, badCursor()
	}
	var c cursor
	if err := json.Unmarshal(raw, &c); err != nil || c.ID <= 0 {
		return nil, 0, badCursor()
	}
	switch c.Kind {
	case "t":
		var ts string
		if json.Unmarshal(c.Val, &ts) != nil {
			return nil, 0, badCursor()
		}
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			return nil, 0, badCursor()
		}
		return t, c.ID, nil
	case "s":
		var v string
		if json.Unmarshal(c.Val, &v) != nil {
			return nil, 0, badCursor()
		}
		return v, c.ID, nil
	case "b":
		var v bool
		if json.Unmarshal(c.Val, &v) != nil {
			return nil, 0, badCursor()
		}
		return v, c.ID, nil
	case "n":
		var v int64
		if json.Unmarshal(c.Val, &v) != nil {
			return nil, 0, badCursor()
		}
		return v, c.ID, nil
	}
	return nil, 0, badCursor()
}

// Apply adds the keyset condition, the ordering and the limit (one extra row, to know whether a next
// page exists) to an ent list query. Use it on list queries only, never on counts.
func (p Page) Apply(q any) error {
	limit := p.size()
	var (
		val   any
		after int64
	)
	if p.After != "" {
		var err error
		if val, after, err = decode(p.After); err != nil {
			return err
		}
	}
	col := p.Sort.Column
	if col == "" {
		col = "id"
	}
	return entx.Where(q, func(s *sql.Selector) {
		if after > 0 {
			cmp, idCmp := sql.GT, sql.GT
			if p.Sort.Desc {
				cmp, idCmp = sql.LT, sql.LT
			}
			if col == "id" {
				s.Where(idCmp(s.C("id"), after))
			} else {
				s.Where(sql.Or(cmp(s.C(col), val), sql.And(sql.EQ(s.C(col), val), idCmp(s.C("id"), after))))
			}
		}
		order := sql.Asc
		if p.Sort.Desc {
			order = sql.Desc
		}
		if col == "id" {
			s.OrderBy(order(s.C("id")))
		} else {
			s.OrderBy(order(s.C(col)), order(s.C("id")))
		}
		s.Limit(limit + 1)
		entx.MarkPage(s, limit+1)
	})
}

// Trim cuts the extra row Apply asked for and returns the next cursor (empty on the last page).
// key returns a row's sort value and id.
func Trim[T any](rows []T, p Page, key func(T) (any, int64)) ([]T, string) {
	limit := p.size()
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	v, id := key(rows[len(rows)-1])
	return rows, Cursor(v, id)
}
