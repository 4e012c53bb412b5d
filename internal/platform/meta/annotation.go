package meta

// Label is a user-facing text in both product languages.
type Label struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// For returns the label in the given locale ("zh-CN" or anything else for English).
func (l Label) For(locale string) string {
	if locale == "zh-CN" && l.ZH != "" {
		return l.ZH
	}
	return l.EN
}

// EntityAnnotation marks an ent schema as a CRM entity exposed through the metadata registry.
type EntityAnnotation struct {
	// Entity is the API name of the entity ("user", "team").
	Entity string `json:"name"`
	Label  Label  `json:"label"`
	// Computed lists read-only fields the API adds that are not columns (a team's member count).
	Computed []FieldAnnotation `json:"computed,omitempty"`
}

// With adds computed fields.
func (e EntityAnnotation) With(fs ...FieldAnnotation) EntityAnnotation {
	e.Computed = append(e.Computed, fs...)
	return e
}

// Name implements schema.Annotation.
func (EntityAnnotation) Name() string { return "KehuEntity" }

// Entity builds an EntityAnnotation.
func Entity(name, zh, en string) EntityAnnotation {
	return EntityAnnotation{Entity: name, Label: Label{ZH: zh, EN: en}}
}

// Option is one value of an enum field.
type Option struct {
	Value string `json:"value"`
	Label Label  `json:"label"`
}

// FieldAnnotation describes how generic machinery treats one field.
type FieldAnnotation struct {
	// API is the camelCase name the field has in the API.
	API        string   `json:"api"`
	Label      Label    `json:"label"`
	Type       string   `json:"type"`
	Filterable bool     `json:"filterable"`
	Sortable   bool     `json:"sortable"`
	Sensitive  bool     `json:"sensitive"`
	ReadOnly   bool     `json:"readOnly"`
	Required   bool     `json:"required"`
	Hidden     bool     `json:"hidden"`
	Ref        string   `json:"ref,omitempty"`
	Options    []Option `json:"options,omitempty"`
	// Dict names the dictionary kind whose item codes a "dict" field holds (SPEC B1).
	DictKind string `json:"dict,omitempty"`
}

// Name implements schema.Annotation.
func (FieldAnnotation) Name() string { return "KehuField" }

// Field starts a field annotation.
func Field(api, zh, en, typ string) FieldAnnotation {
	return FieldAnnotation{API: api, Label: Label{ZH: zh, EN: en}, Type: typ}
}

func (f FieldAnnotation) Filter() FieldAnnotation    { f.Filterable = true; return f }
func (f FieldAnnotation) Sort() FieldAnnotation      { f.Sortable = true; return f }
func (f FieldAnnotation) Secret() FieldAnnotation    { f.Sensitive = true; return f }
func (f FieldAnnotation) ReadOnlyF() FieldAnnotation { f.ReadOnly = true; return f }
func (f FieldAnnotation) Req() FieldAnnotation       { f.Required = true; return f }
func (f FieldAnnotation) RefTo(e string) FieldAnnotation {
	f.Ref = e
	return f
}
func (f FieldAnnotation) Enum(opts ...Option) FieldAnnotation { f.Options = opts; return f }

// Dict marks the field as holding codes of a dictionary kind.
func (f FieldAnnotation) Dict(kind string) FieldAnnotation { f.DictKind = kind; return f }

// Opt builds an enum option.
func Opt(value, zh, en string) Option { return Option{Value: value, Label: Label{ZH: zh, EN: en}} }
