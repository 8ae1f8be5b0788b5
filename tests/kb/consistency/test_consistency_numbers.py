from __future__ import annotations

import pytest

from kb.consistency.numbers import Quantity, find_quantities, same_value
from kb.consistency.text import fold_text


def quantity(text: str) -> Quantity:
    found = find_quantities(fold_text(text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", ["7天", "七天", "一周", "7 days", "seven days", "168 小时", "七日内"])
def test_seven_days_is_the_same_period_however_it_is_written(text):
    assert same_value(quantity(text), quantity("7 天"))


@pytest.mark.parametrize("text", ["两周", "two weeks", "十四天", "14-day"])
def test_two_weeks_is_fourteen_days(text):
    assert same_value(quantity(text), quantity("14 天"))


def test_48_hours_is_two_days_but_not_72_hours():
    assert same_value(quantity("48 小时"), quantity("两天"))
    assert not same_value(quantity("48 小时"), quantity("72 hours"))


def test_working_days_are_not_calendar_days():
    working, calendar = quantity("7 个工作日"), quantity("7 天")
    assert working.dim == "bday" and calendar.dim == "duration"
    assert not same_value(working, calendar)
    assert same_value(working, quantity("7 business days"))


def test_percentages_in_words_and_symbols_match():
    assert same_value(quantity("百分之五"), quantity("5%"))
    assert same_value(quantity("千分之六"), quantity("0.6%"))


@pytest.mark.parametrize("text", ["￥20", "¥20", "20元", "20 块", "RMB 20", "二十元"])
def test_yuan_amounts_match_whatever_the_sign(text):
    assert same_value(quantity(text), quantity("20 元"))


def test_dollars_are_not_yuan():
    assert not same_value(quantity("$20"), quantity("20 元"))


def test_months_and_years_compare_with_calendar_tolerance():
    assert same_value(quantity("一年"), quantity("12 个月"))
    assert same_value(quantity("半个月"), quantity("15 天"))
    assert not same_value(quantity("一年"), quantity("两年"))


def test_a_range_contains_its_upper_bound():
    assert same_value(quantity("3-5 个工作日"), quantity("3 到 5 个工作日"))
    assert same_value(quantity("5 个工作日"), quantity("3-5 个工作日"))
    assert not same_value(quantity("5-7 个工作日"), quantity("3-5 个工作日"))


def test_clock_ranges_read_chinese_and_english_forms():
    assert same_value(quantity("每天早上9点到晚上9点"), quantity("9:00-21:00"))
    assert same_value(quantity("9am to 9pm"), quantity("9:00-21:00"))


@pytest.mark.parametrize("text", ["2024年3月1日起执行", "每月 15 日出账", "7x24 小时在线", "客服热线 400-820-1234"])
def test_dates_phone_numbers_and_round_the_clock_are_not_quantities(text):
    assert find_quantities(fold_text(text)) == []


def test_traditional_script_is_folded_before_reading_numbers():
    assert fold_text("退貨期限為七天") == "退货期限为七天"
    assert same_value(quantity("退貨期限為七天"), quantity("退货期限为7天"))


def test_a_multiple_is_its_own_measure():
    assert quantity("最高不超过运费的 3 倍").dim == "multiple"
    assert same_value(quantity("三倍"), quantity("3 倍"))


@pytest.mark.parametrize(
    ("text", "dim", "value"),
    [
        ("每证最多借 5 本书", "count:items", 5),
        ("每证最多借 5 册", "count:items", 5),
        ("每日可带三位访客", "count:people", 3),
        ("up to 4 guests", "count:people", 4),
        ("每 12 小时收取 5 角", "money:cny", 0.5),
        ("每行驶 5,000 公里保养一次", "distance", 5000),
        ("every 10,000 km", "distance", 10000),
        ("free delivery within 25 miles of the yard", "distance", 25 * 1.609),
        ("每户宅基地面积不得超过 150 平方米", "area", 150),
        ("a studio of 40 square metres", "area", 40),
    ],
)
def test_books_people_jiao_and_distances_are_quantities(text, dim, value):
    [found] = [q for q in find_quantities(fold_text(text)) if q.dim == dim]
    assert found.low == pytest.approx(value)


def test_a_court_name_or_the_word_for_yuan_is_not_a_count():
    assert [q.dim for q in find_quantities(fold_text("本院普通门诊"))] == []
    assert [q.dim for q in find_quantities(fold_text("人民币 5000 元"))] == ["money:cny"]


def test_an_age_in_full_years_and_spare_parts_are_not_weeks_or_items():
    assert [(q.dim, q.low) for q in find_quantities(fold_text("入园时须年满 3 周岁"))] == [("age", 3)]
    assert [(q.dim, q.low) for q in find_quantities(fold_text("年滿三周歲", "zh-hant"))] == [("age", 3)]
    assert [q.dim for q in find_quantities(fold_text("两周内寄回"))] == ["duration"]
    assert find_quantities(fold_text("若需更换原厂零件，时间顺延")) == []


def test_an_amount_counted_in_rents_is_not_a_period():
    [half] = find_quantities(fold_text("签约成功后收半个月的房租作为服务费"))
    [english] = find_quantities("our service fee is half of one month's rent")
    assert (half.dim, half.low) == (english.dim, english.low) == ("rents", 0.5)
    assert [q.dim for q in find_quantities(fold_text("1 个月内退租"))] == ["duration"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("每天 **15:00 前**下单并付款", 15 * 60, 15 * 60),
        ("下午3点前下单", 15 * 60, 15 * 60),
        ("orders placed by 3 pm", 15 * 60, 15 * 60),
        ("每晚 22:00 至次日 07:00 为静音时段", 22 * 60, 31 * 60),
        ("Book a pickup any day between 8 am and 8 pm.", 8 * 60, 20 * 60),
    ],
)
def test_a_single_time_of_day_and_an_overnight_range_are_clock_quantities(text, low, high):
    [found] = find_quantities(fold_text(text))
    assert (found.dim, found.low, found.high) == ("clock", low, high)


def test_english_ages_heights_jin_rods_and_one_and_a_half_hours():
    assert [(q.dim, q.low) for q in find_quantities("for players aged 12 and up")] == [("age", 12)]
    assert same_value(quantity("身高 **1.2 米以下**的儿童"), quantity("120 cm"))
    assert same_value(quantity("可免费带走渔获 5 斤"), quantity("2.5 公斤"))
    assert quantity("每位钓客限用 2 根鱼竿").dim == "count:items"
    assert same_value(quantity("within one and a half hours"), quantity("90 分钟"))


def test_secondary_sale_is_not_twice():
    assert find_quantities(fold_text("不影响二次销售")) == []
    assert quantity("最多改签两次").low == 2


def test_hours_in_chinese_numerals_and_opening_verbs_inside_a_range():
    assert same_value(quantity("每日上午十一點營業至晚上十一點"), quantity("11:00-23:00"))
    assert same_value(quantity("本馆营业时间为早上七点至晚上十一点"), quantity("7:00-23:00"))
    assert quantity("退房时间为中午十二点").low == 12 * 60
    assert find_quantities(fold_text("请早一点到")) == []  # "a bit earlier", not one o'clock


@pytest.mark.parametrize(
    ("text", "dim", "value"),
    [
        ("You can be signed in on up to 3 devices", "count:devices", 3),
        ("Up to 4 tickets per order", "count:items", 4),
        ("家庭版最多可供 6 个账号共享", "count:accounts", 6),
        ("正式上课后前 3 节课内申请退费", "count:lessons", 3),
        ("每 10 个孩子配一位带队老师", "count:people", 10),
        ("一刻钟以内出来不收费", "duration", 0.25),
    ],
)
def test_devices_tickets_accounts_lessons_children_and_a_quarter_hour(text, dim, value):
    found = find_quantities(fold_text(text))
    assert (found[0].dim, found[0].low) == (dim, pytest.approx(value))


def test_measure_words_count_things_but_idioms_and_ordinals_do_not():
    assert same_value(quantity("单次订餐 20 份起订"), quantity("起订量 20 份"))
    assert (quantity("每月可免费发布 3 个职位").dim, quantity("满 100 袋").low) == ("count:units", 100)
    assert same_value(quantity("起飞重量 250 克以上"), quantity("0.25 公斤"))
    for text in ("三包政策", "按第 3 条处理", "一条龙服务", "5G 套餐", "包邮"):
        assert find_quantities(fold_text(text)) == [], text


def test_a_change_from_one_value_to_another_is_two_values_not_a_range():
    [old, new] = find_quantities("the free shipping threshold goes up from $50 to $75")
    assert (old.low, old.high, new.low, new.high) == (50, 50, 75, 75)
    [old, new] = find_quantities("the trial was extended from 7 to 14 days")
    assert (old.low, new.low) == (7 * 24, 14 * 24)
    [both] = find_quantities("delivered in 3 to 5 days")
    assert (both.low, both.high) == (3 * 24, 5 * 24)


def test_twelve_in_the_evening_is_midnight():
    [closing] = find_quantities("营业时间延长至晚上 12 点")
    assert closing.low == 24 * 60
    [noon] = find_quantities("中午 12 点前下单")
    assert noon.low == 12 * 60


@pytest.mark.parametrize(
    ("text", "dim", "value"),
    [
        ("签订合同时预付三成定金", "percent", 30),
        ("退票扣除一成手续费", "percent", 10),
        ("农户自己只出两成", "percent", 20),
        ("信用卡分期最长 12 期免息", "count:installments", 12),
        ("pay in 3 installments", "count:installments", 3),
        ("金卡会员台费八折", "price_ratio", 80),
        ("会员日打 9 折", "price_ratio", 90),
        ("老客户九五折", "price_ratio", 95),
        ("金卡会员堂食可享菜品 85 折", "price_ratio", 85),
        ("会员价 8.5 折", "price_ratio", 85),
        ("笔试未通过可申请退还一半学费", "percent", 50),
        ("儿童半价", "price_ratio", 50),
        ("a licence is required from age 18", "age", 18),
        ("employers can post three jobs a month", "count:units", 3),
        ("the Free plan stores up to 500 contacts", "count:units", 500),
        ("a locksmith will be there within half an hour", "duration", 0.5),
        ("you get two full weeks to try everything", "duration", 14 * 24),
    ],
)
def test_tenths_price_ratios_half_an_hour_and_full_weeks(text, dim, value):
    [quantity] = find_quantities(fold_text(text))
    assert (quantity.dim, quantity.low) == (dim, value)


def test_once_a_week_or_a_month_is_an_interval_of_one():
    weekly = [q for q in find_quantities(fold_text("包年维护每周上门一次")) if q.dim == "duration"]
    monthly = [q for q in find_quantities(fold_text("會員每月可以更換一次玩具")) if q.dim == "duration"]
    assert [q.low for q in weekly] == [7 * 24] and [q.low for q in monthly] == [30 * 24]
    assert find_quantities(fold_text("每月 15 日前下单")) == []  # a date


def test_words_with_cheng_and_zhe_that_are_not_numbers():
    assert find_quantities(fold_text("按成本价结算，当月按天折算，不折现")) == []
    assert find_quantities(fold_text("一半以上的客户选择线上办理")) == []
    assert [q.dim for q in find_quantities(fold_text("满 10 人成团"))] == ["count:people"]
    assert find_quantities(fold_text("第 3 期课程在二期场馆上课，分期期间免息")) == []


def test_formal_hours_of_the_day_and_metres_in_traditional_script():
    assert same_value(quantity("上午七時至下午五時"), quantity("7:00-17:00"))
    assert same_value(quantity("2 公尺"), quantity("2 米"))
    assert same_value(quantity("2 公尺"), quantity("2 metres"))


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("60 pages", "60 页"), ("5 computers", "5 台"), ("3 lessons", "三堂课"), ("100 responses", "100 份")],
)
def test_counted_things_in_both_languages(english, chinese):
    assert same_value(quantity(english), quantity(chinese))


