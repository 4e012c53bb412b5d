package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// word is a Chinese word with the pinyin used for e-mail addresses and web sites.
type word struct{ zh, py string }

// city is where a company sits: its region code, telephone area code and districts.
type city struct {
	zh, py, region, area string
	districts            []string
}

var cities = []city{
	{"上海", "sh", "east", "021", []string{"浦东新区", "徐汇区", "静安区", "闵行区", "长宁区", "杨浦区"}},
	{"杭州", "hz", "east", "0571", []string{"西湖区", "滨江区", "余杭区", "拱墅区", "萧山区"}},
	{"南京", "nj", "east", "025", []string{"鼓楼区", "玄武区", "建邺区", "江宁区"}},
	{"苏州", "sz", "east", "0512", []string{"工业园区", "姑苏区", "吴中区", "高新区"}},
	{"宁波", "nb", "east", "0574", []string{"鄞州区", "海曙区", "江北区"}},
	{"合肥", "hf", "east", "0551", []string{"蜀山区", "包河区", "庐阳区"}},
	{"广州", "gz", "south", "020", []string{"天河区", "越秀区", "海珠区", "番禺区", "黄埔区"}},
	{"深圳", "sz", "south", "0755", []string{"南山区", "福田区", "宝安区", "龙岗区", "罗湖区"}},
	{"厦门", "xm", "south", "0592", []string{"思明区", "湖里区", "集美区"}},
	{"东莞", "dg", "south", "0769", []string{"南城街道", "松山湖", "长安镇"}},
	{"福州", "fz", "south", "0591", []string{"鼓楼区", "台江区", "仓山区"}},
	{"北京", "bj", "north", "010", []string{"海淀区", "朝阳区", "东城区", "西城区", "丰台区", "亦庄开发区"}},
	{"天津", "tj", "north", "022", []string{"和平区", "南开区", "滨海新区"}},
	{"济南", "jn", "north", "0531", []string{"历下区", "市中区", "高新区"}},
	{"青岛", "qd", "north", "0532", []string{"市南区", "崂山区", "黄岛区"}},
	{"石家庄", "sjz", "north", "0311", []string{"长安区", "裕华区"}},
	{"武汉", "wh", "central", "027", []string{"江汉区", "武昌区", "洪山区", "东湖高新区"}},
	{"长沙", "cs", "central", "0731", []string{"岳麓区", "芙蓉区", "天心区"}},
	{"郑州", "zz", "central", "0371", []string{"金水区", "二七区", "郑东新区"}},
	{"成都", "cd", "southwest", "028", []string{"武侯区", "锦江区", "高新区", "青羊区"}},
	{"重庆", "cq", "southwest", "023", []string{"渝中区", "江北区", "渝北区"}},
	{"昆明", "km", "southwest", "0871", []string{"五华区", "盘龙区"}},
	{"西安", "xa", "northwest", "029", []string{"雁塔区", "碑林区", "高新区"}},
	{"兰州", "lz", "northwest", "0931", []string{"城关区", "七里河区"}},
	{"沈阳", "sy", "northeast", "024", []string{"和平区", "沈河区", "浑南区"}},
	{"大连", "dl", "northeast", "0411", []string{"中山区", "沙河口区", "甘井子区"}},
	{"哈尔滨", "hrb", "northeast", "0451", []string{"南岗区", "道里区"}},
}

var roads = []string{"人民路", "中山路", "建设路", "解放路", "科技路", "创新大道", "长江路", "黄河路", "世纪大道",
	"文化路", "新华路", "和平路", "滨江大道", "东方路", "南京路", "学府路", "高新大道", "金融街"}

