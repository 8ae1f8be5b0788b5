"""Word lists for contact-center policy text, Chinese (simplified, after folding) and English.

Concepts say what a statement is about (退货, 运费, 理赔...); scopes say for whom or for what it holds
(VIP, 国际, 基础版, 生鲜); cues give polarity and modality (可以/不得, 必须/无需, 收取/免收); channels
name where a procedure is done (电话, App, 官网...). Patterns run on folded (lower-case) text.
"""

# ruff: noqa: E501 (word lists read best one concept per line)
from __future__ import annotations

import re

# concept id -> (Chinese label, English label, pattern)
CONCEPTS: dict[str, tuple[str, str, str]] = {
    "return": (
        "退货",
        "returns",
        r"退货|退换|无理由退|退回商品|可退(?![款费还])|不退(?![款费还])|\breturn(?:s|ed|ing)?\b|send (?:it|them|items?) back",
    ),
    "exchange": ("换货", "exchanges", r"换货|换新|包换|调换|可换|\bexchange[sd]?\b|replacement"),
    "refund": ("退款", "refunds", r"退款|退费|退钱|退还|退票|\brefund(?:s|ed)?\b|money back"),
    "delivery": (
        "发货/配送",
        "delivery",
        r"发货|出货|配送|送达|派送|送货|到货|运送|发出|寄出|寄送|出库|快递|\bposted\b|\bmailed\b|\bdeliver(?:y|ed|ies)?\b|\bship(?:s|ped|ping)?\b|dispatch",
    ),
    "shipping_fee": (
        "运费",
        "shipping fee",
        r"运费|邮费|包邮|免运(?!费)|配送费|快递费|shipping fee|delivery fee|delivery charge|postage|free (?:standard |express |home )?(?:shipping|delivery)|ships? free|shipping costs?|for shipping|shipping (?:is|costs?|charges?)",
    ),
    "fee": (
        "手续费/费用",
        "fee",
        r"手续费|服务费|工本费|违约金|滞纳金|罚金|扣费|收费|\bfees?\b|surcharge|penalt(?:y|ies)|service charges?",
    ),
    "ext_warranty": ("延保", "extended warranty", r"延保|延长保修|extended warrant(?:y|ies)"),
    "warranty": ("保修", "warranty", r"保修|质保|三包|保固|\bwarrant(?:y|ies)\b|guarantee"),
    "install": ("安装", "installation", r"安装|装机|\binstall(?:ation|ed|ing)?\b"),
    "activation": ("激活/登记", "activation", r"激活|登记|\bactivat(?:e|ed|ion)\b|\bregist(?:er|ered|ration)\b"),
    "repair": ("维修", "repair", r"维修|修理|检测|\brepairs?\b|\bservic(?:e|ing) centre\b"),
    "claim": (
        "理赔",
        "insurance claims",
        r"理赔|索赔|赔付|赔款|报案|出险|\bclaims?\b|report (?:an? |the )?(?:accident|incident|loss)",
    ),
    "cooling_off": ("犹豫期", "cooling-off period", r"犹豫期|冷静期|cooling[- ]off|free[- ]look"),
    "waiting_period": ("等待期", "waiting period", r"等待期|观察期|waiting period"),
    "premium": ("保费", "premium", r"保费|保险费|\bpremiums?\b"),
    "coverage": ("保额/保障", "coverage", r"保额|保障|承保|保险金额|赔偿限额|\bcover(?:age|ed)?\b|sum insured"),
    "cancel": (
        "取消/退订",
        "cancellation",
        r"取消|退订|解约|退保|注销|销户|销号|退网|\bcancel(?:led|lation|ling)?\b|terminat|unsubscribe",
    ),
    "invoice": ("发票", "invoice", r"发票|开票|\binvoices?\b|fapiao|\bvat\b"),
    "receipt": ("凭证", "receipt", r"小票|收据|购物凭证|购买凭证|凭证|\breceipts?\b|proof of purchase"),
    "password": ("密码", "password", r"密码|\bpasswords?\b|passcode|\bpin\b"),
    "lock": (
        "账户锁定",
        "account lock",
        r"锁定|冻结|解锁|解冻|输错|错误次数|密码错误|错误达|\block(?:ed|s)?\b|\bfrozen\b|failed (?:login )?attempts?|wrong password",
    ),
    "verify_code": ("验证码", "verification code", r"验证码|校验码|verification code|\botp\b|one-time code"),
    "points": ("积分", "points", r"积分|\bpoints\b"),
    "coupon": ("优惠券", "coupon", r"优惠券|红包|代金券|折扣|满减|\bcoupons?\b|\bvouchers?\b|\bdiscounts?\b"),
    "subscription": (
        "会员费/订阅",
        "subscription",
        r"会员费|月费|年费|订阅|(?<!手)续费|自动续|\bsubscri|\brenew|membership fee|monthly fee|annual fee",
    ),
    "trial": ("试用", "trial", r"试用|体验期|\btrials?\b"),
    "price": ("价格", "price", r"价格|售价|定价|标价|价钱|多少钱|\bprices?\b|\bcosts?\b|\bpriced\b"),
    "rebook": (
        "改签",
        "changing a booking",
        r"改签|改期|\brebook|\bchang(?:e|ing) (?:a |your |the |my )?(?:domestic |international )?(?:flight|booking|ticket|date)s?",
    ),
    "booking": (
        "预约",
        "booking",
        # not "取消预约" (cancelling one) nor "预约时间前" (the time it is for)
        r"(?<!取消)(?<!改)(?:预约|预订)(?!时间|时段|日期|的时间|当天|当日)|订位|订座|订台"
        r"|\bbookings?\b|\b(?:to|can|please|must|may|you|we) book\b|\breserv(?:e|ation|ations)\b",
    ),
    # passing a card, ticket, place or room on to someone else, and someone else acting for the customer
    "handover": (
        "转让/转赠",
        "passing it on",
        r"转让|转赠|转借|转租|借给他人|给他人使用|他人使用|\btransferr?(?:ed|able)\b|\bsublet|\blend(?:ing)?\b",
    ),
    "proxy": (
        "代办",
        "someone acting for you",
        r"代办|代为办理|代为|委托他人|代领|代理人|受托人|\bon (?:your|their|his|her) behalf\b|\bproxy\b",
    ),
    "pets": ("宠物", "pets", r"宠物|\bpets?\b"),
    "session_length": (
        "每次时长",
        "how long a session lasts",
        r"每节课|每堂课|每次课|课程时长|每次(?:推拿|治疗|理疗|训练|按摩|护理)|\b(?:sessions?|class(?:es)?|lessons?) (?:lasts?|runs?)\b",
    ),
    "leave": (
        "请假",
        "missing a class",
        r"请假|\b(?:miss|skip) (?:a |the |your )?(?:class|lesson|session)s?\b|\babsence",
    ),
    "reentry": ("再次入场", "re-entry", r"再次入(?:园|场|馆|内)|再进|重新入(?:园|场|馆)|\bre-?entry\b|\bre-?enter"),
    "outside_food": (
        "自带食品",
        "outside food",
        r"外食|外卖|[自外]带(?:食品|食物|酒水|饮料)|携带(?:食品|食物|酒水|外卖)|outside food|(?:own|outside) (?:food|drinks)",
    ),
    "site_visit": (
        "上门勘测",
        "site visit",
        r"上门(?:测量|勘测|勘查|检测|量尺|量房|看现场)|到府(?:丈量|检测)|丈量|勘测|勘查|量房"
        r"|measurement visits?|site (?:visits?|surveys?)|survey visits?",
    ),
    "pause": ("暂停/停卡", "pausing", r"暂停(?!营业|服务|办理|受理|接待)|停卡|\bpaus(?:e|ed|es|ing)\b|\bsuspend"),
    "port_number": ("携号转网", "number porting", r"携号转网|携号转入|携转|number porting|port (?:your|a|the) number"),
    "withdraw": ("提现", "withdrawal", r"提现|取现|\bwithdraw"),
    "transfer": ("转账", "transfer", r"转账|汇款|\btransfers?\b"),
    "payment": (
        "付款/还款",
        "payment",
        r"付款|(?<!原)支付(?!方式|渠道|账户)|还款|缴费|缴纳|扣款|\bpay(?:ment|ments|ing)?\b(?! method)|\bdue\b",
    ),
    "bill": ("账单", "bill", r"账单|出账|\bbills?\b|billing|statement"),
    "overdue": ("逾期", "late payment", r"逾期|迟付|滞纳|\blate\b|overdue|past due"),
    "interest": ("利息", "interest", r"利息|利率|年化|\binterest\b|\bapr\b"),
    "response": ("回复", "response", r"回复|响应|答复|回电|联系您|\brepl(?:y|ies)\b|\brespon(?:d|se)\b|get back to"),
    "review": ("审核", "review", r"审核|审批|核实|核查|\breview(?:ed)?\b|\bapprov"),
    "arrive_money": (
        "到账",
        "credited",
        r"到账|原路退回|原路返回|退回原|原支付|original payment method|打款|打到|支付到|转入您|汇入|存入|\bcredited\b|\bpa(?:y|id) (?:it |the money )?(?:in)?to your|\b(?:we |will )pay you\b|back to (?:your|the) (?:original|card|account)|appear in your"
        r"|\breach(?:es)? your (?:bank |linked |alipay |wechat )?(?:account|card)\b|\bmoney (?:reaches|arrives|lands)\b",
    ),
    "reminder": ("提醒", "reminder", r"提醒|\bremind"),
    # "有效身份证件", "valid ID": a document that must be valid, not how long something stays valid
    "validity": (
        "有效期",
        "validity",
        r"有效期|有效(?!身份|证|处方|凭|发票|护照|票据|的?证明)|过期|失效|清零|\bexpir"
        r"|\bvalid\b(?! (?:id|photo id|passport|prescription|certificate|ticket|receipt|document))",
    ),
    "price_protect": (
        "价保",
        "price protection",
        r"价保|保价|价格保护|price protection|price match|price (?:of [a-z ]+)?(?:drops?|falls?|is reduced)",
    ),
    "address": ("地址", "address", r"地址|\baddress"),
    "service_hours": (
        "服务时间",
        "service hours",
        r"服务时间|营业时间|开放时间|开馆时间|工作时间|在线时间|客服时间|值班时间|人工服务时间|opening (?:hours|times)|business hours|service hours|available from|(?:is|are) open (?:every day |daily |on [a-z]+ )?from",
    ),
    "age": ("年龄", "age", r"年龄|周岁|\baged?\b"),
    "device": ("设备", "devices", r"设备|终端|\bdevices?\b"),
    "data": ("流量", "data allowance", r"流量|\bdata\b"),
    "storage": ("存储空间", "storage", r"存储|云空间|容量|\bstorage\b"),
    "deposit": ("押金", "deposit", r"押金|保证金|订金|定金|\bdeposits?\b"),
    "installment": ("分期", "instalments", r"分期|\binstal?lments?\b"),
    "compensation": ("赔偿", "compensation", r"赔偿|补偿|赔付金|\bcompensat|\breimburs"),
    "pickup": ("上门取件", "pickup", r"上门取件|取件|自提|\bpick[- ]?up\b|\bcollect(?:ion)?\b"),
    "id_verify": (
        "实名认证",
        "identity verification",
        r"实名|身份证|身份验证|人脸识别|\bidentity\b|\bid card\b|\bkyc\b",
    ),
    "account": ("账户", "account", r"账户|账号|\baccounts?\b"),
    "plan_change": (
        "套餐变更",
        "plan change",
        r"升级|降级|变更套餐|更换套餐|\bupgrade|\bdowngrade|switch(?:ing)? plans?",
    ),
    "complaint": ("投诉", "complaints", r"投诉|\bcomplain"),
    "document": ("材料", "documents", r"材料|证明|病历|诊断|资料|\bdocuments?\b|medical records?|certificate"),
    "loss_report": ("挂失", "card loss", r"挂失|补卡|补办|\blost card\b|report (?:it|the card) lost"),
    "order_change": (
        "订单修改",
        "order change",
        r"修改订单|改单|修改收货|(?:修改|更改|改)(?:收货)?地址|change (?:the |your )?(?:order|address)",
    ),
}