def test_rods_and_pens_are_counted_items_but_support_is_no_count():
    assert quantity("3 支鱼竿").dim == "count:items"
    assert find_quantities(fold_text("3 支持")) == []


def test_a_value_is_shown_as_written_with_its_meaning_beside_words():
    def shown(text: str) -> str:
        [quantity] = find_quantities(text)
        return quantity.display()

    assert shown("承运商需在 24 小时内反馈") == "24 小时"  # not "1 天", which the text never says
    assert shown("身高 1.2 米以下") == "1.2 米"
    assert shown("一周内可退") == "一周（7 天）"
    assert shown("百分之五的手续费") == "百分之五（5%）"


def test_a_price_for_one_of_something_is_a_rate():
    price, _count = find_quantities(fold_text("深度除垢保养是 129 元一次"))
    assert price.per == "次"
    page, _count = find_quantities(fold_text("黑白 A4 一块钱一张"))
    assert page.per == "张"
    [once] = find_quantities(fold_text("收取 30 元一次性服务费"))  # a one-off fee, not a rate
    assert once.per == ""


def test_an_opening_time_and_a_closing_time_are_the_opening_hours():
    [hours] = find_quantities(fold_text("您好，我们上午九点开馆，晚上六点闭馆，周一休息。"))
    assert (hours.dim, hours.low, hours.high) == ("clock", 9 * 60, 18 * 60)
    cutoff, dispatch = find_quantities(fold_text("10:00 前下单，16:00 发货"))  # two times of day, no hours
    assert cutoff.low == cutoff.high and dispatch.low == dispatch.high


