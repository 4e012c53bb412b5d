package customfield

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/customfield"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// Service is the custom field use-case layer.
type Service struct {
	st  *store.Store
	reg *meta.Registry
	// byEntity caches every definition of an entity (inactive ones included, in their order) against
	// the customfield epoch: a definition changed on any node is seen by the next request.
	byEntity *store.Cache[string, []*ent.CustomField]
}

// New builds the service; reg tells which entities accept custom fields.
func New(st *store.Store, reg *meta.Registry) *Service {
	return &Service{st: st, reg: reg, byEntity: store.NewCache[string, []*ent.CustomField](store.EpochCustomField)}
}

// all returns every definition of entity, in their order, from the cache. It runs as the system; the
// rows are shared: callers must not modify them.
func (s *Service) all(ctx context.Context, entity string) ([]*ent.CustomField, error) {
	return s.byEntity.Get(ctx, entity, func(ctx context.Context) ([]*ent.CustomField, error) {
		sys := authz.AsSystem(ctx)
		return s.st.Client(sys).CustomField.Query().Where(customfield.Entity(entity)).
			Order(ent.Asc(customfield.FieldSortOrder), ent.Asc(customfield.FieldID)).All(sys)
	})
}

// Entities lists the entities that accept custom fields.
func (s *Service) Entities() []string { return s.reg.CustomEntities() }

func (s *Service) checkEntity(location, entity string) error {
	if !slices.Contains(s.Entities(), entity) {
		return apperr.Field(location, "field.custom_entity", map[string]any{"Entity": entity})
	}
	return nil
}

// List returns the definitions of an entity in their order; inactive ones only when asked.
func (s *Service) List(ctx context.Context, entity string, includeInactive bool) ([]*ent.CustomField, error) {
	if err := s.checkEntity("query.entity", entity); err != nil {
		return nil, err
	}
	q := s.st.Client(ctx).CustomField.Query().Where(customfield.Entity(entity))
	if !includeInactive {
		q.Where(customfield.Active(true))
	}
	return q.Order(ent.Asc(customfield.FieldSortOrder), ent.Asc(customfield.FieldID)).All(ctx)
}

// Get returns one definition.
func (s *Service) Get(ctx context.Context, id int64) (*ent.CustomField, error) {
	f, err := s.st.Client(ctx).CustomField.Get(ctx, id)
	return f, notFound(id, err)
}

// Input is a definition's editable data (nil: unchanged). Entity, Key and Type are used only on create.
type Input struct {
	Entity, Key, Type, LabelZh, LabelEn *string
	Options                             *[]meta.CustomOption
	Required, Filterable, Sensitive     *bool
	SortOrder                           *int
	Active                              *bool
}

var (
	keyPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	optionPattern = regexp.MustCompile(`^[A-Za-z0-9_\-]{1,50}$`)
)

// MaxOptions bounds the choices of a select field.
const MaxOptions = 200

func hasOptions(typ string) bool { return typ == "select" || typ == "multiselect" }

// validate checks in; typ is the field's type (new or stored).
func (s *Service) validate(in *Input, typ string, creating bool) error {
	var fs []apperr.FieldError
	add := func(loc, code string, args map[string]any) {
		fs = append(fs, apperr.FieldError{Location: loc, Code: code, Args: args})
	}
	if creating {
		if err := s.checkEntity("body.entity", deref(in.Entity)); err != nil {
			e, _ := apperr.As(err)
			fs = append(fs, e.Fields...)
		}
		if !keyPattern.MatchString(deref(in.Key)) {
			add("body.key", "field.custom_key", nil)
		}
		if !slices.Contains(meta.CustomTypes, typ) {
			add("body.type", "field.invalid", nil)
		}
	}
	label := func(loc string, v *string) {
		if !creating && v == nil {
			return
		}
		t := strings.TrimSpace(deref(v))
		switch {
		case t == "":
			add(loc, "field.blank", nil)
		case utf8.RuneCountInString(t) > 100:
			add(loc, "field.too_long", map[string]any{"Max": 100})
		case strings.ContainsRune(t, 0):
			add(loc, "field.invalid", nil)
		}
		if v != nil {
			*v = t
		}
	}
	label("body.labelZh", in.LabelZh)
	label("body.labelEn", in.LabelEn)
	switch {
	case hasOptions(typ) && (creating || in.Options != nil):
		opts := deref(in.Options)
		if len(opts) == 0 || len(opts) > MaxOptions {
			add("body.options", "field.custom_options", map[string]any{"Max": MaxOptions})
			break
		}
		seen := map[string]bool{}
		for i, o := range opts {
			loc := fmt.Sprintf("body.options[%d]", i)
			o.LabelZh, o.LabelEn = strings.TrimSpace(o.LabelZh), strings.TrimSpace(o.LabelEn)
			opts[i] = o
			switch {
			case !optionPattern.MatchString(o.Value) || seen[o.Value]:
				add(loc+".value", "field.custom_option_value", nil)
			case o.LabelZh == "" || o.LabelEn == "":
				add(loc, "field.blank", nil)
			case utf8.RuneCountInString(o.LabelZh) > 100 || utf8.RuneCountInString(o.LabelEn) > 100:
				add(loc, "field.too_long", map[string]any{"Max": 100})
			}
			seen[o.Value] = true
		}
	case !hasOptions(typ) && len(deref(in.Options)) > 0:
		add("body.options", "field.custom_no_options", nil)
	}
	if len(fs) > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: fs}
	}
	return nil
}

func duplicateKey() error { return apperr.Field("body.key", "field.custom_key_taken", nil) }

