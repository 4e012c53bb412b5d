package record

import (
	"sort"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
)

// TagScanRows bounds how many tagged records a tag suggestion reads (the most recently updated
// first): suggestions are a typing aid, not a report, and must stay fast on millions of rows.
const TagScanRows = 2000

// TagsContain keeps rows whose JSON tags column (a string array) has text containing q, folded for
// ASCII: a cheap pre-filter for suggestions; DistinctTags then matches each tag exactly. An empty q
// keeps rows with at least one tag.
func TagsContain(column, q string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		c := s.C(column)
		like := "%" + escapeLike(strings.ToLower(q)) + "%"
		if q == "" {
			like = "%\"%"
		}
		s.Where(sql.P(func(b *sql.Builder) {
			if s.Dialect() == dialect.Postgres {
				b.WriteString("LOWER(CAST(").WriteString(c).WriteString(" AS TEXT)) LIKE ").Arg(like).WriteString(` ESCAPE '\'`)
				return
			}
			b.WriteString("LOWER(").WriteString(c).WriteString(") LIKE ").Arg(like).WriteString(` ESCAPE '\'`)
		}))
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// DistinctTags returns the distinct tags of the given records that contain q (case-insensitive),
// sorted, at most limit.
func DistinctTags(lists [][]string, q string, limit int) []string {
	q = strings.ToLower(strings.TrimSpace(q))
	seen := map[string]bool{}
	out := []string{}
	for _, l := range lists {
		for _, t := range l {
			if t == "" || seen[t] || (q != "" && !strings.Contains(strings.ToLower(t), q)) {
				continue
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