def test_the_rate_is_the_nearest_per_word_not_a_name_that_starts_with_one():
    [rent] = find_quantities(fold_text("单人艇租金调整为每小时 80 元，双人艇价格另行通知"))
    assert rent.per == "小时"


def test_a_period_and_a_half_is_read_whole():
    assert same_value(quantity("一年半"), quantity("18 个月"))
    assert same_value(quantity("三天半"), quantity("84 小时"))
    assert not same_value(quantity("一年半"), quantity("一年"))
    assert same_value(quantity("半年"), quantity("六个月"))


def test_tonnes_are_a_weight():
    assert same_value(quantity("25 吨"), quantity("25000 公斤"))


@pytest.mark.parametrize("text", ["CNY 150 per attempt", "CNY 5 per cycle", "CNY 200 per visit", "每次 100 元"])
def test_a_price_per_go_is_a_price_per_time(text):
    assert quantity(text).per == "次"


def test_cantonese_dollars_are_hong_kong_dollars():
    assert same_value(quantity("一千八百蚊"), quantity("HK$1,800"))
    assert not same_value(quantity("一千八百蚊"), quantity("HK$2,000"))


@pytest.mark.parametrize(("text", "dim"), [("每月10GB流量", "data"), ("2TB版本", "data"), ("3km内配送", "distance")])
def test_a_latin_unit_glued_to_chinese_is_read(text, dim):
    assert quantity(text).dim == dim


