// Package entx holds small helpers over ent's generic (non-generated) types, for platform code that
// must work with every entity without importing the generated packages.
package entx

import (
	"fmt"
	"reflect"

	"entgo.io/ent/dialect/sql"
)

type wherer interface {
	WhereP(...func(*sql.Selector))
}

// Where appends a storage-level predicate to any generated ent query or mutation. Mutations expose
// WhereP; queries expose Where(...predicate.X), where predicate.X is a func(*sql.Selector) type, so
// the predicate is converted to that type by reflection.
func Where(q any, p func(*sql.Selector)) error {
	if w, ok := q.(wherer); ok {
		w.WhereP(p)
		return nil
	}
	m := reflect.ValueOf(q).MethodByName("Where")
	if !m.IsValid() || m.Type().NumIn() != 1 || !m.Type().IsVariadic() {
		return fmt.Errorf("entx: %T has no Where method", q)
	}
	elem := m.Type().In(0).Elem()
	pv := reflect.ValueOf(p)
	if !pv.Type().ConvertibleTo(elem) {
		return fmt.Errorf("entx: predicate does not convert to %s", elem)
	}
	args := reflect.MakeSlice(m.Type().In(0), 1, 1)
	args.Index(0).Set(pv.Convert(elem))
	m.CallSlice([]reflect.Value{args})
	return nil
}
