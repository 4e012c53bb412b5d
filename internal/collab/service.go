package collab

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/store"
)

// Customers is what collab needs of the customer module: its privacy-enforced record look-ups.
type Customers interface {
	GetAccount(ctx context.Context, id int64) (*ent.Account, error)
	GetContact(ctx context.Context, id int64) (*ent.Contact, error)
}

// Activities is what collab needs of the activity module.
type Activities interface {
	Get(ctx context.Context, id int64) (*ent.Activity, error)
}

// Actors builds the actor of another active user (iam implements it), to ask what they may read; a
// missing or deactivated user gives a nil actor.
type Actors interface {
	ActorOf(ctx context.Context, userID int64) (*authz.Actor, error)
}

// Enqueuer inserts background jobs.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Config is what collab needs of the configuration.
type Config struct {
	// PublicURL is the base of links in e-mails.
	PublicURL string
}

// Service is the collaboration use-case layer: comments, mentions, notifications and reminders.
type Service struct {
	st      *store.Store
	sources map[string]source
	actors  Actors
	mail    mail.Sender
	i18n    *i18n.Bundle
	cfg     Config
	jobs    Enqueuer
	logger  *slog.Logger
	now     func() time.Time
}

// New builds the service.
func New(st *store.Store, customers Customers, activities Activities, actors Actors, sender mail.Sender,
	bundle *i18n.Bundle, cfg Config, logger *slog.Logger) *Service {
	return &Service{st: st, sources: sources(customers, activities), actors: actors, mail: sender, i18n: bundle,
		cfg: cfg, logger: logger, now: func() time.Time { return time.Now().UTC() }}
}

// SetJobs wires the job queue (it is built after the services because its workers need them).
func (s *Service) SetJobs(j Enqueuer) { s.jobs = j }

// SetClock replaces the clock (tests move time).
func (s *Service) SetClock(now func() time.Time) { s.now = now }
