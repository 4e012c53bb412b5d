package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of matching keys.
const (
	KindName    = "name"
	KindPhone   = "phone"
	KindEmail   = "email"
	KindWebsite = "website"
)

// Entities whose records are matched.
const (
	Account = "account"
	Contact = "contact"
)

// Entities lists the entities Keys understands.
var Entities = []string{Account, Contact}

// Values are a record's field values by API field name ("name", "phone", "mobile", "email", "website",
// "accountId"). Fields that do not take part in matching are ignored.
type Values map[string]string

// Key is one normalised matching key of a record.
type Key struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

// maxKeyBytes is the length of the dedup_key.key column.
const maxKeyBytes = 300

// minNameRunes, minPhoneDigits: shorter normalised values match too much to be evidence.
const (
	minNameRunes   = 2
	minPhoneDigits = 7
)

// Keys returns the distinct matching keys of a record of entity ("account" or "contact"); an unknown
// entity has none. The result is deterministic: kinds in a fixed order, no duplicates.
func Keys(entity string, v Values) []Key {
	var out []Key
	add := func(kind, key string) {
		if key == "" {
			return
		}
		key = truncate(key, maxKeyBytes)
		for _, k := range out {
			if k.Kind == kind && k.Key == key {
				return
			}
		}
		out = append(out, Key{Kind: kind, Key: key})
	}
	switch entity {
	case Account:
		add(KindName, CompanyName(v["name"]))
		add(KindPhone, Phone(v["phone"]))
		add(KindEmail, Email(v["email"]))
		add(KindWebsite, Website(v["website"]))
	case Contact:
		if acc := strings.TrimSpace(v["accountId"]); acc != "" && acc != "0" {
			if n := PersonName(v["name"]); n != "" {
				add(KindName, acc+":"+n)
			}
		}
		add(KindPhone, Phone(v["phone"]))
		add(KindPhone, Phone(v["mobile"]))
		add(KindEmail, Email(v["email"]))
	}
	return out
}

// fold maps full-width forms to their half-width equivalents (Ａ→A, （→(, ideographic space → space)
// and lower-cases.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uFF01' && r <= '\uFF5E':
			r -= 0xFEE0
		}
		return unicode.ToLower(r)
	}, s)
}

// compact keeps letters and digits only: punctuation, symbols and spaces are dropped.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// Legal-form and group suffixes of Chinese company names, longest first.
var cnSuffixes = []string{
	"股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司", "有限公司", "股份公司", "控股集团", "集团公司",
	"集团", "公司", "控股",
}

// Legal-form words of English (and common European) company names, compared after case folding.
var enSuffixes = map[string]bool{
	"co": true, "company": true, "ltd": true, "limited": true, "inc": true, "incorporated": true,
	"llc": true, "llp": true, "plc": true, "gmbh": true, "ag": true, "corp": true, "corporation": true,
	"group": true, "holdings": true, "pte": true, "sa": true, "bv": true, "srl": true, "kg": true,
}

// Bracketed words that only say where a company is registered: "(中国)", "(China)".
var bracketNoise = map[string]bool{
	"中国": true, "china": true, "中国区": true, "prc": true, "香港": true, "hongkong": true, "hk": true,
}

// CompanyName normalises a company name: full-width folded to half-width, case-folded, bracketed
// registration notes such as "(中国)" and legal-form suffixes (有限公司, 股份有限公司, 集团, Co., Ltd.,
// Inc., LLC, GmbH, Corp…) removed, punctuation and spaces stripped. Names shorter than two characters
// after that give no key ("").
func CompanyName(s string) string {
	s = fold(strings.TrimSpace(s))
	s = dropBrackets(s)
	// Split into words so English legal forms are recognised only as whole trailing words.
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for {
		changed := false
		for len(words) > 1 && enSuffixes[words[len(words)-1]] {
			words = words[:len(words)-1]
			changed = true
		}
		if len(words) == 0 {
			break
		}
		last := words[len(words)-1]
		for _, suf := range cnSuffixes {
			if !strings.HasSuffix(last, suf) {
				continue
			}
			switch {
			case last != suf:
				words[len(words)-1] = strings.TrimSuffix(last, suf)
				changed = true
			case len(words) > 1:
				words = words[:len(words)-1]
				changed = true
			}
			// A name that is nothing but a legal form keeps it.
			break
		}
		if !changed {
			break
		}
	}
	out := strings.Join(words, "")
	if utf8.RuneCountInString(out) < minNameRunes {
		return ""
	}
	return out
}

