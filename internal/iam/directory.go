package iam

import (
	"context"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/user"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// DirectoryEntry is what every signed-in user may know about a colleague: enough to pick them in a
// mention or assignment picker, never their e-mail address.
type DirectoryEntry struct {
	ID       int64
	Name     string
	TeamName string
}

// DirectoryLimit caps one directory answer.
const DirectoryLimit = 20

// Directory returns active users whose name contains q (case-insensitive), or the active users among
// ids, sorted by name. Any signed-in user may look colleagues up; the answer carries no e-mail.
func (s *Service) Directory(ctx context.Context, q string, ids []int64) ([]DirectoryEntry, error) {
	a := authz.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, authz.ErrUnauthenticated
	}
	if len(ids) > 100 {
		return nil, apperr.Field("query.ids", "field.too_many", map[string]any{"Max": 100})
	}
	sys := authz.AsSystem(ctx)
	query := s.st.Client(sys).User.Query().Where(user.Active(true)).WithTeam()
	limit := DirectoryLimit
	if len(ids) > 0 {
		query.Where(user.IDIn(ids...))
		limit = len(ids)
	}
	if t := strings.TrimSpace(q); t != "" {
		query.Where(user.NameContainsFold(t))
	}
	rows, err := query.Order(ent.Asc(user.FieldName), ent.Asc(user.FieldID)).Limit(limit).All(sys)
	if err != nil {
		return nil, err
	}
	out := make([]DirectoryEntry, len(rows))
	for i, u := range rows {
		out[i] = DirectoryEntry{ID: u.ID, Name: u.Name}
		if u.Edges.Team != nil {
			out[i].TeamName = u.Edges.Team.Name
		}
	}
	return out, nil
}
