// Package customfield is custom field definitions per entity (SPEC B2): administrators add typed
// fields (text, number, money, date, select, multiselect, boolean, user) to accounts and contacts, and
// the generic machinery shows them in forms, list columns and filters.
//
// Decisions:
//   - Definitions live in the custom_fields table; values live in each record's `custom` JSON column
//     under the definition's key. Which entities accept custom fields is not a list here: every entity
//     whose schema has a "custom" JSON column (meta.Registry.CustomEntities) does, so a later entity
//     adds itself by declaring that column.
//   - Key and type are immutable: stored values were validated against them. Labels, options, the
//     required/filterable/sensitive flags, order and the active flag may change.
//   - Values are normalised on write by Validate, which other modules call through a narrow interface:
//     numbers as JSON numbers, money as an integer count of minor units, dates as YYYY-MM-DD, select
//     as an option value, multiselect as a list of option values, booleans, users as an existing user
//     id. null or an empty text/list clears a value (the key is removed), so "empty" filters mean one
//     thing on both databases.
//   - Deactivating a field hides it (metadata, record answers) and refuses new values, but keeps the
//     stored values; re-activating shows them again. Deleting removes the definition only: values stay
//     in the records' JSON but are no longer shown, validated or filterable; a field created later with
//     the same key would show them again, so administrators should prefer deactivation.
//   - Any signed-in actor reads the definitions (the ent Directory rule); writes need the
//     custom_field rights with the all scope (they change every record's form), which only the
//     administrator holds out of the box.
//   - Sensitive custom fields are masked by platform/fls like other sensitive fields, and filtering
//     on them needs <entity>:read_sensitive on every readable record.
package customfield
