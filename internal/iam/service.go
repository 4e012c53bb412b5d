package iam

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/platform/secret"
	"github.com/kehu-crm/kehu/internal/store"
)

// Config holds the security settings iam applies.
type Config struct {
	SessionTTL       time.Duration
	SessionIdle      time.Duration
	ResetTokenTTL    time.Duration
	LoginMaxFailures int
	LoginLockout     time.Duration
	PasswordMinLen   int
	Argon2           secret.Argon2
	// PublicURL is the base of links in e-mails.
	PublicURL string
}

// Enqueuer inserts background jobs.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Service is the iam use-case layer.
type Service struct {
	st      *store.Store
	cfg     Config
	mail    mail.Sender
	i18n    *i18n.Bundle
	jobs    Enqueuer
	catalog *authz.Catalog
	// defaults are the modules' grants for the built-in roles.
	defaults []authz.DefaultGrants
	logger   *slog.Logger
	now      func() time.Time
	// grants caches each user's merged role grants, teamTree the team hierarchy (children by
	// parent), both against the authz epoch (see actorFor).
	grants   *store.Cache[int64, map[authz.Right]authz.Scope]
	teamTree *store.Cache[struct{}, map[int64][]int64]
	// dummyHash is verified against when an e-mail is unknown, so both cases take the same time.
	dummyHash string
}

// New builds the service.
func New(st *store.Store, cfg Config, sender mail.Sender, bundle *i18n.Bundle, catalog *authz.Catalog,
	defaults []authz.DefaultGrants, logger *slog.Logger) (*Service, error) {
	h, err := cfg.Argon2.Hash("kehu-dummy-password-for-timing")
	if err != nil {
		return nil, err
	}
	return &Service{st: st, cfg: cfg, mail: sender, i18n: bundle, catalog: catalog, defaults: defaults, logger: logger,
		now: func() time.Time { return time.Now().UTC() }, dummyHash: h,
		grants:   store.NewCache[int64, map[authz.Right]authz.Scope](store.EpochAuthz),
		teamTree: store.NewCache[struct{}, map[int64][]int64](store.EpochAuthz)}, nil
}

// SetJobs wires the job queue (it is built after the services because its workers need them).
func (s *Service) SetJobs(j Enqueuer) { s.jobs = j }

// SetClock replaces the clock (tests move time).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Catalog returns the rights the product knows.
func (s *Service) Catalog() *authz.Catalog { return s.catalog }
