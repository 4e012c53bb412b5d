package customer

import (
	"github.com/danielgtaylor/huma/v2"
)

// API exposes the customer service over HTTP.
type API struct{ svc *Service }

// NewAPI wraps the service.
func NewAPI(svc *Service) *API { return &API{svc: svc} }

// Register adds the customer operations.
func (a *API) Register(api huma.API) {
	a.registerExports(api)
	a.registerTransfer(api)
	a.registerBulk(api)
	a.registerAccounts(api)
	a.registerContacts(api)
}
