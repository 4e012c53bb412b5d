package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsUnavailable reports whether err means the database cannot be reached right now (as opposed to a
// bad query): the API answers 503 and the client may retry.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	var pe *pgconn.PgError
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne), errors.As(err, &ce):
		return true
	case errors.As(err, &pe):
		// Class 08: connection exception; 57P: operator intervention (shutdown, cannot connect now).
		return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P")
	}
	msg := err.Error()
	return strings.Contains(msg, "database is closed") || strings.Contains(msg, "SQLITE_BUSY") ||
		strings.Contains(msg, "database is locked") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect")
}
