package view

import (
	"context"
	"fmt"
	"strings"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/savedview"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// CustomDefs lists an entity's active custom field definitions (the customfield module implements it).
type CustomDefs interface {
	Defs(ctx context.Context, entity string) ([]meta.CustomDef, error)
}

// TagSource suggests the distinct tags used on the records of an entity that the actor in ctx may read.
type TagSource interface {
	Tags(ctx context.Context, entity, q string, limit int) ([]string, error)
}

// Entity is one list that saved views (and tag suggestions) are offered for.
type Entity struct {
	Name string
	// Read is the entity's read right: it decides who sees views shared by others.
	Read authz.Right
	// Tags suggests tags for the entity's tag filter (nil: none).
	Tags TagSource
}

// Service is the saved view use-case layer.
type Service struct {
	st       *store.Store
	reg      *meta.Registry
	defs     CustomDefs
	entities map[string]Entity
}

// New builds the service; defs may be nil (no custom fields are then known).
func New(st *store.Store, reg *meta.Registry, defs CustomDefs) *Service {
	return &Service{st: st, reg: reg, defs: defs, entities: map[string]Entity{}}
}

// AddEntity offers views for an entity (at wiring time, before serving).
func (s *Service) AddEntity(e Entity) { s.entities[e.Name] = e }

// Input is a view's editable data; nil pointers leave a field unchanged on update.
type Input struct {
	Name, Q, Sort    *string
	Filters, Columns *[]string
	Shared           *bool
}

// Limits of a view's content.
const (
	MaxFilters  = 20
	MaxColumns  = 60
	maxName     = 100
	maxQ        = 100
	maxViewsPer = 200
)

func (s *Service) entity(location, name string) (Entity, error) {
	e, ok := s.entities[name]
	if !ok {
		return Entity{}, apperr.Field(location, "field.view_entity", map[string]any{"Entity": name})
	}
	return e, nil
}

// List returns the actor's own views of entity (in their order) and then the views others shared for
// it (by name), the latter only when the actor may read the entity.
func (s *Service) List(ctx context.Context, entity string) ([]*ent.SavedView, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, authz.ErrUnauthenticated
	}
	e, err := s.entity("query.entity", entity)
	if err != nil {
		return nil, err
	}
	own, err := s.st.Client(ctx).SavedView.Query().
		Where(savedview.OwnerID(a.UserID), savedview.Entity(entity)).
		Order(ent.Asc(savedview.FieldPosition), ent.Asc(savedview.FieldID)).All(ctx)
	if err != nil || !a.Can(e.Read) {
		return own, err
	}
	sys := authz.AsSystem(ctx)
	shared, err := s.st.Client(sys).SavedView.Query().
		Where(savedview.Entity(entity), savedview.Shared(true), savedview.OwnerIDNEQ(a.UserID)).
		Order(ent.Asc(savedview.FieldName), ent.Asc(savedview.FieldID)).All(sys)
	if err != nil {
		return nil, err
	}
	return append(own, shared...), nil
}

// Get returns one of the actor's views, or a view another user shared for an entity the actor may
// read; anything else is 404.
func (s *Service) Get(ctx context.Context, id int64) (*ent.SavedView, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, authz.ErrUnauthenticated
	}
	sys := authz.AsSystem(ctx)
	v, err := s.st.Client(sys).SavedView.Get(sys, id)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundOf("saved_view", id)
	}
	if err != nil {
		return nil, err
	}
	if v.OwnerID == a.UserID {
		return v, nil
	}
	if e, ok := s.entities[v.Entity]; ok && v.Shared && a.Can(e.Read) {
		return v, nil
	}
	return nil, apperr.NotFoundOf("saved_view", id)
}

// own returns one of the actor's own views (through the privacy policy: others' are 404).
func (s *Service) own(ctx context.Context, id int64) (*ent.SavedView, error) {
	if authz.FromContext(ctx) == nil {
		return nil, authz.ErrUnauthenticated
	}
	v, err := s.st.Client(ctx).SavedView.Query().Where(savedview.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundOf("saved_view", id)
	}
	return v, err
}

