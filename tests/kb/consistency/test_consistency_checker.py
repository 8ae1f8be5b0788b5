"""Each conflict kind is found, and each kind of look-alike that is not a conflict is left alone."""

from __future__ import annotations

from dataclasses import replace

from kb.consistency.bench import generate_docs
from kb.consistency.bilingual import translations
from kb.consistency.checker import build_index, check_document, scan
from kb.consistency.claims import extract_claims
from kb.consistency.compare import clash_kind
from kb.consistency.records import Doc


def doc(external_id: str, body: str, *, title: str = "说明", language: str = "zh-hans", product: str = "商城") -> Doc:
    return Doc(id=external_id, external_id=external_id, title=title, body=body, language=language, product=product)


def conflicts_between(a: Doc, b: Doc) -> list[str]:
    return [c.kind for c in scan([a, b])]


def test_different_return_windows_are_a_numeric_conflict_with_evidence_and_explanations():
    a = doc("a", "为保障购物体验，商品自签收之日起 7 天内可申请无理由退货。如有疑问请联系客服。", title="退货政策")
    b = doc("b", "即日起，商城商品签收后 15 天内可以无理由退货。", title="退货规则调整")
    [conflict] = scan([a, b])
    assert conflict.kind == "numeric"
    assert "7 天" in conflict.evidence_a and "15 天" in conflict.evidence_b
    assert {conflict.value_a, conflict.value_b} == {"7 天", "15 天"}
    assert "退货" in conflict.explanation_zh and "returns" in conflict.explanation_en
    assert 0 < conflict.confidence <= 1


def test_fees_percentages_and_hours_that_differ_are_numeric_conflicts():
    assert conflicts_between(
        doc("a", "逾期未缴的，每日按欠费金额的 0.05% 收取滞纳金。"), doc("b", "账单逾期每天加收 0.1% 的滞纳金。")
    ) == ["numeric"]
    assert conflicts_between(doc("a", "订单满 99 元包邮。"), doc("b", "全场满 88 元包邮。")) == ["numeric"]
    assert conflicts_between(
        doc("a", "请在出险后 48 小时内报案。"), doc("b", "出险后 72 小时内报案均视为及时报案。")
    ) == ["numeric"]


def test_working_days_against_calendar_days_is_a_unit_conflict():
    a = doc("a", "退款将在 7 个工作日内原路退回到您的支付账户。")
    b = doc("b", "退款审核通过后，款项会在 7 天内原路退回。")
    assert conflicts_between(a, b) == ["unit"]


def test_an_exemption_against_a_fee_for_all_customers_is_a_polarity_conflict():
    a = doc("a", "VIP 会员提现免手续费，不限次数。")
    b = doc("b", "所有用户提现均收取 0.1% 手续费。")
    assert conflicts_between(a, b) == ["polarity"]
    # so does a rule for one kind of goods against one for every product
    fresh = doc("c", "冷冻、冷藏类商品不支持七天无理由退货。", product="鲜厨")
    every = doc("d", "Every product can be returned within 7 days, no reason needed.", language="en", product="鲜厨")
    assert conflicts_between(fresh, every) == ["polarity"]
    most = doc("e", "Most products can be returned within 7 days, no reason needed.", language="en", product="鲜厨")
    assert conflicts_between(fresh, most) == []


def test_must_provide_against_no_need_is_a_polarity_conflict():
    a = doc("a", "办理退货时须出示购物小票，没有小票的恕不办理。")
    b = doc("b", "即日起办理退货无需提供购物小票。")
    assert conflicts_between(a, b) == ["polarity"]


def test_only_in_the_app_against_call_the_hotline_is_a_procedure_conflict():
    a = doc("a", "退款申请只能通过 App 提交，客服无法代为提交。")
    b = doc("b", "客户需要退款的，请拨打客服热线 95188 办理，App 端不支持自助申请。")
    assert conflicts_between(a, b) == ["procedure"]


def test_enrolling_only_online_against_at_the_counter_is_a_procedure_conflict():
    online = tagged("o", "报名途径：仅限通过本校微信公众号线上报名，名额有限，额满即止。", ("报名",), title="报名须知")
    counter = tagged("c", "您可以带上身份证直接到学校一楼教务处窗口现场报名。", ("报名", "话术"), title="怎么报名")
    assert conflicts_between(online, counter) == ["procedure"]


def test_the_same_fact_written_differently_is_not_a_conflict():
    texts = [
        doc("a", "商品签收后 7 天内可申请无理由退货。"),
        doc("b", "商品签收后七天内可以退货。"),
        doc("c", "我们的无理由退货期为一周，从签收那天算起。"),
        doc("d", "商品簽收後七天內可以申請無理由退貨。", language="zh-hant"),
        doc("e", "You can return items within 7 days of delivery.", language="en"),
        doc("f", "保修期为一年。"),
        doc("g", "整机保修 12 个月。"),
    ]
    assert scan(texts) == []


def test_different_subjects_may_legitimately_differ():
    texts = [
        doc("vip", "VIP 会员购买的商品 30 天内可申请无理由退货。"),
        doc("all", "商品签收后 7 天内可申请无理由退货。"),
        doc("domestic", "国内订单在付款后 48 小时内发货。"),
        doc("intl", "国际订单在付款后 7 天内发货。"),
        doc("basic", "基础套餐含 30GB 国内流量。"),
        doc("premium", "尊享套餐含 100GB 国内流量。"),
        doc("other", "付款后 72 小时内发货。", product="另一个商城"),
    ]
    assert scan(texts) == []


def test_an_article_is_never_compared_with_its_own_other_version():
    old = Doc(id="v1", external_id="returns", title="退货", body="签收后 10 天内可退货。")
    new = Doc(id="v2", external_id="returns", title="退货", body="签收后 7 天内可退货。")
    assert scan([old, new]) == []
    assert check_document(new, build_index([old])) == []


def test_unrelated_texts_that_share_a_number_are_not_a_conflict():
    a = doc("a", "商品签收后 7 天内可申请无理由退货。")
    b = doc("b", "新员工入职后参加 15 天集中培训。")
    c = doc("c", "订单确认收货 15 天后，积分自动发放到账户。")
    assert scan([a, b, c]) == []


def test_a_new_article_is_checked_against_an_index():
    index = build_index([doc("a", "商品签收后 7 天内可申请无理由退货。"), doc("b", "订单满 99 元包邮。")])
    [conflict] = check_document(doc("new", "商品签收后 14 天内可以无理由退货。"), index)
    assert conflict.b_external_id == "a" and conflict.kind == "numeric"


def test_a_region_named_as_an_exception_is_not_the_subject():
    a = doc("a", "出国（港澳台除外）使用漫游日租包，每天 25 元。")
    b = doc("b", "港澳台漫游日租包每天 15 元。")
    c = doc("c", "国际漫游日租包资费调整为 30 元/天（港澳台不变）。")
    assert [(x.a, x.b) for x in scan([a, b, c])] == [("a", "c")]


def test_a_case_named_after_the_rule_is_not_the_rule_s_subject():
    # "…，偏远地区 48 小时内" is a second case; the 24 hours before it are the general rule
    a = doc("a", "报修后 24 小时内上门维修，偏远地区 48 小时内。")
    b = doc("b", "报修后 36 小时内上门维修。")
    assert [(x.value_a, x.value_b) for x in scan([a, b])] == [("24 小时", "36 小时")]


def test_what_happens_past_a_limit_is_not_a_contradiction_of_the_rule_before_it():
    a = doc("a", "入住前 24 小时之前取消订单，免收取消费；之后取消将扣除首晚房费。")
    b = doc("b", "酒店订单最晚可在入住前 24 小时免费取消，超过时间会收取首晚房费。")
    c = doc("c", "Free cancellation up to 24 hours before check-in. If you cancel later, the first night is charged.",
            language="en")  # fmt: skip
    assert scan([a, b, c]) == []


def test_a_free_service_against_a_charged_one_is_a_polarity_conflict_even_worded_differently():
    a = doc("a", "分期付款需支付手续费：3 期每期 0.5%。")
    b = doc("b", "问：分 3 期要手续费吗？答：不用，3 期都是免手续费的。")
    assert conflicts_between(a, b) == ["polarity"]


def test_a_question_asserts_nothing_and_its_answer_is_about_what_it_asks():
    a = doc("a", "问：可以网上办理携号转网吗？答：不可以，必须本人到营业厅现场办理。")
    b = doc("b", "携号转网现已支持在星云 App 线上办理，无需前往营业厅。")
    assert conflicts_between(a, b) == ["procedure"]


def test_sending_an_order_out_and_its_arrival_are_different_periods():
    a = doc("a", "预计送达：发货后 5-7 天。")
    b = doc("b", "换货的新机在检测确认后 48 小时内发出。")
    assert scan([a, b]) == []


def test_the_bounds_of_a_tiered_schedule_are_not_compared_with_one_bound():
    a = doc("a", "开车前 48 小时以上、不足 8 天的，收取票价 5% 的手续费；不足 24 小时的收取 20%。")
    b = doc("b", "距开车 48 小时以上（不足 8 天）退票，手续费为票价的百分之五。")
    assert scan([a, b]) == []


def test_return_shipping_is_not_the_shipping_fee_of_an_order():
    a = doc("a", "退货运费由买家承担，商品质量问题除外。")
    b = doc("b", "单笔订单实付金额满 99 元包邮。")
    assert scan([a, b]) == []


def test_a_fee_for_a_change_the_customer_did_not_cause_is_a_different_case():
    a = doc("a", "每张机票在航班起飞前可以免费改签一次。")
    b = doc("b", "旅客自愿改签的，均需收取改签费。如遇航班延误造成的非自愿改签，不收费。")
    c = doc("c", "误机后可以改签后续航班，需支付改签费。")
    assert ("a", "b") in [(x.a, x.b) for x in scan([a, b, c])]
    assert ("b", "c") not in [(x.a, x.b) for x in scan([a, b, c])]


# Generalisation: rules about things no word list names.


def test_a_ban_against_a_permission_is_found_without_a_known_attribute():
    banned = doc("a", "宠物严禁随车托运，只能装笼随身携带。")
    assert conflicts_between(banned, doc("b", "宠物可以随车托运，但须提前预约。")) == ["polarity"]
    assert conflicts_between(doc("t", "寵物嚴禁隨車託運。", language="zh-hant"), doc("b", "宠物可以随车托运。")) == [
        "polarity"
    ]
    pets = doc("c", "Pets can ride in the cabin with you.", language="en")
    assert conflicts_between(pets, doc("d", "Pets cannot ride in the cabin.", language="en")) == ["polarity"]
    # the twins: something else is allowed; a short rule inside a longer one about another thing
    assert conflicts_between(banned, doc("e", "折叠自行车可以免费携带上车。")) == []
    assert conflicts_between(pets, doc("f", "Bicycles cannot ride in the cabin.", language="en")) == []


def test_a_text_still_stating_the_value_a_notice_replaced_conflicts_with_the_notice():
    notice = doc(
        "n",
        "为便于安排新租户入驻，自 2025 年 4 月 1 日起，退租提前告知期由原来的 7 天延长为 14 天。",
        title="退租提前期调整公告",
    )
    old = doc("o", "如需退租，请至少提前 7 天在 App 中提交退租申请。", title="退租须知")
    assert conflicts_between(old, notice) == ["numeric"]
    # a text repeating the notice, and one stating the new value, agree with it
    assert conflicts_between(doc("r", "退租告知期已由 7 天延长为 14 天。"), notice) == []
    assert conflicts_between(doc("t", "退租请至少提前 14 天提交申请。"), notice) == []
    # the old value of another attribute is not this one ("保持 3 元不变" is not the old cap)
    price = doc("p", "满电充电宝单日封顶价格由 20 元调整为 30 元，小时单价保持 3 元不变。", title="资费调整公告")
    assert conflicts_between(doc("h", "租借费每小时 3 元。"), price) == []


def test_a_short_rule_mostly_repeated_inside_a_longer_opposite_one_is_a_polarity_conflict():
    allowed = doc("a", "学员可以携带手机入营，方便每天晚上和家里视频。")
    banned = doc("b", "营期内学员不可携带手机、平板等电子设备，如有紧急事务请联系班主任。")
    assert conflicts_between(allowed, banned) == ["polarity"]
    assert conflicts_between(doc("c", "学员可以携带零食入营。"), banned) == []


def test_a_rule_no_word_list_names_is_compared_across_languages_through_the_dictionary():
    allowed = doc("a", "学员可以携带手机入营，方便每天晚上和家里视频。", product="夏令营")
    banned = doc("b", "Mobile phones are not allowed at camp.", language="en", product="夏令营")
    assert conflicts_between(allowed, banned) == ["polarity"]
    for other in ("Campers may not bring pets or food to camp.", "Campers may not bring mobile games."):
        assert conflicts_between(allowed, doc("c", other, language="en", product="夏令营")) == []


def test_lead_times_are_compared_by_what_needs_notice_not_by_the_next_clause():
    script = doc("s", '告知家长："请假需要至少提前一天，这次可以给您保留课时。"', product="琴行")
    notice = doc("n", "由于周末排课紧张，少儿课程请假须至少提前两天提出，否则按缺课处理。", product="琴行")
    assert conflicts_between(script, notice) == ["numeric"]


def test_an_ordinary_kind_and_a_special_kind_are_two_subjects():
    ordinary = doc("o", "本院普通门诊号源提前 7 天放号。", product="医院")
    expert = doc("e", "专家门诊号源提前 14 天开放预约。", product="医院")
    assert conflicts_between(ordinary, expert) == []
    assert conflicts_between(ordinary, doc("x", "门诊号源提前 14 天放号。", product="医院")) == ["numeric"]


def test_one_kind_of_thing_for_two_named_places_is_two_subjects():
    japan = doc("j", "日本卡每天提供 3GB 高速流量，用完后降速。", product="流量卡")
    europe = doc("e", "欧洲卡覆盖 33 个国家，每天 2GB 高速流量。", product="流量卡")
    assert conflicts_between(japan, europe) == []
    assert conflicts_between(japan, doc("n", "日本卡每日高速流量为 5GB。", product="流量卡")) == ["numeric"]


def test_two_actions_on_one_thing_are_not_two_kinds_of_it():
    # 出场 / 离场 (leaving), 购票 / 售票: things done with one thing, not two things; 快车 / 拼车 still are
    leave = doc("a", "收费标准：进场 15 分钟内出场免费。", product="停车场")
    exit_ = doc("b", "进场三十分钟内离场免费，超过后每小时收费 5 元。", product="停车场")
    assert conflicts_between(leave, exit_) == ["numeric"]


def test_booking_is_an_attribute_in_both_languages_and_cancelling_one_is_not_booking():
    ahead = doc("a", "Please book at least 48 hours in advance so the chef can plan the menu.", language="en")
    assert conflicts_between(ahead, doc("b", "家宴服务最晚可在用餐前 24 小时预订。")) == ["numeric"]
    only_app = doc("c", "体检只能在小程序预约，现场和电话均不受理。", product="体检中心")
    no_online = doc("d", "本中心目前不开通线上预约，请到服务台现场预约。", product="体检中心")
    assert conflicts_between(only_app, no_online) == ["procedure"]
    # "取消预约须提前 48 小时" is about cancelling, which "请提前 3 天预约" does not contradict
    cancel = doc("e", "取消预约须提前 48 小时，否则记录一次爽约。")
    assert conflicts_between(cancel, doc("f", "周末时段紧张，请提前 3 天预约。")) == []


def test_the_kind_of_goods_a_subject_belongs_to_is_a_reason_not_a_narrower_case():
    no_refund = doc("a", "会员属于虚拟服务，开通后立即生效，不支持退款。")
    refund = doc("b", "开通会员后不满意要求退款的，可以按剩余天数折算退款。")
    assert conflicts_between(no_refund, refund) == ["polarity"]
    # named as the case itself, the kind still limits the rule
    virtual = doc("c", "虚拟商品一经售出不支持退款。")
    assert conflicts_between(virtual, doc("d", "商品签收后 7 天内可以申请退款。")) == []


