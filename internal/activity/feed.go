package activity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/audit"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// Actors builds the actor of an active user (nil, nil when the user does not exist or is
// deactivated). The iam module implements it; the calendar feed acts as the feed's owner.
type Actors interface {
	ActorOf(ctx context.Context, userID int64) (*authz.Actor, error)
}

// SetFeed wires the calendar feed: who a token's owner is allowed to be, and the public base URL feed
// addresses start with ("" leaves them relative).
func (s *Service) SetFeed(actors Actors, publicURL string) {
	s.actors, s.publicURL = actors, strings.TrimRight(publicURL, "/")
}

// Audit actions of the calendar feed.
const (
	ActionFeedCreate = "calendar_feed.create"
	ActionFeedRevoke = "calendar_feed.revoke"
)

// feedTokenPrefix marks calendar feed tokens, so a leaked one is recognisable.
const feedTokenPrefix = "kcal_"

// Feed window: what a subscribed calendar shows around now.
const (
	feedPast   = 90 * 24 * time.Hour
	feedFuture = 366 * 24 * time.Hour
	feedMax    = 5000
)

// FeedPath is the address of a token's feed below the public URL.
func FeedPath(token string) string { return "/api/v1/calendar/feed/" + token + ".ics" }

// FeedURL is the absolute (or, without a public URL, relative) address of a token's feed.
func (s *Service) FeedURL(token string) string { return s.publicURL + FeedPath(token) }

func hashFeedToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FeedStatus reports whether the actor has a calendar feed.
func (s *Service) FeedStatus(ctx context.Context) (bool, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return false, err
	}
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Get(sys, authz.FromContext(ctx).UserID)
	if err != nil {
		return false, err
	}
	return u.CalendarTokenHash != nil, nil
}

// RotateFeed creates the actor's calendar feed token, replacing (and so revoking) any earlier one. Only
// its SHA-256 is stored: the token is shown once.
func (s *Service) RotateFeed(ctx context.Context) (string, error) {
	if err := authz.Require(ctx, Read); err != nil {
		return "", err
	}
	a := authz.FromContext(ctx)
	if a.UserID == 0 {
		return "", authz.ErrForbidden
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := feedTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		had, err := s.st.Client(sys).User.Query().Where(user.ID(a.UserID), user.CalendarTokenHashNotNil()).Exist(sys)
		if err != nil {
			return err
		}
		// The user's own feed needs no user:update right; the system writes it on the user's behalf.
		if err := s.st.Client(sys).User.UpdateOneID(a.UserID).SetCalendarTokenHash(hashFeedToken(token)).Exec(sys); err != nil {
			return err
		}
		return s.st.Record(ctx, audit.Event{Action: ActionFeedCreate, Entity: "user", EntityID: a.UserID,
			Changes: map[string]audit.Change{"replaced": {New: had}}})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// RevokeFeed removes the actor's calendar feed; its address answers 404 from then on.
func (s *Service) RevokeFeed(ctx context.Context) error {
	if err := authz.Require(ctx, Read); err != nil {
		return err
	}
	a := authz.FromContext(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		n, err := s.st.Client(sys).User.Update().Where(user.ID(a.UserID), user.CalendarTokenHashNotNil()).
			ClearCalendarTokenHash().Save(sys)
		if err != nil || n == 0 {
			return err
		}
		return s.st.Record(ctx, audit.Event{Action: ActionFeedRevoke, Entity: "user", EntityID: a.UserID})
	})
}

// FeedOwner is the user a calendar feed belongs to.
type FeedOwner struct {
	Name, TimeZone, Locale string
}

// Feed returns what a calendar feed token shows: the token owner's own activities due around now, read
// as that user (their data scope holds: an activity they may no longer read is left out). An unknown or
// revoked token, a deactivated owner or one without activity:read answer 404.
func (s *Service) Feed(ctx context.Context, token string) (*FeedOwner, []*ent.Activity, error) {
	missing := apperr.NotFoundOf("calendar_feed", 0)
	if s.actors == nil || !strings.HasPrefix(token, feedTokenPrefix) || len(token) > 100 {
		return nil, nil, missing
	}
	sys := authz.AsSystem(ctx)
	u, err := s.st.Client(sys).User.Query().
		Where(user.CalendarTokenHash(hashFeedToken(token)), user.Active(true)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil, missing
	}
	if err != nil {
		return nil, nil, err
	}
	a, err := s.actors.ActorOf(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	if a == nil || !a.Can(Read) {
		return nil, nil, missing
	}
	actx := authz.WithActor(ctx, a)
	now := s.now().UTC()
	rows, err := s.st.Client(actx).Activity.Query().
		Where(activity.OwnerID(u.ID), activity.DueAtGTE(now.Add(-feedPast)), activity.DueAtLT(now.Add(feedFuture))).
		Order(ent.Asc(activity.FieldDueAt), ent.Asc(activity.FieldID)).Limit(feedMax).All(actx)
	if err != nil {
		return nil, nil, err
	}
	return &FeedOwner{Name: u.Name, TimeZone: u.TimeZone, Locale: u.Locale}, rows, nil
}
