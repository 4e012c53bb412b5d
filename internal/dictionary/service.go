package dictionary

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kehu-crm/kehu/internal/ent"
	"github.com/kehu-crm/kehu/internal/ent/dictionaryitem"
	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/record"
	"github.com/kehu-crm/kehu/internal/store"
)

// Service is the dictionary use-case layer.
type Service struct {
	st *store.Store
}

// New builds the service.
func New(st *store.Store) *Service { return &Service{st: st} }

// KindCount is a kind of the catalogue with how many items it has.
type KindCount struct {
	Kind
	Items, Active int
}

// ListKinds returns the catalogue with item counts (any signed-in actor).
func (s *Service) ListKinds(ctx context.Context) ([]KindCount, error) {
	var rows []struct {
		Kind   string `json:"kind"`
		Active bool   `json:"active"`
		Count  int    `json:"count"`
	}
	err := s.st.Client(ctx).DictionaryItem.Query().
		GroupBy(dictionaryitem.FieldKind, dictionaryitem.FieldActive).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make([]KindCount, len(Kinds))
	for i, k := range Kinds {
		out[i].Kind = k
		for _, r := range rows {
			if r.Kind == k.Code {
				out[i].Items += r.Count
				if r.Active {
					out[i].Active += r.Count
				}
			}
		}
	}
	return out, nil
}

func checkKind(kind string) error {
	if _, ok := KindOf(kind); !ok {
		return apperr.New(apperr.NotFound, "error.dictionary_kind_unknown", map[string]any{"Kind": kind})
	}
	return nil
}

// ListItems returns the items of a kind in their order; inactive ones only when asked.
func (s *Service) ListItems(ctx context.Context, kind string, includeInactive bool) ([]*ent.DictionaryItem, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	q := s.st.Client(ctx).DictionaryItem.Query().Where(dictionaryitem.Kind(kind))
	if !includeInactive {
		q.Where(dictionaryitem.Active(true))
	}
	return q.Order(ent.Asc(dictionaryitem.FieldSortOrder), ent.Asc(dictionaryitem.FieldID)).All(ctx)
}

// GetItem returns one item.
func (s *Service) GetItem(ctx context.Context, id int64) (*ent.DictionaryItem, error) {
	it, err := s.st.Client(ctx).DictionaryItem.Get(ctx, id)
	return it, notFound(id, err)
}

// ItemInput is an item's editable data (nil: unchanged). Code is used only on create.
type ItemInput struct {
	Code, LabelZh, LabelEn *string
	SortOrder              *int
	Active                 *bool
}

var codePattern = regexp.MustCompile(`^[a-z0-9_]{1,50}$`)

func validate(in ItemInput, creating bool) error {
	var fs []apperr.FieldError
	add := func(loc, code string, args map[string]any) {
		fs = append(fs, apperr.FieldError{Location: loc, Code: code, Args: args})
	}
	if creating && !codePattern.MatchString(deref(in.Code)) {
		add("body.code", "field.dictionary_code", nil)
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
	}
	label("body.labelZh", in.LabelZh)
	label("body.labelEn", in.LabelEn)
	if len(fs) > 0 {
		return &apperr.Error{Kind: apperr.Invalid, Code: "error.validation", Fields: fs}
	}
	return nil
}

func duplicateCode() error { return apperr.Field("body.code", "field.dictionary_code_taken", nil) }