// Create adds a definition, at the end of its entity's fields unless an order is given.
func (s *Service) Create(ctx context.Context, in Input) (*ent.CustomField, error) {
	if err := authz.RequireAll(ctx, Create); err != nil {
		return nil, err
	}
	typ := deref(in.Type)
	if err := s.validate(&in, typ, true); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		sys := authz.AsSystem(ctx)
		taken, err := s.st.Client(sys).CustomField.Query().
			Where(customfield.Entity(*in.Entity), customfield.Key(*in.Key)).Exist(sys)
		if err != nil {
			return err
		}
		if taken {
			return duplicateKey()
		}
		order := 0
		if in.SortOrder != nil {
			order = *in.SortOrder
		} else if order, err = s.nextOrder(sys, *in.Entity); err != nil {
			return err
		}
		q := s.st.Client(ctx).CustomField.Create().SetEntity(*in.Entity).SetKey(*in.Key).
			SetType(customfield.Type(typ)).SetLabelZh(*in.LabelZh).SetLabelEn(*in.LabelEn).SetSortOrder(order).
			SetOptions(orEmpty(in.Options))
		q.SetNillableRequired(in.Required).SetNillableFilterable(in.Filterable).SetNillableSensitive(in.Sensitive).
			SetNillableActive(in.Active)
		f, err := q.Save(ctx)
		if ent.IsConstraintError(err) {
			return duplicateKey()
		}
		if err == nil {
			id = f.ID
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

func orEmpty(o *[]meta.CustomOption) []meta.CustomOption {
	if o == nil {
		return []meta.CustomOption{}
	}
	return *o
}

func (s *Service) nextOrder(ctx context.Context, entity string) (int, error) {
	last, err := s.st.Client(ctx).CustomField.Query().Where(customfield.Entity(entity)).
		Order(ent.Desc(customfield.FieldSortOrder)).First(ctx)
	if ent.IsNotFound(err) {
		return 10, nil
	}
	if err != nil {
		return 0, err
	}
	return last.SortOrder + 10, nil
}

// Update changes a definition if version is current (entity, key and type never change).
func (s *Service) Update(ctx context.Context, id, version int64, in Input) (*ent.CustomField, error) {
	if err := authz.RequireAll(ctx, Update); err != nil {
		return nil, err
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	in.Entity, in.Key, in.Type = nil, nil, nil
	if err := s.validate(&in, string(cur.Type), false); err != nil {
		return nil, err
	}
	err = s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).CustomField.UpdateOneID(id).Where(customfield.Version(version)).AddVersion(1)
		if in.LabelZh != nil {
			q.SetLabelZh(*in.LabelZh)
		}
		if in.LabelEn != nil {
			q.SetLabelEn(*in.LabelEn)
		}
		if in.Options != nil {
			q.SetOptions(*in.Options)
		}
		q.SetNillableRequired(in.Required).SetNillableFilterable(in.Filterable).SetNillableSensitive(in.Sensitive).
			SetNillableSortOrder(in.SortOrder).SetNillableActive(in.Active)
		err := q.Exec(ctx)
		if ent.IsNotFound(err) {
			sys := authz.AsSystem(ctx)
			cur, gerr := s.st.Client(sys).CustomField.Get(sys, id)
			if gerr == nil && cur.Version != version {
				return apperr.StaleVersion()
			}
		}
		return notFound(id, err)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Delete removes a definition. Values records hold under its key stay in their JSON but are no
// longer shown, validated or filterable (see the package documentation).
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := authz.RequireAll(ctx, Delete); err != nil {
		return err
	}
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound(id, s.st.Client(ctx).CustomField.DeleteOneID(id).Exec(ctx))
	})
}

// Reorder puts the listed fields of an entity first, in the order given; the others follow in their
// current order. It runs in one transaction and every changed field is audited.
func (s *Service) Reorder(ctx context.Context, entity string, ids []int64) ([]*ent.CustomField, error) {
	if err := authz.RequireAll(ctx, Update); err != nil {
		return nil, err
	}
	if err := s.checkEntity("body.entity", entity); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		items, err := s.List(ctx, entity, true)
		if err != nil {
			return err
		}
		order, bad := record.Reorder(items, ids, func(it *ent.CustomField) int64 { return it.ID })
		if bad >= 0 {
			return apperr.Field(fmt.Sprintf("body.ids[%d]", bad), "field.custom_reorder_item", map[string]any{"ID": ids[bad]})
		}
		c := s.st.Client(ctx)
		for i, it := range order {
			want := record.SortPosition(i)
			if it.SortOrder == want {
				continue
			}
			if err := c.CustomField.UpdateOneID(it.ID).SetSortOrder(want).AddVersion(1).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.List(ctx, entity, true)
}

// Def converts a stored definition for the generic machinery.
func Def(f *ent.CustomField) meta.CustomDef {
	return meta.CustomDef{Key: f.Key, Label: meta.Label{ZH: f.LabelZh, EN: f.LabelEn}, Type: string(f.Type),
		Options: f.Options, Required: f.Required, Filterable: f.Filterable, Sensitive: f.Sensitive}
}

// Defs returns the active definitions of an entity in their order, for metadata, filters and masking.
// It runs as the system: callers have been authorised for their own operation.
func (s *Service) Defs(ctx context.Context, entity string) ([]meta.CustomDef, error) {
	rows, err := s.all(ctx, entity)
	if err != nil {
		return nil, err
	}
	out := make([]meta.CustomDef, 0, len(rows))
	for _, r := range rows {
		if r.Active {
			out = append(out, Def(r))
		}
	}
	return out, nil
}

func notFound(id int64, err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFoundOf("custom_field", id)
	}
	return err
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