# Anchors: a concept right before one of these marks when a period starts, not what it is about.
ANCHOR_AFTER = re.compile(r"^\s*(?:后|之后|以后|之日起|起|当日起|当天起|成功后|完成后|前|之前|以前)")
ANCHOR_BEFORE = re.compile(r"(?:after|from|of|following|before|prior to)\s+(?:the\s+|your\s+|we\s+|you\s+)?$")

# A quantity is a threshold (not the amount itself) when introduced like this: 满 99 元, over $50, 99 元以上.
THRESHOLD_BEFORE = re.compile(
    r"(?:满|超过|超出|高于|达到|不低于|大于|不满|低于|未满|不足|少于|订单金额|over|above|exceed(?:ing|s)?|more than|at least|less than|under|orders? of)\s*$"
)
CAP_BEFORE = re.compile(
    # "上限为每户 5000 元": the cap, then whom it is counted per
    r"(?:(?:最高|最多|封顶|上限|至多|单笔最高)(?:为|是|提高至|提高到|调整为|调整至|上调至|下调至|降至|改为)?\s*(?:每[\u4e00-\u9fff])?|不超过|capped at|up to|maximum(?: of)?|at most|max\.?)\s*$"
)
CAP_AFTER = re.compile(r"^\s*(?:封顶|为上限|上限)")
THRESHOLD_AFTER = re.compile(
    r"^\s*(?:以上|及以上|或以上|以下|起|及以内的订单|后(?:仍|还|依然|尚)|or more|and above|or above|\+|and (?:up|over|older)"
    r"|or (?:over|older))"
)