// CreateItem adds a custom item to a kind, at the end unless an order is given.
func (s *Service) CreateItem(ctx context.Context, kind string, in ItemInput) (*ent.DictionaryItem, error) {
	if err := authz.RequireAll(ctx, Create); err != nil {
		return nil, err
	}
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if err := validate(in, true); err != nil {
		return nil, err
	}
	var id int64
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		c := s.st.Client(ctx)
		sys := authz.AsSystem(ctx)
		taken, err := s.st.Client(sys).DictionaryItem.Query().Where(dictionaryitem.Kind(kind), dictionaryitem.Code(*in.Code)).Exist(sys)
		if err != nil {
			return err
		}
		if taken {
			return duplicateCode()
		}
		order := 0
		if in.SortOrder != nil {
			order = *in.SortOrder
		} else if order, err = s.nextOrder(sys, kind); err != nil {
			return err
		}
		q := c.DictionaryItem.Create().SetKind(kind).SetCode(*in.Code).SetSortOrder(order).
			SetLabelZh(strings.TrimSpace(*in.LabelZh)).SetLabelEn(strings.TrimSpace(*in.LabelEn))
		if in.Active != nil {
			q.SetActive(*in.Active)
		}
		it, err := q.Save(ctx)
		if ent.IsConstraintError(err) {
			return duplicateCode()
		}
		if err == nil {
			id = it.ID
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.GetItem(ctx, id)
}

func (s *Service) nextOrder(ctx context.Context, kind string) (int, error) {
	last, err := s.st.Client(ctx).DictionaryItem.Query().Where(dictionaryitem.Kind(kind)).
		Order(ent.Desc(dictionaryitem.FieldSortOrder)).First(ctx)
	if ent.IsNotFound(err) {
		return 10, nil
	}
	if err != nil {
		return 0, err
	}
	return last.SortOrder + 10, nil
}

// UpdateItem changes an item's labels, order or active flag if version is current (kind and code
// never change).
func (s *Service) UpdateItem(ctx context.Context, id, version int64, in ItemInput) (*ent.DictionaryItem, error) {
	if err := authz.RequireAll(ctx, Update); err != nil {
		return nil, err
	}
	if _, err := s.GetItem(ctx, id); err != nil {
		return nil, err
	}
	in.Code = nil
	if err := validate(in, false); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		q := s.st.Client(ctx).DictionaryItem.UpdateOneID(id).Where(dictionaryitem.Version(version)).AddVersion(1)
		if in.LabelZh != nil {
			q.SetLabelZh(strings.TrimSpace(*in.LabelZh))
		}
		if in.LabelEn != nil {
			q.SetLabelEn(strings.TrimSpace(*in.LabelEn))
		}
		if in.SortOrder != nil {
			q.SetSortOrder(*in.SortOrder)
		}
		if in.Active != nil {
			q.SetActive(*in.Active)
		}
		err := q.Exec(ctx)
		if ent.IsNotFound(err) {
			sys := authz.AsSystem(ctx)
			cur, gerr := s.st.Client(sys).DictionaryItem.Get(sys, id)
			if gerr == nil && cur.Version != version {
				return apperr.StaleVersion()
			}
		}
		return notFound(id, err)
	})
	if err != nil {
		return nil, err
	}
	return s.GetItem(ctx, id)
}

// DeleteItem removes a custom item; built-in items can only be deactivated.
func (s *Service) DeleteItem(ctx context.Context, id int64) error {
	if err := authz.RequireAll(ctx, Delete); err != nil {
		return err
	}
	it, err := s.GetItem(ctx, id)
	if err != nil {
		return err
	}
	if it.Builtin {
		return apperr.New(apperr.Conflict, "error.dictionary_builtin", nil)
	}
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		return notFound(id, s.st.Client(ctx).DictionaryItem.DeleteOneID(id).Exec(ctx))
	})
}

// Reorder puts the listed items of a kind first, in the order given; the kind's other items follow
// in their current order. It runs in one transaction and every changed item is audited.
func (s *Service) Reorder(ctx context.Context, kind string, ids []int64) ([]*ent.DictionaryItem, error) {
	if err := authz.RequireAll(ctx, Update); err != nil {
		return nil, err
	}
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	err := s.st.WithTx(ctx, func(ctx context.Context) error {
		items, err := s.ListItems(ctx, kind, true)
		if err != nil {
			return err
		}
		order, bad := record.Reorder(items, ids, func(it *ent.DictionaryItem) int64 { return it.ID })
		if bad >= 0 {
			return apperr.Field(fmt.Sprintf("body.ids[%d]", bad), "field.dictionary_reorder_item", map[string]any{"ID": ids[bad]})
		}
		c := s.st.Client(ctx)
		for i, it := range order {
			want := record.SortPosition(i)
			if it.SortOrder == want {
				continue
			}
			if err := c.DictionaryItem.UpdateOneID(it.ID).SetSortOrder(want).AddVersion(1).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.ListItems(ctx, kind, true)
}

// Exists reports whether code is an active item of kind. Other modules validate input with it; it
// runs as the system, since the caller has already been authorised for its own operation.
func (s *Service) Exists(ctx context.Context, kind, code string) (bool, error) {
	sys := authz.AsSystem(ctx)
	return s.st.Client(sys).DictionaryItem.Query().
		Where(dictionaryitem.Kind(kind), dictionaryitem.Code(code), dictionaryitem.Active(true)).Exist(sys)
}

// Label returns the label of an item (active or not) in locale ("zh-CN" or English), or the code
// itself when the item is unknown.
func (s *Service) Label(ctx context.Context, kind, code, locale string) string {
	sys := authz.AsSystem(ctx)
	it, err := s.st.Client(sys).DictionaryItem.Query().
		Where(dictionaryitem.Kind(kind), dictionaryitem.Code(code)).Only(sys)
	if err != nil {
		return code
	}
	return ItemLabel(it, locale)
}

// ItemLabel is an item's label in locale.
func ItemLabel(it *ent.DictionaryItem, locale string) string {
	if locale == "zh-CN" {
		return it.LabelZh
	}
	return it.LabelEn
}

func notFound(id int64, err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFoundOf("dictionary_item", id)
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
