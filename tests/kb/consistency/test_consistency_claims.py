from __future__ import annotations

from kb.consistency.claims import Claim, extract_claims
from kb.consistency.records import Doc
from kb.consistency.subjects import nouns_in, whole_word


def claims_of(body: str, *, title: str = "说明", language: str = "zh-hans", kind: str | None = None) -> list[Claim]:
    found = extract_claims(Doc(id="1", external_id="x", title=title, body=body, language=language))
    return [c for c in found if kind is None or c.kind == kind]


def polarity(body: str, axis: str, *, language: str = "zh-hans") -> bool:
    found = [c for c in claims_of(body, language=language, kind="polarity") if c.axis == axis]
    assert found, f"no {axis} claim in {body!r}"
    return found[0].positive


def test_a_return_window_is_a_quantity_about_returns():
    [claim] = claims_of("自签收之日起 7 天内可申请无理由退货。", kind="quantity")
    assert claim.primary == "return"
    assert claim.quantity is not None and claim.quantity.low == 7 * 24


def test_the_value_belongs_to_the_nearest_concept_not_the_time_anchor():
    [claim] = claims_of("订单付款后 48 小时内发货。", kind="quantity")
    assert claim.primary == "delivery"


def test_forbidding_words_give_a_negative_permission():
    for text in [
        "定制商品不得退货。",
        "定制商品不可以退货。",
        "生鲜商品不支持无理由退货。",
        "Custom items cannot be returned.",
    ]:
        assert polarity(text, "permit", language="en" if text.isascii() else "zh-hans") is False, text
    assert polarity("商品签收后可以申请退货。", "permit") is True


def test_no_need_and_must_are_opposite_requirements():
    assert polarity("退货时无需提供购物小票。", "require") is False
    assert polarity("退货时必须提供购物小票。", "require") is True
    assert polarity("No receipt is needed; you do not need to bring the receipt.", "require", language="en") is False


def test_not_mandatory_is_not_required():
    assert polarity("本馆不强制要求佩戴泳帽。", "require") is False
    assert polarity("Swimming caps are optional.", "require", language="en") is False
    assert polarity("入池前必须佩戴泳帽。", "require") is True


def test_a_change_notice_keeps_the_old_value_as_what_the_new_one_replaces():
    [claim] = claims_of("自 4 月 1 日起，退租提前告知期由原来的 7 天延长为 14 天。", kind="quantity")
    assert claim.quantity is not None and claim.quantity.low == 14 * 24
    assert claim.replaces is not None and claim.replaces.low == 7 * 24
    assert claim.head == "知期"  # the word before what changed (告知期), not the verb 延长
    [plain] = claims_of("退租请至少提前 7 天提交申请。", kind="quantity")
    assert plain.replaces is None


def test_no_longer_free_is_charged_and_welcome_to_bring_is_allowed():
    assert polarity("从本月起，修改裤长按价目表收费，不再免费。", "charge") is True
    assert polarity("欢迎携带宠物入营，全程须牵绳。", "permit") is True


def test_exempt_and_charged_are_opposite_on_the_fee():
    assert polarity("VIP 会员提现免手续费。", "charge") is False
    assert polarity("所有客户提现均收取手续费。", "charge") is True
    assert polarity("VIP members are exempt from the withdrawal fee.", "charge", language="en") is False
    assert polarity("We do not charge a fee for currency exchange.", "charge", language="en") is False
    assert polarity("我们现钞兑换是收手续费的，每笔 20 元。", "charge") is True


def test_scope_comes_from_the_sentence_and_from_the_title():
    [vip] = claims_of("VIP 会员退货期限为 30 天。", kind="quantity")
    assert vip.scope.as_dict()["tier"] == {"vip"}
    [intl] = claims_of("订单一般 7-15 个工作日送达。", title="国际订单配送说明", kind="quantity")
    assert intl.scope.as_dict()["region"] == {"intl"}


def test_a_plan_named_by_a_letter_is_not_a_word_that_ends_in_that_letter():
    [basic] = claims_of("Our Basic plan costs ¥99 a month.", language="en", kind="quantity")
    assert basic.scope.as_dict()["plan"] == {"basic"}
    [any_plan] = claims_of("Refunds are available within 30 days of buying a plan.", language="en", kind="quantity")
    assert "plan" not in any_plan.scope.as_dict()
    [letter] = claims_of("Plan B costs ¥59 a month.", language="en", kind="quantity")
    assert letter.scope.as_dict()["plan"] == {"letter-b"}


def test_traditional_characters_in_a_text_marked_simplified_are_read_as_simplified():
    [claim] = claims_of("單筆消費滿新台幣 1,500 元即享台灣本島免運。", kind="quantity")
    # 台灣 is 台湾 whatever the text's language says, and the comma of 1,500 does not end the clause
    assert claim.scope.as_dict()["region"] == {"hmt"}
    assert claim.quantity is not None and claim.quantity.low == 1500


def test_all_customers_is_marked_universal():
    [claim] = claims_of("所有客户提现均收取手续费。", kind="polarity")
    assert claim.scope.universal


