package collab

import (
	"context"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/notification"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

// Kinds of notification. The web UI words each kind in the reader's language from Kind, Title and
// Params; adding a kind means a constant here, a sender calling Notify, and a message in the web locales.
const (
	KindMention    = "mention"
	KindReminder   = "reminder"
	KindAssignment = "assignment"
	KindImport     = "import"
)

// Note is one notification to write.
type Note struct {
	UserID   int64
	Kind     string
	Title    string // the record's name or subject
	Body     string // an excerpt (a comment's text…)
	Entity   string
	RecordID int64
	ActorID  int64 // who caused it; 0 for the system
	Params   map[string]string
}

// Limits of the stored columns (bytes).
const (
	titleBytes = 300
	bodyBytes  = 2000
)

// Notify writes notifications as the system, in the context's transaction (or one of its own). Other
// modules call it for their own kinds (assignment, import …).
func (s *Service) Notify(ctx context.Context, notes ...Note) error {
	if len(notes) == 0 {
		return nil
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		bulk := make([]*ent.NotificationCreate, len(notes))
		for i, n := range notes {
			q := s.st.Client(sys).Notification.Create().SetUserID(n.UserID).SetKind(n.Kind).
				SetTitle(clip(n.Title, titleBytes)).SetBody(clip(n.Body, bodyBytes)).SetEntity(n.Entity).
				SetCreatedAt(s.now())
			if n.RecordID != 0 {
				q.SetRecordID(n.RecordID)
			}
			if n.ActorID != 0 {
				q.SetActorID(n.ActorID)
			}
			if n.Params != nil {
				q.SetParams(n.Params)
			}
			bulk[i] = q
		}
		return s.st.Client(sys).Notification.CreateBulk(bulk...).Exec(sys)
	})
}

// clip cuts s to at most n bytes on a character boundary, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// me is the signed-in user's id; notifications are personal, so only users have them.
func me(ctx context.Context) (int64, error) {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return 0, authz.ErrUnauthenticated
	}
	return a.UserID, nil
}

// ListNotifications returns one page of the actor's own notifications, newest first.
func (s *Service) ListNotifications(ctx context.Context, unread bool, p record.Page) ([]*ent.Notification, string, error) {
	uid, err := me(ctx)
	if err != nil {
		return nil, "", err
	}
	// The privacy policy already keeps other users' rows out; the explicit condition makes "your own"
	// hold even for a role that is ever granted a wider notification scope.
	q := s.st.Client(ctx).Notification.Query().Where(notification.UserID(uid))
	if unread {
		q.Where(notification.ReadAtIsNil())
	}
	p.Sort = record.Sort{Column: notification.FieldID, Desc: true}
	if err := p.Apply(q); err != nil {
		return nil, "", err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, "", err
	}
	rows, next := record.Trim(rows, p, func(n *ent.Notification) (any, int64) { return n.ID, n.ID })
	return rows, next, nil
}

// UnreadCount counts the actor's unread notifications.
func (s *Service) UnreadCount(ctx context.Context) (int, error) {
	uid, err := me(ctx)
	if err != nil {
		return 0, err
	}
	return s.st.Client(ctx).Notification.Query().Where(notification.UserID(uid), notification.ReadAtIsNil()).Count(ctx)
}

// MarkRead marks one of the actor's notifications read (reading it again changes nothing); another
// user's notification does not exist for them.
func (s *Service) MarkRead(ctx context.Context, id int64) (*ent.Notification, error) {
	uid, err := me(ctx)
	if err != nil {
		return nil, err
	}
	var out *ent.Notification
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		n, err := c.Notification.Query().Where(notification.ID(id), notification.UserID(uid)).Only(ctx)
		if ent.IsNotFound(err) {
			return notificationNotFound(id)
		}
		if err != nil {
			return err
		}
		if n.ReadAt == nil {
			if n, err = c.Notification.UpdateOne(n).SetReadAt(s.now()).Save(ctx); err != nil {
				return err
			}
		}
		out = n
		return nil
	})
	return out, err
}

// MarkAllRead marks every unread notification of the actor read and says how many changed.
func (s *Service) MarkAllRead(ctx context.Context) (int, error) {
	uid, err := me(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		n, err = s.st.Client(ctx).Notification.Update().
			Where(notification.UserID(uid), notification.ReadAtIsNil()).SetReadAt(s.now()).Save(ctx)
		return err
	})
	return n, err
}