def test_passing_a_thing_on_someone_acting_for_you_and_pets_are_attributes_of_their_own():
    transferable = doc("a", "健身会员卡可以转让给他人，需到前台办理。")
    personal = doc("b", "会员卡仅限本人使用，不得转让或借给他人使用。")
    assert conflicts_between(transferable, personal) == ["polarity"]
    proxy = doc("c", "本人无法到场的，可以委托他人代办，需携带委托书。")
    in_person = doc("d", "所有业务一律不接受他人代办，必须本人办理。")
    assert conflicts_between(proxy, in_person) == ["polarity"]
    # what points may be used for is not whether they may be given away
    points = doc("e", "会员可用积分抵扣停车费，每 100 积分抵 1 小时。")
    assert conflicts_between(points, doc("f", "积分仅限会员本人使用，不能转赠或出售。")) == []
    welcome = doc("g", "欢迎携带宠物入营，全程须牵绳并自行清理粪便。", product="营地")
    banned = doc("h", "客户问宠物：为了其他营友的安全，营地暂不接待宠物，敬请谅解。", product="营地")
    assert conflicts_between(welcome, banned) == ["polarity"]


def test_re_entry_a_site_visit_pausing_and_missing_a_class_are_attributes_of_their_own():
    once = doc("a", "门票当日单次有效，出馆后不可再次入馆。", product="海洋馆")
    stamp = doc("b", "门票当日有效，出馆时在出口处盖章，凭手章可再次入馆。", product="海洋馆")
    assert conflicts_between(once, stamp) == ["polarity"]
    free_visit = doc("c", "我們提供免費到府檢測，找出漏點。", language="zh-hant", product="防水")
    paid_visit = doc("d", "为减少无效出车，上门检测收取 100 元，确认施工后可抵扣工程款。", product="防水")
    assert conflicts_between(free_visit, paid_visit) == ["polarity"]
    pause = doc("e", "You can pause your service for up to 8 weeks a year.", language="en", product="洗衣")
    no_pause = doc("f", "Service cannot be paused.", language="en", product="洗衣")
    assert conflicts_between(pause, no_pause) == ["polarity"]
    leave = doc("g", "需要请假的，请在上课前 24 小时在 App 内操作，课时不扣除。", product="钢琴课")
    late_leave = doc("h", "如需請假，請至少於上課前 12 小時告知，否則扣除課時。", language="zh-hant", product="钢琴课")
    assert conflicts_between(leave, late_leave) == ["numeric"]


def test_two_rules_about_one_thing_with_nothing_else_in_common_are_about_two_acts():
    earn = doc("a", "每公斤可回收物可积 10 分，积分可在小程序查看。")
    redeem = doc("b", "积分需要到社区兑换站出示二维码现场兑换，线上是不能兑换的。")
    assert conflicts_between(earn, redeem) == []
    # a charge rule is about one act, charging: "免配送费" / "收取配送费" need no other word in common
    free = doc("c", "订餐免配送费，餐价与门店一致。")
    assert conflicts_between(free, doc("d", "每笔订单收取 3 元配送费。")) == ["polarity"]


def test_rates_for_deposits_of_different_terms_are_not_compared():
    three_years = doc("a", "我行三年期整存整取年利率为 1.95%，五十元起存。", product="银行")
    one_year = doc("b", "一年期整存整取年利率为 1.45%，存款期间利率不变。", product="银行")
    assert conflicts_between(three_years, one_year) == []
    assert conflicts_between(three_years, doc("c", "三年期整存整取年利率 2.15%。", product="银行")) == ["numeric"]


def test_a_special_offer_or_a_season_is_its_own_case():
    price = doc("p", "小型犬寄养每晚 80 元。", product="宠物寄养")
    assert conflicts_between(price, doc("o", "开业特惠：小型犬寄养每晚 70 元。", product="宠物寄养")) == []
    assert conflicts_between(price, doc("h", "春节期间，小型犬寄养每晚 100 元。", product="宠物寄养")) == []
    assert conflicts_between(price, doc("x", "小型犬寄养每晚 90 元。", product="宠物寄养")) == ["numeric"]
    # a season named in an aside after the rule does not make it a seasonal rule
    review = doc("r", "签证审理时间为 15 个工作日。", product="签证")
    aside = doc("a", "签证审理时间约为 15 天，旺季可能延长。", product="签证")
    assert conflicts_between(review, aside) == ["unit"]


def test_values_far_apart_are_values_of_two_attributes():
    returns = doc("r", "自签收之日起 15 天内，未安装的商品可以无理由退货。", product="门锁")
    install = doc("i", "安装前工程师会电话预约，未安装的门锁平均安装用时约 40 分钟。", product="门锁")
    assert conflicts_between(returns, install) == []
    assert conflicts_between(returns, doc("s", "签收后 7 天内，未安装的商品可以无理由退货。", product="门锁")) == [
        "numeric"
    ]


def test_a_kind_named_only_to_be_excluded_is_not_the_subject():
    general = doc("g", "商品签收后 7 天内可申请无理由退货。", product="母婴商城")
    notice = doc("n", "即日起，全场商品无理由退货期延长至 15 天，定制类商品除外。", product="母婴商城")
    assert conflicts_between(general, notice) == ["numeric"]


def test_a_table_row_is_named_without_its_parenthetical_details():
    table = doc(
        "t",
        "| 部件 | 质保 |\n| --- | --- |\n| 五金件（铰链、滑轨、拉手） | 2 年 |\n| 柜体板材 | 5 年 |",
        product="家具",
    )
    answer = doc("a", "答：五金件质保一年，一年内非人为损坏的免费更换。", product="家具")
    assert conflicts_between(table, answer) == ["numeric"]
    # a parenthesis that says whom the row is for keeps the row apart
    members = doc("m", "| 情形 | 退货运费 |\n| --- | --- |\n| 无理由退货（云享会员） | 8 元 |", product="家具")
    assert conflicts_between(members, doc("g", "无理由退货的寄回运费为 12 元。", product="家具")) == []


def test_a_rule_that_excepts_a_case_does_not_contradict_the_rule_for_that_case():
    general = doc(
        "g",
        "儿童观演：6 岁以下儿童谢绝入场（亲子剧目除外），6 岁及以上儿童须持票入场。",
        title="观演须知",
        product="大剧院",
    )
    family = doc("f", "2 岁以下婴幼儿谢绝入场。", title="亲子剧目购票须知", product="大剧院")
    assert conflicts_between(general, family) == []
    assert conflicts_between(general, doc("o", "4 岁以下儿童谢绝入场。", title="观演须知（旧）", product="大剧院")) == [
        "numeric"
    ]


def test_paying_a_charge_after_words_in_between_is_being_charged():
    a = doc("a", "提前还款不收取违约金，利息按实际使用天数计算。")
    b = doc("b", "借款人可申请提前还款，须按提前归还本金的 2% 支付违约金。")
    c = doc("c", "提前还款的，违约金须由借款人自行负担。")
    assert {(x.a, x.b, x.kind) for x in scan([a, b, c])} == {("a", "b", "polarity"), ("a", "c", "polarity")}


def test_exempt_from_a_named_charge_is_free_of_it_except_for_a_case_below_a_threshold_or_a_card_tier():
    free = doc("a", "订餐免配送费，餐价与门店一致。")
    charged = doc("b", "每笔订单收取 3 元配送费。")
    above = doc("c", "订单满 49 元即可免配送费。")
    below = doc("d", "未达到免配送费门槛的订单，统一收取 6 元配送费。")
    card = doc("e", "鲜卡会员：不限金额免配送费。")
    assert conflicts_between(free, charged) == ["polarity"]
    assert scan([above, below]) == []
    assert scan([card, charged]) == []
    # a price list's label for not taking an option names a case of its own
    no_contract = doc("f", "不签合约：收取安装调试费 100 元，可随时退订。")
    contract = doc("g", "合约期 24 个月，免安装调试费。")
    assert scan([no_contract, contract]) == []


def test_a_negated_auxiliary_makes_a_charge_free():
    a = doc("a", "上门安装免费，安装师傅不会收取任何费用。")
    assert conflicts_between(a, doc("b", "上门安装不收取任何费用。")) == []
    assert conflicts_between(a, doc("c", "上门安装需收取任何费用。")) == ["polarity"]


def test_two_different_charges_are_not_one_charge_free_and_charged():
    a = doc("a", "出发前 24 小时以上取消，不收取违约金。")
    assert conflicts_between(a, doc("b", "跨城还车需另付异地服务费。")) == []
    assert conflicts_between(a, doc("c", "出发前 24 小时以上取消，需支付违约金。")) == ["polarity"]


def test_the_same_count_of_working_and_calendar_days_is_a_unit_conflict_under_any_wording():
    a = doc("a", "会员卡在申请后 10 个工作日内制作完成。")
    assert conflicts_between(a, doc("b", "会员卡申请后 10 天内制卡完成（含节假日）。")) == ["unit"]
    traditional = doc("t", "會員卡在申請後 10 個工作日內製作完成。", language="zh-hant")
    assert conflicts_between(traditional, doc("b", "会员卡申请后 10 天内制卡完成。")) == ["unit"]
    english = doc("e", "Your membership card is made within 10 business days of the application.", language="en")
    assert conflicts_between(
        english, doc("f", "Your membership card is made within 10 days of the application.", language="en")
    ) == ["unit"]
    assert conflicts_between(a, doc("c", "会员卡申请后 10 天内可免费更换一次照片。")) == []


def test_completing_a_report_is_a_deadline_for_the_customer():
    a = doc("a", "请在事故发生后 24 小时内完成报案。")
    assert conflicts_between(a, doc("b", "事故发生后 48 小时内报案即可。")) == ["numeric"]


def test_the_old_value_of_an_announced_change_is_not_stated():
    old = doc("a", "本店会员积分提前 7 天通知过期。")
    change = doc("b", "即日起，会员积分由提前 7 天通知过期调整为提前 14 天通知过期。")
    assert conflicts_between(old, change) == ["numeric"]
    english = doc("c", "Points expiry notices were moved from 7 days to 14 days ahead.", language="en")
    assert [c.value_b for c in scan([change, english])] == []


def test_a_procedure_the_lexicon_does_not_name_is_known_by_the_tags():
    def tagged(external_id: str, body: str, tags: tuple[str, ...]) -> Doc:
        return Doc(id=external_id, external_id=external_id, title="说明", body=body, product="燃气", tags=tags)

    counter = tagged("a", "过户须到营业厅现场办理，暂不支持线上办理。", ("过户",))
    online = tagged("b", "过户现在可以在微信公众号办理，提交后 1 个工作日内审核。", ("过户", "话术"))
    assert conflicts_between(counter, online) == ["procedure"]
    other = tagged("c", "开户现在可以在微信公众号办理，提交后 1 个工作日内审核。", ("开户", "话术"))
    assert conflicts_between(counter, other) == []
    # a channel named without the action ("期间不能打电话") is not where the procedure is done
    hold = tagged("d", "停机保号办理后号码保留，但期间不能打电话。", ("停机保号",))
    assert conflicts_between(hold, tagged("e", "停机保号可拨打客服热线办理。", ("停机保号",))) == []
    # a side word in each (the new address, the ID card) does not make two procedures of one tagged subject
    app = tagged("f", "搬家需要移机的，在 App“移机申请”中填写新地址即可，无需到营业厅。", ("移机",))
    counter = tagged("g", "请客户携带身份证原件，在营业厅柜台办理移机，线上渠道暂不受理。", ("移机",))
    assert conflicts_between(app, counter) == ["procedure"]


def test_a_plan_named_by_its_price_is_a_subject_and_its_price_no_claim():
    a = doc("a", "畅享 129 元套餐每月含 30GB 流量。")
    assert conflicts_between(a, doc("b", "畅享 99 元套餐每月含 20GB 流量。")) == []
    assert conflicts_between(a, doc("c", "暢享 129 元套餐每月含 40GB 流量。", language="zh-hant")) == ["numeric"]
    english = doc("e", "The ¥99 plan includes 20 GB of data every month.", language="en")
    other = doc("f", "The ¥129 plan includes 30 GB of data every month.", language="en")
    assert conflicts_between(english, other) == []


def test_a_fee_in_another_language_must_be_for_the_same_thing():
    free_cancel = doc("a", "取消订单不收取违约金。")
    assert conflicts_between(free_cancel, doc("b", "A one-way fee applies.", language="en")) == []
    assert conflicts_between(
        free_cancel, doc("c", "A cancellation fee is charged when you cancel an order.", language="en")
    ) == ["polarity"]


def test_a_generic_concept_is_compared_when_the_rest_of_the_wording_agrees():
    bring_id = doc("a", "首次就诊须携带身份证原件。")
    assert conflicts_between(bring_id, doc("b", "首次就诊无需携带身份证原件。")) == ["polarity"]
    assert conflicts_between(bring_id, doc("c", "寄送文件类快件无需提供身份证。")) == []


def test_an_answer_is_about_what_its_question_asked():
    faq = doc("a", "**Q：清关要多久？**\nA：一般 3-5 天。")
    assert conflicts_between(faq, doc("b", "清關通常需時 3 至 5 個工作天。", language="zh-hant")) == ["unit"]
    other = doc("c", "**Q：退款多久到账？**\nA：一般 3-5 天。")
    assert conflicts_between(other, doc("b", "清關通常需時 3 至 5 個工作天。", language="zh-hant")) == []


def test_two_guessed_names_of_one_charge_are_compared_by_their_wording():
    a = doc("a", "停机保号功能费为每月 5 元。")
    assert conflicts_between(a, doc("b", "停机保号资费为每月 3 元。")) == ["numeric"]
    assert conflicts_between(
        doc("t", "停機保號功能費：每月 5 元", language="zh-hant"), doc("b", "停机保号资费为每月 3 元。")
    ) == ["numeric"]
    assert conflicts_between(a, doc("c", "国际漫游资费为每月 3 元。")) == []


def test_amounts_past_two_different_bounds_are_two_cases():
    late = doc("a", "订单逾时 30 分钟以上送达，自动赔付 10 元红包。")
    english = "If an order arrives 15 minutes or more late, we add an RMB 3 voucher to your account automatically."
    assert conflicts_between(late, doc("b", english, language="en")) == []
    assert conflicts_between(late, doc("c", "訂單逾時 30 分鐘以上送達，自動賠付 5 元紅包。", language="zh-hant")) == [
        "numeric"
    ]


def test_deciding_on_a_claim_is_not_the_deadline_to_report_it():
    report = doc("a", "请在出险后 72 小时内报案。")
    decide = doc(
        "b", "Once we have all your documents, we decide on the claim within five business days.", language="en"
    )
    assert conflicts_between(report, decide) == []


def test_before_and_after_one_event_are_two_cases():
    shipped = doc("a", "已发货的订单不能取消。")
    assert conflicts_between(shipped, doc("b", "发货前可以取消订单。")) == []
    assert conflicts_between(shipped, doc("c", "已發貨的訂單可以取消。", language="zh-hant")) == ["polarity"]


def test_an_emphatic_shi_de_clause_asserts_rather_than_names_a_case():
    emphatic = doc("a", "您好，充电宝是不能放在托运行李里的，麻烦您随身携带。")
    assert conflicts_between(emphatic, doc("b", "充电宝可以托运，但须单独包装。")) == ["polarity"]
    assert conflicts_between(emphatic, doc("c", "充电宝严禁托运。")) == []


# Generalising beyond the lexicon: mechanisms that work in a domain no word list names.


def test_kinds_of_one_thing_told_apart_by_the_product_base_are_not_a_conflict():
    # 快车 / 专车: two kinds of ride, which the fee table tells apart; 8 元 for 快车 still contradicts it.
    table = doc("t", "| 车型 | 到达后取消 |\n|---|---|\n| 快车 | 5 元 |\n| 专车 | 10 元 |\n", title="取消费标准")
    express = doc("e", "快车订单在司机到达上车点之后取消，系统会收取五元取消费。", title="话术：快车取消费")
    premium = doc("p", "司机到达上车点后取消，收取 10 元取消费。", title="专车服务说明")
    wrong = doc("w", "快车司机到达后乘客取消，收取 8 元取消费。", title="客服速查")
    pairs = {c.pair(): c.kind for c in scan([table, express, premium, wrong])}
    assert ("e", "p") not in pairs and ("p", "t") not in pairs
    assert pairs.get(("e", "w")) == "numeric"