# scope key -> [(value, pattern)], first match wins within a key (specific before generic).
# Words that leave days out of a timetable or a period ("周末暂停交易", "星期六、日不计")
CLOSED_DAYS = r"不计|除外|暂停|休息|不营业|不开放|休馆|闭馆|关闭|不办理|不受理|\bclosed\b"

SCOPES: dict[str, list[tuple[str, str]]] = {
    "tier": [
        ("nonmember", r"非会员|非vip|non-members?|guest"),
        ("diamond", r"钻石|diamond"),
        ("platinum", r"白金|platinum"),
        ("gold", r"黄金会员|金卡|gold member|\bgold\b"),
        ("silver", r"银卡|白银|silver"),
        ("vip", r"vip|plus会员|plus 会员|尊享会员|高级会员|premium members?|svip"),
        (
            "regular",
            r"普通会员|普通用户|普通客户|一般用户|一般客户|标准会员|regular customers?|standard members?",
        ),
        # households on benefits get their own allowances ("低保、特困家庭每户上限 8000 元")
        ("low_income", r"低保|特困|低收入|困难家庭|困难群众|\blow-income\b"),
        ("new", r"新用户|新客户|新注册|首单|首次下单|first-time|new customers?|new users?|first order"),
        (
            "enterprise",
            r"企业客户|企业用户|企业团购|企业团队|商业用户|商业客户|工商业用户|非居民用户|商户|对公"
            r"|business customers?|commercial (?:customers?|users?|premises)|corporate|merchants?",
        ),
        ("student", r"学生|students?"),
        ("senior", r"老年|长者|\bseniors?\b"),
        # a member tier named by its card ("黑卡会员", "鲜卡会员", "black card members"); 年卡 is a term
        (
            "card",
            r"(?![年月季周次])[\u4e00-\u9fff]卡会员|\b(?:black|purple|blue|red|green) card (?:members?|holders?)\b",
        ),
        ("member", r"会员|\bmembers?\b"),
    ],
    "region": [
        ("hmt", r"港澳台|香港|澳门|台湾|hong kong|macau|macao|taiwan"),
        ("remote", r"偏远|新疆|西藏|青海|内蒙古|remote areas?"),
        ("intl", r"国际|海外|境外|跨境|出国|出境|其他国家|international|overseas|cross-border|abroad"),
        ("domestic", r"国内|中国大陆|内地|大陆|境内|domestic|mainland"),
        # "江浙沪以外地区": the rest of the country, beside a region the lexicon may not know
        ("elsewhere", r"以外(?:的)?地区|其他地区|其余地区|other (?:areas|regions|provinces)|elsewhere"),
        # within a city: the centre and the outskirts get different service times
        ("urban", r"市区|城区|市内|\burban\b|city cent(?:re|er)|downtown"),
        ("suburban", r"郊区|远郊|近郊|农村|乡镇|\brural\b|suburb"),
        # prices and allowances by city tier: "一线城市（北上广深）600 元" / "县级城市 38000 元"
        ("tier1_city", r"一线城市|一二线城市|北上广深|\btier-1 cit(?:y|ies)\b"),
        ("lower_city", r"(?<!一)二线城市|[三四五]线城市|县级城市|县城|下沉市场|\blower-tier cit(?:y|ies)\b"),
    ],
    # a rush service is its own case: "加急 5 个工作日" does not contradict "一般 15 个工作日"
    "speed": [
        ("express", r"加急|急件|特急|\bexpedited\b|\bexpress (?:service|processing)\b|\brush\b|priority processing"),
        ("standard", r"普通件|标准件|常规办理|\bstandard (?:service|processing)\b"),
    ],
    "plan": [
        # "Plan B", "B 套餐", "B plan"; not "Basic plan" nor "a plan"
        (
            "letter-" + letter,
            rf"\b{letter}\s*(?:套餐|计划|档)|\bplan\s+{letter}\b" + ("" if letter == "a" else rf"|\b{letter}\s+plan"),
        )
        for letter in "abcd"
    ]
    + [
        (name, r"(?:" + pattern + r")\s*(?:版|套餐|计划|会员|plan|tier|edition|package)")
        for name, pattern in [
            ("basic", r"基础|入门|basic|starter|lite"),
            ("standard", r"标准|standard"),
            ("premium", r"高级|尊享|旗舰|premium|pro"),
            ("family", r"家庭|family"),
            ("business", r"企业|商业|团队|business|team|enterprise"),
            ("personal", r"个人|personal|individual"),
            ("free", r"免费|free"),
            ("unlimited", r"无限|unlimited"),
        ]
    ]
    + [
        ("monthly", r"月付|按月付费|连续包月|monthly plan|monthly billing"),
        ("annual", r"年付|按年付费|连续包年|年费会员|年卡|annual (?:plan|membership|subscription)|yearly plan"),
    ],
    "goods": [
        ("listed", r"以下商品|下列商品|以下情况|下列情况|以下情形|the following (?:items|products|cases)|these items"),
        ("fresh", r"生鲜|水果|蔬菜|冷冻|冷链|fresh food|perishable"),
        ("custom", r"定制|个性化|刻字|\bcustom(?:ized|ised)?\b|personali[sz]ed|made-to-order"),
        ("bulky", r"大件|大家电|家具|bulky|large (?:items?|appliances?)|furniture"),
        ("intimate", r"内衣|贴身|泳衣|underwear|swimwear"),
        ("virtual", r"虚拟|充值卡|礼品卡|点卡|游戏币|gift cards?|digital goods|virtual"),
        ("medical_device", r"医疗器械|medical devices?"),
        ("medicine", r"药品|medicines?"),
        ("cosmetics", r"化妆品|护肤品|美妆|cosmetics|skincare"),
        ("food", r"食品|零食|饮料|\bfood\b|groceries"),
        ("electronics", r"数码|电子产品|笔记本电脑|平板电脑|耳机|electronics|laptops?|tablets?"),
        ("appliance", r"家电|电器|冰箱|洗衣机|空调|appliances?"),
        ("clothing", r"服装|服饰|鞋|clothing|apparel|shoes"),
        ("books", r"图书|书籍|电子书|有声书|\be-?books?\b|audiobooks?"),
    ],
    "reason": [
        ("noreason", r"非质量问题|无理由|change of mind|no reason|without (?:giving )?a reason|no questions asked"),
        ("quality", r"质量问题|性能故障|故障|破损|损坏|瑕疵|defect|faulty|damaged|broken|not working"),
    ],
    "state": [
        ("opened", r"(?<![未不])(?:拆封|开封|开罐|开瓶|开袋)|已使用|已激活|激活后|\bopened\b|activated"),
        ("unopened", r"未拆封|未开封|未开罐|未使用|未激活|包装完好|unopened|unused|sealed|original packaging"),
    ],
    "line": [
        ("medical", r"医疗险|医疗保险|medical insurance|health insurance"),
        ("critical", r"重疾险|重大疾病|critical illness"),
        ("accident", r"意外险|意外伤害|accident insurance|personal accident"),
        ("life", r"寿险|人寿|life insurance"),
        ("auto", r"车险|机动车|交强险|car insurance|auto insurance|motor"),
        ("travel", r"旅行险|旅游险|境外旅行|travel insurance"),
        ("property", r"财产险|家财险|home insurance|property insurance"),
    ],
    "credential": [
        ("service", r"服务密码|查询密码|service password|service pin"),
        ("login", r"登录|登陆|登入|\blog ?in\b|\bsign[- ]in\b"),
        ("payment", r"支付密码|交易密码|payment password|payment pin|transaction pin"),
        ("atm", r"取款密码|atm pin"),
    ],
    # what a warranty or a price is for: a repaired or spare part, or the whole device (the default)
    "item": [
        (
            "part",
            r"维修后的部件|维修后的配件|维修件|更换的部件|换下的部件|零部件|配件(?![齐完不缺])|附件(?![齐完不缺])|repaired parts?|replacement parts?"
            r"|spare parts?|\bparts\b|accessor(?:y|ies)|consumables?",
        ),
        ("whole", r"整机|主机|机身|phone itself|device itself|whole device"),
    ],
    # what a ticket or booking is for: a fee for changing a flight says nothing of a train ticket
    "ticket": [
        ("flight", r"机票|航班|航空|登机|\bflights?\b|\bairlines?\b|\bair tickets?\b"),
        ("train", r"火车|高铁|动车|列车|\btrains?\b|\brail\b"),
        ("hotel", r"酒店|饭店|宾馆|民宿|\bhotels?\b"),
    ],
    # adults and children are priced and served apart ("成人…1200 元" / "儿童…1500 元")
    "age_group": [
        ("child", r"儿童|少儿|小孩|孩子|幼儿|婴儿|未成年|\bchild(?:ren)?\b|\bkids?\b|\binfants?\b"),
        # not the adult who comes along ("须由成人陪同", "accompanied by an adult")
        ("adult", r"(?:购票|监护)?成(?:年)?人(?!陪同|监护)|(?<!by an )\badults?\b"),
    ],
    # "此类机型的保修期为一年": a kind the text described before, not the thing in general
    "referred": [
        ("kind", r"(?:^|(?<=[，。：:\"“]))\s*(?:此类|这类|该类|此种|这种)(?=[\u4e00-\u9fff]{1,4}(?:的|[，,]))")
    ],
    # tolls, parking and ferries price heavy vehicles apart ("货车 85 折" / "ETC 通行费 95 折"); a car is
    # what such a rule means when it names none
    "vehicle": [
        ("truck", r"货车|卡车|货运车辆|\btrucks?\b|\blorr(?:y|ies)\b|\bvans?\b"),
        ("bus", r"大巴|大客车|\bbus(?:es)?\b"),
        ("motorbike", r"摩托车|\bmotorcycles?\b|\bmotorbikes?\b"),
    ],
    # pre-orders ship on their own dates ("预售款付款后 15 天内发货" / "现货 48 小时内发出")
    "stock": [
        ("preorder", r"预售(?!期)|预订款|预定款|\bpre-?orders?\b"),
        ("instock", r"现货|\bin[- ]stock\b"),
    ],
    # a private room and the main hall are booked and priced apart ("包间订金 1000 元" / "大厅每桌 500 元")
    "room": [
        ("private", r"包间|包厢|雅间|\bprivate (?:dining )?rooms?\b"),
        ("hall", r"大厅|大廳|散座|散台|\bmain hall\b"),
    ],
    # a single journey and a return journey are priced apart ("往返票 150 元" / "单程票 80 元")
    "trip": [
        ("roundtrip", r"往返|来回票|round[- ]trip|\breturn (?:tickets?|fares?)\b"),
        ("oneway", r"单程|one[- ]way|\bsingle (?:tickets?|fares?|journeys?)\b"),
    ],
    # the way back: who pays to send a return is another question than who pays to ship an order
    "leg": [
        (
            "back",
            r"(?:寄回|回寄|退回|退货|往返|返程|拒收)的?\s*(?:运费|邮费|快递费)|拒收|return (?:shipping|postage)|shipping (?:it |them )?back|cost of sending (?:it|them|items?) back",
        )
    ],
    # a fee waived when the airline or a delay caused the change is not the fee for a change of mind
    "cause": [
        ("involuntary", r"非自愿|航班延误|航班取消|因航空公司|天气原因|\binvoluntary\b|cancell?ed by the airline"),
        ("voluntary", r"(?<!非)自愿|\bvoluntar(?:y|ily)\b"),
    ],
    # a rule for what the agent may do ("坐席无法代为重置") is not a rule for the customer
    "doer": [("agent", r"代为|代客户|替客户|帮客户|on (?:your|the customer's|their) behalf|for the customer")],
    # who does it: the company itself or a third party (bank, courier, insurer, police)
    "actor": [
        (
            "third",
            r"银行|发卡行|\bthe bank\b|\bbanks?\b|承运商|快递公司|\bcouriers?\b|\bcarriers?\b|保险公司|\binsurers?\b|警方|\bpolice\b|\bthey\b",
        ),
        ("self", r"我们|我司|本公司|\bwe\b|\bus\b"),
    ],
    # rooms are priced by how many share them ("单人间床位费 260 元" / "双人间 120 元")
    "occupancy": [
        ("single", r"单人间|单人房|单人病房|\bsingle rooms?\b"),
        ("double", r"双人间|双人房|双人病房|标准间|标间|双床房|\b(?:double|twin) rooms?\b"),
        ("shared", r"三人间|四人间|多人间|多人病房|\bdormitor(?:y|ies)\b|\bdorms?\b"),
    ],
    # women and men are often given different limits ("女性体重不低于 45 公斤" / "男性 55 公斤以上")
    "gender": [
        ("female", r"女性|女士|女生|女方|妇女|\bwomen\b|\bfemale\b|\bladies\b"),
        ("male", r"男性|男士|男生|男方|\bmen\b|\bmale\b"),
    ],
    # a case the text itself sets apart, saying why it differs ("科创板…要求相对更高", "交通枢纽点位运营成本较高",
    # "随迁子女单独设置报名通道", "特殊场次"): not the general rule restated
    "apart": [
        # "与区内普通线路的运营时间不同", "与日常积分分开计算": the text says its case is not the other one
        ("unlike", r"与[^。；，,]{1,20}(?:不同|分开计算|分别计算|不一样)|分开计算|单独计算"),
        (
            "special",
            r"(?:要求|成本|难度|风险|门槛)(?:相对)?(?:更|较)高|相对更高|单独设置|单独开设|另行规定|另有规定"
            # "因需要与户籍地核验…，审核时限为 5 个工作日", "缓苗期较长", "同样为 20%": why this case takes
            # more, or that it merely matches another; a notice that changes the rule says 调整为 instead
            r"|(?:(?<![原起基诱])因|由于|因为)(?:需|需要)(?![^。；]*(?:调整|改为|改成|延长|缩短|上调|下调|提高|降低))"
            r"|(?:较长|较复杂|复杂|最繁忙|较重)(?![^。；]*(?:调整|改为|改成|延长|缩短|上调|下调|提高|降低))"
            r"|同样为"
            # "因此成人钢琴课只需提前 12 小时", "其余规则与普通充电站一致": why this case differs, or that
            # only the rest is shared with the ordinary one
            r"|因此(?![^。；]*(?:调整|改为|改成|延长|缩短|上调|下调|提高|降低))|其余[^。；，,]{0,6}与[^。；，,]{1,12}(?:一致|相同)"
            # "特殊场次": a kind set apart; but "雪票属于特殊票务" says what the thing itself is
            r"|(?<!属于)(?<!属)(?<!是)(?<!为)特殊(?![情原说要])[\u4e00-\u9fff]{2}",
        ),
    ],
    # a special offer is its own case: "开业特惠 70 元" does not restate the price list
    "offer": [
        (
            "special",
            r"专属|专享|特惠|限时|促销|开业|会员日|活动期间|special offer|launch offer|\bexclusive\b|promotional|limited-time",
        ),
    ],
    # a holiday price or a flu-season visiting time is its own case ("节假日顺延" is not: no 期间)
    "when": [
        (
            "holiday",
            r"节假日期间|[\u4e00-\u9fff]{1,3}节期间|大促|春节|国庆|五一假期|黄金周|寒暑假期间|暑假|寒假|暑期"
            r"|(?:清明|端午|中秋|元旦|元宵|除夕|重阳|圣诞)节?(?:期间|假期|当天|前后|小长假|至)|正月|腊月"
            r"|\bchristmas\b|\b(?:lunar|chinese) new year\b|\bspring festival\b"
            r"|holiday (?:season|period)|during (?:public )?holidays"
            r"|summer (?:holidays?|vacation|break)",
        ),
        (
            "season",
            r"高发期|高发季|高峰期|旺季|淡季|(?<!因)[夏冬]季(?=期间|营业期|运营期|作息|\s*[(（])|peak season|low season|flu season"
            r"|(?:每年)?\s*[0-9一二三四五六七八九十]{1,2}\s*月\s*(?:[0-9一二三四五六七八九十]{1,3}\s*[日号]\s*)?(?:至|到|-|—|~)"
            r"\s*(?:次年|翌年)?\s*[0-9一二三四五六七八九十]{1,2}\s*月",
        ),
        # weekend and weekday prices or hours are two timetables; "周末顺延" only moves a deadline
        (
            "weekend",
            r"(?<![至到~\-–—含遇逢因于])(?:周六|周日|星期六|星期日|星期天|周末|双休日)"
            r"(?!顺延|除外|不计|计|在内|照常|也|无休|不休|及节假日顺延)"
            # "（星期六、日及公众假期不计）", "周末及法定节假日暂停交易": days left out, not a timetable of their own
            rf"(?![^，。；,;:：()（）]{{0,8}}?(?:{CLOSED_DAYS}))"
            r"|\bweekends?\b(?! included)|\bon saturdays?\b|\bon sundays?\b",
        ),
        (
            "weekday",
            r"周一至周五|周一到周五|星期一至星期五|星期一到星期五|平日|每个(?:银行)?工作日"
            r"|(?<![个0-9一二三四五六七八九十两几])工作日(?![内之])"
            r"|\bweekdays?\b|\bmonday (?:to|through|-) friday\b|\bmon-fri\b",
        ),
    ],
    "bought": [
        (
            "store",
            r"(?:门店|线下|实体店|专柜|柜台)\s*(?:购买|购|下单|的订单)|in-store purchases?|bought in (?:a |our )?stores?",
        ),
        (
            "online",
            r"(?:线上|网上|官网|app|商城)\s*(?:购买|购|下单|的订单)|online (?:purchases?|orders?)|bought online",
        ),
        (
            "thirdparty",
            r"(?:天猫|京东|拼多多|第三方平台|第三方)\s*(?:购买|购|下单|店铺|的订单)?|third-party (?:platforms?|sellers?)",
        ),
    ],
}
UNIVERSAL = re.compile(
    r"所有|全部|一律|任何|无论|不论|不分|全体|均需|均须|均应|均要|均会|均收|\ball (?:customers|users|members|orders|accounts|plans|products|items)\b|everyone|regardless|any customer|every (?:customer|product|item|order)"
)

