// Package collab is cross-department collaboration (SPEC X1) and the reminders of activities (SPEC T2):
// comments with @mentions on accounts, contacts and activities, the personal notification centre, and
// the periodic sweep that turns due reminders into in-app notifications and e-mails.
//
// Decisions:
//   - A comment belongs to its record and follows it: whoever may read the record (its module's read
//     right, in scope) may read and write its comments. The record is fetched through its own module's
//     privacy-enforced Get (the narrow Customers / Activities interfaces), then comments are read and
//     written as the system (Comment is an Internal entity). So a record outside the actor's scope gives
//     404 on its comment list and create, exactly like the record's own GET, and a comment id whose
//     record is unreadable is 404 on edit and delete.
//   - Only the author edits a comment (403 for others who can read it). Delete: the author, or whoever
//     holds the record's update right in scope (they moderate discussions on their records).
//   - Comment.account_id is the record's account (the account itself, a contact's account, an activity's
//     account if linked), so the customer 360 timeline can list every comment under an account.
//   - Bodies are plain text (≤ 5,000 characters; the ent limit counts bytes and is 20,000) stored as
//     sent; the UI renders them as text, so markup or scripts are shown, never run.
//   - Mentions: the client sends the ids of the users it mentions with the body ("@Name" in the text).
//     Unknown or deactivated ids are a 422 on body.mentions. A mentioned user is notified only if that
//     user can read the record (their own actor is built by iam and the record is fetched as them):
//     otherwise a notification would reveal the record. The answer's notNotified lists who was skipped
//     and why (no_access, self). Editing a comment notifies only users newly mentioned.
//   - Notifications are Personal: the ent policy and an explicit user_id condition keep every list,
//     count and mark-read to the actor's own rows; another user's id is 404 even for an administrator.
//     Kind + Title + Params let the web UI word a notification in the reader's language; other modules
//     add kinds by calling Notify (assignment, import …).
//   - Reminders: a River periodic job (every 30 s, on the leader node only) sweeps open activities with
//     remind_at <= now and no reminded_at. Per activity, one transaction sets reminded_at — only while
//     it is still empty, so a second sweep (another node, a retry) updates nothing — and writes the
//     owner's reminder notification. Before the claim, an e-mail job unique by (activity, remind_at) is
//     queued for an owner who is active and wants e-mail; the job waits (snoozes) until the claim is
//     committed, then mails in the owner's locale and time zone with a link to the app. Queuing first
//     means a crash between the two steps loses no mail, and uniqueness means never two. Changing
//     remind_at (the activity module clears reminded_at then) makes a new reminder with a new job.
//     reminded_at is a quiet field for the audit log and does not bump the activity's version.
//   - The user directory for pickers lives in iam (GET /api/v1/directory/users): active users' id,
//     name and team name, never e-mail, for every signed-in user.
package collab