def test_counters_service_halls_consoles_and_an_entry_taken_offline_are_channels():
    [hall] = claims_of("A replacement SIM can only be issued at a Yuntong store.", language="en", kind="procedure")
    assert hall.channels == {"store"} and hall.exclusive
    [console] = claims_of("转移码只能在控制台自助获取，客服无法代为提供。", kind="procedure")
    assert "web" in console.channels
    [moved] = claims_of("即日起故障退款统一改为电话受理，小程序退款入口已下线。", kind="procedure")
    assert moved.channels == {"phone"} and moved.negated_channels == {"wechat"}


def test_a_rule_ending_in_a_colon_before_its_steps_still_states_its_channel():
    body = "定制蛋糕需要和蛋糕师当面沟通，只接受到门店下单：\n\n1. 带上参考图片到任意门店；\n2. 现场确认设计。"
    [rule] = [c for c in claims_of(body, kind="procedure") if c.exclusive]
    assert rule.channels == {"store"}
    assert claims_of("客户询问能否退货时，可以这样回答：") == []  # an introduction states nothing


def test_a_channel_procedure_records_the_only_channel_and_the_refused_one():
    [claim] = claims_of("退款申请仅可通过 App 提交，不受理电话申请。", kind="procedure")
    assert claim.channels == {"app"} and claim.negated_channels == {"phone"} and claim.exclusive


def test_traditional_script_gives_the_same_claim_as_simplified():
    [traditional] = claims_of("退貨期限為七天。", language="zh-hant", kind="quantity")
    [simplified] = claims_of("退货期限为7天。", kind="quantity")
    assert traditional.primary == simplified.primary == "return"
    assert traditional.quantity is not None and simplified.quantity is not None
    assert (traditional.quantity.dim, traditional.quantity.low) == (simplified.quantity.dim, simplified.quantity.low)


def test_a_speaker_label_is_not_what_the_value_is_about():
    [claim] = claims_of('坐席话术："您好，换屏的话大概半小时就能修好。"', kind="quantity")
    assert claim.primary != "response"
    [plain] = claims_of("回复时限：工作日 2 小时内回复。", kind="quantity")
    assert plain.primary == "response"  # a label only when the text goes on after it


def test_a_short_text_marks_the_single_value_of_each_kind_it_states():
    claims = claims_of("次卡自开卡之日起 3 个月内有效。逾期未用完的次数，3 个月后作废。", kind="quantity")
    assert claims and all(c.sole for c in claims)
    two_periods = claims_of("退货须在签收后 7 天内申请，退款在 3 个工作日内到账。", kind="quantity")
    assert not any(c.sole for c in two_periods)  # days and working days are one kind: two values
    long_text = claims_of("会员费 30 元。运费 8 元，满 99 元包邮。停车 2 小时免费。押金 200 元。", kind="quantity")
    assert not any(c.sole for c in long_text if c.quantity and c.quantity.dim == "duration")


def test_a_bare_number_in_a_table_takes_the_unit_its_column_header_names():
    body = "| 时段 | 价格（元/小时） |\n|---|---|\n| 周六、周日 | 70 |\n"
    [claim] = claims_of(body, kind="quantity")
    assert claim.quantity is not None and (claim.quantity.dim, claim.quantity.low) == ("money:cny", 70)
    assert claim.row == "周六、周日"


def test_the_event_after_of_is_where_a_period_starts_not_what_ends_it():
    body = "If something in your box was damaged, report it within 48 hours of delivery through **Help → Report**."
    [claim] = [c for c in claims_of(body, language="en") if c.quantity]
    assert claim.event == "" and claim.measure != "turnaround"
    [shipped] = [c for c in claims_of("Orders are delivered within 5 days.", language="en") if c.quantity]
    assert shipped.event == "arrival"


def test_an_english_age_and_up_is_a_minimum_age():
    [claim] = [c for c in claims_of("Our classes are for children aged 5 and above.", language="en") if c.quantity]
    assert claim.role == "threshold"


def test_not_more_than_an_amount_caps_it_and_more_than_an_amount_is_a_threshold():
    [capped] = claims_of("使用短信验证码转账的客户，单日累计转账不超过 2 万元。", kind="quantity")
    assert capped.role == "cap"
    [past] = claims_of("单笔转账超过 2 万元的，需要 U 盾验证。", kind="quantity")
    assert past.role == "threshold"
    [weight] = claims_of("单件重量不超过 50 公斤。", kind="quantity")  # a limit on a weight is not an amount
    assert weight.role == "threshold"


def test_subject_nouns_are_words_of_the_text_not_characters_read_across_two_words():
    assert "整车" not in nouns_in("关于调整车票预售期的通知")  # 调整 / 车票
    assert "汽车" not in nouns_in("汽车票购票须知")  # a kind of ticket, not a car
    assert "快车" in nouns_in("快车订单取消收取 5 元")