def test_subjects_another_text_gives_two_values_keep_two_texts_apart():
    rules = doc("r", "中文图书：每证最多 10 册，借期 30 天。\n音像资料：每证最多 3 件，借期 14 天。", title="借阅规则")
    media = doc("m", "音像资料的借期为 14 天，到期前可续借。", title="音像资料借阅")
    books = doc("b", "中文图书借期为三十天。", title="图书借阅")
    stale = doc("s", "音像资料借期 7 天，到期请及时归还。", title="音像资料须知")
    pairs = {c.pair() for c in scan([rules, media, books, stale])}
    assert ("b", "m") not in pairs and ("b", "s") not in pairs
    assert ("m", "s") in pairs and ("r", "s") in pairs


def test_an_agent_script_ending_with_a_courtesy_question_still_states_its_answer():
    script = doc("a", "您好，会员当天有消费的话，出场时出示会员码即可免费停车三小时，请问还有什么可以帮您？")
    policy = doc("b", "会员当日有消费可免费停车 2 小时。")
    assert conflicts_between(script, policy) == ["numeric"]
    said = '登记报修，并告知客户："市区的话师傅会在 12 小时内上门，您方便留一个联系电话吗？"'
    quoted = doc("c", said, product="安心锁")
    promise = doc("d", "市区用户报修后 24 小时内会有师傅上门处理。", product="安心锁")
    assert conflicts_between(quoted, promise) == ["numeric"]


def test_what_the_product_name_says_is_the_default_reading_of_its_articles():
    a = doc("a", "保修期外空调上门检测费为 30 元/次。", product="澜达空调")
    b = doc("b", "超过保修期的机器，上门检测费为 50 元。", product="澜达空调")
    assert conflicts_between(a, b) == ["numeric"]
    # …but still a contrast against a text that names another value under that key
    home = doc("h", "国内订单运费为 15 元/单。", product="优选海外购")
    abroad = doc("o", "海外直邮订单统一收取 20 元运费。", product="优选海外购")
    assert conflicts_between(home, abroad) == []


def test_a_text_that_stresses_calendar_days_contradicts_the_same_count_of_working_days():
    a = doc("a", "搬家服务完成并经客户确认后，预付押金将在 3 个工作日内原路退回。", title="押金退还说明")
    b = doc("b", "问：押金多久退？\n答：服务确认完成后 3 天内退还（按自然日计算，含周末）。", title="押金多久退？")
    assert conflicts_between(a, b) == ["unit"]


def test_english_and_chinese_numbers_meet_when_their_words_translate_each_other():
    english = doc("en", "Members park free for 3 hrs on the day they shop.", language="en", title="Parking")
    chinese = doc("zh", "会员当日有消费可免费停车 2 小时。", title="停车优惠")
    assert conflicts_between(english, chinese) == ["numeric"]
    unrelated = doc("x", "If it arrives damaged, send us a photo within 2 hours.", language="en", title="Damage")
    shipping = doc("s", "国内订单在付款后 48 小时内发货。", title="发货时间")
    assert conflicts_between(unrelated, shipping) == []


def test_answering_and_arriving_on_site_are_two_different_clocks():
    a = doc("a", "水管爆裂等紧急维修，维修人员 2 小时内到场。", title="报修时效")
    b = doc("b", "业主报修后，客服将于 30 分钟内回应并安排维修人员。", title="报修流程")
    assert conflicts_between(a, b) == []


def test_the_word_right_before_two_counts_names_one_attribute():
    a = doc("a", "每册可续借 1 次，续借期限与原借期相同。", title="借阅规则")
    b = doc("b", "您好，每本书最多续借两次。", title="续借话术")
    assert conflicts_between(a, b) == ["numeric"]


def test_two_lead_times_before_the_same_action_contradict():
    a = doc("a", "如需取消或改约，请至少提前 24 小时告知，便于我们安排其他患者。", title="预约须知")
    b = doc("b", "患者取消预约须提前 48 小时，否则记录一次爽约。", title="爽约规则")
    assert conflicts_between(a, b) == ["numeric"]


def test_rush_processing_and_the_outskirts_are_their_own_cases():
    standard = doc("s", "等待审理：一般审理时间为 15 个工作日，不含递交当天。", title="审理时间")
    rush = doc("r", "获批加急的申请审理时间为 5 个工作日。", title="加急服务")
    assert conflicts_between(standard, rush) == []
    city = doc("c", "市区项目困人救援到场时限为 30 分钟。", title="救援时限")
    outskirts = doc("o", "郊区项目由于距离维保站较远，困人救援到场时限为 1 小时。", title="郊区救援")
    assert conflicts_between(city, outskirts) == []


def test_a_scan_split_by_product_over_processes_finds_exactly_what_one_process_finds():
    docs = generate_docs(600, conflict_rate=0.05).docs
    # texts without a product meet every product: they go into every part, and are reported once
    docs += [replace(d, id=f"np-{d.id}", external_id=f"np-{d.external_id}", product="") for d in docs[:10]]
    one = {(c.a, c.b, c.kind) for c in scan(docs)}
    split = scan(docs, processes=2)
    assert one and {(c.a, c.b, c.kind) for c in split} == one
    assert len(split) == len(one)


def test_an_explanation_never_names_an_empty_attribute():
    a = doc("x", "登机口在起飞前 45 分钟停止办理值机。", title="值机")
    b = doc("y", "起飞前 30 分钟停止办理值机手续。", title="值机须知")
    [conflict] = scan([a, b])
    assert "「」" not in conflict.explanation_zh and not conflict.explanation_en.startswith("On :")
    assert "45 分钟" in conflict.explanation_zh and "30 分钟" in conflict.explanation_zh


def tagged(external_id: str, body: str, tags: tuple[str, ...], *, title: str = "说明") -> Doc:
    return replace(doc(external_id, body, title=title), tags=tags)


def test_two_short_texts_on_one_tagged_subject_stating_one_period_each_conflict_however_worded():
    policy = tagged("p", "业主提交报修后，物业服务中心 2 小时内响应。", ("报修", "物业"))
    notice = tagged("n", "您好，漏水已帮您登记了，半小时内会有师傅跟您联系，请保持手机畅通。", ("报修", "话术"))
    assert conflicts_between(policy, notice) == ["numeric"]
    # the same texts without a shared subject tag say too little to compare
    untagged = tagged("u", notice.body, ("通知",))
    assert conflicts_between(policy, untagged) == []


def test_two_short_texts_under_one_title_concept_stating_one_period_each_conflict_in_any_language():
    # tags in two languages never meet: the titles' concepts and the kind of period next to both numbers do
    chinese = tagged("z", "您好，签名提交后一个工作日内会有审核结果。", ("短信签名",), title="签名审核时效")
    english = replace(
        tagged("e", "Sender names are reviewed within 3 business days.", ("sender names",), title="Review times"),
        language="en",
    )
    assert conflicts_between(chinese, english) == ["numeric"]
    # a deadline to report and a processing time are not one period, whatever the titles share
    report = replace(
        tagged("r", "Tell us about the claim within 2 days.", ("claims",), title="Claims review"), language="en"
    )
    assert conflicts_between(chinese, report) == []
    # within one language too, when the tags differ but the titles name the same thing
    script = tagged("s", "您好，收到唱片七天内都可以申请退换，请先拍下外盒。", ("话术",), title="退换货话术")
    policy = tagged("p", "退换货申请请于收货后 7 个工作日内提交。", ("售后",), title="退换货政策")
    assert conflicts_between(script, policy) == ["unit"]


def test_one_tagged_subject_does_not_join_different_measures_or_a_cutoff_and_a_callback():
    window = tagged("w", "签收后 7 天内可申请退货。", ("退货",))
    refund = tagged("r", "退货入库后 3 天内退款到账。", ("退货",))
    assert conflicts_between(window, refund) == []  # a window to act and a turnaround are two measures
    cutoff = tagged("c", "Orders paid before 16:00 ship the same day.", ("发货",))
    callback = tagged("b", "An agent calls back by 12:00 the next working day.", ("发货",))
    assert conflicts_between(cutoff, callback) == []


def test_a_sentence_naming_a_table_row_restates_that_rows_amount():
    rows = "| 车型 | 价格 |\n|---|---|\n| 中型货车 | 680 元/车 |\n| 小型货车 | 380 元/车 |\n"
    table = doc("t", rows, title="清运价格")
    notice = doc("n", "中型货车载量约 8 方，适合整套房拆改，每车 780 元，含装车费用。", title="车型说明")
    assert conflicts_between(table, notice) == ["numeric"]
    numbered = doc("r", "| 序号 | 业务 | 时限 |\n|---|---|---|\n| 2 | 宽带故障报修 | 24 小时 |\n", title="服务时限")
    restored = doc("s", "系统在缴费后 2 小时内自动恢复服务。", title="停机与复机")
    assert conflicts_between(numbered, restored) == []  # a row numbered "2" is not named by "2 小时"


def test_two_sides_of_one_condition_are_two_cases_not_a_polarity_flip():
    assert (
        conflicts_between(
            doc("a", "開航前 2 小時或以上申請退票，免收手續費。"), doc("b", "開船前兩小時內辦理則需扣除一成手續費。")
        )
        == []
    )
    assert conflicts_between(doc("a", "保修期内非人为损坏免费维修。"), doc("b", "保修期外维修按实际收费。")) == []
    assert (
        conflicts_between(
            doc("a", "司机接单前取消不收费。"), doc("b", "司机已出发前往接驾点，客户再取消订单的，收取取消费 10 元。")
        )
        == []
    )
    # without a condition on either side, the same two rules do contradict
    assert conflicts_between(doc("a", "客户取消订单不收费。"), doc("b", "客户取消订单的，收取取消费。")) == ["polarity"]


def test_a_lead_time_band_does_not_agree_with_a_single_lead_time_inside_it():
    a = doc("a", "乘客在飞行前 48 小时以上取消，全额退款。", product="热气球")
    b = doc("b", "飞行前 72 小时以上取消：全额退款。\n飞行前 24-72 小时取消：扣除票价 30%。", product="热气球")
    assert "numeric" in conflicts_between(a, b)


def test_minimum_ages_close_together_conflict_across_languages_but_a_child_and_a_senior_limit_do_not():
    kids = doc("a", "招生对象：年满 4 周岁的儿童。", product="美术班")
    english = doc("b", "Our classes are designed for children aged 5 and above.", language="en", product="美术班")
    assert conflicts_between(kids, english) == ["numeric"]
    child = doc("c", "为保证安全，儿童须年满 8 周岁方可乘坐。", product="热气球")
    senior = doc("d", "60 周岁以上的乘客须在预订时上传体检报告。", product="热气球")
    assert conflicts_between(child, senior) == []


def test_an_english_notice_raising_a_threshold_contradicts_the_old_value():
    a = doc("a", "Orders over $50 ship free.", language="en", product="PrintForge")
    b = doc(
        "b",
        "Starting March 1, the free shipping threshold goes up from $50 to $75.",
        language="en",
        product="PrintForge",
    )
    assert conflicts_between(a, b) == ["numeric"]


def test_the_word_for_people_of_an_age_is_not_a_second_subject_beside_the_age():
    a = doc("a", "60 周岁以上老年人凭身份证免票。", product="景区")
    b = doc("b", "Visitors aged 65 and over enter free with a valid ID.", language="en", product="景区")
    assert conflicts_between(a, b) == ["numeric"]


def test_free_of_any_charge_against_a_named_charge_for_the_same_thing_is_a_polarity_conflict():
    a = doc("a", "结婚登记不收取任何费用。", product="婚姻登记处")
    b = doc("b", "结婚登记按规定收取工本费 9 元，请窗口开具收据。", product="婚姻登记处")
    assert conflicts_between(a, b) == ["polarity"]
    # in and out of warranty are two cases, also when "保修期外" is shortened to "保外"
    assert conflicts_between(doc("c", "保修期内：免费维修。"), doc("d", "屏幕以外的部分按保外维修收费。")) == []


def test_a_bare_no_returns_on_a_ticket_contradicts_its_refund():
    a = doc("a", "观光巴士车票售出后不退不换，请确认行程后购买。", product="观光巴士")
    b = doc("b", "车票只要还没有激活使用，在购买后 7 天内都可以申请全额退款。", product="观光巴士")
    assert conflicts_between(a, b) == ["polarity"]


def test_free_against_a_charge_named_for_the_same_service_is_a_polarity_conflict():
    a = doc("a", "明眸眼镜全国门店均提供电脑验光服务，验光不收费。", product="明眸眼镜")
    b = doc("b", "为提供更专业的视光服务，门店验光每次收取 30 元验光费。", product="明眸眼镜")
    assert conflicts_between(a, b) == ["polarity"]
    # inside a free period and past a limit are two cases
    c = doc("c", "购买后在免费安装期内预约不收费。", product="宜居家具")
    d = doc("d", "超过 15 天预约的，按商品价格的 5% 收取安装费。", product="宜居家具")
    assert "polarity" not in conflicts_between(c, d)


def test_a_price_list_row_and_a_script_naming_it_state_one_price():
    table = "| 项目 | 价格 | 周期 |\n|---|---|---|\n| 深度除垢保养 | 99 元/次 | 每 3 个月 |"
    row = doc("a", table, product="醇萃咖啡机")
    script = doc("b", "您好，深度除垢保养是 129 元一次，建议三个月做一次。", product="醇萃咖啡机")
    assert conflicts_between(row, script) == ["numeric"]


def test_free_delivery_and_installation_against_a_charged_installation():
    free = doc("a", "城区及县城：送货安装免费；", product="美家电器")
    charged = doc("b", "答：城区送货免费，但安装需要支付 150 元安装费，由师傅上门时现场收取。", product="美家电器")
    assert conflicts_between(free, charged) == ["polarity"]
    assert conflicts_between(free, doc("c", "城区送货免费，安装也不收费。", product="美家电器")) == []


def test_forbidding_to_charge_is_free():
    forbidden = doc("a", "法律援助机构及其指派的律师，不得以任何名义向受援人收取费用。", product="法律援助")
    free = doc("b", "法律援助服务完全免费，受援人无需支付律师费或任何其他费用。", product="法律援助")
    assert conflicts_between(forbidden, free) == []
    charged = doc("c", "法律援助服务需向受援人收取律师费。", product="法律援助")
    assert conflicts_between(forbidden, charged) == ["polarity"]


def test_a_bound_worded_as_a_condition_and_one_stated_as_a_limit_are_one_limit():
    condition = doc("a", "为保证飞行安全：体验者体重不超过 100 公斤，年龄 6 周岁以上。", product="云翼滑翔伞")
    limit = doc("b", "体验者体重上限为 90 公斤，超重者不能参加。", product="云翼滑翔伞")
    assert conflicts_between(condition, limit) == ["numeric"]
    minimum = doc("c", "丝网印刷订单每款 30 件起订，颜色越多版费越高。", product="衫印")
    at_least = doc("d", "丝网印刷订单每款至少 50 件，低于此数量请推荐数码直喷。", product="衫印")
    assert conflicts_between(minimum, at_least) == ["numeric"]
    # a condition against a plain amount is still not a limit: 满 99 元包邮 is not a price of 99
    free_above = doc("e", "订单满 99 元包邮。", product="衫印")
    assert conflicts_between(free_above, doc("f", "运费 8 元。", product="衫印")) == []


def test_a_table_row_named_by_a_count_is_named_however_the_count_is_written():
    rates = "| 分期期数 | 每期手续费率 |\n|---|---|\n| 3 期 | 0.80% |\n| 12 期 | 0.60% |"
    table = doc("a", rates, product="华信信用卡")
    prose = doc("b", "帳單分期十二期，每期手續費率為 0.66%，按月隨帳單收取。", language="zh-hant", product="华信信用卡")
    assert conflicts_between(table, prose) == ["numeric"]
    agreeing = doc("c", "账单分期十二期，每期手续费率为 0.60%。", product="华信信用卡")
    assert conflicts_between(table, agreeing) == []


