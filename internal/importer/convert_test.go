package importer

import (
	"reflect"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/meta"
)

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]int64{"1200": 120000, "12,800.50": 1280050, "¥1,200": 120000, "0.01": 1, "99 CNY": 9900} {
		if got, ok := parseMoney(in); !ok || got != want {
			t.Errorf("parseMoney(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"abc", "1.234", "1e5", "1/2", ""} {
		if _, ok := parseMoney(bad); ok {
			t.Errorf("parseMoney(%q) accepted", bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"1990-05-17": "1990-05-17", "1990/5/17": "1990-05-17",
		"1990年5月17日": "1990-05-17", "32645": "1989-05-17"} {
		if got, ok := parseDate(in); !ok || got != want {
			t.Errorf("parseDate(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := parseDate("yesterday"); ok {
		t.Error("parseDate accepted text")
	}
}

func TestSplitTagsAndBool(t *testing.T) {
	if got := splitTags("VIP， 重点;a|b；c、d,,"); !reflect.DeepEqual(got, []string{"VIP", "重点", "a", "b", "c", "d"}) {
		t.Errorf("splitTags = %q", got)
	}
	for in, want := range map[string]bool{"是": true, "否": false, "Yes": true, "0": false, "TRUE": true} {
		if got, ok := parseBool(in); !ok || got != want {
			t.Errorf("parseBool(%q) = %v %v", in, got, ok)
		}
	}
	if _, ok := parseBool("maybe"); ok {
		t.Error("parseBool accepted maybe")
	}
}

func TestSuggest(t *testing.T) {
	fields := []ImportField{
		{Name: "name", Label: "客户名称", labels: meta.Label{ZH: "客户名称", EN: "Name"}},
		{Name: "phone", labels: meta.Label{ZH: "电话", EN: "Phone"}},
		{Name: "email", labels: meta.Label{ZH: "邮箱", EN: "Email"}},
		{Name: "ownerId", labels: meta.Label{ZH: "负责人", EN: "Owner"}},
		{Name: "custom.budget", labels: meta.Label{ZH: "预算", EN: "Budget"}},
	}
	got := Suggest("account", []string{"公司名称", "手机", " E-MAIL ", "备注", "Owner", "budget", "电话"}, fields)
	want := map[string]string{"0": "name", "2": "email", "4": "ownerId", "5": "custom.budget", "6": "phone"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Suggest = %v, want %v", got, want)
	}
}
