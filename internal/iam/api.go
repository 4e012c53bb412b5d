package iam

import (
	"github.com/danielgtaylor/huma/v2"
)

// API exposes iam over HTTP.
type API struct {
	svc *Service
	// secureCookies marks the session cookie Secure (HTTPS or a TLS-terminating proxy).
	secureCookies bool
}

// NewAPI builds the HTTP face of the service.
func NewAPI(svc *Service, secureCookies bool) *API {
	return &API{svc: svc, secureCookies: secureCookies}
}

// Register adds every iam operation.
func (a *API) Register(api huma.API) {
	a.registerAuth(api)
	a.registerUsers(api)
	a.registerTeams(api)
	a.registerRoles(api)
	a.registerTokens(api)
	a.registerAudit(api)
	a.registerDirectory(api)
}
