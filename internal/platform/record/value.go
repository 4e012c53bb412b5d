package record

import (
	"reflect"
	"strings"
)

// Value reads the field stored in column from a generated ent entity (found by its json tag), so the
// pagination cursor can be built for any sortable column without per-entity code.
func Value(row any, column string) any {
	v := reflect.ValueOf(row)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	t := v.Type()
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if tag == column {
			f := v.Field(i)
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					return nil
				}
				f = f.Elem()
			}
			return f.Interface()
		}
	}
	return nil
}
