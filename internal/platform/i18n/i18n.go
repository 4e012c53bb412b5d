// Package i18n holds the server's messages in Simplified Chinese and English (locales/*.toml, keys
// identical in both — a test enforces it), picks the language of a request from the user's setting or
// Accept-Language, and translates the validation messages of the API framework.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The product languages; English is the fallback.
const (
	ZH = "zh-CN"
	EN = "en"
)

// Locales lists the supported languages.
var Locales = []string{ZH, EN}

//go:embed locales/*.toml
var files embed.FS

var matcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})

// Bundle translates message ids.
type Bundle struct {
	b          *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
}

// New loads the embedded catalogues.
func New() (*Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, l := range Locales {
		if _, err := b.LoadMessageFileFS(files, "locales/"+l+".toml"); err != nil {
			return nil, fmt.Errorf("i18n: load %s: %w", l, err)
		}
	}
	return &Bundle{b: b, localizers: map[string]*goi18n.Localizer{
		ZH: goi18n.NewLocalizer(b, ZH), EN: goi18n.NewLocalizer(b, EN),
	}}, nil
}

// T renders message id in locale with args; an unknown id renders as itself so a gap is visible.
func (b *Bundle) T(locale, id string, args map[string]any) string {
	l, ok := b.localizers[locale]
	if !ok {
		l = b.localizers[EN]
	}
	s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: args})
	if err != nil {
		return id
	}
	return s
}

// Has reports whether id exists.
func (b *Bundle) Has(id string) bool {
	_, err := b.localizers[EN].Localize(&goi18n.LocalizeConfig{MessageID: id})
	return err == nil
}

// Match picks the product language for an Accept-Language header.
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return EN
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return EN
	}
	if idx == 1 {
		return ZH
	}
	return EN
}

// Valid reports whether l is a product language.
func Valid(l string) bool { return l == ZH || l == EN }

type localeKey struct{}

// WithLocale returns a context carrying the language of the current request.
func WithLocale(ctx context.Context, l string) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// Locale returns the context's language, English by default.
func Locale(ctx context.Context) string {
	if l, ok := ctx.Value(localeKey{}).(string); ok {
		return l
	}
	return EN
}

// catalogueKeys lists the message ids of one locale file (for the parity test).
func catalogueKeys(locale string) (map[string]bool, error) {
	raw, err := fs.ReadFile(files, "locales/"+locale+".toml")
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := toml.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out, nil
}
