// Package reqinfo carries facts about the current request (its id and client address) through the
// context, for logs and audit rows.
package reqinfo

import "context"

// Info describes the request a piece of work serves.
type Info struct {
	ID string
	IP string
}

type key struct{}

// With returns a context carrying info.
func With(ctx context.Context, info Info) context.Context { return context.WithValue(ctx, key{}, info) }

// From returns the request info, zero outside a request.
func From(ctx context.Context) Info {
	i, _ := ctx.Value(key{}).(Info)
	return i
}
