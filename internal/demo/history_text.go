package demo

import "math/rand/v2"

// note is an activity's text in one language: subject, content and outcome. Accounts with a
// foreign (English) name get English notes, the others Chinese ones.
type note struct{ subject, content, outcome string }

// notes are realistic activity texts per activity type code, Chinese first, then English.
var notes = map[string]struct{ zh, en []note }{
	"call": {
		zh: []note{
			{"电话回访：了解使用情况", "回访上季度采购的设备使用情况，询问是否有新的需求。", "客户反馈整体满意，提出希望增加培训课时。"},
			{"电话沟通报价细节", "就上周发送的报价单逐项确认数量和交付时间。", "对方认为价格偏高，希望再给 5% 折扣，需请示主管。"},
			{"预算确认电话", "确认客户今年的采购预算和审批流程。", "预算已冻结到第四季度，建议三季度末再跟进。"},
			{"首次电话联系", "通过展会名单首次联系采购负责人，介绍公司和产品。", "对方有兴趣，约定下周上门拜访。"},
			{"续约提醒电话", "提醒客户服务合同将于下月到期。", "客户同意续约，需要先走内部审批。"},
		},
		en: []note{
			{"Follow-up call on the pilot", "Asked how the pilot went and who else needs to be involved.", "Pilot went well; they want a proposal for all sites."},
			{"Call about the quote", "Walked through the quote line by line with procurement.", "They asked for a 5% discount; need approval from my director."},
			{"Budget check call", "Confirmed the budget cycle and the approval steps.", "Budget is frozen until Q4 — call again at the end of Q3."},
		},
	},
	"email": {
		zh: []note{
			{"发送产品资料和案例", "按客户要求发送产品白皮书和同行业客户案例。", "客户已回复确认收到，将在内部传阅。"},
			{"发送正式报价单", "发送 2026 年度框架协议报价单（含阶梯折扣）。", "等待对方采购部反馈。"},
			{"会议纪要邮件", "整理本周会议纪要并抄送双方项目组。", "对方补充了两项验收标准。"},
		},
		en: []note{
			{"Sent the case studies", "Sent the white paper and two case studies from their industry.", "They will share it with the IT team."},
			{"Sent the formal quote", "Sent the annual framework quote with volume discounts.", "Waiting for procurement's answer."},
		},
	},
	"meeting": {
		zh: []note{
			{"需求调研会议", "与客户 IT 部门和业务部门一起梳理需求和痛点。", "确认三个核心需求，下一步提交方案。"},
			{"方案评审会", "向客户管理层演示解决方案并答疑。", "决策层认可方案方向，要求补充实施计划和报价。"},
			{"季度业务回顾", "回顾本季度合作情况、服务工单和满意度。", "客户对响应速度满意，希望增加一次现场巡检。"},
		},
		en: []note{
			{"Requirements workshop", "Workshop with IT and operations to collect requirements.", "Three key requirements agreed; proposal next."},
			{"Quarterly business review", "Reviewed the quarter: orders, tickets and satisfaction.", "Happy with response times; want an on-site check."},
		},
	},
	"visit": {
		zh: []note{
			{"上门拜访采购负责人", "拜访客户采购部，了解供应商评估流程。", "对方正在评估三家供应商，我们的交付周期有优势。"},
			{"现场技术交流", "带技术工程师到现场查看设备运行环境。", "发现网络环境需改造，已记录在方案中。"},
			{"拜访总经理", "与总经理面谈长期合作意向。", "总经理支持合作，但竞争对手报价更低，需要突出服务优势。"},
		},
		en: []note{
			{"Site visit with the buyer", "Visited the buyer to learn their supplier evaluation.", "They compare three suppliers; our lead time wins."},
			{"Technical visit", "Brought an engineer to check the installation site.", "Network needs an upgrade; added to the proposal."},
		},
	},
	"note": {
		zh: []note{
			{"客户异议记录", "客户担心实施周期过长，影响年底上线。", ""},
			{"竞争对手信息", "得知竞争对手已提交报价，价格低约 8%。", ""},
			{"关键人变动", "原采购经理离职，新负责人下月到岗。", ""},
		},
		en: []note{
			{"Objection noted", "Worried the rollout takes too long for their year-end deadline.", ""},
			{"Competitor intelligence", "A competitor quoted about 8% lower.", ""},
		},
	},
	"task": {
		zh: []note{
			{"准备年度合作方案", "根据需求调研结果准备年度合作方案和报价。", "方案已提交客户。"},
			{"跟进合同审批进度", "确认合同在客户法务的审批进度。", "法务已审核完毕，等待盖章。"},
			{"安排产品培训", "为客户新员工安排线上产品培训。", "培训已完成，共 12 人参加。"},
			{"回访满意度", "项目上线一个月后回访客户满意度。", "客户评分 4 分，建议优化报表功能。"},
		},
		en: []note{
			{"Prepare the annual proposal", "Prepare the annual proposal and pricing from the workshop notes.", "Proposal sent."},
			{"Chase contract approval", "Check where the contract is in their legal review.", "Legal approved; waiting for signature."},
			{"Schedule product training", "Set up online training for their new staff.", "Training done, 12 attendees."},
		},
	},
}

// activityTypes are the dictionary's default activity type codes with their weights in the history.
var activityTypes = []struct {
	code   string
	weight int
}{{"call", 30}, {"email", 20}, {"visit", 15}, {"meeting", 10}, {"note", 10}, {"task", 15}}

func activityType(r *rand.Rand) string {
	n := r.IntN(100)
	for _, t := range activityTypes {
		if n < t.weight {
			return t.code
		}
		n -= t.weight
	}
	return "call"
}

// noteFor draws a text for an activity type, in English when en.
func noteFor(r *rand.Rand, typ string, en bool) note {
	set, ok := notes[typ]
	if !ok {
		set = notes["note"]
	}
	if en {
		return pick(r, set.en)
	}
	return pick(r, set.zh)
}

// ActivityTags are the tags demo activities carry.
var ActivityTags = []string{"跟进", "报价", "续约", "培训", "Follow-up"}
