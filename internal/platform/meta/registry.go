package meta

import (
	"sort"

	"entgo.io/ent"
)

// FieldMeta is one field as /api/v1/meta shows it, in one language.
type FieldMeta struct {
	Name       string       `json:"name"`
	Type       string       `json:"type" enum:"string,email,phone,url,text,enum,dict,bool,ref,date,datetime,number,money,tags,custom"`
	Label      string       `json:"label"`
	Required   bool         `json:"required"`
	Filterable bool         `json:"filterable"`
	Sortable   bool         `json:"sortable"`
	Sensitive  bool         `json:"sensitive"`
	ReadOnly   bool         `json:"readOnly"`
	Options    []OptionMeta `json:"options,omitempty"`
	Ref        string       `json:"ref,omitempty"`
	Dict       string       `json:"dict,omitempty" doc:"Dictionary kind whose item codes the field holds"`
}

// OptionMeta is one enum value.
type OptionMeta struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// EntityMeta is one entity with its fields.
type EntityMeta struct {
	Name   string      `json:"name"`
	Label  string      `json:"label"`
	Fields []FieldMeta `json:"fields"`
}

type entity struct {
	ann    EntityAnnotation
	fields []FieldAnnotation
	// columns maps a field's API name to its database column (computed fields have none).
	columns map[string]string
}

// Registry holds every annotated entity.
type Registry struct {
	entities []entity
}

// NewRegistry reads the annotations of the given ent schemas (their mixins' fields included).
func NewRegistry(schemas []ent.Interface) *Registry {
	r := &Registry{}
	for _, sc := range schemas {
		var ann *EntityAnnotation
		for _, a := range sc.Annotations() {
			if e, ok := a.(EntityAnnotation); ok {
				ann = &e
			}
		}
		if ann == nil {
			continue
		}
		var fields []ent.Field
		for _, m := range sc.Mixin() {
			fields = append(fields, m.Fields()...)
		}
		fields = append(fields, sc.Fields()...)
		e := entity{ann: *ann, columns: map[string]string{"id": "id"}}
		for _, f := range fields {
			for _, a := range f.Descriptor().Annotations {
				if fa, ok := a.(FieldAnnotation); ok {
					e.fields = append(e.fields, fa)
					e.columns[fa.API] = f.Descriptor().Name
				}
			}
		}
		e.fields = append(e.fields, ann.Computed...)
		r.entities = append(r.entities, e)
	}
	sort.Slice(r.entities, func(i, j int) bool { return r.entities[i].ann.Entity < r.entities[j].ann.Entity })
	return r
}

// Entities returns every entity's metadata in locale.
func (r *Registry) Entities(locale string) []EntityMeta {
	out := make([]EntityMeta, 0, len(r.entities))
	for _, e := range r.entities {
		em := EntityMeta{Name: e.ann.Entity, Label: e.ann.Label.For(locale), Fields: []FieldMeta{}}
		for _, f := range e.fields {
			if f.Hidden {
				continue
			}
			fm := FieldMeta{Name: f.API, Type: f.Type, Label: f.Label.For(locale), Required: f.Required,
				Filterable: f.Filterable, Sortable: f.Sortable, Sensitive: f.Sensitive, ReadOnly: f.ReadOnly, Ref: f.Ref, Dict: f.DictKind}
			for _, o := range f.Options {
				fm.Options = append(fm.Options, OptionMeta{Value: o.Value, Label: o.Label.For(locale)})
			}
			em.Fields = append(em.Fields, fm)
		}
		out = append(out, em)
	}
	return out
}

// Field returns the declaration of one field of an entity by API name.
func (r *Registry) Field(entityName, api string) (FieldAnnotation, bool) {
	for _, e := range r.entities {
		if e.ann.Entity != entityName {
			continue
		}
		for _, f := range e.fields {
			if f.API == api {
				return f, true
			}
		}
	}
	return FieldAnnotation{}, false
}

// Column is one stored field as the generic list machinery needs it.
type Column struct {
	API, Name, Type string
	Filterable      bool
	Sortable        bool
	Sensitive       bool
	// JSONKey is set for a custom field: its value lives under this key of the JSON column Name.
	JSONKey string
}

// Columns returns an entity's stored fields by API name ("id" included, sortable).
func (r *Registry) Columns(entityName string) map[string]Column {
	out := map[string]Column{}
	for _, e := range r.entities {
		if e.ann.Entity != entityName {
			continue
		}
		out["id"] = Column{API: "id", Name: "id", Type: "number", Sortable: true}
		for _, f := range e.fields {
			if col, ok := e.columns[f.API]; ok {
				out[f.API] = Column{API: f.API, Name: col, Type: f.Type, Filterable: f.Filterable, Sortable: f.Sortable, Sensitive: f.Sensitive}
			}
		}
	}
	return out
}

// Sorts returns API name → column of an entity's sortable fields, for record.ParseSort.
func (r *Registry) Sorts(entityName string) map[string]string {
	out := map[string]string{}
	for api, c := range r.Columns(entityName) {
		if c.Sortable {
			out[api] = c.Name
		}
	}
	return out
}