// dropBrackets removes bracketed groups that are registration noise or legal forms, "(中国)" or
// "(有限公司)", and keeps the content of other brackets (without the brackets).
func dropBrackets(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexAny(s, "([【〔「")
		if open < 0 {
			b.WriteString(s)
			return b.String()
		}
		_, size := utf8.DecodeRuneInString(s[open:])
		rest := s[open+size:]
		end := strings.IndexAny(rest, ")]】〕」")
		if end < 0 {
			b.WriteString(s)
			return b.String()
		}
		inner := rest[:end]
		_, csize := utf8.DecodeRuneInString(rest[end:])
		b.WriteString(s[:open])
		c := compact(inner)
		if !bracketNoise[c] && !isLegalForm(c) {
			b.WriteString(" " + inner + " ")
		}
		s = rest[end+csize:]
	}
}

func isLegalForm(c string) bool {
	if enSuffixes[c] {
		return true
	}
	for _, suf := range cnSuffixes {
		if c == suf {
			return true
		}
	}
	return false
}

// PersonName normalises a person's name: folded, case-folded, punctuation and spaces stripped.
func PersonName(s string) string {
	out := compact(fold(s))
	if utf8.RuneCountInString(out) < minNameRunes {
		return ""
	}
	return out
}

// Phone normalises a telephone number to its digits: an extension ("ext", "x", "转", "#") is cut off,
// the Chinese country code (+86, 0086, or 86 before an 11-digit mobile number) is removed, and a
// landline dialled internationally gets its trunk 0 back, so "+86 10 1234 5678" ≡ "010-12345678".
// Fewer than seven digits give no key.
func Phone(s string) string {
	s = fold(strings.TrimSpace(s))
	for _, sep := range []string{"ext", "x", "转", "#", ";", ","} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	plus := strings.HasPrefix(s, "+")
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	national := ""
	switch {
	case strings.HasPrefix(d, "0086"):
		national = d[4:]
	case plus && strings.HasPrefix(d, "86"):
		national = d[2:]
	case len(d) == 13 && strings.HasPrefix(d, "861"):
		national = d[2:]
	}
	if national != "" {
		d = national
		if !(len(d) == 11 && d[0] == '1') && !strings.HasPrefix(d, "0") {
			d = "0" + d
		}
	}
	if len(d) < minPhoneDigits {
		return ""
	}
	return d
}

// Email normalises an e-mail address: trimmed, "mailto:" dropped, lower-cased. Something without a
// local part and a domain gives no key.
func Email(s string) string {
	s = strings.ToLower(strings.TrimSpace(fold(s)))
	s = strings.TrimPrefix(s, "mailto:")
	at := strings.LastIndex(s, "@")
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n") {
		return ""
	}
	return s
}

// Website normalises a web address to its bare host: no scheme, user, port, path, query, "www." or
// trailing dot. Something without a dot in the host gives no key.
func Website(s string) string {
	s = strings.ToLower(strings.TrimSpace(fold(s)))
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	s = strings.TrimPrefix(s, "//")
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndex(s, ":"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	s = strings.TrimPrefix(s, "www.")
	if !strings.Contains(s, ".") || strings.ContainsAny(s, " \t") || strings.HasPrefix(s, ".") {
		return ""
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