# Polarity cues per axis. Negative patterns are tried before positive ones at each position.
# permit: can / cannot; require: must / need not; charge: is charged / is free or exempt.
CUES: list[tuple[str, bool, str]] = [
    (
        "charge",
        False,
        r"不收取|不(?:要|花|用)(?:任何|一分)?钱|不用花钱|分文不收|零费用|零收费|\bcosts? (?:you )?nothing\b|\bno cost\b|\bnor\b[^.;]{0,40}\b(?:may|can|will|shall) charge\b|不收|不另收|不额外收取|(?:无需|无须|不需要|不用|不必)(?:另外|额外|另|再)?(?:支付|缴纳|付费|付钱|交钱|付|补交|补缴)|不另外收|免收|免除|免费|免手续费|免运费|免运|免单|免[\u4e00-\u9fff]{1,4}?(?:费|押金)(?!门槛|标准|条件|规则|政策|活动)|豁免|零手续费|包邮(?!门槛|标准|条件|规则|政策|活动)|由我们承担|由商家承担|由平台承担|由本公司承担|\bwaived?\b|\bexempt(?:ed)?\b|free of charge|\bfor free\b|\b(?:is|are) on us\b|on the house|no (?:extra |additional )?(?:fee|charge)s?\b|at no (?:extra )?cost|not charged|won't be charged|will not be charged|(?:do|does|will|we) not charge|(?:don't|doesn't|won't|never) charge|\bfree\b",
    ),
    (
        "charge",
        True,
        r"不包邮|不免|(?:需|须|应)(?:提前|先行|先|另行|另外|额外|预先)?(?:支付|缴付|交纳|缴纳)|需要(?:您)?(?:另外|额外|另行|再)(?:支付|缴纳|付费)|到付|(?<![无不免毋])(?:需|须)(?:按|由|向)[^，。；,;]{1,12}?(?:支付|缴付|交纳|缴纳|负担|承担)|需承担|须承担|自行承担|自行负担|由买家承担|由客户承担|由您承担|由用户承担|收取|加收|另收|额外收|补交|补缴|补收|另计|另算|\bincurs?\b|收[\u4e00-\u9fff]{0,3}费(?!标准|明细|项目|说明)|扣除|扣取|另付|需付费|付费|\bcharged?\b|\bbilled\b|\bcosts?\b|\bfees? appl(?:y|ies)\b|补付|(?<![提递])交费|分摊|must pay|need to pay|have to pay|pays? (?:for|the)|deduct(?:ed)?|at (?:your|the customer's) (?:own )?(?:cost|expense)",
    ),
    (
        "require",
        False,
        r"无需|无须|不需要|不需|不用|不必|不强制|非强制|不要求|并非必须|不是必须|不一定要|\boptional\b|not (?:mandatory|compulsory|obligatory)|免于提供|免提供|免审|没必要|\bno need\b|not (?:be )?required|not necessary|(?:don't|do not|doesn't|does not) (?:need|have) to|without (?:a |the |any )?(?:receipt|invoice|proof|document|reason|reservation|booking|appointment)"
        r"|\bno (?:[a-z-]+ ){1,3}(?:is |are )?(?:needed|required|necessary)\b",
    ),
    (
        "require",
        True,
        r"必须|务必|须|需要|需|应当|应|要求|(?<!not )\bmandatory\b|(?<!not )\bcompulsory\b|请(?:提供|提交|携带|上传|出示|准备|附上)|\bwe (?:need|require)\b|\bmust\b|(?<!no )\brequired?\b|\bneed(?:s)? to\b|\bhave to\b|\bhas to\b|\bplease (?:provide|bring|attach|submit)\b",
    ),
    (
        "permit",
        False,
        r"不可以|不可|不能|不得|不允许|不支持|不予|不接受|不受理|不办理|不提供|不适用|不享受|不包括|不包含|不接待|不属于|不在.{0,8}范围|无法|没办法|没有办法|禁止|严禁|恕不|概不|谢绝|不退|不换|\bcannot\b|can't|\bcan not\b|may not|must not|mustn't|not (?:be )?(?:allowed|permitted|eligible|accepted|supported|available|possible|refundable|returnable|covered)|ineligible|\bnon-(?:refundable|transferable|returnable|exchangeable)\b|\bno (?:refunds?|returns?|exchanges?)\b|(?:is|are|will|can) not be (?:refunded|returned|exchanged|accepted|changed|cancell?ed)|(?:isn't|aren't|won't be) (?:refundable|returnable|accepted|allowed|possible)",
    ),
    (
        "permit",
        True,
        r"可以|可享|可申请|可退|可换|可在|可通过|可凭|可|能够|能|支持|允许|受理(?!之日|日|后|时|起)|接受|享受|享有|适用|提供|有权|欢迎(?=携带|自带|带上?|入住|入场)|\bcan\b|\bmay\b|(?<!not )\beligible\b|(?:is|are|will be|get) refunded|allowed|accepted|supported|entitled|\bcovered\b",
    ),
]

