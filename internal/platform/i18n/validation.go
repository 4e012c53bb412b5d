package i18n

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/danielgtaylor/huma/v2/validation"
)

type pattern struct {
	re *regexp.Regexp
	zh string
}

// validationZH maps the API framework's English validation messages to Chinese; %v, %s and %d stand for
// the same arguments in the same order.
var validationZH = map[*string]string{
	&validation.MsgUnexpectedProperty:       "不允许的字段",
	&validation.MsgExpectedRFC3339DateTime:  "应为 RFC 3339 日期时间",
	&validation.MsgExpectedRFC3339Date:      "应为 RFC 3339 日期",
	&validation.MsgExpectedRFC5322Email:     "应为有效的邮箱地址：%v",
	&validation.MsgExpectedRFC3986URI:       "应为有效的 URI：%v",
	&validation.MsgExpectedRFC4122UUID:      "应为 UUID：%v",
	&validation.MsgExpectedBoolean:          "应为布尔值",
	&validation.MsgExpectedNumber:           "应为数字",
	&validation.MsgExpectedInteger:          "应为整数",
	&validation.MsgExpectedString:           "应为字符串",
	&validation.MsgExpectedArray:            "应为数组",
	&validation.MsgExpectedObject:           "应为对象",
	&validation.MsgExpectedArrayItemsUnique: "数组元素不能重复",
	&validation.MsgExpectedOneOf:            "取值应为 \"%s\" 之一",
	&validation.MsgExpectedMinimumNumber:    "应 >= %v",
	&validation.MsgExpectedMaximumNumber:    "应 <= %v",
	&validation.MsgExpectedMinLength:        "长度应 >= %d",
	&validation.MsgExpectedMaxLength:        "长度应 <= %d",
	&validation.MsgExpectedMatchPattern:     "应匹配格式 %s",
	&validation.MsgExpectedMinItems:         "数组长度应 >= %d",
	&validation.MsgExpectedMaxItems:         "数组长度应 <= %d",
	&validation.MsgExpectedRequiredProperty: "缺少必填字段 %s",
}

// ValidationTranslator translates framework validation messages into Chinese.
type ValidationTranslator struct{ patterns []pattern }

// NewValidationTranslator compiles the message table.
func NewValidationTranslator() *ValidationTranslator {
	t := &ValidationTranslator{}
	for en, zh := range validationZH {
		quoted := regexp.QuoteMeta(*en)
		for _, verb := range []string{"%v", "%s", "%d"} {
			quoted = strings.ReplaceAll(quoted, regexp.QuoteMeta(verb), "(.*?)")
		}
		t.patterns = append(t.patterns, pattern{re: regexp.MustCompile("^" + quoted + "$"), zh: zh})
	}
	return t
}

// Translate returns msg in locale (unchanged for English or an unknown message).
func (t *ValidationTranslator) Translate(locale, msg string) string {
	if locale != ZH {
		return msg
	}
	for _, p := range t.patterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i := range args {
				args[i] = m[i+1]
			}
			zh := strings.NewReplacer("%v", "%s", "%d", "%s").Replace(p.zh)
			return fmt.Sprintf(zh, args...)
		}
	}
	return msg
}
