// Package dictionary is the data dictionary (数据字典, SPEC B1): administrator-managed picklists such as
// customer levels, industries, regions, lead sources, buying roles and loss reasons.
//
// Decisions:
//   - The kinds are a fixed catalogue in code (Kinds), because each one is referenced by entity
//     fields (meta annotations with `dict: <kind>`). Administrators manage the items of a kind, never
//     the kinds themselves.
//   - Records store an item's stable code, never its label, so labels can be renamed and translated
//     without touching data. Codes are immutable once created.
//   - Built-in items are seeded at start-up for a kind only while it has no items at all, so an
//     administrator's later edits (renames, deactivations, new items) are never undone. Built-in items
//     cannot be deleted (records may hold their codes), only deactivated.
//   - Any signed-in actor reads the dictionary (the ent Directory rule); writes need the dictionary
//     rights, which only the administrator holds out of the box.
//   - Other modules validate and render codes through Exists and Label, which run as the system actor.
package dictionary
