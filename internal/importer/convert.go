package importer

import (
	"context"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/dictionaryitem"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/store"
)

// ambiguous marks a reference text that matches more than one record.
const ambiguous int64 = -1

// column is one mapped column: its index in the row and the field it fills.
type column struct {
	index int
	field ImportField
}

// converter turns the mapped cells of rows into typed values keyed by API name, the way a create
// body carries them (custom values under "custom"). Text is matched against what people type: enum
// and dictionary labels in either language, users by e-mail or name, accounts by number or name.
// Reference lookups run once per batch for the distinct texts of that batch.
type converter struct {
	st      *store.Store
	columns []column
	// dict maps a dictionary kind to normalised code or label → code.
	dict map[string]map[string]string
	// users and accounts map normalised text → id (ambiguous when several match).
	users, accounts map[string]int64
}

func newConverter(ctx context.Context, st *store.Store, fields []ImportField, mapping map[string]string) (*converter, error) {
	byName := map[string]ImportField{}
	for _, f := range fields {
		byName[f.Name] = f
	}
	c := &converter{st: st, dict: map[string]map[string]string{}, users: map[string]int64{}, accounts: map[string]int64{}}
	for col, name := range mapping {
		i, err := strconv.Atoi(col)
		f, ok := byName[name]
		if err != nil || !ok {
			continue
		}
		c.columns = append(c.columns, column{index: i, field: f})
	}
	sys := authz.AsSystem(ctx)
	for _, col := range c.columns {
		kind := col.field.Dict
		if kind == "" || c.dict[kind] != nil {
			continue
		}
		items, err := st.Client(sys).DictionaryItem.Query().
			Where(dictionaryitem.Kind(kind), dictionaryitem.Active(true)).All(sys)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, it := range items {
			for _, k := range []string{it.LabelEn, it.LabelZh} {
				if _, taken := m[normalise(k)]; !taken {
					m[normalise(k)] = it.Code
				}
			}
		}
		for _, it := range items { // codes win over labels
			m[normalise(it.Code)] = it.Code
		}
		c.dict[kind] = m
	}
	return c, nil
}

// lookup loads the users and accounts the rows refer to. Users are directory data (looked up as the
// system; scope is checked by the target like for an unknown user); accounts are looked up in the
// actor's scope, so a row cannot attach a contact to an account its importer cannot see.
func (c *converter) lookup(ctx context.Context, rows [][]string) error {
	var userTexts, accTexts []string
	for _, col := range c.columns {
		if col.field.Type != "ref" {
			continue
		}
		for _, r := range rows {
			v := Cell(r, col.index)
			if v == "" {
				continue
			}
			switch col.field.Ref {
			case "user":
				if _, ok := c.users[strings.ToLower(v)]; !ok {
					userTexts = append(userTexts, v)
				}
			case "account":
				if _, ok := c.accounts[strings.ToLower(v)]; !ok {
					accTexts = append(accTexts, v)
				}
			}
		}
	}
	if len(userTexts) > 0 {
		sys := authz.AsSystem(ctx)
		lower := lowerAll(userTexts)
		us, err := c.st.Client(sys).User.Query().
			Where(user.Active(true), user.Or(user.EmailIn(lower...), user.NameIn(userTexts...))).
			Select(user.FieldID, user.FieldEmail, user.FieldName).All(sys)
		if err != nil {
			return err
		}
		for _, t := range lower {
			c.users[t] = 0
		}
		for _, u := range us {
			c.users[strings.ToLower(u.Email)] = u.ID
		}
		for _, u := range us {
			k := strings.ToLower(u.Name)
			if k == strings.ToLower(u.Email) {
				continue
			}
			c.users[k] = merge(c.users[k], u.ID)
		}
	}
	if len(accTexts) > 0 {
		accs, err := c.st.Client(ctx).Account.Query().
			Where(account.Or(account.NumberIn(accTexts...), account.NameIn(accTexts...))).
			Select(account.FieldID, account.FieldName, account.FieldNumber).All(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		for _, t := range lowerAll(accTexts) {
			c.accounts[t] = 0
		}
		for _, a := range accs {
			k := strings.ToLower(a.Name)
			c.accounts[k] = merge(c.accounts[k], a.ID)
		}
		for _, a := range accs { // a number is unique and wins over names
			if a.Number != nil {
				c.accounts[strings.ToLower(*a.Number)] = a.ID
			}
		}
	}
	return nil
}

func merge(prev, id int64) int64 {
	if prev != 0 && prev != id {
		return ambiguous
	}
	return id
}

func lowerAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(s)
	}
	return out
}