def test_what_the_category_names_is_every_texts_default_reading_not_a_special_case():
    def filed(external_id: str, body: str, category: str) -> Doc:
        return replace(doc(external_id, body, product="海购全球"), category=category)

    required = filed("a", "按照海关要求，购买跨境商品必须完成实名认证。", "跨境电商")
    not_required = filed("b", "下单时不需要进行实名认证，直接付款即可。", "跨境电商")
    assert conflicts_between(required, not_required) == ["polarity"]
    # outside such a category, cross-border goods are still a case of their own
    assert conflicts_between(replace(required, category="售后"), replace(not_required, category="售后")) == []


def test_commercial_users_and_the_rest_of_the_country_are_cases_of_their_own():
    homes = doc("a", "受理报装申请后 3 个工作日内上门勘察。", product="东燃燃气")
    shops = doc("b", "餐饮、商铺等商业用户报装，受理后 5 个工作日内上门勘察。", product="东燃燃气")
    assert conflicts_between(homes, shops) == []
    assert conflicts_between(homes, doc("c", "受理报装申请后 5 个工作日内上门勘察。", product="东燃燃气")) == [
        "numeric"
    ]
    near = doc("d", "江浙沪地区下单后 48 小时内送达，全程冷链。", product="鲜厨")
    far = doc("e", "江浙沪以外地区，下单后 72 小时内送达。", product="鲜厨")
    assert conflicts_between(near, far) == []


def test_returning_a_ticket_is_its_refund_in_any_language():
    chinese = doc("a", "演出开始前 7 天（含）以前可申请退票，之后不再受理。", title="退票规则", product="麦田音乐节")
    english = doc(
        "b",
        "You can request a refund up to 3 days before the festival starts.",
        title="Refunds",
        language="en",
        product="麦田音乐节",
    )
    assert conflicts_between(chinese, english) == ["numeric"]
    no_returns = doc("c", "演出门票一经售出，不退不换。", title="购票须知", product="麦田音乐节")
    assert conflicts_between(chinese, no_returns) == ["polarity"]


def test_how_long_a_session_lasts_is_one_attribute_in_any_language():
    chinese = doc("a", "每次推拿约 30 分钟，由持证推拿师操作，家长全程陪同。", title="服务说明", product="童安推拿")
    english = doc(
        "b", "Each session lasts about 45 minutes.", title="What to expect", language="en", product="童安推拿"
    )
    assert conflicts_between(chinese, english) == ["numeric"]
    wait = doc("c", "Please arrive 15 minutes early.", title="Arriving", language="en", product="童安推拿")
    assert conflicts_between(chinese, wait) == []


def test_a_fee_named_in_english_and_in_chinese_is_one_fee():
    english = doc(
        "a", "Commercial productions pay a permit fee of $300 per shoot day.", language="en", product="影视拍摄"
    )
    chinese = doc("b", "商业拍摄许可费为每个拍摄日 350 美元。", product="影视拍摄")
    assert conflicts_between(english, chinese) == ["numeric"]
    parking = doc("c", "占用停车位另收停车费每个拍摄日 50 美元。", product="影视拍摄")
    assert conflicts_between(english, parking) == []


def test_hours_for_some_months_of_the_year_are_a_timetable_of_their_own():
    daily = doc("a", "公共自行车每天 6:00 至 22:00 可以借车和还车。", product="公共自行车")
    summer = doc("b", "每年 6 月至 9 月，公共自行车借还时间调整为 5:30 至 23:00。", product="公共自行车")
    assert conflicts_between(daily, summer) == []
    season = doc("c", "7 月、8 月为夏季营业期，借还时间延长为 5:30 至 23:00。", product="公共自行车")
    assert conflicts_between(daily, season) == []
    other = doc("d", "公共自行车每天 7:00 至 21:00 可以借车和还车。", product="公共自行车")
    assert conflicts_between(daily, other) == ["numeric"]


def test_a_private_room_and_the_main_hall_are_priced_apart():
    room = doc("a", "包间年夜饭需要先付 1000 元订金，提前一周以上取消可以全退。", product="福满楼")
    hall = doc("b", "To reserve a table in the main hall, a deposit of RMB 500 per table is required.", language="en",
               product="福满楼")  # fmt: skip
    assert conflicts_between(room, hall) == []
    assert conflicts_between(room, doc("c", "今年年夜饭包间订金调整为每间 1500 元。", product="福满楼")) == ["numeric"]


def test_pre_orders_ship_on_their_own_dates_and_in_stock_is_the_default():
    in_stock = doc("a", "现货款付款后 48 小时内发出，节假日期间顺延。", product="素衣女装")
    pre_order = doc("b", "标注“预售”的款式为手工制作，付款后 15 天内发货。", product="素衣女装")
    assert conflicts_between(in_stock, pre_order) == []
    plain = doc("c", "付款后 72 小时内发货，请耐心等待。", product="素衣女装")
    assert conflicts_between(in_stock, plain) == ["numeric"]
    # a ticket's 预售期 (how far ahead it is sold) is no pre-order
    ahead = doc("d", "预售期：可购买 15 天内的车票。", product="客运")
    assert conflicts_between(ahead, doc("e", "可以购买 10 天以内的车票。", product="客运")) == ["numeric"]


def test_shipping_out_is_dispatch_in_traditional_script_too():
    shipped = doc("a", "付款完成後，訂單將於兩個工作天內出貨。", language="zh-hant", product="贝优奶粉")
    sent = doc("b", "宝妈您好，奶粉付款后两天内就会发出。", product="贝优奶粉")
    assert conflicts_between(shipped, sent) == ["unit"]


def test_how_the_customer_hears_back_is_not_the_channel_a_rule_is_for():
    letter = doc(
        "a", "办结离职手续后，我们将在 5 个工作日内出具离职证明，可选择邮寄或到服务网点领取。", product="鼎力人力"
    )
    script = doc("b", "您好，离职手续办完以后 5 天内给您开离职证明，开好了会短信通知您来拿。", product="鼎力人力")
    assert conflicts_between(letter, script) == ["unit"]


def test_weekend_hours_and_every_day_hours_are_two_timetables():
    daily = doc("a", "门店营业时间为 8:00-22:00。", product="印象快印")
    weekend = doc("b", "周六、周日营业时间为 9:00-18:00。", product="印象快印")
    assert conflicts_between(daily, weekend) == []
    assert conflicts_between(daily, doc("c", "门店营业时间调整为每天 9:00-21:00。", product="印象快印")) == ["numeric"]


def test_free_standard_shipping_in_english_is_the_free_shipping_threshold():
    a = doc("a", "Free standard shipping on orders over RMB 59.", language="en", product="墨点文具")
    b = doc("b", "墨点文具全场实付满 49 元包邮，不满 49 元收取 6 元运费。", product="墨点文具")
    assert conflicts_between(a, b) == ["numeric"]


def test_opening_hours_in_two_languages_are_one_timetable():
    a = doc("a", "园区开放时间：每日 7:00-17:00。", product="福寿园")
    b = doc("b", "The garden is open every day from 8 am to 5 pm.", language="en", product="福寿园")
    assert conflicts_between(a, b) == ["numeric"]


def test_a_price_stated_before_a_colon_and_a_fee_and_price_worded_alike_conflict():
    a = doc("a", "**立式钢琴**标准调律一次收费 380 元，包含：\n- 全音域音准校正\n- 踏板检查", product="琴匠到家")
    b = doc("b", "因人工成本上涨，自下月 1 日起立式钢琴标准调律价格调整为 450 元/次。", product="琴匠到家")
    assert conflicts_between(replace(a, tags=("调律",)), replace(b, tags=("调律",))) == ["numeric"]


def test_collected_from_home_against_brought_back_to_the_store_is_a_procedure_conflict():
    store = doc("a", "退租的乐器必须由客户送回门店，由店员当面验收。", product="悦音乐器")
    home = doc("b", "退租一律由我们安排师傅上门取回，不接受客户自行送还。", product="悦音乐器")
    assert conflicts_between(replace(store, tags=("退租",)), replace(home, tags=("退租",))) == ["procedure"]
    # 門市 is a store too; a parcel by courier is another channel
    pickup = doc(
        "c", "公司印章製作完成後，請經辦人親自到門市簽收領取，本店不提供郵寄。", language="zh-hant", product="方圆刻章"
    )
    courier = doc("d", "为方便异地客户，刻好的印章统一通过顺丰保价寄送，门店不再提供自取服务。", product="方圆刻章")
    assert conflicts_between(replace(pickup, tags=("领取",)), replace(courier, tags=("领取",))) == ["procedure"]


def test_an_item_called_free_against_its_line_in_a_price_list_is_a_polarity_conflict():
    prices = doc("a", "## 附加服务\n\n- 上门测量：80 元/次\n- 旧窗帘拆除：50 元/幅\n", product="美帘家居")
    free = doc("b", "下单前我们会安排师傅免费上门测量，不满意可以不下单。", product="美帘家居")
    assert conflicts_between(prices, free) == ["polarity"]
    table = doc("c", "| Add-on | Price |\n|---|---|\n| Oven cleaning | $35 |\n| Window tracks | $20 |", language="en")
    included = doc("d", "Every deep clean includes oven cleaning at no extra charge.", language="en")
    assert conflicts_between(replace(table, product="Sparkle"), replace(included, product="Sparkle")) == ["polarity"]
    # a first-time offer, a period of its own, or an item only named beside what is free, is not the
    # listed item made free
    first = doc("e", "新客户第一次上门测量免费。", product="美帘家居")
    within = doc("g", "安装后一年质保期内，上门测量免费。", product="美帘家居")
    beside = doc("f", "上门测量后如需定制，安装不另外收费。", product="美帘家居")
    assert conflicts_between(prices, first) == conflicts_between(prices, within) == []
    assert conflicts_between(prices, beside) == []


def test_yes_at_the_start_of_an_answer_is_not_the_case_the_answer_is_for():
    rule = doc("a", "学员因个人原因中途退课的，已缴学费不予退还。", product="乐知课堂")
    answer = doc("b", "“可以的，您中途退课的话学费会按剩余课时退还。", product="乐知课堂")
    assert conflicts_between(rule, answer) == ["polarity"]


def test_one_translated_word_next_to_both_numbers_is_enough_across_languages():
    english = doc("a", "Lockers can be rented for up to 30 days.", language="en", product="健身房")
    assert conflicts_between(english, doc("b", "储物柜最长可租用 60 天。", product="健身房")) == ["numeric"]
    assert conflicts_between(english, doc("c", "私教课程包自购买起 60 天内有效。", product="健身房")) == []


def test_an_answer_opening_with_no_need_is_not_a_case():
    rule = doc("a", "办理会员卡须提交本人身份证复印件。", product="悦动健身")
    answer = doc("b", "“不需要身份证复印件的，办会员卡时报手机号就可以了。", product="悦动健身")
    assert conflicts_between(rule, answer) == ["polarity"]


def test_the_day_an_application_is_accepted_is_a_starting_point_not_a_permission():
    period = doc("a", "户籍登记业务自受理之日起 5 个工作日内办结。", product="社区服务中心")
    refusal = doc("b", "所有登记业务须先预约，未预约不予取号。", product="社区服务中心")
    assert conflicts_between(period, refusal) == []


def test_mei_banfa_is_a_refusal():
    spoken = doc("a", "“课程开课以后就没办法退款了，您可以转给朋友上。", product="乐知课堂")
    written = doc("b", "课程开课后 7 天内可以申请退款。", product="乐知课堂")
    assert conflicts_between(spoken, written) == ["polarity"]
    # a channel one "cannot" use is not a channel the procedure is done through
    not_by_phone = doc("c", "门店和客服热线不受理安装预约。", product="宜居家具")
    app_only = doc("d", "安装是需要您在宜居 App 里自己预约的哦，电话这边没办法直接帮您下安装单。", product="宜居家具")
    assert conflicts_between(not_by_phone, app_only) == []


def test_the_plan_a_customer_is_moved_to_is_not_whom_the_rule_is_for():
    zh = doc("a", "新注册的用户可免费试用专业版 7 天，到期后自动降级为免费版。", product="云笔记")
    en = doc("b", "The Pro trial lasts 14 days.", language="en", product="云笔记")
    assert conflicts_between(zh, en) == ["numeric"]


def test_a_free_trial_is_not_the_priced_item_made_free():
    prices = doc("a", "| Plan | Price |\n|---|---|\n| Pro | $12 per user per month |", language="en", product="Tasky")
    trial = doc("b", "Try Pro free for 30 days, no card needed.", language="en", product="Tasky")
    assert conflicts_between(prices, trial) == []


def test_a_surcharge_is_not_the_price_it_is_added_to():
    base = doc("a", "证件照拍摄每套 40 元，含两次修图。", product="光影照相馆")
    extra = doc("b", "如需加印，每版加收 15 元。", product="光影照相馆")
    assert conflicts_between(base, extra) == []
    add_on = doc("c", "Photo retouching is an add-on at $8 per photo.", language="en", product="Snap")
    price = doc("d", "Passport photos cost $15 per set.", language="en", product="Snap")
    assert conflicts_between(add_on, price) == []
    # both name the same surcharge: its amount still differs
    rush = doc("e", "加急次日取，另收 30 元加急费。", product="光影照相馆")
    rush_fee = doc("f", "如需加急，加急费每单 50 元。", product="光影照相馆")
    assert conflicts_between(rush, rush_fee) == ["numeric"]


def test_amounts_on_two_sides_of_one_limit_are_two_cases():
    small = doc("a", "普通订单（500 件以内）付款后 3 个工作日内发货。", product="礼盒定制")
    large = doc("b", "500 件以上的大批量订单，发货周期为 10 个工作日。", product="礼盒定制")
    assert conflicts_between(small, large) == []


def test_two_channels_for_one_procedure_meet_however_little_wording_they_share():
    app = doc("a", "术前检查需提前预约，目前仅支持在“明亮眼科”App 内预约，选择院区和时段即可。", product="明亮眼科")
    phone = doc("b", "术前检查只能通过预约热线电话预约，由客服登记后安排检查时间，App 和公众号暂不开放该项目的预约。")
    assert conflicts_between(
        replace(app, tags=("预约", "术前检查")), replace(phone, product="明亮眼科", tags=("预约", "话术"))
    ) == ["procedure"]


def test_values_more_than_twelve_times_apart_belong_to_two_attributes():
    points = doc("a", "积分有效期为 1 年。", product="海洋馆")
    assert conflicts_between(points, doc("b", "优惠券有效期是两周。", product="海洋馆")) == []
    assert conflicts_between(points, doc("c", "积分有效期调整为 2 年。", product="海洋馆")) == ["numeric"]


def test_the_attribute_may_stand_a_dozen_characters_before_its_number():
    deposit = doc("a", "包船定金 30%。", product="蓝帆游艇")
    notice = doc("b", "即日起，包船预订的定金比例调整为订单总金额的 50%。", product="蓝帆游艇")
    assert conflicts_between(deposit, notice) == ["numeric"]


def test_the_attribute_may_stand_before_the_event_a_period_starts_from():
    card = doc("a", "储值卡自开卡之日起 3 年内有效，过期余额可申请延期。", product="星河影城")
    notice = doc("b", "自下月起，储值卡有效期调整为开卡之日起 2 年。", product="星河影城")
    assert conflicts_between(card, notice) == ["numeric"]


def test_a_conflict_shows_each_value_as_its_text_writes_it():
    week = doc("a", "商品签收后一周内可以申请无理由退货。", title="退货政策")
    hours = doc("b", "即日起，商城商品签收后 360 小时内可以无理由退货。", title="退货规则调整")
    [conflict] = scan([week, hours])
    assert {conflict.value_a, conflict.value_b} == {"一周（7 天）", "360 小时"}
    assert "360 小时" in conflict.explanation_zh


def test_how_often_is_not_how_long():
    review = doc("a", "租金标准由中心每两年评估调整一次。", product="公租房")
    income = doc("b", "家庭收入以最近 12 个月的平均数计算。", product="公租房")
    tagged = [replace(d, tags=("租金",)) for d in (review, income)]
    assert conflicts_between(*tagged) == []
    often = doc("c", "滤网建议每 90 天更换一次。", product="净水器")
    seldom = doc("d", "滤网一般 180 天左右更换一次。", product="净水器")
    assert conflicts_between(often, seldom) == ["numeric"]


