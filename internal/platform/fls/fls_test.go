package fls

import (
	"testing"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/kehu-crm/kehu/internal/platform/apperr"
	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/meta"
	"github.com/kehu-crm/kehu/internal/platform/record"
)

func TestMaskValue(t *testing.T) {
	for _, c := range []struct{ typ, in, want string }{
		{"phone", "13812345678", "138****5678"},
		{"phone", "+86 138 1234 5678", "+86****5678"},
		{"phone", "12345", "****"},
		{"phone", "", ""},
		{"email", "li@example.com", "l***@example.com"},
		{"email", "王芳@例子.中国", "王***@例子.中国"},
		{"email", "broken", "****"},
		{"string", "ID 110101199001011234", "****"},
	} {
		if got := MaskValue(c.typ, c.in); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.typ, c.in, got, c.want)
		}
	}
	if !IsMaskOf("phone", "138****5678", "13812345678") || IsMaskOf("phone", "13812345678", "13812345678") ||
		IsMaskOf("phone", "138****0000", "13812345678") || IsMaskOf("email", "", "") {
		t.Error("IsMaskOf")
	}
}

type person struct{ ent.Schema }

func (person) Annotations() []schema.Annotation {
	return []schema.Annotation{meta.Entity("person", "人", "Person")}
}

func (person) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Annotations(meta.Field("name", "姓名", "Name", "string").Filter()),
		field.String("phone").Annotations(meta.Field("phone", "电话", "Phone", "phone").Filter().Secret()),
		field.String("email").Annotations(meta.Field("email", "邮箱", "Email", "email").Filter().Secret()),
		field.Time("birthday").Annotations(meta.Field("birthday", "生日", "Birthday", "date").Filter().Secret()),
	}
}

type personDTO struct {
	Name     string     `json:"name"`
	Phone    string     `json:"phone"`
	Email    *string    `json:"email"`
	Birthday *time.Time `json:"birthday"`
}

func TestMaskDTOAndRefuseFilters(t *testing.T) {
	reg := meta.NewRegistry([]ent.Interface{person{}})
	email, bd := "li@example.com", time.Now()
	d := personDTO{Name: "李", Phone: "13812345678", Email: &email, Birthday: &bd}
	Mask(reg, "person", &d)
	if d.Name != "李" || d.Phone != "138****5678" || *d.Email != "l***@example.com" || d.Birthday != nil || email != "li@example.com" {
		t.Errorf("masked %+v", d)
	}
	cols := reg.Columns("person")
	reader := authz.NewUserActor(1, 0, nil, map[authz.Right]authz.Scope{"person:read": authz.ScopeAll}, 0)
	seer := authz.NewUserActor(1, 0, nil, map[authz.Right]authz.Scope{"person:read": authz.ScopeAll, "person:read_sensitive": authz.ScopeAll}, 0)
	partial := authz.NewUserActor(1, 0, nil, map[authz.Right]authz.Scope{"person:read": authz.ScopeAll, "person:read_sensitive": authz.ScopeOwn}, 0)
	fs := []record.Filter{{Field: "name", Op: "eq", Value: "x"}, {Field: "phone", Op: "eq", Value: "1"}}
	for _, a := range []*authz.Actor{reader, partial} {
		err := CheckFilters(a, "person", cols, fs)
		if e, ok := apperr.As(err); !ok || e.Fields[0].Location != "query.filter[1]" {
			t.Errorf("sensitive filter allowed: %v", err)
		}
	}
	if err := CheckFilters(seer, "person", cols, fs); err != nil {
		t.Error(err)
	}
	if err := CheckSort(reader, "person", cols, record.Sort{Column: "birthday"}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("sensitive sort: %v", err)
	}
	if !CanSee(partial, "person", 1, 0) || CanSee(partial, "person", 2, 0) || CanSee(nil, "person", 1, 0) {
		t.Error("CanSee")
	}
}

func TestMaskWithCustomFields(t *testing.T) {
	cols := map[string]meta.Column{
		"name":          {API: "name", Name: "name", Type: "string"},
		"custom":        {API: "custom", Name: "custom", Type: "custom"},
		"custom.id_no":  {API: "custom.id_no", Name: "custom", Type: "string", Sensitive: true, Filterable: true, JSONKey: "id_no"},
		"custom.income": {API: "custom.income", Name: "custom", Type: "money", Sensitive: true, JSONKey: "income"},
		"custom.note":   {API: "custom.note", Name: "custom", Type: "string", Filterable: true, JSONKey: "note"},
	}
	type dto struct {
		Name   string         `json:"name"`
		Custom map[string]any `json:"custom"`
	}
	stored := map[string]any{"id_no": "110101199001011234", "income": float64(5), "note": "公开"}
	d := dto{Name: "x", Custom: stored}
	MaskWith(cols, &d)
	if d.Custom["id_no"] != "****" || d.Custom["income"] != nil || d.Custom["note"] != "公开" || d.Name != "x" {
		t.Errorf("masked %v", d.Custom)
	}
	if stored["id_no"] != "110101199001011234" {
		t.Error("the stored map was changed in place")
	}
	if _, ok := d.Custom["other"]; ok {
		t.Error("absent key added")
	}
	// Filtering on a sensitive custom field is refused without read_sensitive; a plain one is fine.
	fs := []record.Filter{{Field: "custom.note", Op: "eq", Value: "a"}, {Field: "custom.id_no", Op: "eq", Value: "1"}}
	err := CheckFilters(&authz.Actor{}, "person", cols, fs)
	if e, ok := apperr.As(err); !ok || e.Fields[0].Location != "query.filter[1]" {
		t.Errorf("sensitive custom filter: %v", err)
	}
	if err := CheckFilters(&authz.Actor{}, "person", cols, fs[:1]); err != nil {
		t.Errorf("plain custom filter: %v", err)
	}
}