// row converts one row. Empty cells are left out (a create takes the default; an update keeps the
// stored value). Cells that cannot be read as their field's type are field errors.
func (c *converter) row(cells []string) (map[string]any, []apperr.FieldError) {
	values := map[string]any{}
	var errs []apperr.FieldError
	for _, col := range c.columns {
		text := Cell(cells, col.index)
		if text == "" {
			continue
		}
		v, code, args := c.value(col.field, text)
		if code != "" {
			errs = append(errs, apperr.FieldError{Location: "body." + col.field.Name, Code: code, Args: args, Value: text})
			continue
		}
		if key, ok := strings.CutPrefix(col.field.Name, meta.CustomPrefix); ok {
			custom, _ := values["custom"].(map[string]any)
			if custom == nil {
				custom = map[string]any{}
				values["custom"] = custom
			}
			custom[key] = v
			continue
		}
		values[col.field.Name] = v
	}
	return values, errs
}

func (c *converter) value(f ImportField, text string) (any, string, map[string]any) {
	switch f.Type {
	case "enum":
		return f.option(text), "", nil
	case "dict":
		if code, ok := c.dict[f.Dict][normalise(text)]; ok {
			return code, "", nil
		}
		return text, "", nil // the target reports the unknown code
	case "tags":
		var out []string
		for _, t := range splitTags(text) {
			if f.options != nil {
				t = f.option(t)
			}
			out = append(out, t)
		}
		return out, "", nil
	case "bool":
		if b, ok := parseBool(text); ok {
			return b, "", nil
		}
		return nil, "import.invalid_bool", nil
	case "number":
		n, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, "import.invalid_number", nil
		}
		if !strings.HasPrefix(f.Name, meta.CustomPrefix) {
			if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
				return nil, "import.invalid_number", nil
			}
			return int64(n), "", nil
		}
		return n, "", nil
	case "money":
		minor, ok := parseMoney(text)
		if !ok {
			return nil, "import.invalid_money", nil
		}
		return minor, "", nil
	case "date":
		d, ok := parseDate(text)
		if !ok {
			return nil, "field.invalid_date", nil
		}
		return d, "", nil
	case "ref":
		m := c.users
		code := "field.unknown_user"
		if f.Ref == "account" {
			m, code = c.accounts, "field.unknown_account"
		}
		switch id := m[strings.ToLower(text)]; id {
		case 0:
			return nil, code, nil
		case ambiguous:
			return nil, "import.ambiguous", map[string]any{"Value": text}
		default:
			return id, "", nil
		}
	}
	return text, "", nil
}

// option maps an enum option's value or label (either language) to its value; unknown text is
// returned as is for the target to reject.
func (f ImportField) option(text string) string {
	n := normalise(text)
	for i, o := range f.options {
		if normalise(o.Value) == n {
			return o.Value
		}
		if i < len(f.optLabel) && (normalise(f.optLabel[i].ZH) == n || normalise(f.optLabel[i].EN) == n) {
			return o.Value
		}
	}
	return text
}

// splitTags splits on the separators people use: , ， ; ； | and the ideographic comma.
func splitTags(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，;；|、", r) })
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "是", "对", "有", "√", "✓":
		return true, true
	case "0", "false", "no", "n", "否", "不", "无", "×", "✗":
		return false, true
	}
	return false, false
}

// parseMoney reads an amount in major units ("12,800.00", "¥1,200", "1200 CNY") as minor units.
func parseMoney(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "¥￥$€£")
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, ",", "")
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") {
		return 0, false
	}
	r.Mul(r, big.NewRat(100, 1))
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

// parseDate reads the usual date spellings, and the serial number Excel stores for a date cell.
func parseDate(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n < 2958466 {
		// Excel's day 1 is 1900-01-01, counting the non-existent 1900-02-29.
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return t.Format(time.DateOnly), true
	}
	return "", false
}