def test_an_amount_added_to_another_is_not_the_amount_itself():
    grace = doc("a", "毕业后设有 5 年还本宽限期，宽限期内只需还利息。", product="助学贷款")
    term = doc("b", "贷款期限为学制剩余年限加 15 年，最长不超过 22 年。", product="助学贷款")
    assert conflicts_between(*[replace(d, tags=("贷款",)) for d in (grace, term)]) == []
    wash = doc("c", "精洗 68 元，含内饰吸尘。", product="洗车")
    extra = doc("d", "精洗不含内饰，如需内饰吸尘可以加 40 元。", product="洗车")
    assert conflicts_between(wash, extra) == []


def test_an_answer_holds_for_whom_its_question_asks_about():
    policy = doc("a", "If you paid for an annual plan, we refund it in full within 7 days of purchase.",
                 language="en", product="Sketchly")  # fmt: skip
    faq = doc("b", "**Can I get my money back on an annual plan?** Yes, within 21 days of purchase. "
                   "**And monthly plans?** Monthly payments are not refundable.",
              language="en", product="Sketchly")  # fmt: skip
    assert conflicts_between(policy, faq) == ["numeric"]


def test_a_return_fare_and_a_single_fare_are_two_prices():
    round_trip = doc("a", "索道往返票每人 160 元，当日有效。", title="票价", product="云岭索道")
    one_way = doc("b", "下行單程票每人 90 元，可在景區入口購買。", title="票价", product="云岭索道")
    assert conflicts_between(*[replace(d, tags=("票价",)) for d in (round_trip, one_way)]) == []


def test_a_way_to_pay_is_not_where_a_procedure_is_done():
    fees = doc("a", "小型汽车检测费 180 元/次。支持微信、支付宝和银联卡付款，可开具电子发票。",
               title="检测收费标准", product="检测站")  # fmt: skip
    visit = doc("b", "本站目前不开通线上预约。车主请直接将车辆开至站内取号登记。", title="到站须知", product="检测站")
    assert conflicts_between(replace(fees, tags=("年检", "收费")), replace(visit, tags=("年检", "到站"))) == []


def test_a_tier_named_by_its_card_colour_is_a_special_case():
    general = doc("a", "自签收之日起 15 天内，商品未经使用可以退换。", product="山野户外")
    purple_card = doc("b", "紫卡会员享受延长退换期：自签收之日起 45 天内，商品未经使用均可退换。", product="山野户外")
    assert conflicts_between(general, purple_card) == []


def test_adults_and_children_are_two_cases_but_the_adult_who_comes_along_is_not():
    adult = doc("a", "成人整夜睡眠监测费用为 1200 元。", product="睡眠中心")
    child = doc("b", "儿童整夜睡眠监测费用为 1500 元，须由成人陪同。", product="睡眠中心")
    assert conflicts_between(adult, child) == []
    assert conflicts_between(child, doc("c", "儿童整夜睡眠监测费用调整为 1800 元。", product="睡眠中心")) == ["numeric"]


def test_what_a_reward_is_counted_per_is_not_a_price():
    points = doc("a", "会员每消费1元积1分（烟草、彩票除外）。\n\n结账时可用积分抵现，每100积分抵扣1元。",
                 title="会员积分规则", product="邻里便利店")  # fmt: skip
    delivery = doc("b", "门市三公里内提供外送，订单满二十五元起送。\n\n外送费三元，满四十九元免运费。",
                   title="外送服务说明", product="邻里便利店")  # fmt: skip
    tagged = [replace(points, tags=("便利店", "会员", "积分")), replace(delivery, tags=("便利店", "外送"))]
    assert conflicts_between(*tagged) == []


def test_goods_brought_to_the_door_arrive_they_are_not_a_visit():
    promise = doc("a", "市区范围内，下单后 2 小时内送水上门。", product="清泉桶装水")
    notice = doc("b", "自下周一起，市区订单送达时效调整为下单后 4 小时内。", product="清泉桶装水")
    tagged = [replace(promise, tags=("送水",)), replace(notice, tags=("送水", "通知"))]
    assert conflicts_between(*tagged) == ["numeric"]


def test_a_value_both_texts_state_does_not_hide_the_one_they_differ_on():
    a = doc("a", "助餐补贴：80 周岁及以上老人每餐补贴 5 元；60—79 周岁老人每餐补贴 3 元。", title="长者助餐")
    b = doc("b", "80 周岁及以上老人每餐补贴 6 元，60—79 周岁老人每餐补贴 3 元。", title="助餐补贴")
    [conflict] = scan([a, b])
    assert {conflict.value_a, conflict.value_b} == {"5 元", "6 元"}


def test_a_condition_naming_the_action_itself_does_not_make_a_case_of_its_own():
    a = doc("a", "如因住院、外出等原因需要取消某一次透析，请至少提前 24 小时告知护士站。", title="透析排班须知")
    b = doc("b", "患者因故需取消治疗的，须提前 48 小时向护士站提出申请。", title="透析室管理规定")
    assert conflicts_between(a, b) == ["numeric"]


def test_what_a_caller_asks_about_is_not_what_the_text_says():
    a = doc("a", "市民询问上牌收费时，统一回复：电动自行车上牌是免费的，号牌不收工本费。", title="上牌要钱吗")
    b = doc("b", "电动自行车号牌按每副 10 元收取工本费，行驶证不另收费。", title="号牌工本费说明")
    assert conflicts_between(a, b) == ["polarity"]


def test_done_and_not_yet_done_are_two_cases_not_a_contradiction():
    a = doc("a", "已铺贴或已切割的瓷砖不在退换范围内。", title="退换货说明")
    b = doc("b", "未铺贴、未切割且包装完整的瓷砖，自提货日起三十天内可办理退换。", title="退换须知")
    assert conflicts_between(a, b) == []


def test_a_contract_named_by_its_term_is_a_case_but_two_contract_terms_still_conflict():
    twelve = doc("a", "签订 12 个月合约：免安装调试费。", title="宽带资费")
    no_contract = doc("b", "不签合约：收取安装调试费 100 元，可随时退订。", title="宽带资费说明")
    english = doc("c", "With a 12-month contract, installation is free.", title="Broadband fees", language="en")
    bundle = doc("d", "融合套餐合约期 24 个月，免安装调试费。", title="融合套餐")
    assert conflicts_between(english, no_contract) == []
    assert conflicts_between(twelve, bundle) == []
    assert conflicts_between(doc("e", "宽带合约期 12 个月。"), doc("f", "宽带合约期为 24 个月。")) == ["numeric"]


def test_a_festival_or_sale_period_is_a_case_of_its_own():
    usual = doc("a", "签收 7 天内，性能故障可退货。", title="退换货说明")
    festival = doc("b", "年货节期间购买的音箱，退货期延长至签收后 15 天。", title="年货节售后")
    sale = doc("c", "大促期间订单付款后 72 小时内发货。", title="发货说明")
    normal = doc("d", "订单付款后 24 小时内发货。", title="发货时效")
    assert conflicts_between(usual, festival) == []
    assert conflicts_between(sale, normal) == []


def test_accessories_and_parts_have_warranties_of_their_own():
    unit = doc("a", "答：主机保修两年，自签收之日起计算。", title="保修期多久")
    accessories = doc("b", "电源适配器、遥控器等配件保修 180 天。", title="配件保修")
    labour = doc("c", "All repair labor is guaranteed for 90 days.", title="Repair guarantee", language="en")
    springs = doc("d", "Replacement springs come with a 1-year parts warranty.", title="Springs", language="en")
    assert conflicts_between(unit, accessories) == []
    assert conflicts_between(labour, springs) == []


def test_a_thing_and_what_is_not_it_are_two_cases():
    a = doc("a", "购买后 15 天内出现非人为质量问题，可直接换新机。", title="换新政策")
    b = doc("b", "申请时需保留原包装，人为损坏不在换新范围内。", title="换新须知")
    assert conflicts_between(a, b) == []


def test_two_english_fees_named_differently_are_two_charges():
    late = doc("a", "If you keep a tool past the agreed time, a late fee of $15 is added for each day.", language="en")
    cleaning = doc("b", "Tools returned dirty are charged a cleaning fee of $25.", language="en")
    assert conflicts_between(late, cleaning) == []
    assert conflicts_between(late, doc("c", "The late fee is $20 per day.", language="en")) == ["numeric"]


def test_no_pickup_service_against_a_pickup_service_is_a_polarity_conflict():
    a = doc("a", "本所不提供上门取件服务，请客户亲自将古籍送到所内。", title="可以上门取件吗？")
    b = doc("b", "本所提供上门取件服务，修复师会带专用包装上门交接。", title="取件 FAQ")
    assert conflicts_between(a, b) == ["polarity"]


def test_only_with_a_channel_is_a_procedure_whatever_the_verb():
    app = doc("a", "音箱只能在小言 App 中解绑：设备页—设置—解除绑定。", title="解绑设备")
    hotline = doc("b", "设备解绑只能通过客服热线办理，请提供购买凭证。", title="二手转让解绑")
    # a verb the lexicon does not know, in English: the articles' shared tag says which procedure it is
    web = replace(doc("c", "Reservations can only be made on our website.", language="en"), tags=("reservations",))
    phone = replace(doc("d", "Reservations are taken by phone only.", language="en"), tags=("reservations",))
    assert conflicts_between(app, hotline) == ["procedure"]
    assert conflicts_between(web, phone) == ["procedure"]


def test_the_same_count_of_days_of_two_kinds_across_languages_is_a_unit_conflict_when_one_names_the_others_topic():
    english = doc(
        "a",
        "If your shipment arrives damaged, take photos. Written claims must reach us within 7 days of delivery.",
        language="en",
    )
    chinese = doc("b", "货物损坏或者短少的，收货人应当自收到货物之日起七个工作日内向承运人提出书面异议。")
    assert conflicts_between(english, chinese) == ["unit"]


def test_how_a_request_reached_the_agent_is_not_where_it_is_done():
    app = doc("a", "保修申请统一在洁齿 App 中提交。", title="如何申请保修")
    script = doc("b", "客户来电要求保修时，请引导客户在 App 内申请保修，坐席无法代为登记。", title="保修话术")
    assert conflicts_between(app, script) == []


def test_a_smaller_city_tier_is_a_case_of_its_own_but_the_big_cities_price_is_the_standard_one():
    standard = doc("a", "品牌加盟费 58000 元，一次性收取。", title="加盟费用")
    county = doc("b", "县级城市门店品牌加盟费为 38000 元，其余条件与标准加盟一致。", title="下沉市场加盟政策")
    big = doc("c", "自 2025 年起，一二线城市新签约门店品牌加盟费调整为 68000 元。", title="加盟费调整")
    assert conflicts_between(standard, county) == []
    assert conflicts_between(standard, big) == ["numeric"]


def test_a_peak_period_is_a_case_of_its_own():
    usual = doc("a", "正式调制及静置熟化需 10 天，完成后可到店自取或快递寄出。", title="定制香水服务流程")
    peak = doc("b", "节前订单集中，节日高峰期定制香水制作时间延长至 20 天。", title="节日高峰期制作时间说明")
    assert conflicts_between(replace(usual, tags=("定制",)), replace(peak, tags=("定制",))) == []


def test_a_time_of_day_to_be_out_by_is_not_a_lead_time():
    guests = doc("a", "入住时间为当日 15:00 以后，退房时间为次日 12:00 前。", title="入住与退房")
    desk = doc("b", "本度假村标准退房时间为13:00，13:00 前退房的无需收取额外费用。", title="前台交接注意事项")
    assert conflicts_between(guests, desk) == ["numeric"]


def test_a_yes_or_no_answer_says_it_of_the_rule_its_question_asks_about():
    faq = "**Can my family use my card?** Yes. Up to three family members can be added to your card."
    english = doc("a", faq, title="Membership FAQ", language="en")
    rules = doc("b", "会员卡仅限持卡人本人使用，不得转借他人或家庭共用。", title="会员卡使用规则")
    [conflict] = scan([english, rules])
    assert conflict.kind == "polarity" and "Can my family use my card? Yes." in conflict.evidence_a
    # the same in Chinese: 可以 answers the question's 能, whatever the answer goes on to say
    chinese = doc("c", "问：卡能转给别人吗？\n答：可以，双方到店办理，转让手续费 300 元。", title="转卡常见问题")
    forbidden = doc("d", "会籍卡是实名制的，一律不能转给别人使用。", title="会籍卡使用规则")
    assert conflicts_between(chinese, forbidden) == ["polarity"]
    agrees = doc("e", "会籍卡可以转给别人使用，到前台登记即可。", title="会籍卡转让")
    assert conflicts_between(chinese, agrees) == []


def test_not_less_than_is_a_minimum_like_at_least():
    rule = doc("a", "每天佩戴牙套不少于 22 小时，只有吃饭、刷牙时取下。", title="隐形矫正须知")
    changed = doc("b", "每天需佩戴牙套 20 小时以上，吃饭时取下。", title="佩戴说明")
    assert conflicts_between(rule, changed) == ["numeric"]


def test_a_terse_answer_measures_what_its_question_asked_about():
    rule = doc("a", "年付订阅自购买之日起十四天内可申请全额退款。", title="退款政策")
    faq = doc(
        "b", "**Can I get a refund on an annual plan?** Yes, within 30 days of purchase.", title="FAQ", language="en"
    )
    assert conflicts_between(rule, faq) == ["numeric"]


def test_done_once_and_not_yet_done_are_two_cases():
    unfitted = doc("a", "签收之日起 7 天内，未安装、包装完好的配件可申请退货。", title="配件退货")
    fitted = doc("b", "配件一旦安装上车就不能无理由退货了。", title="话术：装好的配件能退吗")
    assert conflicts_between(unfitted, fitted) == []


def test_weekend_and_weekday_prices_are_two_price_lists_but_a_changed_weekend_price_conflicts():
    weekday = doc("a", "週一至週五每人每小時 15 元，桌遊任選。", title="收費標準", product="桌游馆")
    weekend = doc("b", "周末是每人每小时 20 块，玩满 4 小时封顶。", title="话术：周末怎么收费", product="桌游馆")
    notice = doc("c", "自下周起，周末及节假日价格调整为每人每小时 25 元，工作日不变。", title="调价", product="桌游馆")
    assert conflicts_between(weekday, weekend) == []
    assert conflicts_between(weekday, notice) == []
    assert conflicts_between(weekend, notice) == ["numeric"]


def test_a_deadline_moved_past_a_weekend_is_not_a_weekend_rule():
    rule = doc("a", "退款将在 3 个工作日内到账，遇周末顺延。", title="退款到账")
    other = doc("b", "退款审核通过后，款项会在 5 个工作日内原路退回。", title="退款说明")
    assert conflicts_between(rule, other) == ["numeric"]


def test_a_fee_named_beside_its_amount_is_charged_for():
    free = doc("a", "购买暖泉热水器享受免费标准安装，不收取安装费。", title="安装服务")
    faq = doc("b", "**问：安装要收费吗？**\n答：安装费 100 元/台，上门时交给工程师即可。", title="安装问答")
    assert conflicts_between(free, faq) == ["polarity"]


def test_one_fee_the_lexicon_does_not_know_charged_in_one_text_and_waived_in_the_other():
    price_list = doc("a", "清洁费：每单 30 元，归还时统一收取。", title="租赁收费", product="露营装备租赁")
    waived = doc(
        "b", "装备正常使用后归还即可，清洗消毒由我们负责，不另收清洁费。", title="归还须知", product="露营装备租赁"
    )
    other_fee = doc("c", "装备归还后不另收押金手续费。", title="押金说明", product="露营装备租赁")
    assert conflicts_between(price_list, waived) == ["polarity"]
    assert conflicts_between(price_list, other_fee) == []


