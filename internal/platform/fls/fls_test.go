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
