package dedup

import (
	"reflect"

	entgo "entgo.io/ent"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
)

// mergeField is a field whose surviving value a merge lets the user choose.
type mergeField struct {
	API, Column string
	// Sensitive fields are masked for actors without <entity>:read_sensitive on the record.
	Sensitive bool
}

// Mergeable fields, by entity, in form order. Owner, team and (for contacts) the account are not
// chosen: the survivor keeps its own, and what moves follows it. Tags are always united and custom
// values are chosen per key as "custom.<key>".
var mergeFields = map[string][]mergeField{
	Account: {
		{API: "name", Column: account.FieldName}, {API: "type", Column: account.FieldType},
		{API: "level", Column: account.FieldLevel}, {API: "industry", Column: account.FieldIndustry},
		{API: "region", Column: account.FieldRegion}, {API: "source", Column: account.FieldSource},
		{API: "lifecycle", Column: account.FieldLifecycle},
		{API: "phone", Column: account.FieldPhone, Sensitive: true}, {API: "email", Column: account.FieldEmail, Sensitive: true},
		{API: "website", Column: account.FieldWebsite}, {API: "address", Column: account.FieldAddress},
		{API: "creditLimit", Column: account.FieldCreditLimit}, {API: "currency", Column: account.FieldCurrency},
		{API: "satisfaction", Column: account.FieldSatisfaction},
	},
	Contact: {
		{API: "name", Column: contact.FieldName}, {API: "title", Column: contact.FieldTitle},
		{API: "buyingRole", Column: contact.FieldBuyingRole},
		{API: "phone", Column: contact.FieldPhone, Sensitive: true}, {API: "mobile", Column: contact.FieldMobile, Sensitive: true},
		{API: "email", Column: contact.FieldEmail, Sensitive: true}, {API: "birthday", Column: contact.FieldBirthday, Sensitive: true},
		{API: "preferredChannel", Column: contact.FieldPreferredChannel}, {API: "consent", Column: contact.FieldConsent},
	},
}

// MergeFields lists the API names of an entity's choosable fields (for documentation and the UI).
func MergeFields(entity string) []string {
	var out []string
	for _, f := range mergeFields[entity] {
		out = append(out, f.API)
	}
	return out
}

// MergeFieldSensitive reports whether a choosable field is sensitive (masked without read_sensitive).
func MergeFieldSensitive(entity, api string) bool {
	f, _ := mergeFieldOf(entity, api)
	return f.Sensitive
}

func mergeFieldOf(entity, api string) (mergeField, bool) {
	for _, f := range mergeFields[entity] {
		if f.API == api {
			return f, true
		}
	}
	return mergeField{}, false
}

// valueOf reads a column of a loaded record through ent's generic mutation view: the value and
// whether it counts as empty (a zero value or a null).
func valueOf(rec any, column string) (entgo.Value, bool) {
	var v entgo.Value
	switch r := rec.(type) {
	case *ent.Account:
		v = accountColumn(r, column)
	case *ent.Contact:
		v = contactColumn(r, column)
	}
	if v == nil {
		return nil, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, true
		}
		v = rv.Elem().Interface()
		rv = rv.Elem()
	}
	return v, rv.IsZero()
}

func accountColumn(r *ent.Account, column string) entgo.Value {
	switch column {
	case account.FieldName:
		return r.Name
	case account.FieldType:
		return r.Type
	case account.FieldLevel:
		return r.Level
	case account.FieldIndustry:
		return r.Industry
	case account.FieldRegion:
		return r.Region
	case account.FieldSource:
		return r.Source
	case account.FieldLifecycle:
		return r.Lifecycle
	case account.FieldPhone:
		return r.Phone
	case account.FieldEmail:
		return r.Email
	case account.FieldWebsite:
		return r.Website
	case account.FieldAddress:
		return r.Address
	case account.FieldCreditLimit:
		return r.CreditLimit
	case account.FieldCurrency:
		return r.Currency
	case account.FieldSatisfaction:
		return r.Satisfaction
	}
	return nil
}

func contactColumn(r *ent.Contact, column string) entgo.Value {
	switch column {
	case contact.FieldName:
		return r.Name
	case contact.FieldTitle:
		return r.Title
	case contact.FieldBuyingRole:
		return r.BuyingRole
	case contact.FieldPhone:
		return r.Phone
	case contact.FieldMobile:
		return r.Mobile
	case contact.FieldEmail:
		return r.Email
	case contact.FieldBirthday:
		return r.Birthday
	case contact.FieldPreferredChannel:
		return r.PreferredChannel
	case contact.FieldConsent:
		return r.Consent
	}
	return nil
}