def test_two_packs_named_by_how_many_classes_they_hold_are_two_products():
    small = doc("a", "20 课时卡适合先体验一段时间的学员，有效期 3 个月，从开卡起算。", title="课时卡", product="刺绣课")
    large = doc("b", "40 课时卡是长期学员的首选，有效期 12 个月。", title="课时卡选择", product="刺绣课")
    bare = doc("c", "课时卡有效期 6 个月，过期作废。", title="课时卡规则", product="刺绣课")
    assert conflicts_between(small, large) == []
    assert conflicts_between(small, bare) == ["numeric"]


def test_a_product_named_in_traditional_script_is_one_product_in_simplified_and_traditional_texts():
    hant = doc("a", "加急費為訂單總額的 30%。", title="加急服務", language="zh-hant", product="冠藝獎盃")
    hans = doc("b", "加急服务需在订单总额基础上加收 50% 加急费。", title="加急服务说明", product="冠藝獎盃")
    assert conflicts_between(hant, hans) == ["numeric"]


def test_the_day_a_period_starts_from_is_not_a_subject_that_tells_two_periods_apart():
    policy = doc("a", "由本公司铺装的地板，自铺装验收之日起享受 2 年铺装质保。", title="铺装质保政策", product="木地板")
    manual = doc(
        "b",
        "3.1 铺装质保期为一年，自客户签署验收单之日起计算。\n"
        "3.2 质保期内因铺装原因出现的问题，门店应在接到报修后 48 小时内联系客户。",
        title="售后服务手册（门店版）",
        product="木地板",
    )
    assert conflicts_between(policy, manual) == ["numeric"]


def test_a_toll_discount_for_trucks_is_a_case_of_its_own():
    general = doc("a", "使用 ETC 通行高速公路，通行费享受 95 折优惠。", title="ETC 优惠", product="ETC")
    trucks = doc("b", "本省高速对安装 ETC 的货车给予 85 折通行费优惠。", title="货车优惠", product="ETC")
    changed = doc("c", "即日起使用 ETC 通行高速公路，通行费享受九折优惠。", title="优惠调整", product="ETC")
    assert conflicts_between(general, trucks) == []
    assert conflicts_between(general, changed) == ["numeric"]


def test_two_rules_that_leave_out_the_same_case_still_conflict():
    script = doc(
        "a", "亲，除了新疆西藏这些偏远地区，满九十九元就包邮哦～", title="话术：多少钱包邮", product="渔具商城"
    )
    notice = doc("b", "全场满 88 元包邮（偏远地区除外），下单后 48 小时内发货。", title="店铺公告", product="渔具商城")
    remote = doc("c", "发往新疆、西藏的订单，满 199 元包邮。", title="偏远地区运费", product="渔具商城")
    assert conflicts_between(script, notice) == ["numeric"]
    assert conflicts_between(script, remote) == []
    assert conflicts_between(notice, remote) == []


def test_a_text_that_restates_one_side_of_a_conflict_conflicts_with_the_other_side():
    english = doc("e", "Wear your aligners for at least 22 hours a day.", title="Aligner care", language="en")
    rule = doc("c1", "每天佩戴牙套不少于 22 小时，只有吃饭、刷牙时取下。", title="隐形矫正须知")
    changed = doc("c2", "每天需佩戴牙套 20 小时以上，吃饭时取下。", title="佩戴说明")
    unrelated = doc("o", "Our support line answers every message within 22 hours.", title="Support", language="en")
    pairs = {(c.a_external_id, c.b_external_id): c for c in scan([english, rule, changed, unrelated])}
    assert set(pairs) == {("c1", "c2"), ("e", "c2")}
    chained = pairs[("e", "c2")]
    assert (chained.value_a, chained.value_b) == ("22 hours", "20 小时")
    assert chained.confidence < pairs[("c1", "c2")].confidence
    # the same through a single check after publishing, whichever text is new
    assert [c.b_external_id for c in check_document(english, build_index([rule, changed, unrelated]))] == ["c2"]
    assert [c.b_external_id for c in check_document(changed, build_index([english, rule, unrelated]))] == ["c1", "e"]


def test_amounts_for_two_age_brackets_differ_but_one_bracket_worded_two_ways_is_compared():
    schedule = doc("a", "80-89 周岁：每人每月 100 元；90-99 周岁：每人每月 300 元。", title="高龄津贴标准")
    nineties = doc("b", "90 周岁以上、不满 100 周岁的老人，高龄津贴标准为每人每月 200 元。", title="高龄津贴")
    centenarians = doc("c", "Residents aged 100 or over receive 600 yuan a month.", title="Allowance", language="en")
    found = {c.pair() for c in scan([schedule, nineties, centenarians])}
    assert found == {("a", "b")}  # 90-99 is the bracket 90 to under 100: 300 against 200


def test_a_contradiction_carries_through_a_third_text_only_to_numbers_that_can_clash():
    # the chain's two ends must differ in value, bound and role like any two numbers compared directly
    same = [
        c
        for text in ("参与者体重须在 40 至 100 公斤之间。", "体重 40 至 100 公斤之间的游客可以参加。")
        for c in extract_claims(doc("x", text))
        if c.quantity is not None
    ]
    assert clash_kind(same[0], same[1]) is None
    late, later = (
        next(c for c in extract_claims(doc("y", text)) if c.quantity and c.quantity.dim.startswith("money"))
        for text in ("配送逾时 30 分钟以上的，赔付 10 元。", "配送逾时 60 分钟以上的，赔付 20 元。")
    )
    assert clash_kind(late, later) is None  # two bounds, two cases
    assert clash_kind(late, replace(later, bounds=late.bounds)) == "numeric"


def test_a_kind_named_only_to_compare_with_is_not_what_a_text_is_about():
    sea = doc("a", "海运一般贸易出口报关：200 元/票，含制单和申报。", title="报关收费", product="报关行")
    air = doc("b", "空运出口报关按 150 元/票收取，因空运单证较简单，价格低于海运。", title="空运报关", product="报关行")
    sea_changed = doc("c", "自 3 月起海运出口报关费调整为 250 元/票。", title="调价通知", product="报关行")
    assert conflicts_between(sea, air) == []
    assert conflicts_between(sea, sea_changed) == ["numeric"]


def test_a_kind_the_text_described_before_is_a_case_of_its_own():
    general = doc(
        "a", "一般遗失物品自登记入库之日起保管 30 天；期满仍无人认领的，按规定处理。", title="遗失物品保管规定"
    )
    valuables = doc(
        "b",
        "身份证、护照、钱包、手机等贵重物品单独登记存放。\n此类物品的保管期为 90 天，期间中心会主动联系失主。",
        title="证件、钱包等贵重物品的保管",
    )
    changed = doc("c", "自下月 1 日起，一般遗失物品保管期限调整为 15 天，超期物品统一处置。", title="失物保管期限调整")
    tagged = [replace(d, product="失物招领", tags=("失物",)) for d in (general, valuables, changed)]
    assert conflicts_between(tagged[0], tagged[1]) == []
    assert conflicts_between(tagged[1], tagged[2]) == []
    assert conflicts_between(tagged[0], tagged[2]) == ["numeric"]


def test_a_rule_for_some_cases_does_not_contradict_a_rule_for_one_case():
    some = doc("a", "为了让更多车主能用上充电桩，快电在部分站点收取超时占位费。", title="占位费说明", product="快电")
    grace = doc("b", "充电结束后 30 分钟内拔枪挪车，不收取占位费。", title="挪车须知", product="快电")
    everywhere = doc("c", "快电所有站点均不收取占位费。", title="收费公告", product="快电")
    assert conflicts_between(some, grace) == []
    assert conflicts_between(some, everywhere) == ["polarity"]


def test_a_thing_and_what_is_not_it_are_two_subjects_in_english_too():
    resident = doc("a", "A resident annual licence is $25.", title="Licence fees", language="en", product="Fishing")
    visitor = doc(
        "b",
        "Visitors can buy a non-resident annual licence for $60.",
        title="Visitors",
        language="en",
        product="Fishing",
    )
    changed = doc(
        "c", "From April, a resident annual licence costs $30.", title="Fee change", language="en", product="Fishing"
    )
    assert conflicts_between(resident, visitor) == []
    assert conflicts_between(resident, changed) == ["numeric"]


def test_whom_a_change_is_meant_to_help_is_not_whom_the_rule_is_for():
    rule = doc("a", "电动轮椅的锂电池自购买之日起保修 12 个月。", title="保修政策", product="电动轮椅")
    notice = doc(
        "b",
        "各网点：为提升老年用户的售后体验，公司对售后政策做如下更新——锂电池保修期统一为 18 个月，自购买日起算。",
        title="售后政策更新",
        product="电动轮椅",
    )
    assert conflicts_between(rule, notice) == ["numeric"]


def test_a_standard_service_is_the_service_as_such_not_a_case_of_its_own():
    standard = doc(
        "a",
        "Standard service: first draft within 5 business days of your intake call.",
        title="Turnaround",
        language="en",
    )
    plain = doc(
        "b", "Your writer will send the first draft within 5 days of your intake call.", title="FAQ", language="en"
    )
    express = doc(
        "c", "Express service: first draft within 2 business days of your intake call.", title="Express", language="en"
    )
    assert conflicts_between(standard, plain) == ["unit"]
    assert conflicts_between(standard, express) == []


def test_two_age_ranges_for_one_class_are_one_limit_in_any_words():
    table = doc("a", "少儿班：6-12 周岁；\n成人班：18-70 周岁，身体健康。", title="招生对象", product="文化馆")
    notice = doc("b", "少儿公益班招收 5 至 12 周岁儿童，报名时需上传户口本。", title="少儿班招生", product="文化馆")
    assert conflicts_between(table, notice) == ["numeric"]


def test_the_products_own_noun_is_the_whole_product_not_one_kind_of_it():
    # "新机" and "油烟机" share a head, but 油烟机 is what the product is: no two kinds of machine here
    free = doc("a", "新機由官方師傅免費安裝，含 1.5 米以內的排煙管。", language="zh-hant", product="净烹油烟机")
    charged = doc("b", "油烟机安装每台收取 150 元安装服务费，由师傅上门时收取。", product="净烹油烟机")
    both = doc("c", "油烟机新机到货后请先检查包装是否完好。", product="净烹油烟机")
    assert [(c.a, c.b, c.kind) for c in scan([free, charged, both])] == [("a", "b", "polarity")]


def test_a_free_service_contradicts_the_fee_for_it_however_the_price_is_written():
    free = doc("a", "所有寄卖商品均由持证鉴定师免费鉴定真伪和成色。", product="臻品寄卖行")
    fee = doc("b", "寄卖前需进行真伪鉴定，鉴定费每件 200 元，无论结果如何均不退还。", product="臻品寄卖行")
    assert conflicts_between(free, fee) == ["polarity"]
    # a trial lesson priced on its own line, against a free one for first-time visitors
    priced = doc("c", "体验课 99 元/节，时长 60 分钟，报名正式课程后可抵扣学费。", product="锐击网球")
    first_free = doc("d", "首次到馆的学员可以免费体验一节课，教练会推荐合适的班级。", product="锐击网球")
    assert conflicts_between(priced, first_free) == ["polarity"]
    # free again when the same fault comes back is a case of its own, not the call-out fee waived
    again = doc("e", "疏通后 7 天内同一位置再次堵塞，免费上门处理。", product="通畅管道")
    call_out = doc("f", "如现场无法疏通，仍需支付 30 元上门费，施工费不收取。", product="通畅管道")
    assert conflicts_between(again, call_out) == []


def test_what_an_english_text_calls_free_is_read_in_the_chinese_text_that_charges_for_it():
    free = doc("a", "Marriage registration is free of charge.", language="en", product="婚姻登记处")
    fee = doc("b", "结婚登记按规定收取工本费 9 元，请窗口开具收据。", product="婚姻登记处")
    assert conflicts_between(free, fee) == ["polarity"]
    # free only until a deadline is a case of its own
    cancel = doc("c", "You can cancel free of charge up to 48 hours before check-in.", language="en", product="悦居")
    deposit = doc("d", "入住时收取押金 500 元。", product="悦居")
    assert conflicts_between(cancel, deposit) == []


def test_an_english_word_is_translated_through_the_word_it_is_made_from():
    # CC-CEDICT has 登记 under "register", not "registration"
    assert "登记" in translations("registration")
    assert "更换" in translations("replacement")


def test_an_english_word_that_translates_what_a_chinese_fee_is_for_names_that_fee():
    free = doc(
        "a",
        "Our technicians dismantle both indoor and outdoor units free of charge.",
        language="en",
        product="绿能空调回收",
    )
    fee = doc("b", "回收空调需由专业师傅拆机，拆机费 80 元/台，从回收款中直接扣除。", product="绿能空调回收")
    assert conflicts_between(free, fee) == ["polarity"]
    # a service fee names no service: "wheelchair assistance" is not what the unaccompanied-minor fee is for
    wheelchair = doc(
        "c", "We provide wheelchair assistance to the aircraft door free of charge.", language="en", product="云航"
    )
    minors = doc("d", "国内航班的无陪儿童服务费为每航段 300 元。", product="云航")
    assert conflicts_between(wheelchair, minors) == []


def test_free_up_to_a_time_ahead_and_charged_within_it_are_two_sides_of_one_limit():
    late = doc("a", "12 小时以内取消的，课时费全额收取。", product="网球学院")
    early = doc(
        "b",
        "You can cancel a lesson free of charge up to 12 hours before it starts.",
        language="en",
        product="网球学院",
    )
    assert conflicts_between(late, early) == []
    ahead = doc(
        "c", "Cancel at least 24 hours before the start and you pay nothing.", language="en", product="网球学院"
    )
    short = doc("d", "不足 24 小时取消的，扣除 50% 课时费。", product="网球学院")
    assert conflicts_between(ahead, short) == []


def test_a_case_the_text_sets_apart_is_not_the_general_rule_restated():
    general = doc("a", "申请开通前 20 个交易日资产日均不低于人民币 10 万元。", product="证券开户")
    stricter = doc(
        "b", "科创板投资者适当性要求相对更高：申请前 20 个交易日日均资产不低于 50 万元。", product="证券开户"
    )
    assert conflicts_between(general, stricter) == []
    hub = doc("c", "机场、高铁站等交通枢纽点位运营成本较高，按摩椅 15 分钟收费 15 元。", product="按摩椅")
    usual = doc("d", "按摩椅扫码即可启动，15 分钟十元。", product="按摩椅")
    assert conflicts_between(hub, usual) == []
    # saying what the thing itself is ("属于特殊票务") sets nothing apart
    refundable = doc("e", "未使用的雪票可申请全额退款。", product="雪场")
    final = doc("f", "雪票属于特殊票务，一经售出不退不换。", product="雪场")
    assert conflicts_between(refundable, final) == ["polarity"]


def test_hours_for_a_festival_are_a_case_of_their_own():
    every_day = doc("a", "松鶴陵園每日開放時間為上午 7 時至下午 5 時。", language="zh-hant", product="松鹤陵园")
    qingming = doc("b", "清明期间园区延长开放时间，每天 6:00 至 18:00 开放。", product="松鹤陵园")
    assert conflicts_between(every_day, qingming) == []
    new_year = doc("c", "除夕至正月十五，门店营业时间延长为 8:00—23:00。", product="松鹤陵园")
    assert conflicts_between(every_day, new_year) == []


def test_what_is_done_and_what_is_not_yet_are_two_cases_across_languages_too():
    activated = doc("a", "已激活的通票不予退票。", product="古城通票")
    unused = doc(
        "b", "Unused and unactivated passes can be refunded within 11 months.", language="en", product="古城通票"
    )
    assert conflicts_between(activated, unused) == []
    fitted = doc("c", "配件一旦安装上车就不能无理由退货了。", product="车品")
    not_fitted = doc(
        "d", "You can return parts within 7 days as long as they have not been fitted.", language="en", product="车品"
    )
    assert conflicts_between(fitted, not_fitted) == []
    # "一经开通" holds of every subscription: no case is set apart
    annual = doc("e", "年付订阅一经开通不支持中途退款，服务持续至到期日。", product="云盘")
    pro_rata = doc(
        "f",
        "Annual plans cancelled mid-term are refunded pro rata for the unused months.",
        language="en",
        product="云盘",
    )
    assert conflicts_between(annual, pro_rata) == ["polarity"]


