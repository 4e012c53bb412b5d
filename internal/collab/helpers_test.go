package collab_test

import (
	"context"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/activity"
	"github.com/kehu-crm/kehu/internal/ent/notification"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func opt(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// newAccount writes an account owned by owner in team, as the system.
func newAccount(t testing.TB, a *testkit.App, name string, owner, team int64) int64 {
	t.Helper()
	var id int64
	err := a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		r, err := a.Store.Client(ctx).Account.Create().SetName(name).SetNillableOwnerID(opt(owner)).
			SetNillableTeamID(opt(team)).Save(ctx)
		if err == nil {
			id = r.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newContact(t testing.TB, a *testkit.App, account, owner, team int64) int64 {
	t.Helper()
	var id int64
	err := a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		r, err := a.Store.Client(ctx).Contact.Create().SetName("联系人").SetAccountID(account).
			SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).Save(ctx)
		if err == nil {
			id = r.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// newActivity writes an activity; remindAt nil means no reminder.
func newActivity(t testing.TB, a *testkit.App, subject string, account, owner, team int64, remindAt *time.Time,
	status string) int64 {
	t.Helper()
	var id int64
	err := a.Store.WithTx(testkit.System(), func(ctx context.Context) error {
		q := a.Store.Client(ctx).Activity.Create().SetType("call").SetSubject(subject).
			SetNillableAccountID(opt(account)).SetNillableOwnerID(opt(owner)).SetNillableTeamID(opt(team)).
			SetNillableRemindAt(remindAt).SetDueAt(time.Date(2026, 11, 23, 8, 30, 0, 0, time.UTC))
		if status != "" {
			q.SetStatus(activity.Status(status))
		}
		r, err := q.Save(ctx)
		if err == nil {
			id = r.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// notes returns a user's notifications, read straight from the database as the system.
func notes(t testing.TB, a *testkit.App, user int64) []*ent.Notification {
	t.Helper()
	ctx := testkit.System()
	rows, err := a.Store.Client(ctx).Notification.Query().Where(notification.UserID(user)).
		Order(ent.Asc(notification.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func num(v any) int64 { f, _ := v.(float64); return int64(f) }

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// decoded returns a received mail's subject and text body, undoing RFC 2047 and quoted-printable.
func decoded(t testing.TB, data string) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	var r io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		r = quotedprintable.NewReader(msg.Body)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(raw)
}