CHANNELS: dict[str, tuple[str, str, str]] = {
    "phone": (
        "电话",
        "phone",
        r"电话|热线|致电|拨打|来电|400[-\d]*|95\d{3}|\bcall(?:ing)?\b|\bphone\b|hotline|telephone",
    ),
    "app": ("App", "the app", r"(?<![a-z])app(?![a-z])|客户端|手机应用|移动端|手机银行|\bmobile (?:app|banking)\b"),
    "web": (
        "官网",
        "the website",
        r"官网|官方网站|网站|网页|控制台|control panel|网上银行|网银|online banking|pc端|电脑端|\bwebsite\b|web portal|online portal|\bportal\b",
    ),
    "wechat": ("微信", "WeChat", r"微信|公众号|小程序|小程式|wechat|mini[- ]program"),
    "email": ("邮件", "email", r"电子邮件|邮件|邮箱|e-?mail"),
    "home": (
        "上门",
        "at your home",
        r"上门(?:取回|回收|取件|收取|服务|办理)|安排师傅上门|到府|\bwe (?:collect|pick up)\b|\bcollect (?:it|them) from you\b",
    ),
    "chat": ("在线客服", "live chat", r"在线客服|智能客服|人工客服|在线咨询|live chat|online chat|chat with"),
    "store": (
        "门店",
        "in store",
        r"门店|门市|营业厅|网点|柜台|临柜|窗口|前台|service halls?|\b(?:at|to|in) (?:a|any|one of our|our|the) (?:[a-z]+ )?(?:store|shop|branch|office)s?\b|现场(?:办理|报名|登记|缴费|核验|填表|购票|申请)|线下|实体店|服务中心|\bbranch(?:es)?\b|\bin person\b|\bin store\b|service cent(?:re|er)"
        r"|专柜|售票处|服务大厅|营业部|服务站|居委会|村委会|办事处|管理处|亲临|front desk|reception desk|\b(?:ticket|release|service) (?:window|desk|counter)s?\b|\bcounters?\b",
    ),
    "post": ("邮寄", "by post", r"邮寄|寄送纸质|纸质材料寄|\bby post\b|\bby mail\b"),
    "sms": ("短信", "SMS", r"短信|(?<![a-z])sms(?![a-z])|text message"),
    # the chat apps of Hong Kong, Taiwan and abroad, as a contact center names them
    "messenger": ("WhatsApp/LINE", "WhatsApp or LINE", r"whatsapp|\bline\s*(?:官方|official)"),
    # any remote channel ("暂不支持线上办理", "cannot be done online"); it covers the app, website and WeChat
    "online": (
        "线上",
        "online",
        r"线上(?:办理|申请|提交|操作|渠道|报名|登记|预约|缴费|支付|签约)|网上[^，。；,;]{0,3}(?:办理|申请|提交|报名|预约|缴费)|网办|在手机上办|\bonline\b(?!\s+(?:chat|banking|help|customer service))",
    ),
}
REMOTE_CHANNELS = frozenset({"app", "web", "wechat"})
ACTIONS = re.compile(
    r"申请|办理|送回|送还|归还|取回|领取|自取|签收|订台|订座|订位|\bbook(?:ed|ings?)?\b|\bbr(?:ing|ought) (?:it |them )?back\b|提交|上传|寄回|报名|登记|激活|下单|预订|订购|缴费|充值|兑换|退订|续费|开通|认证|受理|获取|销户|购票|售票|发售|转出|补办|\bupload|修改|更改|报案|注销|取消|开具|预约|挂失|投诉|重置|找回|解锁|解冻|发起|联系|咨询|\bapply\b|\bsubmit|\brequest|\bfile\b|\breport(?:ed|s)?\b|\bchange\b|\bupdate\b|\breset\b|\bcancel\b|\bcontact\b|\bunlock\b|\bregister\b|\bsign up\b|\benrol|\bactivate\b|\border\b|\bissued\b|\bobtain|\bget (?:the|your|a)\b"
    r"|解绑|绑定|递交|领奖|查询|请假|退押|报失|申报|提货|取票|换票|寄件|冻结|过户|改约|改签|退票|补卡|换卡|签订|签署|签约|订餐|点餐|续药|配药|报价|申诉|\breturn(?:s|ed)?\b|\bdelet(?:e|ed|ion)\b|\bcollect(?:ed)?\b"
    r"|\bhandled\b|\bprocess(?:ed)?\b|\brenew(?:als?|ed|s)?\b|\bpa(?:y|id)\b"
)
EXCLUSIVE = re.compile(
    r"仅|只能|只可|只接受|只支持|唯一|仅限|统一|一律|必须|(?<![无毋必])须(?!知)|务必|\bonly\b|exclusively|solely|\bmust\b"
)
# "only" in so many words: with a channel it says where a thing is done, whatever the verb
ONLY = re.compile(r"仅|只能|只可|只接受|只支持|仅限|\bonly\b|exclusively|solely")
NOTIFY = re.compile(r"通知|提醒|推送|发送至|发送到|告知|notif|we will (?:send|text|email)|you will receive")
NEGATION = re.compile(
    r"不|无法|没办法|没法|无需|无须|未|没有|暂不|下线|停用|do not need|don't need|\bnot\b|\bno\b|cannot|can't|won't|no longer|\bunable\b"
)

