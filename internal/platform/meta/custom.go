package meta

// CustomTypes are the types an administrator may give a custom field (SPEC B2).
var CustomTypes = []string{"text", "number", "money", "date", "select", "multiselect", "boolean", "user"}

// CustomOption is one choice of a select or multiselect custom field.
type CustomOption struct {
	Value   string `json:"value"`
	LabelZh string `json:"labelZh"`
	LabelEn string `json:"labelEn"`
}

// CustomDef is a custom field definition as the generic machinery (metadata, filters, masking) needs
// it. The customfield module loads them from the database per request.
type CustomDef struct {
	Key        string
	Label      Label
	Type       string
	Options    []CustomOption
	Required   bool
	Filterable bool
	Sensitive  bool
}

// CustomPrefix starts the API name of a custom field ("custom.budget").
const CustomPrefix = "custom."

// MetaType maps a custom field type to the field type the UI and the filter machinery know.
func (d CustomDef) MetaType() string {
	switch d.Type {
	case "text":
		return "string"
	case "select":
		return "enum"
	case "multiselect":
		return "tags"
	case "boolean":
		return "bool"
	case "user":
		return "ref"
	}
	return d.Type // number, money, date
}

// FieldMeta describes the definition as /api/v1/meta shows it, in locale.
func (d CustomDef) FieldMeta(locale string) FieldMeta {
	fm := FieldMeta{Name: CustomPrefix + d.Key, Type: d.MetaType(), Label: d.Label.For(locale), Required: d.Required,
		Filterable: d.Filterable, Sensitive: d.Sensitive}
	if d.Type == "user" {
		fm.Ref = "user"
	}
	for _, o := range d.Options {
		fm.Options = append(fm.Options, OptionMeta{Value: o.Value, Label: Label{ZH: o.LabelZh, EN: o.LabelEn}.For(locale)})
	}
	return fm
}

// Column describes the definition for record.Predicate and fls: a custom field stored under Key in the
// entity's JSON column named jsonColumn.
func (d CustomDef) Column(jsonColumn string) Column {
	return Column{API: CustomPrefix + d.Key, Name: jsonColumn, Type: d.MetaType(), Filterable: d.Filterable,
		Sensitive: d.Sensitive, JSONKey: d.Key}
}

// CustomColumn returns the JSON column that holds an entity's custom values ("" when it has none).
func (r *Registry) CustomColumn(entityName string) string {
	for _, e := range r.entities {
		if e.ann.Entity != entityName {
			continue
		}
		for _, f := range e.fields {
			if f.Type == "custom" {
				return e.columns[f.API]
			}
		}
	}
	return ""
}

// CustomEntities lists the entities that accept custom fields: those with a "custom" JSON column.
func (r *Registry) CustomEntities() []string {
	var out []string
	for _, e := range r.entities {
		if r.CustomColumn(e.ann.Entity) != "" {
			out = append(out, e.ann.Entity)
		}
	}
	return out
}

// WithCustom returns cols plus one column per custom definition, keyed "custom.<key>". The plain
// "custom" column stays (for masking) but is no longer filterable by arbitrary keys.
func (r *Registry) WithCustom(entityName string, cols map[string]Column, defs []CustomDef) map[string]Column {
	jc := r.CustomColumn(entityName)
	if jc == "" {
		return cols
	}
	for _, d := range defs {
		cols[CustomPrefix+d.Key] = d.Column(jc)
	}
	return cols
}

// EntitiesWithCustom is Entities plus, for each entity in defs, its custom fields ("custom.<key>")
// right after the entity's JSON column, in the definitions' order.
func (r *Registry) EntitiesWithCustom(locale string, defs map[string][]CustomDef) []EntityMeta {
	out := r.Entities(locale)
	for i, em := range out {
		ds := defs[em.Name]
		if len(ds) == 0 {
			continue
		}
		extra := make([]FieldMeta, len(ds))
		for j, d := range ds {
			extra[j] = d.FieldMeta(locale)
		}
		at := len(em.Fields)
		for j, f := range em.Fields {
			if f.Type == "custom" {
				at = j + 1
			}
		}
		fields := append(append(append([]FieldMeta{}, em.Fields[:at]...), extra...), em.Fields[at:]...)
		out[i].Fields = fields
	}
	return out
}