def test_no_need_to_pay_extra_is_free_and_charging_on_top_is_charged():
    assert polarity("寄回的运费不用另外付费。", "charge") is False
    assert polarity("学费不包含画材，每学期另收 200 元材料费。", "charge") is True
    assert polarity("量房服务需提前支付 200 元量房费。", "charge") is True
    assert polarity("服装由本馆统一清洗熨烫，客人无需另付清洗费。", "charge") is False
    assert polarity("單人報名者如無法拼房，須補交單房差。", "charge") is True
    assert polarity("人为原因造成植物损坏的，不属于免费更换范围。", "charge") is True
    assert polarity("无法到店领取的，可选择快递邮寄，运费到付。", "charge") is True  # the customer pays on delivery
    assert polarity("精调属于追加方案，需要另外支付精调费用。", "charge") is True
    assert polarity("法律援助机构不得以任何名义向受援人收取费用。", "charge") is False  # forbidden to charge


def test_more_ways_to_say_charged_required_and_allowed():
    assert polarity("Plans cancelled early incur a $15 cancellation fee.", "charge", language="en") is True
    assert polarity("Grip socks are mandatory on all trampolines.", "require", language="en") is True
    assert polarity("Annual plans cancelled mid-term are refunded pro rata.", "permit", language="en") is True
    assert polarity("如需录音师协助，另计每小时 100 元。", "charge") is True
    assert polarity("依据相关规定，本店不接待未成年人。", "permit") is False


def test_the_word_before_two_numbers_is_shown_whole():
    assert whole_word("运商", "系统自动通知承运商，承运商需在 24 小时内反馈") == "承运商"
    assert whole_word("借期", "借期为 30 天") == "借期"


def test_hours_beforehand_are_a_lead_time_as_in_chinese():
    english_text = "Please let the front desk know at least 24 hours beforehand."
    [english] = claims_of(english_text, language="en", kind="quantity")
    [chinese] = claims_of("取消须提前 48 小时告知前台。", kind="quantity")
    assert english.role == chinese.role == "lead"


def test_accessories_complete_is_a_condition_not_the_accessories_subject():
    [claim] = claims_of("签收后 7 天内，配件齐全即可申请退货。", kind="quantity")
    assert "item" not in claim.scope.as_dict()
    [accessory] = claims_of("遥控器等配件保修 180 天。", kind="quantity")
    assert accessory.scope.as_dict()["item"] == {"part"}


def test_must_not_exceed_states_a_limit_and_days_still_left_before_an_event_are_a_lead_time():
    [limit] = claims_of("参加双人跳伞者体重不得超过九十五公斤。", kind="quantity")
    assert not limit.negated and limit.quantity is not None and limit.quantity.low == 95
    [left, _once] = claims_of("只要离您预约的时间还有三天以上，就可以免费改期一次。", kind="quantity")
    assert left.role == "lead"
    english_text = "If you cancel two weeks or more before your event, the deposit is refunded."
    [english] = claims_of(english_text, language="en", kind="quantity")
    assert english.role == "lead"


def test_a_table_cell_is_about_its_own_column_not_the_next_one():
    table = "| 艇型 | 每小时租金 | 押金 |\n| --- | --- | --- |\n| 单人艇 | 60 元 | 200 元 |\n"
    rent, deposit = claims_of(table, kind="quantity")
    assert rent.primary != "deposit" and deposit.primary == "deposit"
    assert "押金" not in "".join(rent.window)


def test_hours_after_which_something_is_still_missing_are_a_bound_not_a_period():
    [bound] = claims_of("24 小时后仍未到账的，订单会自动退款。", kind="quantity")
    assert bound.role == "threshold"


def test_a_worked_example_in_the_middle_of_a_sentence_states_no_amount():
    [rate] = claims_of("保费是车价的千分之三，比如 20 万的车保费 600 元。", kind="quantity")
    assert rate.quantity is not None and rate.quantity.dim == "percent"


def test_arriving_on_site_is_a_visit_not_a_delivery():
    [visit] = claims_of("中心城区接报后 2 小时内到达现场。", kind="quantity")
    assert visit.event == "onsite"
    [parcel] = claims_of("订单发货后 3 天内送达。", kind="quantity")
    assert parcel.event == "arrival"


def test_colloquial_free_is_read_as_no_charge():
    assert polarity("师傅上门安装不要钱，材料另算。", "charge") is False
    assert polarity("Designing your itinerary costs nothing.", "charge", language="en") is False
    english = "Neither the Legal Aid Centre nor the lawyer it assigns to you may charge you any fee."
    assert polarity(english, "charge", language="en") is False


def test_a_paid_membership_product_named_in_latin_letters_glued_to_chinese_is_a_membership():
    doc = Doc(id="1", external_id="x", title="权益", body="每月可免费洗车 2 次。", product="优享VIP")
    [claim] = [c for c in extract_claims(doc) if c.kind == "quantity"]
    assert claim.scope.as_dict()["tier"] == {"vip"}


def test_no_thing_is_needed_is_not_required():
    assert polarity("To open an account, no ID card is needed.", "require", language="en") is False