CONDITION_START = re.compile(
    r"^\s*(?:(?:没有|无)[^,，]{0,12}的|如果|如|若|倘若|假如|凡是|凡|对于|针对|一旦|\bif\b|\bunless\b|\bwhen\b|\bfor\b|\bonce\b)"
)

# Kinds of measure a number can be (read from the words around it, see claims._attribute_window):
# how long a thing stays valid, how far back a record goes, how long the company takes to do
# something, how long the customer has to act. Two numbers of different kinds never contradict.
MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("validity", re.compile(r"有效|过期|失效|作废|清零|\bvalid\b|\bexpir")),
    ("history", re.compile(r"(?:近|最近|过去)\s*\||(?:\blast|\bpast|\bprevious)\s*\||\bhistory\b|历史")),
    (
        "turnaround",
        re.compile(
            r"完成(?!报案|申请|提交|办理|支付|缴费|付款|登记|预约|预订|预定|下单|报名|订餐|购票|购买)|处理|审核|审批|核实|回复|答复|回电|响应|联系您|发出|发货|寄出|送达|到账|退回|返还|原路|打款|打到|赔付|"
            r"上门|解冻|解锁|恢复|开具|发送|给出|结论|核定|自动|质检|检测|验机|核查|\bdecid|\bassess|\binspect|\bcheck(?:s|ed)?\b|\breview|\brepl(?:y|ies)|\brespon|\bprocess|\bcredit|\bship|"
            r"\bdispatch|\bdeliver|\barriv|\bsend\b|\bsent\b|\bissued?\b|\bresolve|\bgoes back|\bunlock"
        ),
    ),
    (
        "deadline",
        re.compile(
            r"申请|提出|提交|报案|办理|退货|退换|换货|取消|改签|退票|退保|支持|享受|享有|可以|可|须|需|应|请|缴清|缴纳|付清|还清|补缴|\bapply|"
            r"\brequest|\bsubmit|\breport|\bcancel|\bcan\b|\bmust\b|\bmay\b|\beligible"
        ),
    ),
]
# Concepts that name a kind of value more than a thing ("有效期", "审核"): they match only together with
# the thing they are about.
GENERIC_CONCEPTS = frozenset(
    {"validity", "review", "response", "reminder", "payment", "account", "document", "address", "id_verify", "device"}
)

