package iam

import (
	"context"
	"math"
	"time"

	"github.com/kehu-crm/kehu/internal/ent/loginthrottle"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Failed sign-ins are counted per e-mail (whether or not an account exists, so the answers for known
// and unknown addresses are the same) and per client address (with a higher limit), in the database so
// that every node sees them.
const ipFailureFactor = 10

func emailKey(email string) string { return "email:" + email }
func ipKey(ip string) string       { return "ip:" + ip }

// lockedFor returns how long key stays locked (0 when it is not).
func (s *Service) lockedFor(ctx context.Context, key string) (time.Duration, error) {
	row, err := s.st.Client(authz.AsSystem(ctx)).LoginThrottle.Query().Where(loginthrottle.Key(key)).Only(authz.AsSystem(ctx))
	if isNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if row.LockedUntil != nil && row.LockedUntil.After(s.now()) {
		return row.LockedUntil.Sub(s.now()), nil
	}
	return 0, nil
}

// recordFailure counts one failure against key and locks it once max is reached.
func (s *Service) recordFailure(ctx context.Context, key string, max int) error {
	ctx = authz.AsSystem(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		now := s.now()
		row, err := c.LoginThrottle.Query().Where(loginthrottle.Key(key)).Only(ctx)
		if isNotFound(err) {
			q := c.LoginThrottle.Create().SetKey(key).SetFailures(1).SetWindowStart(now)
			if max <= 1 {
				q.SetLockedUntil(now.Add(s.cfg.LoginLockout))
			}
			return q.Exec(ctx)
		}
		if err != nil {
			return err
		}
		failures, start := row.Failures+1, row.WindowStart
		if now.Sub(start) > s.cfg.LoginLockout {
			failures, start = 1, now
		}
		u := row.Update().SetFailures(failures).SetWindowStart(start)
		if failures >= max {
			u.SetLockedUntil(now.Add(s.cfg.LoginLockout)).SetFailures(0).SetWindowStart(now)
		}
		return u.Exec(ctx)
	})
}

func (s *Service) clearFailures(ctx context.Context, key string) error {
	ctx = authz.AsSystem(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		_, err := s.st.Client(ctx).LoginThrottle.Delete().Where(loginthrottle.Key(key)).Exec(ctx)
		return err
	})
}

func minutesCeil(d time.Duration) int { return int(math.Ceil(d.Minutes())) }

func (s *Service) purgeThrottles(ctx context.Context, now time.Time) (int, error) {
	return s.st.Client(ctx).LoginThrottle.Delete().Where(
		loginthrottle.WindowStartLT(now.Add(-s.cfg.LoginLockout)),
		loginthrottle.Or(loginthrottle.LockedUntilIsNil(), loginthrottle.LockedUntilLT(now)),
	).Exec(ctx)
}
