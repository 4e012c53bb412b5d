// Package activity manages sales activities (SPEC T1) — calls, e-mails, meetings, visits, notes and
// tasks, optionally linked to an account and one of its contacts — their completion with an outcome and
// a next follow-up (L8), and the "my day" list of the actor's open work due today or overdue (T2).
//
// Default grants of the built-in roles (SPEC A2, A4):
//   - account manager: reads, logs, edits and deletes their own activities (own scope).
//   - sales director: everything on the activities of their team and the teams below it (subtree).
//   - executive: reads every activity, changes nothing.
//   - service agent: everything on the activities of their own team (team scope): service calls and
//     visits are logged by the agents of a service team, who cover for each other.
//   - marketing: reads, logs, edits and deletes their own activities (own scope).
//   - administrator: every right with the all scope (iam gives it the whole catalogue).
//
// Other decisions:
//   - "Overdue" is not stored: an activity is overdue while it is open and its due time has passed. The
//     list filter overdue=true and the DTO's overdue flag compute it against the service clock.
//   - A linked account or contact must be visible to the actor (account:read / contact:read in scope);
//     otherwise the field is invalid (422 body.accountId / body.contactId), so the answer does not reveal
//     records outside the actor's scope. With a contact, the account is the contact's; sending another
//     account with it is invalid.
//   - The type is an active item of the activity_type dictionary, checked through the narrow Dictionary
//     interface (nil: any code is accepted).
//   - The owner defaults to the actor; another owner must lie within the actor's activity:create scope
//     (otherwise reported like an unknown user). The team is the owner's team.
//   - A next follow-up date (on create or complete) creates an open task activity due then, with the same
//     subject, links and owner, in the same transaction (L8).
//   - "My day" uses the actor's time zone from their profile (users.time_zone): open activities owned by
//     the actor and due before the end of the actor's local today, sorted by due time.
//   - Deleting an account deletes its activities (FK cascade); deleting a contact keeps its activities,
//     unlinked from the contact.
package activity
