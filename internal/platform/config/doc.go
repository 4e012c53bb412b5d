// Package config is Kehu's one typed configuration: environment variables (KEHU_*, DATABASE_URL) with
// safe defaults, overridable by command-line flags, printable with secrets redacted.
package config