_compiled: dict[str, re.Pattern[str]] = {}


def pattern(key: str, source: str) -> re.Pattern[str]:
    """Compile once; the lists above are plain strings so they stay readable."""
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = re.compile(source)
    return compiled


# Concepts that name an amount of money rather than what it is paid for ("手续费", "price", "月费"): two
# amounts under different ones of these may still be the same charge; what it is for decides.
MONEY_HEADS = frozenset({"fee", "price", "subscription", "payment", "premium"})

# The step a turnaround ends with (see claims._event): two periods ending in different steps differ.
EVENTS: list[tuple[str, re.Pattern[str]]] = [
    ("dispatch", re.compile(r"发货|出货|发出|寄出|出库|揽收|\bship(?:s|ped)?\b|\bdispatch|\bposted\b|\bsent out\b")),
    ("arrival", re.compile(r"送达|到货|到达(?!现场)|收到货|送[\u4e00-\u9fff]{0,2}上门|\bdeliver(?:s|ed|y)?\b|\barriv")),
    ("credit", re.compile(r"到账|退回|原路|打款|打到|入账|赔付|给付|\bcredited\b|\bpaid\b|\brefunded\b|\bpaid out\b")),
    ("review", re.compile(r"审核|审批|核实|核查|质检|检测|\breview|\binspect|\bverif")),
    # a service promise names two clocks: how soon someone answers, how soon someone is on site
    ("response", re.compile(r"响应|回应|回电|回复|答复|回访|\brespon|\bcall(?:s|ed)? (?:you )?back\b|\breply")),
    # "送气上门" is a delivery arriving, not a visit
    (
        "onsite",
        re.compile(r"到场|到达现场|到现场|(?<!送)(?<!送.)(?<!送..)上门(?!取)|\bon[ -]site\b|\bat your (?:home|door)\b"),
    ),
]

