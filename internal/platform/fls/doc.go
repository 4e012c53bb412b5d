// Package fls is field-level security (SPEC A5) driven by the metadata registry: fields an entity
// declares Sensitive are masked in every answer to an actor who lacks "<entity>:read_sensitive" in
// scope of the record, may not be filtered or sorted on without that right, and a masked value sent
// back unchanged is recognised so it never overwrites the real one.
//
// Decisions:
//   - Masking works on any DTO struct by its json tags (the field's API name), so a new entity gets it by
//     marking fields Secret() in its ent schema and calling Mask once per record.
//   - Phones keep their first three and last four digits (138****5678), e-mails their first character
//     and domain (l***@example.com), anything else (dates, ids) is removed (null): a masked birthday
//     would still tell the day.
//   - Filtering on a sensitive field needs read_sensitive at least as wide as the read scope, since a
//     filter answers questions about every record the list can reach.
package fls
