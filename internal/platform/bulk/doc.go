// Package bulk is the generic half of the lists' bulk actions (SPEC C9): the request every
// POST /api/v1/<entity>/bulk takes, its checks and limits, and the loop that applies one action to
// every selected record and turns the first failure into one problem naming that record.
//
// Decisions:
//   - A bulk action targets either listed ids (at most MaxIDs) or, with all=true, every record matching
//     the list's filter and q in the actor's scope (at most MaxMatching; more is refused with the count,
//     nothing runs). "all" must be explicit so that an empty body can never mean "everything".
//   - The entity module applies the action record by record through its ordinary single-record
//     service methods (update, delete), inside ONE transaction the module opens: validation, field-level
//     security, data scope, audit rows and search indexing are exactly those of a single change, and the
//     first failure rolls back every change already made.
//   - A failure names the record: a record missing or outside the actor's scope for the action is 422
//     body.ids[i] (ids mode) or body.filter (all mode, when it changed meanwhile); a value refused by the
//     record's validation keeps its field errors, relocated onto the bulk request's fields (body.value
//     for an edit), under the detail "<entity> <id> cannot be changed this way. Nothing was changed."
//   - Missing rights (the action's right held with no scope at all) stay 403 before anything is read.
package bulk
