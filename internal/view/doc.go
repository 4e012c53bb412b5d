// Package view keeps saved list views (SPEC C9): a named combination of filters, search text, sort and
// columns of one entity's list, and offers tag suggestions for the lists' tag filters.
//
// Decisions:
//   - A view is personal (ent rule Personal on owner_id): its owner lists, changes, reorders and deletes
//     it; nobody else can, whatever their rights (an administrator deleting another user's view is not
//     a product need, and it would make the owner's list change under them).
//   - Sharing is a flag on the owner's view and needs saved_view:share (sales directors and the
//     administrator by default). A shared view is listed to everyone who holds the entity's read right;
//     others' views are read as the system with an explicit "shared and of this entity" condition,
//     because the privacy policy (correctly) shows a user only their own rows. A shared view carries
//     only a query, never data: each user who opens it sees what their own data scope allows.
//   - Filters, sort and columns are validated when a view is saved, against the entity's metadata plus
//     its active custom fields, by the same record.ParseFilters/record.Predicate and record.ParseSort
//     that the lists use; field-level security refuses filters and sorts on sensitive fields the actor
//     may not query. Problems name body.filters[i], body.sort or body.columns[i]. A view that became
//     invalid later (a custom field deleted) is still listed; the list request reports the stale filter.
//   - Entities are the ones wired at composition time (account, contact, activity); an unknown entity
//     is 422 body.entity / query.entity.
//   - Position orders a user's own views (POST /api/v1/views/reorder, gaps of ten as elsewhere); other
//     users' shared views follow, by name.
//   - Changes are audited by the store's audit hook like every other entity.
//   - Tag suggestions (GET /api/v1/tags) come from the entity's module through the TagSource interface,
//     read under the actor's data scope, so a suggestion never reveals a tag used only on records the
//     actor cannot see.
package view