// Create saves a new view of entity for the actor, last in their order. Sharing needs saved_view:share.
func (s *Service) Create(ctx context.Context, entity string, in Input) (*ent.SavedView, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, authz.ErrUnauthenticated
	}
	if _, err := s.entity("body.entity", entity); err != nil {
		return nil, err
	}
	if in.Shared != nil && *in.Shared {
		if err := authz.Require(ctx, Share); err != nil {
			return nil, err
		}
	}
	in.Name = trimmed(in.Name)
	if err := s.validate(ctx, entity, 0, in, true); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		n, err := c.SavedView.Query().Where(savedview.OwnerID(a.UserID), savedview.Entity(entity)).Count(ctx)
		if err != nil {
			return err
		}
		if n >= maxViewsPer {
			return apperr.Field("body.name", "field.view_too_many", map[string]any{"Max": maxViewsPer})
		}
		q := c.SavedView.Create().SetOwnerID(a.UserID).SetEntity(entity).SetName(*in.Name).
			SetFilters([]string{}).SetColumns([]string{}).SetPosition(record.SortPosition(n))
		set(q.Mutation(), in)
		v, err := q.Save(ctx)
		if err == nil {
			id = v.ID
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.own(ctx, id)
}

func set(m *ent.SavedViewMutation, in Input) {
	if in.Name != nil {
		m.SetName(*in.Name)
	}
	if in.Q != nil {
		m.SetQ(strings.TrimSpace(*in.Q))
	}
	if in.Sort != nil {
		m.SetSort(*in.Sort)
	}
	if in.Filters != nil {
		m.SetFilters(append([]string{}, *in.Filters...))
	}
	if in.Columns != nil {
		m.SetColumns(append([]string{}, *in.Columns...))
	}
	if in.Shared != nil {
		m.SetShared(*in.Shared)
	}
}

// Update changes (renames, re-filters, shares or unshares) one of the actor's views if version is
// still current. Changing the shared flag needs saved_view:share.
func (s *Service) Update(ctx context.Context, id, version int64, in Input) (*ent.SavedView, error) {
	cur, err := s.own(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.Shared != nil && *in.Shared != cur.Shared {
		if err := authz.Require(ctx, Share); err != nil {
			return nil, err
		}
	}
	in.Name = trimmed(in.Name)
	if err := s.validate(ctx, cur.Entity, id, in, false); err != nil {
		return nil, err
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).SavedView.UpdateOneID(id).Where(savedview.Version(version)).AddVersion(1)
		set(q.Mutation(), in)
		err := q.Exec(ctx)
		if ent.IsNotFound(err) {
			return apperr.StaleVersion()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.own(ctx, id)
}

// Delete removes one of the actor's views.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if _, err := s.own(ctx, id); err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		err := s.st.Client(ctx).SavedView.DeleteOneID(id).Exec(ctx)
		if ent.IsNotFound(err) {
			return apperr.NotFoundOf("saved_view", id)
		}
		return err
	})
}

// Reorder puts the listed views of the actor's for entity first, in the order given; the others follow
// in their current order. One transaction; every changed view is audited.
func (s *Service) Reorder(ctx context.Context, entity string, ids []int64) ([]*ent.SavedView, error) {
	a := authz.FromContext(ctx)
	if a == nil {
		return nil, authz.ErrUnauthenticated
	}
	if _, err := s.entity("body.entity", entity); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		items, err := c.SavedView.Query().Where(savedview.OwnerID(a.UserID), savedview.Entity(entity)).
			Order(ent.Asc(savedview.FieldPosition), ent.Asc(savedview.FieldID)).All(ctx)
		if err != nil {
			return err
		}
		order, bad := record.Reorder(items, ids, func(v *ent.SavedView) int64 { return v.ID })
		if bad >= 0 {
			return apperr.Field(fmt.Sprintf("body.ids[%d]", bad), "field.view_reorder_item", map[string]any{"ID": ids[bad]})
		}
		for i, v := range order {
			if want := record.SortPosition(i); v.Position != want {
				if err := c.SavedView.UpdateOneID(v.ID).SetPosition(want).AddVersion(1).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.List(ctx, entity)
}

func trimmed(v *string) *string {
	if v == nil {
		return nil
	}
	t := strings.TrimSpace(*v)
	return &t
}
