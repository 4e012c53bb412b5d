// Package activity manages sales activities (SPEC T1) — calls, e-mails, meetings, visits, notes and
// tasks, optionally linked to an account and one of its contacts — their completion with an outcome and
// a next follow-up (L8), and the "my day" list of the actor's open work due today or overdue (T2).
//
// Default grants of the built-in roles (SPEC A2, A4):
//   - account manager: reads, logs, edits and deletes their own activities (own scope).
//   - sales director: everything on the activities of their team and the teams below it (subtree),
//     including the export of the list (activity:export), which account managers do not get, as for
//     accounts and contacts: a whole list leaving the system is a manager's decision.
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
//
// Reminders, tags and custom fields (SPEC T2, B2):
//   - A reminder is an absolute time (remind_at); the UI offers presets relative to the due time. A new
//     reminder time clears reminded_at, so the delivery job (collab) sends it again; sending the same
//     time again keeps a reminder that already went out.
//   - A next follow-up date becomes a reminder (L8): the follow-up task reminds at its due time, or at
//     followUpRemindAt (not after the date). Completing can also record the follow-up's content.
//   - Activities take custom fields like accounts do (the customfield module validates them); sensitive
//     ones need activity:read_sensitive, granted with the read scope to every role but the executive.
//   - Times before 1970 or from 2200 on are refused as typing mistakes (422 naming the field).
//
// Calendar and feed (SPEC T3):
//   - GET /api/v1/calendar lists activities due in a window of at most 62 days (a month view with its
//     margins), the actor's own unless ownerId or everyone asks for others within scope.
//   - The iCalendar feed is a secret address: a random token with a "kcal_" prefix whose SHA-256 alone is
//     stored (users.calendar_token_hash); creating replaces (rotates) it, and both are audited without
//     the token. The feed route is public; the token names its owner, whose actor (built by iam, so a
//     deactivated user gets nothing) reads their own activities through the privacy policy: the feed
//     never shows more than its owner may read now. Unknown, revoked and malformed tokens are the same
//     404. The document is written by github.com/arran4/golang-ical (escaping and line folding).
//   - Feed window: 90 days back, a year ahead; tasks are VTODO, everything else a VEVENT of a fixed
//     length (activities have a due time, not a duration); a reminder is a VALARM at its absolute time.
//
// KPIs (SPEC T4): counted with GROUP BY under the privacy policy, so a director sees their subtree and
// an account manager themselves. Activities count in the window by due time, or creation time when
// they have none; overdue counts all open work due before now. A follow-up gap is an account in
// account:read scope, older than the gap, with no activity created or completed since.
package activity