@pytest.mark.parametrize(
    ("text", "same", "dim"),
    [
        ("£15 a day", "15 英镑", "money:gbp"),
        ("€20", "20 euros", "money:eur"),
        ("NT$300", "新台幣 300 元", "money:cny"),  # Taiwan's texts write a bare 元 for NT$ too
        ("3000 日元", "3000 JPY", "money:jpy"),
    ],
)
def test_pounds_euros_yen_and_new_taiwan_dollars_are_amounts(text, same, dim):
    assert quantity(text).dim == dim
    assert same_value(quantity(text), quantity(same))
    assert not same_value(quantity("£15"), quantity("$15"))


def test_noon_and_midnight_end_an_english_time_range():
    late, weekend = quantity("10 am to midnight"), quantity("12 noon to 6 pm")
    assert (late.low, late.high) == (quantity("10:00 至 24:00").low, quantity("10:00 至 24:00").high)
    assert (weekend.low, weekend.high) == (12 * 60, 18 * 60)


@pytest.mark.parametrize(("text", "same_as"), [("廿四個月", "24 个月"), ("卅天", "30 天"), ("廿一日", "21 天")])
def test_twenty_and_thirty_written_nian_and_sa_are_numbers(text, same_as):
    assert same_value(quantity(text), quantity(same_as))
