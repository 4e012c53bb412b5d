// Package timeline is the interaction history (交往记录, SPEC C3) of an account or a contact: its
// activities, the comments on it and on its contacts and activities, the field changes of all of them
// from the audit log, and the merges that folded other records into it (C6), newest first, as the
// customer 360 page (C4) shows it.
//
// Decisions:
//   - The record itself must be readable by the actor (account:read / contact:read in scope); otherwise
//     the answer is the same 404 as for a missing record.
//   - Data scope holds inside the timeline too: activities come through the actor's activity scope,
//     contacts through contact:read; comments and field changes are shown only for records the actor
//     may read (the account, its readable contacts and activities, and the records merged into it).
//     Comments and audit rows are read as the system (they are internal and append-only), filtered by
//     that list of readable records, so nothing leaks through them.
//   - Field changes show the field's label from the metadata (custom fields included) in the request's
//     language, old → new. Values of sensitive fields are never in the audit log (store redacts them),
//     so they show as "masked"; sensitive custom fields are masked here for actors without
//     <entity>:read_sensitive on that record. Owner and team changes carry the people's names.
//   - Activity creation is not repeated as a field change (the activity itself is in the timeline).
//   - Items are ordered by time, then kind, then id, all descending; the cursor is that key of the last
//     item, so paging is stable while new items arrive. Each source is queried with the cursor as a
//     predicate and at most one page + 1 rows, then the sources are merged.
//   - Comments and changes are gathered for the newest 5,000 contacts and 5,000 activities of the record
//     (bound-parameter limits); activities themselves are all listed.
//   - Merges are read from MergeLog (the merge itself is built elsewhere): the merge event shows on the
//     survivor, and the merged record's own history (its field changes and comments) is included.
package timeline
