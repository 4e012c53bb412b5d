package record

import (
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/meta"
)

var testCols = map[string]meta.Column{
	"id":          {API: "id", Name: "id", Type: "number", Sortable: true},
	"name":        {API: "name", Name: "name", Type: "string", Filterable: true},
	"level":       {API: "level", Name: "level", Type: "dict", Filterable: true},
	"creditLimit": {API: "creditLimit", Name: "credit_limit", Type: "money", Filterable: true},
	"tags":        {API: "tags", Name: "tags", Type: "tags", Filterable: true},
	"custom":      {API: "custom", Name: "custom", Type: "custom"},
	"currency":    {API: "currency", Name: "currency", Type: "string"},
	"ownerId":     {API: "ownerId", Name: "owner_id", Type: "ref", Filterable: true},
	// Custom fields as meta.Registry.WithCustom adds them.
	"custom.budget": {API: "custom.budget", Name: "custom", Type: "number", Filterable: true, JSONKey: "budget"},
	"custom.grade":  {API: "custom.grade", Name: "custom", Type: "enum", Filterable: true, JSONKey: "grade"},
	"custom.topics": {API: "custom.topics", Name: "custom", Type: "tags", Filterable: true, JSONKey: "topics"},
	"custom.note":   {API: "custom.note", Name: "custom", Type: "string", JSONKey: "note"},
}

func render(t *testing.T, d string, raw ...string) (string, []any) {
	t.Helper()
	fs, err := ParseFilters(raw)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Predicate(testCols, fs, nil)
	if err != nil {
		t.Fatalf("%v: %v", raw, err)
	}
	s := sql.Dialect(d).Select("*").From(sql.Table("accounts"))
	p(s)
	return s.Query()
}

func TestPredicateRendersForBothDialects(t *testing.T) {
	cases := []struct {
		filter       string
		sqlite, pg   string
		wantArgCount int
	}{
		{"name:contains:科技", "LIKE", "ILIKE", 1},
		{"level:in:key,major", "`level` IN (?, ?)", `"level" IN ($1, $2)`, 2},
		{"creditLimit:gte:100", "`credit_limit` >= ?", `"credit_limit" >= $1`, 1},
		{"ownerId:empty", "`owner_id` IS NULL", `"owner_id" IS NULL`, 0},
		{"tags:has:vip", "JSON_EACH(`accounts`.`tags`", "@>", 1},
		{"custom.budget:gte:1000", "JSON_EXTRACT(`accounts`.`custom`, '$.budget') >= ?", "->", 1},
		{"custom.grade:in:a,b", "JSON_EXTRACT(`accounts`.`custom`, '$.grade') IN (?, ?)", "->>", 2},
		{"custom.topics:has:vip", "JSON_EACH(`accounts`.`custom`, '$.topics')", "@>", 1},
		{"custom.budget:empty", "NOT (JSON_TYPE(`accounts`.`custom`, '$.budget') IS NOT NULL)", "NOT (", 0},
	}
	for _, c := range cases {
		for _, d := range []struct{ name, want string }{{dialect.SQLite, c.sqlite}, {dialect.Postgres, c.pg}} {
			q, args := render(t, d.name, c.filter)
			if !strings.Contains(q, d.want) {
				t.Errorf("%s on %s: %s (want %q)", c.filter, d.name, q, d.want)
			}
			if len(args) < c.wantArgCount {
				t.Errorf("%s on %s: args %v", c.filter, d.name, args)
			}
			if strings.Contains(q, "科技") || strings.Contains(q, "vip") {
				t.Errorf("%s on %s: value inlined: %s", c.filter, d.name, q)
			}
		}
	}
	// A typed value is bound as its Go type.
	if _, args := render(t, dialect.Postgres, "creditLimit:gt:5"); args[0] != int64(5) {
		t.Errorf("money arg %T", args[0])
	}
}

func TestPredicateRefusesWhatIsNotAllowed(t *testing.T) {
	for _, raw := range []string{"nosuch:eq:1", "currency:eq:CNY", "custom:eq:1", "name.x:eq:1", "level:gt:1",
		"creditLimit:gt:abc", "custom.budget:gte:abc", "creditLimit:in:1,x",
		"custom.nosuch:eq:1", "custom.note:eq:x", "custom.grade:gt:a", "custom.budget:contains:1"} {
		fs, err := ParseFilters([]string{"name:eq:a", raw})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Predicate(testCols, fs, nil)
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Location != "query.filter[1]" {
			t.Errorf("%s: %v", raw, err)
		}
	}
	if _, err := ParseFilters([]string{"justname"}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("malformed filter: %v", err)
	}
}

// A bare date bounds a date-time column at midnight of that day in the reader's time zone, a date
// column at the date itself, and a full timestamp stays the instant it names.
func TestDateFilterInReadersZone(t *testing.T) {
	cols := map[string]meta.Column{
		"createdAt": {API: "createdAt", Name: "created_at", Type: "datetime", Filterable: true},
		"birthday":  {API: "birthday", Name: "birthday", Type: "date", Filterable: true},
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		filter string
		loc    *time.Location
		want   time.Time
	}{
		{"createdAt:gte:2026-11-01", shanghai, time.Date(2026, 10, 31, 16, 0, 0, 0, time.UTC)},
		{"createdAt:gte:2026-11-01", nil, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
		{"createdAt:lt:2026-11-01T08:00:00+08:00", shanghai, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
		{"birthday:gte:2026-11-01", shanghai, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		fs, err := ParseFilters([]string{c.filter})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Predicate(cols, fs, c.loc)
		if err != nil {
			t.Fatalf("%s: %v", c.filter, err)
		}
		s := sql.Dialect(dialect.SQLite).Select("*").From(sql.Table("accounts"))
		p(s)
		_, args := s.Query()
		if len(args) != 1 || !args[0].(time.Time).Equal(c.want) {
			t.Errorf("%s in %v: args %v, want %v", c.filter, c.loc, args, c.want)
		}
	}
}