// brands are the distinctive middle part of a Chinese company name.
var brands = []word{{"星辰", "xingchen"}, {"云帆", "yunfan"}, {"华信", "huaxin"}, {"远航", "yuanhang"},
	{"博创", "bochuang"}, {"瑞丰", "ruifeng"}, {"金桥", "jinqiao"}, {"鼎盛", "dingsheng"}, {"恒通", "hengtong"},
	{"天诚", "tiancheng"}, {"嘉禾", "jiahe"}, {"凯旋", "kaixuan"}, {"宏达", "hongda"}, {"正泰", "zhengtai"},
	{"新锐", "xinrui"}, {"蓝海", "lanhai"}, {"智联", "zhilian"}, {"汇通", "huitong"}, {"明德", "mingde"},
	{"立信", "lixin"}, {"万象", "wanxiang"}, {"中科", "zhongke"}, {"东方", "dongfang"}, {"启明", "qiming"},
	{"锦程", "jincheng"}, {"海纳", "haina"}, {"睿思", "ruisi"}, {"卓越", "zhuoyue"}, {"长风", "changfeng"},
	{"青松", "qingsong"}, {"银河", "yinhe"}, {"峰云", "fengyun"}, {"普惠", "puhui"}, {"安达", "anda"},
	{"德润", "derun"}, {"泰和", "taihe"}, {"方圆", "fangyuan"}, {"九州", "jiuzhou"}, {"同创", "tongchuang"},
	{"新航", "xinhang"}, {"华宇", "huayu"}, {"恒瑞", "hengrui"}, {"光启", "guangqi"}, {"众诚", "zhongcheng"}}

// industryWords are the industry part of a company name per industry code (SPEC B1 defaults);
// an industry an administrator added falls back to "other".
var industryWords = map[string][]word{
	"manufacturing": {{"机械", "jixie"}, {"精密制造", "jingmi"}, {"电子", "dianzi"}, {"新材料", "xincailiao"}, {"汽车零部件", "auto"}},
	"it":            {{"科技", "tech"}, {"网络", "net"}, {"软件", "soft"}, {"信息技术", "it"}, {"数据", "data"}},
	"finance":       {{"金融服务", "finance"}, {"投资", "invest"}, {"融资租赁", "leasing"}, {"保险经纪", "insurance"}},
	"retail":        {{"商贸", "trade"}, {"百货", "store"}, {"连锁超市", "mart"}, {"电子商务", "shop"}},
	"healthcare":    {{"医疗器械", "medical"}, {"生物医药", "bio"}, {"健康科技", "health"}},
	"education":     {{"教育科技", "edu"}, {"培训", "training"}, {"文化教育", "learning"}},
	"real_estate":   {{"置业", "estate"}, {"地产", "property"}, {"物业管理", "pm"}},
	"logistics":     {{"物流", "logistics"}, {"供应链", "scm"}, {"国际货运", "cargo"}},
	"energy":        {{"新能源", "energy"}, {"光伏", "solar"}, {"电力设备", "power"}},
	"government":    {{"城市建设投资", "ucd"}, {"公用事业", "utility"}, {"水务", "water"}},
	"other":         {{"文化传媒", "media"}, {"咨询", "consulting"}, {"实业", "group"}, {"贸易", "trading"}},
}

var suffixes = []string{"有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司"}

// Foreign companies (English names), with a few typical places.
var (
	foreignPrefixes = []string{"Northwind", "Blue River", "Summit", "Pacific Rim", "Evergreen", "Nordic", "Apex",
		"Silverline", "Harbor", "Redwood", "Brightstone", "Meridian", "Crescent", "Oakridge", "Lakeside", "Sterling"}
	foreignIndustry = map[string]string{"manufacturing": "Manufacturing", "it": "Technologies", "finance": "Capital",
		"retail": "Retail", "healthcare": "Medical", "education": "Learning", "real_estate": "Properties",
		"logistics": "Logistics", "energy": "Energy", "government": "Infrastructure", "other": "Trading"}
	foreignPlaces = []struct {
		addr, phone, mobile, currency string
		suffixes                      []string
	}{
		{"1 Raffles Place, Singapore 048616", "+65 6555 %04d", "+65 9%07d", "SGD", []string{"Pte. Ltd."}},
		{"Friedrichstraße 68, 10117 Berlin, Germany", "+49 30 555 %04d", "+49 151 %08d", "EUR", []string{"GmbH", "AG"}},
		{"350 Fifth Avenue, New York, NY 10118, USA", "+1 212 555 %04d", "+1 917 %07d", "USD", []string{"Inc.", "LLC", "Corp."}},
		{"2-7-1 Marunouchi, Chiyoda-ku, Tokyo, Japan", "+81 3 5555 %04d", "+81 90 %08d", "JPY", []string{"Co., Ltd.", "K.K."}},
		{"25 Canada Square, London E14 5LQ, UK", "+44 20 5555 %04d", "+44 7%09d", "GBP", []string{"Ltd.", "plc"}},
		{"18 Harbour Road, Wan Chai, Hong Kong", "+852 5555 %04d", "+852 6%07d", "HKD", []string{"Limited", "Holdings Limited"}},
	}
)

