package importer

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/kehu-crm/kehu/internal/platform/meta"
)

// ImportField is one importable field of an entity: a declared field its create body accepts, or an
// active custom field ("custom.<key>").
type ImportField struct {
	Name     string            `json:"name" doc:"API name; custom fields are custom.<key>"`
	Type     string            `json:"type"`
	Label    string            `json:"label"`
	Required bool              `json:"required"`
	Ref      string            `json:"ref,omitempty"`
	Dict     string            `json:"dict,omitempty"`
	labels   meta.Label        `json:"-"`
	options  []meta.OptionMeta `json:"-"`
	optLabel []meta.Label      `json:"-"`
}

// fieldsOf lists entity's importable fields in locale: every field of the registry that the
// target's create body accepts (writable, not computed), then the active custom fields.
func fieldsOf(reg *meta.Registry, tg Target, defs []meta.CustomDef, locale string) []ImportField {
	accepts := map[string]bool{}
	for _, n := range tg.Accepts() {
		accepts[n] = true
	}
	var out []ImportField
	zh, en := entityMeta(reg, tg.Entity(), "zh-CN"), entityMeta(reg, tg.Entity(), "en")
	for i, fm := range entityMeta(reg, tg.Entity(), locale) {
		if fm.ReadOnly || fm.Type == "custom" || !accepts[fm.Name] {
			continue
		}
		f := ImportField{Name: fm.Name, Type: fm.Type, Label: fm.Label, Required: fm.Required, Ref: fm.Ref, Dict: fm.Dict,
			labels: meta.Label{ZH: zh[i].Label, EN: en[i].Label}, options: fm.Options}
		for j := range fm.Options {
			f.optLabel = append(f.optLabel, meta.Label{ZH: zh[i].Options[j].Label, EN: en[i].Options[j].Label})
		}
		out = append(out, f)
	}
	for _, d := range defs {
		fm := d.FieldMeta(locale)
		f := ImportField{Name: fm.Name, Type: fm.Type, Label: fm.Label, Required: fm.Required, Ref: fm.Ref,
			labels: d.Label, options: fm.Options}
		for _, o := range d.Options {
			f.optLabel = append(f.optLabel, meta.Label{ZH: o.LabelZh, EN: o.LabelEn})
		}
		out = append(out, f)
	}
	return out
}

func entityMeta(reg *meta.Registry, entity, locale string) []meta.FieldMeta {
	for _, e := range reg.Entities(locale) {
		if e.Name == entity {
			return e.Fields
		}
	}
	return nil
}

// synonyms are header texts people commonly use for a field, normalised; they complement the zh-CN
// and English labels and the API names.
var synonyms = map[string][]string{
	"account.name":     {"公司名称", "公司", "企业名称", "客户名", "客户名称", "名称", "company", "companyname", "accountname"},
	"contact.name":     {"联系人", "联系人姓名", "名字", "fullname", "contactname"},
	"phone":            {"电话号码", "联系电话", "座机", "固定电话", "tel", "telephone", "phonenumber", "手机号", "手机"},
	"mobile":           {"手机", "手机号", "手机号码", "移动电话", "cell", "cellphone", "mobilephone"},
	"email":            {"电子邮件", "电子邮箱", "邮件", "e-mail", "mail", "emailaddress"},
	"website":          {"网址", "官网", "主页", "url", "web", "homepage"},
	"address":          {"地址", "公司地址", "详细地址", "addr"},
	"ownerId":          {"负责人", "客户经理", "销售", "所有者", "owner", "accountmanager", "salesrep"},
	"accountId":        {"客户", "公司", "公司名称", "所属公司", "客户名称", "account", "company", "accountname"},
	"tags":             {"标签", "tag", "labels"},
	"industry":         {"行业", "所属行业"},
	"region":           {"地区", "区域", "省份", "area", "province"},
	"source":           {"来源", "客户来源", "leadsource"},
	"level":            {"级别", "客户级别", "等级", "grade", "tier"},
	"title":            {"职位", "职务", "岗位", "jobtitle", "position"},
	"creditLimit":      {"信用额度", "授信额度", "credit"},
	"lifecycle":        {"阶段", "客户阶段", "stage"},
	"birthday":         {"生日", "出生日期", "dateofbirth", "dob"},
	"buyingRole":       {"采购角色", "角色", "role"},
	"preferredChannel": {"沟通方式", "偏好渠道", "channel"},
}

// normalise folds case and removes spaces, underscores, dashes and punctuation, so "E-mail",
// "e_mail " and "EMAIL" compare equal.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Suggest maps header columns to fields: exact API name or label (zh-CN or English) first, then the
// synonyms; a field is used at most once and the first column that claims it wins.
func Suggest(entity string, headers []string, fields []ImportField) map[string]string {
	byKey := map[string]string{}
	for _, f := range fields {
		for _, k := range []string{f.Name, strings.TrimPrefix(f.Name, meta.CustomPrefix), f.labels.ZH, f.labels.EN, f.Label} {
			if n := normalise(k); n != "" {
				if _, taken := byKey[n]; !taken {
					byKey[n] = f.Name
				}
			}
		}
	}
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Name] = true
	}
	bySyn := map[string]string{}
	for _, f := range fields {
		for _, s := range append(synonyms[entity+"."+f.Name], synonyms[f.Name]...) {
			if n := normalise(s); n != "" {
				if _, taken := bySyn[n]; !taken {
					bySyn[n] = f.Name
				}
			}
		}
	}
	out := map[string]string{}
	used := map[string]bool{}
	for pass := 0; pass < 2; pass++ {
		for i, h := range headers {
			col := strconv.Itoa(i)
			if _, done := out[col]; done {
				continue
			}
			n := normalise(h)
			name, ok := byKey[n]
			if pass == 1 {
				name, ok = bySyn[n]
			}
			if ok && known[name] && !used[name] {
				out[col], used[name] = name, true
			}
		}
	}
	return out
}