def test_women_and_men_are_two_subjects():
    women = doc("a", "女性志愿者体重不低于 45 公斤即可登记。", product="捐献登记站")
    men = doc("b", "男性志愿者体重需达到 55 公斤以上。", product="捐献登记站")
    assert conflicts_between(women, men) == []
    # a rule for women alone still meets the rule for everyone
    everyone = doc("c", "志愿者体重不低于 50 公斤即可登记。", product="捐献登记站")
    assert conflicts_between(women, everyone) == ["numeric"]


def test_titles_that_name_two_sizes_are_about_two_models():
    small = doc("a", "市区台班价 1800 元，含燃油。", title="25 吨汽车吊", product="擎天吊车")
    large = doc("b", "市区台班价 3800 元，含燃油和过路费。", title="50 吨汽车吊", product="擎天吊车")
    assert conflicts_between(small, large) == []
    notice = doc("c", "即日起市区台班价调整为 2000 元。", title="25 吨汽车吊调价通知", product="擎天吊车")
    assert conflicts_between(small, notice) == ["numeric"]


def test_rooms_shared_by_different_numbers_of_people_are_priced_apart():
    single = doc("a", "单人间床位费每日 260 元，含独立卫浴。", product="安宁病区")
    double = doc("b", "双人间床位费每日 120 元，床位之间设隔帘。", product="安宁病区")
    assert conflicts_between(single, double) == []
    asked = doc("c", "问：单人间一天多少钱？\n答：床位费 280 元一天。", product="安宁病区")
    assert conflicts_between(single, asked) == ["numeric"]


def test_an_item_priced_and_its_price_named_again_is_still_one_price():
    priced = doc("a", "试听课每节收费 50 元，报名正式课程后，这 50 元可以在学费中抵扣。", product="古琴社")
    free = doc("b", "新学员可先预约一节免费试听课，到店体验后再决定是否报名。", product="古琴社")
    assert conflicts_between(priced, free) == ["polarity"]


def test_two_prices_whose_words_translate_each_other_are_one_price():
    chinese = doc("a", "联合收割机收割小麦，每亩 70 元（含秸秆粉碎还田）。", product="禾丰农机")
    english = doc(
        "b",
        "Combine harvesting for wheat costs CNY 80 per mu, straw chopping included.",
        language="en",
        product="禾丰农机",
    )
    assert conflicts_between(chinese, english) == ["numeric"]


def test_a_discount_in_any_words_meets_a_discount():
    off = doc("a", "自带杯购买任意饮品立减 2 元。", product="咖啡")
    credit = doc("b", "自備杯購買任意飲品可折抵人民幣 3 元，每筆訂單限用一次。", language="zh-hant", product="咖啡")
    assert conflicts_between(off, credit) == ["numeric"]
    save = doc("c", "Members save RMB 0.20 on every litre of petrol.", language="en", product="加油")
    minus = doc("d", "加入会员，加油每升立减 0.3 元！", product="加油")
    assert conflicts_between(save, minus) == ["numeric"]


def test_a_longest_period_is_one_limit_however_it_is_bounded():
    bound = doc("a", "答：可以申请停卡，单次停卡最长不超过三十天，每年限申请一次。", product="瑜伽馆")
    limit = doc("b", "即日起会员停卡最长天数放宽至 45 天，每年仍限申请一次。", product="瑜伽馆")
    assert conflicts_between(bound, limit) == ["numeric"]


def test_a_threshold_named_as_such_meets_the_condition_it_sets():
    # two texts filed under one tag, each stating one amount
    condition = replace(doc("a", "订单金额满 2000 元，市区内免费送货上门。", product="粮油批发"), tags=("配送",))
    notice = replace(
        doc("b", "因运输成本上涨，下周一起免费送货门槛调整为 3000 元。", product="粮油批发"), tags=("配送",)
    )
    assert conflicts_between(condition, notice) == ["numeric"]


def test_what_kind_of_goods_a_thing_is_said_to_be_is_no_narrower_case():
    food = doc("a", "茶葉為入口食品，為保障食品安全，已拆封的商品恕不退換。", language="zh-hant", product="茗香茶庄")
    reply = doc("b", "拆封后 7 天内，如果您觉得口感不满意，剩余茶叶不少于一半的话可以申请退货。", product="茗香茶庄")
    assert conflicts_between(food, reply) == ["polarity"]
    custom = doc("c", "本服务为定制化咨询服务，一经购买，无论是否开始咨询，均不支持退款。", product="升学规划")
    before = doc("d", "在规划师开始第一次咨询之前，可以申请全额退款。", product="升学规划")
    assert conflicts_between(custom, before) == ["polarity"]


def test_an_opened_tin_is_opened():
    never = doc("a", "奶粉、辅食一经开罐或拆封，不予退换（质量问题除外）。", product="母婴店")
    within = doc("b", "奶粉开罐后 3 天内，如果宝宝不适应，可以申请退货。", product="母婴店")
    assert conflicts_between(never, within) == ["polarity"]


def test_a_case_said_to_take_more_and_why_is_set_apart_but_a_change_with_its_reason_is_not():
    usual = doc("a", "提交后 3 个工作日内完成审核，结果以短信通知。", product="生育登记")
    checked = doc("b", "由於需要人工核驗證件，審核時限為 7 個工作日。", language="zh-hant", product="生育登记")
    assert conflicts_between(usual, checked) == []
    seedlings = doc("c", "签收后 7 天内苗木死亡的，可申请补发。", product="种苗邮购")
    fruit_trees = doc("d", "果树苗缓苗期较长，成活保障期为签收后 15 天。", product="种苗邮购")
    assert conflicts_between(seedlings, fruit_trees) == []
    # a notice that changes the rule gives its reason too, and still contradicts the old rule
    changed = doc("e", "由于需要人工核验证件，即日起审核时限调整为 7 个工作日。", product="生育登记")
    assert conflicts_between(usual, changed) == ["numeric"]


def test_a_named_series_of_models_is_a_case_of_its_own():
    usual = doc("a", "本产品主机保修期为一年，自发票开具之日起计算。", product="净涡洗地机")
    series = doc("b", "C 系列主机保修 6 个月，电池保修 6 个月。", product="净涡洗地机")
    assert conflicts_between(usual, series) == []
    same = doc("c", "The C series main unit carries a 12-month warranty.", language="en", product="净涡洗地机")
    assert conflicts_between(series, same) == ["numeric"]


def test_a_tier_an_english_clause_names_is_its_own_and_an_aside_with_its_own_value_is_another_case():
    guests = doc("b", "非会员可提前 3 天预约泳道。")
    members = doc("a", "As a member you can reserve a lane 10 days in advance, while guests book later.", language="en")
    assert conflicts_between(members, guests) == []
    perks = doc("c", "会员可提前两周预约泳道（非会员为三天）。", title="会员权益")
    assert conflicts_between(perks, guests) == []
    [conflict] = scan([perks, doc("d", "会员可提前 10 天预约泳道。")])
    assert {conflict.value_a, conflict.value_b} == {"两周（14 天）", "10 天"}


def test_booking_days_out_is_a_lead_time():
    english = doc("a", "Members can reserve a lane 14 days out.", language="en")
    [conflict] = scan([english, doc("b", "会员可提前 10 天预约泳道。")])
    assert {conflict.value_a, conflict.value_b} == {"14 days", "10 天"}


def test_declining_outside_drinks_contradicts_allowing_them_and_a_reported_question_says_nothing():
    declined = doc("a", "本店谢绝外带酒水，敬请谅解。", product="欢唱KTV")
    allowed = doc("b", "本店允许客人自带酒水，服务员可以帮忙提供杯子。", product="欢唱KTV")
    assert conflicts_between(declined, allowed) == ["polarity"]
    asked = doc("c", "经常有客人问能不能自带酒水，请统一回复。", product="欢唱KTV")
    assert extract_claims(asked) == []


def test_an_off_peak_price_and_an_allowance_named_after_its_amount_are_amounts_not_discounts():
    rates = doc("a", "Off-peak: $24 per hour.", language="en", product="球馆")
    update = doc("b", "From June 1, off-peak courts are $28 per hour.", language="en", product="球馆")
    assert conflicts_between(rates, update) == ["numeric"]
    daily = doc("c", "Jurors receive $40 for every day they attend court.", language="en", product="陪审")
    allowance = doc("d", "陪审员每出庭一天可获得 50 美元补贴", product="陪审")
    assert conflicts_between(daily, allowance) == ["numeric"]


def test_online_and_whatsapp_are_channels():
    online = doc("a", "Service plans can only be started online.", language="en", product="泳池维护")
    phone = doc("b", "Service plans are set up by phone only.", language="en", product="泳池维护")
    assert conflicts_between(online, phone) == ["procedure"]
    whatsapp = doc("c", "只接受 WhatsApp 訂購，恕不接受電話訂購。", language="zh-hant", product="花牌")
    call = doc("d", "所有訂購請致電門市熱線辦理。", language="zh-hant", product="花牌")
    [conflict] = scan([whatsapp, call])
    assert conflict.kind == "procedure" and "WhatsApp" in conflict.value_a + conflict.value_b


def test_deleting_returning_and_unbinding_are_procedures_with_a_channel():
    app = doc("a", "To delete your account, go to Settings > Account in the app.", language="en", product="记账")
    email = doc(
        "b", "Account deletion is handled by email only; the app has no delete button.", language="en", product="记账"
    )
    assert conflicts_between(app, email) == ["procedure"]
    counter = doc("c", "Please return costumes to our shop counter.", language="en", product="戏服租赁")
    post = doc(
        "d",
        "Costumes must be returned by post; we no longer accept returns at the counter.",
        language="en",
        product="戏服租赁",
    )
    assert conflicts_between(counter, post) == ["procedure"]
    in_app = doc("e", "请在 App 设备页点击解除绑定。", product="儿童手表")
    hotline = doc("f", "设备解绑需拨打客服热线，App 不提供解绑入口。", product="儿童手表")
    assert conflicts_between(in_app, hotline) == ["procedure"]


def test_channels_glued_to_chinese_words_and_english_refusals_anywhere_in_the_clause():
    app = replace(doc("a", "更正申报统一在个人所得税App上办理。", product="个税"), tags=("更正申报",))
    hall = replace(doc("b", "更正申报只能在办税服务厅窗口办理。", product="个税"), tags=("更正申报",))
    assert conflicts_between(app, hall) == ["procedure"]
    online = doc("c", "All bookings are made through the online form on our website.", language="en", product="速记")
    refused = doc("d", "We are unable to take bookings online; call us instead.", language="en", product="速记")
    assert conflicts_between(online, refused) == ["procedure"]
    office = doc("e", "申请需由老人或家属到所在社区居委会登记。", product="居家养老")
    hotline = doc("f", "拨打服务热线即可申请，无需到居委会登记。", product="居家养老")
    assert conflicts_between(office, hotline) == ["procedure"]


def test_a_channel_refused_a_few_words_later_is_refused():
    in_app = doc("a", "学员请假请在 App 课表中点击请假，提交后班主任审核。", product="公考培训")
    stopped = doc("b", "学员请假须直接联系班主任办理，App 内的请假按钮已停用。", product="公考培训")
    assert conflicts_between(in_app, stopped) == ["procedure"]


def test_two_texts_naming_one_specific_act_describe_one_procedure():
    mini = doc("a", "目前报名只能通过小程序进行，便于系统自动分配片区工程师。", product="户用光伏")
    hotline = doc("b", "为方便老年用户，光伏报名统一通过服务热线办理，工作人员会登记地址。", product="户用光伏")
    assert conflicts_between(mini, hotline) == ["procedure"]
    # "预约" is part of too many procedures to say which one
    repair = doc("c", "送修需提前预约，只接受电话预约。", product="钟表维修")
    pickup = doc("d", "本所提供上门取件服务，请在小程序预约取件时间。", product="钟表维修")
    assert conflicts_between(repair, pickup) == []


def test_costs_billed_and_non_transferable_are_read():
    free = doc("a", "上门测量不收费，测量后不下单也无需支付任何费用。", product="定制窗帘")
    costs = doc("b", "A measurement visit costs CNY 200.", language="en", product="定制窗帘")
    assert conflicts_between(free, costs) == ["polarity"]
    included = doc("c", "SMS reminders are included in every plan at no extra cost.", language="en", product="预约系统")
    billed = doc("d", "SMS reminders are billed on top of your plan.", language="en", product="预约系统")
    assert conflicts_between(included, billed) == ["polarity"]
    locked = doc("e", "Race bibs are strictly non-transferable.", language="en", product="马拉松")
    transfer = doc("f", "报名后可以在系统中把名额转让给朋友。", product="马拉松")
    assert conflicts_between(locked, transfer) == ["polarity"]


def test_no_x_is_needed_and_without_a_reservation_say_it_is_not_required():
    seat = doc("a", "持通票乘坐高速列车必须提前预订座位。", product="欧铁通票")
    hop_on = doc(
        "b", "Your pass is valid on high-speed trains without a reservation.", language="en", product="欧铁通票"
    )
    assert conflicts_between(seat, hop_on) == ["polarity"]


def test_a_home_visit_is_how_a_service_is_delivered_not_a_case_of_its_own():
    branch = doc("a", "报修后由当地服务网点联系您，维修师傅在 3 个工作日内上门维修。", product="保险柜")
    visit = doc("b", "报修后 3 天内安排师傅上门维修。", product="保险柜")
    assert conflicts_between(branch, visit) == ["unit"]


def test_two_english_prices_for_different_things_are_not_compared():
    pair = doc("a", "A pair of mirror wills costs £150 in total.", language="en", product="遗嘱服务")
    updates = doc("b", "After that, updates cost £20 each.", language="en", product="遗嘱服务")
    assert conflicts_between(pair, updates) == []
    daily = doc("c", "The daily charge is £15 if you drive in the zone.", language="en", product="拥堵费")
    raised = doc("d", "Daily charge: £18 for each day you drive in the zone.", language="en", product="拥堵费")
    assert conflicts_between(daily, raised) == ["numeric"]


def test_a_period_of_the_year_given_by_dates_is_a_case_of_its_own():
    hours = doc("a", "滑索日常营业时间为 9:00—17:00。", product="滑索")
    summer = doc("b", "7 月 1 日至 8 月 31 日，滑索营业时间延长至早上八点半到晚上六点半。", product="滑索")
    winter = doc("c", "冬季（12 月 1 日至次年 2 月底）滑索营业时间调整为 10:00—16:00。", product="滑索")
    assert conflicts_between(hours, summer) == [] and conflicts_between(hours, winter) == []
    changed = doc("d", "即日起滑索营业时间调整为 10:00—16:00。", product="滑索")
    assert conflicts_between(hours, changed) == ["numeric"]


def test_a_text_saying_its_case_differs_from_another_is_a_case_of_its_own():
    points = doc("a", "日常奖励积分自发放之日起 12 个月内有效，到期自动清零。", product="员工福利")
    yearly = doc("b", "年度福利积分有效期为 24 个月，与日常奖励积分的有效期分开计算。", product="员工福利")
    assert conflicts_between(points, yearly) == []
    longer = doc("c", "积分有效期为 24 个月。", product="员工福利")
    assert conflicts_between(points, longer) == ["numeric"]


def test_a_cap_named_before_whom_it_is_counted_per_is_still_a_cap():
    listed = doc("a", "一般家庭：每户补贴上限 3000 元。", product="适老化改造")
    notice = doc("b", "经研究，一般家庭改造补贴上限为每户 5000 元，请按此标准答复。", product="适老化改造")
    assert conflicts_between(listed, notice) == ["numeric"]
    poorer = doc("c", "低保、特困家庭每户补贴上限为 8000 元。", product="适老化改造")
    assert conflicts_between(listed, poorer) == []


def test_a_channel_refusing_a_failed_case_does_not_refuse_the_procedure():
    documents = doc(
        "a",
        "申请时需要提供亲属关系证明（如结婚证）以及对方的港澳居民身份证复印件，材料不齐的窗口不予受理。",
        title="探亲签注说明",
        product="签注",
    )
    window = doc(
        "b", "再次签注一律到人工窗口办理，自助机目前只能查询办证进度，不能出签。", title="口径", product="签注"
    )
    documents, window = replace(documents, tags=("签注", "探亲")), replace(window, tags=("口径", "签注"))
    assert conflicts_between(documents, window) == []


