package search

import (
	"strings"
	"unicode"
)

// minTail is the shortest tail of a digit run that is indexed on its own ("5678" of 13812345678).
const minTail = 4

// maxQueryTokens bounds the work one query can ask for.
const maxQueryTokens = 16

// Token is one query term. Prefix asks for words starting with Text.
type Token struct {
	Text   string
	Prefix bool
}

type runKind int8

const (
	runWord runKind = iota // Latin (or any non-CJK) letters and digits
	runCJK
)

type run struct {
	kind runKind
	text []rune
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// runs splits text into maximal runs of CJK characters and of other letters/digits, lowercased.
// Everything else (spaces, punctuation, @, ., -) separates runs.
func runs(text string) []run {
	var out []run
	var cur *run
	for _, r := range strings.ToLower(text) {
		var k runKind
		switch {
		case isCJK(r):
			k = runCJK
		case isWord(r):
			k = runWord
		default:
			cur = nil
			continue
		}
		if cur == nil || cur.kind != k {
			out = append(out, run{kind: k})
			cur = &out[len(out)-1]
		}
		cur.text = append(cur.text, r)
	}
	return out
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(rs) > 0
}

// digitTerms is a digit run and each of its tails of at least minTail digits.
func digitTerms(d string) []string {
	out := []string{d}
	for i := 1; len(d)-i >= minTail; i++ {
		out = append(out, d[i:])
	}
	return out
}

// wordTerms indexes one Latin run: the word itself and, for a word mixing letters and digits
// ("kh2026001"), its letter and digit parts too.
func wordTerms(w []rune) []string {
	s := string(w)
	if allDigits(w) {
		return digitTerms(s)
	}
	out := []string{s}
	var part []rune
	flush := func() {
		if len(part) == 0 || len(part) == len(w) {
			part = part[:0]
			return
		}
		if allDigits(part) {
			out = append(out, digitTerms(string(part))...)
		} else {
			out = append(out, string(part))
		}
		part = part[:0]
	}
	for i, r := range w {
		if i > 0 && (r >= '0' && r <= '9') != (w[i-1] >= '0' && w[i-1] <= '9') {
			flush()
		}
		part = append(part, r)
	}
	flush()
	return out
}

// cjkTerms indexes a CJK run as overlapping bigrams plus its last character, so that every character
// starts some term (a one-character query is a prefix query): 客户关系 → 客户 户关 关系 系.
func cjkTerms(c []rune) []string {
	if len(c) == 1 {
		return []string{string(c)}
	}
	out := make([]string, 0, len(c))
	for i := 0; i+1 < len(c); i++ {
		out = append(out, string(c[i:i+2]))
	}
	return append(out, string(c[len(c)-1:]))
}

// Terms is the index text of some field values: their terms, each once, separated by spaces.
func Terms(values ...string) string {
	seen := map[string]bool{}
	var out []string
	add := func(ts []string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	for _, v := range values {
		for _, r := range runs(v) {
			if r.kind == runCJK {
				add(cjkTerms(r.text))
			} else {
				add(wordTerms(r.text))
			}
		}
	}
	return strings.Join(out, " ")
}

// PhoneTerms indexes phone numbers by their digits alone, so that "138-1234-5678", "+86 138 1234 5678"
// and "13812345678" all hold 13812345678 and its tails (…5678).
func PhoneTerms(phones ...string) string {
	var ds []string
	for _, p := range phones {
		var b strings.Builder
		for _, r := range p {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			ds = append(ds, b.String())
		}
	}
	return Terms(ds...)
}

// Query turns what a user typed into the tokens every match must hold: Latin words whole, CJK as
// bigrams (one lone character as a prefix), digit runs whole. The last Latin token is a prefix, so
// "acm" finds Acme while the user types. A query of punctuation alone has no tokens.
func Query(q string) []Token {
	var out []Token
	seen := map[string]bool{}
	add := func(t Token) {
		if !seen[t.Text] && len(out) < maxQueryTokens {
			seen[t.Text] = true
			out = append(out, t)
		}
	}
	if d, ok := phoneQuery(q); ok {
		return []Token{{Text: d, Prefix: true}}
	}
	rs := runs(q)
	for i, r := range rs {
		last := i == len(rs)-1
		switch {
		case r.kind == runCJK && len(r.text) == 1:
			add(Token{Text: string(r.text), Prefix: true})
		case r.kind == runCJK:
			for j := 0; j+1 < len(r.text); j++ {
				add(Token{Text: string(r.text[j : j+2])})
			}
		default:
			add(Token{Text: string(r.text), Prefix: last})
		}
	}
	return out
}

// phoneQuery reports whether q looks like (part of) a phone number written with separators
// ("138 1234 5678", "+86-138…") and returns its digits, searched as one run.
func phoneQuery(q string) (string, bool) {
	var b strings.Builder
	sep := false
	for _, r := range strings.TrimSpace(q) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" +-().", r):
			sep = true
		default:
			return "", false
		}
	}
	return b.String(), sep && b.Len() > 0
}
