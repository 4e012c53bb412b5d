package customer

import (
	"context"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/account"
	"github.com/kehu-crm/kehu/internal/ent/contact"
	"github.com/kehu-crm/kehu/internal/ent/predicate"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Tags suggests the distinct tags on the accounts or contacts (entity) the actor may read, those
// containing q, for the lists' tag filter and the bulk tag action. It reads the tags of at most
// record.TagScanRows matching records, most recently updated first.
func (s *Service) Tags(ctx context.Context, entity, q string, limit int) ([]string, error) {
	var lists [][]string
	switch entity {
	case "account":
		if err := authz.Require(ctx, AccountRead); err != nil {
			return nil, err
		}
		rows, err := s.st.Client(ctx).Account.Query().Where(predicate.Account(record.TagsContain(account.FieldTags, q))).
			Order(ent.Desc(account.FieldUpdatedAt)).Limit(record.TagScanRows).Select(account.FieldTags).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			lists = append(lists, r.Tags)
		}
	case "contact":
		if err := authz.Require(ctx, ContactRead); err != nil {
			return nil, err
		}
		rows, err := s.st.Client(ctx).Contact.Query().Where(predicate.Contact(record.TagsContain(contact.FieldTags, q))).
			Order(ent.Desc(contact.FieldUpdatedAt)).Limit(record.TagScanRows).Select(contact.FieldTags).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			lists = append(lists, r.Tags)
		}
	default:
		return nil, apperr.Field("query.entity", "field.invalid", nil)
	}
	return record.DistinctTags(lists, q, limit), nil
}
