package store

import (
	"context"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/idempotencykey"
	"github.com/kehu-crm/kehu/internal/platform/httpx"
)

// Idempotency keeps Idempotency-Key records in the database (see httpx.Idempotency).
type Idempotency struct{ S *Store }

// Claim inserts the key; the unique index settles races between nodes.
func (i Idempotency) Claim(ctx context.Context, principal, key, hash string) (*httpx.StoredResponse, error) {
	c := i.S.Client(ctx)
	err := c.IdempotencyKey.Create().SetPrincipal(principal).SetKey(key).SetRequestHash(hash).Exec(ctx)
	if err == nil {
		return nil, nil
	}
	if !ent.IsConstraintError(err) {
		return nil, err
	}
	row, err := c.IdempotencyKey.Query().
		Where(idempotencykey.Principal(principal), idempotencykey.Key(key)).Only(ctx)
	if err != nil {
		return nil, err
	}
	return &httpx.StoredResponse{RequestHash: row.RequestHash, Status: row.Status, ContentType: row.ContentType, Body: row.Body}, nil
}

// Complete stores the response.
func (i Idempotency) Complete(ctx context.Context, principal, key string, status int, contentType string, body []byte) error {
	return i.S.Client(ctx).IdempotencyKey.Update().
		Where(idempotencykey.Principal(principal), idempotencykey.Key(key)).
		SetStatus(status).SetContentType(contentType).SetBody(body).Exec(ctx)
}

// Release forgets a key whose request failed, so it may be retried.
func (i Idempotency) Release(ctx context.Context, principal, key string) error {
	_, err := i.S.Client(ctx).IdempotencyKey.Delete().
		Where(idempotencykey.Principal(principal), idempotencykey.Key(key), idempotencykey.Status(0)).Exec(ctx)
	return err
}

// PurgeIdempotency deletes keys older than age.
func (s *Store) PurgeIdempotency(ctx context.Context, age time.Duration) (int, error) {
	return s.Client(ctx).IdempotencyKey.Delete().
		Where(idempotencykey.CreatedAtLT(time.Now().UTC().Add(-age))).Exec(ctx)
}
