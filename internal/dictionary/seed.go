package dictionary

import (
	"context"
	"fmt"

	"github.com/kehu-crm/kehu/internal/ent/dictionaryitem"
	"github.com/kehu-crm/kehu/internal/platform/authz"
)

// EnsureDefaults seeds the built-in items of every kind that has no items yet, as the system in one
// transaction. A kind an administrator has already filled is never
// touched again, so edits are not undone. Safe on every start and on several nodes at once.
func (s *Service) EnsureDefaults(ctx context.Context) error {
	ctx = authz.AsSystem(ctx)
	return s.st.WithTx(ctx, func(ctx context.Context) error {
		if err := s.st.Lock(ctx, "dictionary-defaults"); err != nil {
			return err
		}
		c := s.st.Client(ctx)
		for _, k := range Kinds {
			has, err := c.DictionaryItem.Query().Where(dictionaryitem.Kind(k.Code)).Exist(ctx)
			if err != nil {
				return fmt.Errorf("dictionary: %s: %w", k.Code, err)
			}
			if has {
				continue
			}
			for i, d := range defaults[k.Code] {
				err := c.DictionaryItem.Create().SetKind(k.Code).SetCode(d.code).SetLabelZh(d.zh).SetLabelEn(d.en).
					SetSortOrder((i + 1) * 10).SetBuiltin(true).Exec(ctx)
				if err != nil {
					return fmt.Errorf("dictionary: seed %s/%s: %w", k.Code, d.code, err)
				}
			}
		}
		return nil
	})
}