# Generic concepts that name the value only when nothing more specific is near it ("pay US$15 for shipping").
WEAK_CONCEPTS = frozenset({"payment", "account", "document", "address", "id_verify", "review"})
# Concepts that name the act itself ("一经拆封，不退不换" / "没拆封的可以退"), as a charge rule is about
# charging: two rules about one of them contradict each other however else they are worded.
ACT_CONCEPTS = frozenset({"return", "refund", "exchange"})
# Tiers that make a rule a special case; a bare "会员" / "new user" does not.
SPECIAL_TIERS = frozenset(
    {
        "nonmember",
        "diamond",
        "platinum",
        "gold",
        "silver",
        "vip",
        "regular",
        "enterprise",
        "student",
        "senior",
        "card",
        "low_income",
    }
)

CONCEPT_RE = {name: re.compile(p) for name, (_zh, _en, p) in CONCEPTS.items()}
SCOPE_RE = {key: [(value, re.compile(p)) for value, p in values] for key, values in SCOPES.items()}
CUE_RE = [(axis, positive, re.compile(p)) for axis, positive, p in CUES]
CHANNEL_RE = {name: re.compile(p) for name, (_zh, _en, p) in CHANNELS.items()}


def concept_label(name: str) -> tuple[str, str]:
    if name.startswith("t:"):
        return name[2:], name[2:]
    zh, en, _pattern = CONCEPTS.get(name, (name, name, ""))
    return zh, en