var surnames = []word{{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"},
	{"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"}, {"徐", "xu"}, {"孙", "sun"}, {"马", "ma"},
	{"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"}, {"林", "lin"}, {"高", "gao"}, {"罗", "luo"},
	{"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}, {"唐", "tang"}, {"韩", "han"}, {"冯", "feng"},
	{"邓", "deng"}, {"曹", "cao"}, {"彭", "peng"}}

var givenNames = []word{{"伟", "wei"}, {"芳", "fang"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"}, {"强", "qiang"},
	{"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"}, {"杰", "jie"}, {"涛", "tao"},
	{"明", "ming"}, {"超", "chao"}, {"秀英", "xiuying"}, {"晓燕", "xiaoyan"}, {"建华", "jianhua"}, {"志强", "zhiqiang"},
	{"海燕", "haiyan"}, {"俊杰", "junjie"}, {"思远", "siyuan"}, {"雨桐", "yutong"}, {"子涵", "zihan"},
	{"浩然", "haoran"}, {"欣怡", "xinyi"}, {"宇航", "yuhang"}, {"佳琪", "jiaqi"}, {"文博", "wenbo"}, {"婷婷", "tingting"},
	{"国庆", "guoqing"}, {"春梅", "chunmei"}, {"振华", "zhenhua"}, {"梦瑶", "mengyao"}}

var (
	firstNames = []string{"James", "Emma", "Oliver", "Sophie", "Lucas", "Mia", "Daniel", "Hannah", "Thomas", "Laura",
		"Kenji", "Yuki", "Michael", "Anna", "David", "Sarah"}
	lastNames = []string{"Smith", "Miller", "Schmidt", "Tanaka", "Brown", "Wilson", "Müller", "Taylor", "Lee",
		"Anderson", "Fischer", "Clarke", "Nakamura", "Walker"}
)

var (
	titlesZh = []string{"总经理", "副总经理", "采购经理", "采购专员", "IT 总监", "财务总监", "技术负责人", "行政主管",
		"运营经理", "董事长", "项目经理", "市场总监"}
	titlesEn = []string{"CEO", "Managing Director", "Procurement Manager", "Buyer", "IT Director", "CFO",
		"Head of Engineering", "Office Manager", "Operations Manager", "Project Manager"}
	mobilePrefixes = []string{"138", "139", "136", "137", "135", "150", "151", "152", "158", "159", "186", "187",
		"188", "189", "133", "153", "180", "181", "177", "166", "199"}
	channels = []string{"phone", "phone", "wechat", "wechat", "wechat", "email", "sms", "visit"}
)

// AccountTags are the tags demo accounts carry.
var AccountTags = []string{"VIP", "重点跟进", "展会线索", "老客户", "高潜力", "续约关注", "渠道客户", "Key account"}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func mobile(r *rand.Rand) string {
	return fmt.Sprintf("%s%08d", pick(r, mobilePrefixes), r.IntN(100_000_000))
}

func landline(r *rand.Rand, c city) string {
	if len(c.area) == 3 {
		return fmt.Sprintf("%s-%d%07d", c.area, 5+r.IntN(5), r.IntN(10_000_000))
	}
	return fmt.Sprintf("%s-%d%06d", c.area, 5+r.IntN(5), r.IntN(1_000_000))
}

func address(r *rand.Rand, c city) string {
	return fmt.Sprintf("%s市%s%s%d号", c.zh, pick(r, c.districts), pick(r, roads), 1+r.IntN(999))
}

// person is a generated contact name with the local part of their e-mail address.
type person struct{ name, local string }

func chinesePerson(r *rand.Rand) person {
	s, g := pick(r, surnames), pick(r, givenNames)
	return person{s.zh + g.zh, s.py + "." + g.py}
}

func foreignPerson(r *rand.Rand) person {
	f, l := pick(r, firstNames), pick(r, lastNames)
	local := strings.ToLower(f + "." + strings.NewReplacer("ü", "ue").Replace(l))
	return person{f + " " + l, local}
}