def test_a_pack_named_by_its_lessons_states_no_count():
    pack = replace(
        doc("a", "10 次课的次卡自购买之日起三个月内有效，过期未用完的次数作废。", product="瑜伽馆"), tags=("次卡",)
    )
    app = replace(
        doc("b", "次卡可在 App 中约课，一次课扣一次，有效期 90 天。", product="瑜伽馆"), tags=("约课", "次卡")
    )
    assert conflicts_between(pack, app) == []


def test_time_to_pay_is_not_the_time_to_restore_a_service():
    restore = doc("a", "停电以后交了费，多久能来电？缴清欠费和违约金后，24 小时内恢复供电。", product="供电")
    waiver = doc("b", "首次逾期、且在逾期后 3 日内缴清欠费的居民客户，可以申请减免违约金。", product="供电")
    restore, waiver = replace(restore, tags=("电费", "违约金")), replace(waiver, tags=("违约金", "减免"))
    assert conflicts_between(restore, waiver) == []


def test_not_refunding_a_price_difference_is_not_refusing_a_refund():
    refund = doc("a", "学员在开课后 7 天内可以申请退费。", product="培训班")
    transfer = doc("b", "转到价格更低的班型不退差价。", product="培训班")
    assert conflicts_between(refund, transfer) == []
    no_refund = doc("c", "开课后一律不退费。", product="培训班")
    assert conflicts_between(refund, no_refund) == ["polarity"]


def test_a_surcharge_in_the_next_clause_does_not_make_the_amount_one():
    base = doc("a", "白天和晚上起步价一样，都是 3 公里内 15 元。", product="同城闪送")
    quoted = doc("b", "客户问起步价时，请告知：3 公里内起步价 18 元，之后按公里加收。", product="同城闪送")
    assert conflicts_between(base, quoted) == ["numeric"]
    night = doc("c", "晚上十点后下单，起步价之外每单另加 5 元夜间服务费。", product="同城闪送")
    assert conflicts_between(base, night) == []


def test_one_charged_thing_no_word_list_names_is_free_in_one_text_and_charged_in_another():
    free = doc("a", '下单时勾选"礼品包装"，我们会免费为您包装，并附上贺卡。', product="文创店")
    charged = doc("b", "礼品包装为增值服务，每份收取 10 元，含包装盒和丝带。", product="文创店")
    assert conflicts_between(free, charged) == ["polarity"]


def test_a_title_asking_a_question_is_answered_by_the_first_sentence():
    asked = doc("a", "可以。自带弓具的顾客需在前台登记，由教练检查后方可使用。", title="可以自带弓吗", product="射箭馆")
    refused = doc("b", "为保证安全，本馆不接受顾客自带弓具入场，一律使用馆内器材。", title="场馆规定", product="射箭馆")
    assert conflicts_between(asked, refused) == ["polarity"]
    told = doc("c", "自带弓具的顾客需在前台登记，由教练检查后方可使用。", title="可以自带弓吗", product="射箭馆")
    assert conflicts_between(told, refused) == []
    morse = doc("d", "No. There is no test at any licence level.", title="Is Morse code required?", language="en")
    required = doc("e", "所有考生还须通过每分钟 5 词的莫尔斯电码收报测试，方可取得执照。")
    assert conflicts_between(replace(morse, product="电台执照"), replace(required, product="电台执照")) == ["polarity"]


def test_having_to_go_somewhere_to_do_a_thing_names_the_only_channel():
    counter = doc(
        "a", "房屋买卖后办理电费过户的，新户主须携带身份证、房产证明原件到供电营业厅柜台办理。", product="供电"
    )
    app = doc("b", '在"网上国网"App 首页点击"更名过户"，上传身份证和不动产权证照片，全程线上办理。', product="供电")
    counter, app = replace(counter, tags=("过户",)), replace(app, tags=("过户", "线上"))
    assert conflicts_between(counter, app) == ["procedure"]


def test_reporting_a_loss_and_collecting_goods_are_procedures():
    app = doc(
        "a", '在车上遗失物品的，请在 App 的行程记录中点击"遗失物品"提交，我们会联系司机协助寻回。', product="召车"
    )
    hotline = doc("b", "遗失物品请致电失物热线报失，App 暂不接受失物申报。", product="召车")
    app, hotline = replace(app, tags=("失物",)), replace(hotline, tags=("失物", "热线"))
    assert conflicts_between(app, hotline) == ["procedure"]
    mini = doc("c", '打开小程序，进入"礼券提货"，输入券号和密码提货。', product="月饼")
    phone = doc("d", "提货请拨打客服热线预约，小程序暂不提供提货功能。", product="月饼")
    mini, phone = replace(mini, tags=("提货",)), replace(phone, tags=("提货", "电话"))
    assert conflicts_between(mini, phone) == ["procedure"]


def test_a_case_given_with_therefore_or_sharing_only_the_rest_is_set_apart():
    usual = doc("a", "预约的课程须至少提前 24 小时取消，否则扣除一次课时。", product="舞蹈培训")
    trial = doc("b", "体验课不占用正式课时，因此只需提前 2 小时取消。", product="舞蹈培训")
    assert conflicts_between(usual, trial) == []
    lesson = doc("c", "平日班每次课 60 分钟。", product="舞蹈培训")
    weekend = doc("d", "周末集训每次课 90 分钟，其余安排与平日班一致。", product="舞蹈培训")
    assert conflicts_between(lesson, weekend) == []
    # "therefore" introducing a change still contradicts the old rule
    changed = doc("e", "为减少空位，因此取消时限调整为提前 48 小时。", product="舞蹈培训")
    assert conflicts_between(usual, changed) == ["numeric"]


def test_the_product_own_name_is_not_what_two_rules_share():
    # both name the allergy test (the product); one requires stopping medicine, the other no fasting
    medicine = doc("a", "检测前三天需要停用抗过敏药物。", product="过敏检测")
    fasting = doc("b", "You do not need to fast before an allergy test.", language="en", product="过敏检测")
    assert conflicts_between(medicine, fasting) == []


def test_a_full_period_after_an_event_is_how_long_it_takes():
    weekly = doc("a", "订单完成后满 7 天，佣金自动转入推广账户。", product="推广联盟")
    notice = doc("b", "自下月起，佣金在订单完成后 15 天转入推广账户。", product="推广联盟")
    assert conflicts_between(weekly, notice) == ["numeric"]


def test_ordering_a_meal_before_it_is_a_lead_time_whatever_the_verb():
    policy = doc("a", "病房点餐须至少提前 4 小时预订。菜单分普食、软食、流质等。", product="住院膳食")
    faq = doc("b", "请在用餐前 1 小时完成预订，逾时顺延至下一餐。", product="住院膳食")
    assert conflicts_between(policy, faq) == ["numeric"]


def test_a_brand_before_an_adjective_names_no_kind_of_thing():
    trade_in = doc("a", "旧电瓶可抵 100 元；新电瓶自购买之日起质保一年。", title="以旧换新说明", product="锐能电瓶")
    warranty = doc("b", "为让车主放心，锐能新电瓶提供两年质保。", title="质保政策", product="锐能电瓶")
    # a third text names both "换新" and "锐能新…": still no two kinds of 新 to tell apart
    lithium = doc("c", "交回旧锂电瓶，购买锐能新锂电瓶可抵扣 300 元。", title="锂电瓶以旧换新", product="锐能电瓶")
    found = {conflict.pair(): conflict.kind for conflict in scan([trade_in, warranty, lithium])}
    assert found.get(("a", "b")) == "numeric"


def test_hours_beside_a_weekend_closure_are_the_weekday_hours():
    listed = doc("a", "柜台营业时间：8:30-16:00。", product="票据服务")
    notice = doc("b", "柜台营业时间为上午九点至下午五点，周末及节假日暂停营业。", product="票据服务")
    assert conflicts_between(listed, notice) == ["numeric"]
    weekend = doc("c", "周末柜台营业时间为上午九点至下午五点。", product="票据服务")
    assert conflicts_between(listed, weekend) == []


def test_signing_a_contract_is_a_procedure_and_coming_in_person_names_the_office():
    office = doc("a", "租客须携带身份证到物业服务中心当面签订租赁合同。", product="长租公寓")
    online = doc("b", "租赁合同已支持在小程序内电子签署，无需再到物业服务中心。", product="长租公寓")
    assert conflicts_between(office, online) == ["procedure"]
    in_person = doc("c", "換領泊車證須親臨管理處辦理。", language="zh-hant", product="長租公寓")
    website = doc("d", "即日起換領泊車證一律經官網辦理，現場不再受理。", language="zh-hant", product="長租公寓")
    assert conflicts_between(in_person, website) == ["procedure"]


def test_a_lead_time_is_no_state_before_an_event_and_a_rule_for_everyone_covers_late_payers():
    sold = doc("a", "已售出的船票不支持改签。", product="海岛轮渡")
    once = doc("b", "同一航线不同班次之间可以改签一次，需在开船 24 小时前办理。", product="海岛轮渡")
    assert conflicts_between(sold, once) == ["polarity"]
    never = doc("c", "滞纳金一律不予减免。", product="物业缴费")
    late = doc("d", "逾期后 5 日内补缴的业主，可以申请减免滞纳金。", product="物业缴费")
    assert conflicts_between(never, late) == ["polarity"]


def test_years_of_age_are_an_age_and_two_age_bands_are_two_cases():
    zh = doc("a", "自由跳区仅限 6 岁以上儿童进入，须有家长陪同。", product="蹦床公园")
    en = doc("b", "Kids aged 4 and over can use the free jump area with a parent.", language="en", product="蹦床公园")
    assert conflicts_between(zh, en) == ["numeric"]
    seventies = doc("c", "70-79 周岁：每人每月 50 元；", product="高龄津贴")
    eighties = doc("d", "八十至八十九歲長者每月可領取津貼 150 元。", language="zh-hant", product="高龄津贴")
    assert conflicts_between(seventies, eighties) == []


def test_a_share_of_the_order_amount_is_a_rate_not_an_order_size():
    deposit = doc("a", "预订场地时支付订单金额 20% 的定金。", product="婚宴场地")
    notice = doc("b", "自下月起，场地预订定金比例调整为订单金额的四成。", product="婚宴场地")
    assert conflicts_between(deposit, notice) == ["numeric"]


def test_weekends_left_out_of_a_period_are_no_weekend_case():
    days = doc("a", "会员到期后有 5 天宽限期，宽限期内可正常入场。", product="游泳馆会员")
    working = doc(
        "b", "会员到期后提供 5 个工作日宽限期（周六、日及法定假日不计），期满未续费的暂停入场。", product="游泳馆会员"
    )
    assert conflicts_between(days, working) == ["unit"]


def test_free_shipping_over_a_threshold_written_with_mian_yun_is_the_same_rule():
    simplified = doc("a", "单笔订单满 88 元包邮，不满 88 元收取运费 8 元。", product="茶叶商城")
    traditional = doc("b", "單筆訂單滿 88 元即享免運，未滿則收取運費 8 元。", language="zh-hant", product="茶叶商城")
    assert conflicts_between(simplified, traditional) == []
    short = doc("c", "單筆消費滿 88 元即享免運。", language="zh-hant", product="茶叶商城")
    both = doc("d", "单笔订单满 88 元免运费，未满收取 8 元。", product="茶叶商城")
    assert conflicts_between(short, both) == []


def test_a_thing_called_free_against_a_charge_for_the_same_thing_is_a_polarity_conflict():
    free = doc("a", "清洗完成后 10 天内可预约回访，回访免费。", product="净界空调清洗")
    charged = doc("b", "清洗完成后的回访按次收费，每次 60 元。", product="净界空调清洗")
    assert conflicts_between(free, charged) == ["polarity"]
    trial = doc("c", "新学员可以先约一节免费体验课。", product="星河游泳")
    paid = doc("d", "自本月起体验课统一收费 50 元/节，报名后可抵学费。", product="星河游泳")
    assert conflicts_between(trial, paid) == ["polarity"]
    # the first visit free and a later one charged, or both cases in one text, are no contradiction
    later = doc("e", "第二次及以后的回访不再免费，按次收费。", product="净界空调清洗")
    assert conflicts_between(free, later) == []
    both = doc("f", "回访免费保留 10 天，超过 10 天预约回访的收取 60 元。", product="净界空调清洗")
    assert "polarity" not in conflicts_between(free, both)


def test_why_a_notice_changes_a_rule_is_not_what_the_rule_is_about():
    rule = doc("a", "如需请假，请至少提前 24 小时在小程序提交。", product="跃动舞蹈")
    why = "考虑到不少学员临时加班无法提前一天请假，"
    notice = doc("b", why + "自下月起请假时限放宽为上课前 12 小时。", product="跃动舞蹈")
    assert conflicts_between(rule, notice) == ["numeric"]


def test_an_amount_in_chinese_numerals_is_no_wording_of_the_attribute():
    three = doc("a", "灭鼠服务完成后提供半年保修，保修期内免费复查 3 次。", product="安居除害")
    twice = doc("b", "灭鼠服务完成后，技术人员会在一个月内和三个月左右各上门复查一次，共两次。", product="安居除害")
    assert conflicts_between(three, twice) == ["numeric"]


def test_when_a_change_takes_effect_is_no_wording_of_the_rule():
    rule = doc("a", "开锁前必须看到身份证件，也可以出示电子身份证。", product="安心开锁")
    notice = doc("b", "自即日起，开锁时不再要求出示身份证，师傅到场后直接开锁。", product="安心开锁")
    assert conflicts_between(rule, notice) == ["polarity"]


def test_a_thing_one_text_requires_and_the_other_does_not_is_a_polarity_conflict():
    must = doc("a", "所有乘客登船前必须穿好救生衣并扣紧卡扣。", product="碧湖游船")
    optional = doc("b", "本游船不强制要求穿救生衣，由乘客自行决定。", product="碧湖游船")
    assert conflicts_between(must, optional) == ["polarity"]
    # consent is no thing: whose consent differs
    landlord = doc("c", "办理退租无需房东同意。", product="碧湖游船")
    customer = doc("d", "改为上门取件的，需客户在通话中明确同意。", product="碧湖游船")
    assert conflicts_between(landlord, customer) == []


def test_not_required_is_a_no_to_the_question_asked():
    rule = doc("a", "课程期间学员必须自带瑜伽垫，否则无法上课。", product="悠然瑜伽")
    answer = doc("b", "瑜伽垫是必须自带的吗？ 不是必须的。馆内有公用垫。", product="悠然瑜伽")
    assert conflicts_between(rule, answer) == ["polarity"]


def test_a_tag_every_text_of_the_product_carries_does_not_make_two_single_values_one_fact():
    def tagged(external_id: str, body: str, tags: tuple[str, ...]) -> Doc:
        return Doc(id=external_id, external_id=external_id, title="说明", body=body, product="远航海钓船队", tags=tags)

    refund = tagged("a", "出发前两天以上告知可以全额退款，两天之内不退。", ("海钓", "退款"))
    parking = tagged("b", "码头停车场 24 小时开放，每次收费 10 元。", ("海钓", "集合"))
    assert conflicts_between(refund, parking) == []
    short = tagged("c", "合同期：最短 6 个月起签。", ("海钓", "合同"))
    long = tagged("d", "合同期限为 12 个月起签，到期可续签。", ("海钓", "合同"))
    assert conflicts_between(short, long) == ["numeric"]


def test_a_refusal_after_a_list_of_channels_refuses_each_of_them():
    app_only = doc("a", "办理护照须提前预约，预约只能通过“出入境”App 进行。", product="市出入境大厅")
    listed = doc("b", "目前只接受“出入境”App 线上预约，电话、窗口均不提供预约服务。", product="市出入境大厅")
    assert conflicts_between(app_only, listed) == []
    by_phone = doc("c", "预约可拨打服务热线办理。", product="市出入境大厅")
    refused = doc("d", "电话、窗口均不提供预约服务，预约只能在 App 办理。", product="市出入境大厅")
    assert conflicts_between(by_phone, refused) == ["procedure"]
