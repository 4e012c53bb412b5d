package dictionary

import "github.com/kehu-crm/kehu/internal/platform/meta"

// Kind is one picklist of the dictionary.
type Kind struct {
	// Code is the kind's stable name, used in URLs and in entity metadata (`dict: <kind>`).
	Code  string
	Label meta.Label
}

// Kinds is the fixed catalogue of dictionary kinds, in the order the UI lists them.
var Kinds = []Kind{
	{"customer_level", meta.Label{ZH: "客户等级", EN: "Customer level"}},
	{"industry", meta.Label{ZH: "行业", EN: "Industry"}},
	{"region", meta.Label{ZH: "地区", EN: "Region"}},
	{"source", meta.Label{ZH: "来源渠道", EN: "Source / channel"}},
	{"activity_type", meta.Label{ZH: "活动类型", EN: "Activity type"}},
	{"buying_role", meta.Label{ZH: "决策角色", EN: "Buying role"}},
	{"service_type", meta.Label{ZH: "服务类型", EN: "Service type"}},
	{"satisfaction_level", meta.Label{ZH: "满意度", EN: "Satisfaction level"}},
	{"loss_reason", meta.Label{ZH: "丢单原因", EN: "Loss reason"}},
	{"churn_reason", meta.Label{ZH: "流失原因", EN: "Churn reason"}},
	{"competitor", meta.Label{ZH: "竞争对手", EN: "Competitor"}},
	{"unit", meta.Label{ZH: "计量单位", EN: "Unit"}},
}

// KindOf returns the catalogue entry of a kind code.
func KindOf(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}

// defaultItem is one built-in item seeded for a kind.
type defaultItem struct{ code, zh, en string }

// defaults are the built-in items of each kind, in their initial order.
var defaults = map[string][]defaultItem{
	"customer_level": {
		{"ordinary", "普通客户", "Ordinary"}, {"key", "重点客户", "Key"}, {"major", "大客户", "Major"},
		{"partner", "合作伙伴", "Partner"}, {"strategic", "战略客户", "Strategic"},
	},
	"industry": {
		{"manufacturing", "制造业", "Manufacturing"}, {"it", "信息技术", "Information technology"},
		{"finance", "金融", "Finance"}, {"retail", "零售", "Retail"}, {"healthcare", "医疗健康", "Healthcare"},
		{"education", "教育", "Education"}, {"real_estate", "房地产", "Real estate"},
		{"logistics", "物流运输", "Logistics"}, {"energy", "能源", "Energy"}, {"government", "政府与公共事业", "Government"},
		{"other", "其他", "Other"},
	},
	"region": {
		{"east", "华东", "East China"}, {"south", "华南", "South China"}, {"north", "华北", "North China"},
		{"central", "华中", "Central China"}, {"southwest", "西南", "Southwest China"},
		{"northwest", "西北", "Northwest China"}, {"northeast", "东北", "Northeast China"},
		{"overseas", "海外", "Overseas"},
	},
	"source": {
		{"search_ads", "搜索广告", "Search ads"}, {"trade_show", "展会", "Trade show"},
		{"referral", "客户介绍", "Customer referral"}, {"website", "官网", "Website"},
		{"cold_call", "电话拜访", "Cold call"}, {"social_media", "社交媒体", "Social media"},
		{"partner", "合作伙伴", "Partner"}, {"other", "其他", "Other"},
	},
	"activity_type": {
		{"call", "电话", "Call"}, {"email", "邮件", "Email"}, {"meeting", "会议", "Meeting"},
		{"visit", "拜访", "Visit"}, {"note", "备注", "Note"}, {"task", "任务", "Task"},
	},
	"buying_role": {
		{"decision_maker", "决策者", "Decision maker"}, {"influencer", "影响者", "Influencer"},
		{"user", "使用者", "User"}, {"gatekeeper", "把关者", "Gatekeeper"}, {"champion", "支持者", "Champion"},
	},
	"service_type": {
		{"consultation", "咨询", "Consultation"}, {"complaint", "投诉", "Complaint"},
		{"repair", "维修", "Repair"}, {"installation", "安装", "Installation"}, {"training", "培训", "Training"},
		{"suggestion", "建议", "Suggestion"},
	},
	"satisfaction_level": {
		{"very_satisfied", "非常满意", "Very satisfied"}, {"satisfied", "满意", "Satisfied"},
		{"neutral", "一般", "Neutral"}, {"dissatisfied", "不满意", "Dissatisfied"},
		{"very_dissatisfied", "非常不满意", "Very dissatisfied"},
	},
	"loss_reason": {
		{"price", "价格过高", "Price too high"}, {"competitor", "选择了竞争对手", "Chose a competitor"},
		{"no_budget", "没有预算", "No budget"}, {"no_decision", "未做决定", "No decision"},
		{"product_fit", "产品不满足需求", "Product does not fit"}, {"timing", "时机不对", "Bad timing"},
	},
	"churn_reason": {
		{"price", "价格原因", "Price"}, {"service", "服务不满意", "Unhappy with service"},
		{"quality", "产品质量", "Product quality"}, {"competitor", "转向竞争对手", "Moved to a competitor"},
		{"business_closed", "业务关闭", "Business closed"}, {"no_need", "不再需要", "No longer needed"},
	},
	"competitor": {
		{"other", "其他竞争对手", "Other competitor"},
	},
	"unit": {
		{"piece", "个", "Piece"}, {"set", "套", "Set"}, {"box", "箱", "Box"}, {"kg", "千克", "Kilogram"},
		{"meter", "米", "Meter"}, {"hour", "小时", "Hour"}, {"license", "许可", "License"}, {"year", "年", "Year"},
	},
}
