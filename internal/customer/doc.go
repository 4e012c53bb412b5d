// Package customer manages accounts (SPEC C1) and their contacts (C2): lists with filters, sorting and
// cursors (C9), create/update/delete with validation, owner assignment, and field-level security (A5)
// through platform/fls.
//
// Default grants of the built-in roles (SPEC A2, A4):
//   - account manager: reads, creates and edits their own accounts and contacts and sees their sensitive
//     fields (own scope). They may delete their own contacts but not accounts, and cannot reassign:
//     customers are company resources (C5), so removing or handing one over is a director's decision.
//   - sales director: everything on the accounts and contacts of their team and the teams below it
//     (subtree), including assign, delete, export (accounts and contacts) and the sensitive fields.
//   - executive and marketing: read every account and contact, without sensitive fields (masked).
//   - service agent: reads every account and contact including phones and e-mails (service calls
//     customers back) but changes nothing.
//   - administrator: every right with the all scope (iam gives it the whole catalogue).
//
// Other decisions:
//   - Contacts carry a copy of their account's owner and team, so the ent privacy policy scopes them in
//     SQL like accounts; a change of account owner moves its contacts along in the same transaction.
//   - The account number is KH + the zero-padded id, set in the creating transaction.
//   - Dictionary codes are checked through the narrow Dictionary interface; with none wired (nil) any
//     code is accepted.
//   - Custom values (SPEC B2) are checked and normalised through the narrow CustomFields interface
//     (the customfield module): unknown, inactive or ill-typed keys are 422 body.custom.<key>. An
//     update merges the sent keys into the stored ones (null clears one), so values of deleted
//     definitions stay stored; answers show only the active definitions' values, sensitive ones masked
//     by fls, and a masked value written back as shown keeps the real one.
//   - Ownership transfer (SPEC C5, transfer.go) moves all or the listed accounts of one owner, with their
//     contacts, to another in one transaction of at most MaxTransferAccounts accounts. Users outside
//     the actor's assign scope are reported like unknown ones (422, as for ownerId); a listed account
//     that is not the owner's or not reachable for update and assign refuses the whole request with 422
//     naming body.accountIds[i] (not 404: the request as a whole is invalid, and the same answer is
//     given for missing and out-of-scope ids). Besides the per-row audit updates, one "transfer" event
//     summarises it. Modules whose records follow the owner (open activities) plug in as a
//     TransferParticipant, run in the same transaction.
//   - An owner the actor may not assign to is reported like an unknown one (field.unknown_user), so the
//     answer does not reveal users outside the actor's scope.
package customer
