package app

import (
	"context"
	"log/slog"

	"github.com/danielgtaylor/huma/v2"
	"github.com/riverqueue/river"

	"github.com/kehu-crm/kehu/internal/activity"
	"github.com/kehu-crm/kehu/internal/customer"
	"github.com/kehu-crm/kehu/internal/customfield"
	"github.com/kehu-crm/kehu/internal/dictionary"
	"github.com/kehu-crm/kehu/internal/ent/schema"
	"github.com/kehu-crm/kehu/internal/iam"
	"github.com/kehu-crm/kehu/internal/importer"
	"github.com/kehu-crm/kehu/internal/metaapi"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/mail"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/secret"
	"github.com/kehu-crm/kehu/internal/search"
	"github.com/kehu-crm/kehu/internal/store"
)

// Modules holds every domain module's service. Adding a module means one field here and one line in
// each function of this file.
type Modules struct {
	IAM         *iam.Service
	Dictionary  *dictionary.Service
	CustomField *customfield.Service
	Customer    *customer.Service
	Activity    *activity.Service
	Search      *search.Service
	Meta        *meta.Registry
	Importer    *importer.Service
}

// Rights lists the rights of every module (the catalogue).
func Rights() (*authz.Catalog, error) {
	return authz.NewCatalog(iam.Rights(), dictionary.Rights(), customfield.Rights(), customer.Rights(),
		activity.Rights(), importer.Rights())
}

// DefaultGrants lists what each module grants the built-in roles out of the box.
func DefaultGrants() []authz.DefaultGrants {
	return []authz.DefaultGrants{iam.DefaultGrants(), dictionary.DefaultGrants(), customfield.DefaultGrants(), customer.DefaultGrants(),
		activity.DefaultGrants(), importer.DefaultGrants()}
}

// NewModules builds the services. st may be nil for work that never touches data (printing the
// OpenAPI document).
func NewModules(st *store.Store, cfg config.Config, sender mail.Sender, bundle *i18n.Bundle, logger *slog.Logger) (*Modules, error) {
	catalog, err := Rights()
	if err != nil {
		return nil, err
	}
	registry := meta.NewRegistry(schema.All())
	iamSvc, err := iam.New(st, iamConfig(cfg), sender, bundle, catalog, DefaultGrants(), logger)
	if err != nil {
		return nil, err
	}
	dictSvc := dictionary.New(st)
	cfSvc := customfield.New(st, registry)
	custSvc := customer.New(st, registry, dictSvc)
	custSvc.SetCustomFields(cfSvc)
	actSvc := activity.New(st, registry, dictSvc)
	custSvc.AddTransferParticipant(openActivities{actSvc})
	var searchSvc *search.Service
	if st != nil {
		searchSvc = search.New(st, st.DB.Dialect)
	}
	return &Modules{IAM: iamSvc, Meta: registry, Dictionary: dictSvc, CustomField: cfSvc, Customer: custSvc,
		Activity: actSvc,
		Search:   searchSvc,
		Importer: importer.New(st, registry, cfSvc, iamSvc, bundle, importLimits(cfg), importer.Targets(custSvc)...)}, nil
}

// RegisterAPI adds every module's operations to api. It touches no database.
func (m *Modules) RegisterAPI(api huma.API, secureCookies bool) {
	iam.NewAPI(m.IAM, secureCookies).Register(api)
	metaapi.Register(api, m.Meta, m.CustomField)
	dictionary.RegisterAPI(api, m.Dictionary)
	customfield.RegisterAPI(api, m.CustomField)
	customer.NewAPI(m.Customer).Register(api)
	activity.RegisterAPI(api, m.Activity)
	search.RegisterAPI(api, m.Search)
	importer.RegisterAPI(api, m.Importer)
}

// RegisterJobs adds every module's workers and returns their periodic jobs.
func (m *Modules) RegisterJobs(workers *river.Workers) []*river.PeriodicJob {
	var periodic []*river.PeriodicJob
	periodic = append(periodic, m.IAM.RegisterJobs(workers)...)
	m.Importer.RegisterJobs(workers)
	return periodic
}

// SetJobs gives every module the job queue.
func (m *Modules) SetJobs(j iam.Enqueuer) {
	m.IAM.SetJobs(j)
	m.Importer.SetJobs(j)
}

// openActivities lets a customer transfer move the open activities on the transferred accounts.
type openActivities struct{ s *activity.Service }

func (openActivities) Name() string { return "activities" }

func (o openActivities) TransferOwned(ctx context.Context, p customer.TransferPlan) (int, error) {
	return o.s.MoveOpen(ctx, p.FromOwnerID, p.ToOwnerID, p.ToTeamID, p.AccountIDs)
}

func iamConfig(cfg config.Config) iam.Config {
	return iam.Config{SessionTTL: cfg.SessionTTL, SessionIdle: cfg.SessionIdle, ResetTokenTTL: cfg.ResetTokenTTL,
		LoginMaxFailures: cfg.LoginMaxFailures, LoginLockout: cfg.LoginLockout, PasswordMinLen: cfg.PasswordMinLen,
		Argon2:    secret.Argon2{MemoryKiB: cfg.Argon2MemoryKiB, Time: cfg.Argon2Time, Threads: 2},
		PublicURL: cfg.PublicURL()}
}

func importLimits(cfg config.Config) importer.Limits {
	return importer.Limits{MaxBytes: cfg.ImportMaxBytes, MaxRows: cfg.ImportMaxRows}
}
