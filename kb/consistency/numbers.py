"""Find quantities in folded text and normalize them so equal facts compare equal.

Durations are kept in hours (七天 == 7天 == 一周 == 7 days == 168 小时; 两周 == 14 天), but
working days are their own dimension (7 个工作日 != 7 天). Money keeps its currency, percentages
are plain numbers (百分之五 == 5%), clock times are minutes after midnight.

The input is expected to be folded by `kb.consistency.text.fold_text` (NFKC, simplified script,
lower case), so ￥ is ¥, full-width digits are ASCII and 退貨 is 退货.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import cn2an

DAY = 24.0
MONTH_DAYS = 30.0
YEAR_DAYS = 365.0

# Dimensions. "duration" is in hours; "bday" in working days; money is per currency; rents in months of rent.
DURATION = "duration"
RENTS = "rents"
BDAY = "bday"
PERCENT = "percent"
CLOCK = "clock"
PRICE_RATIO = "price_ratio"  # share of the full price paid, in % ("八折" is 80)

_CN_DIGITS = "零〇一二两三四五六七八九十百千万点廿卅"
_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "forty-five": 45, "forty-eight": 48, "sixty": 60, "seventy-two": 72, "ninety": 90,
    "a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "one and a half": 1.5, "two and a half": 2.5,
}  # fmt: skip

_NUM = (
    r"(?:\d+(?:,\d{3})*(?:\.\d+)?\s*(?:万|千)?"
    r"|[零〇一二两三四五六七八九十百千万廿卅][零〇一二两三四五六七八九十百千万点]*(?:个半|半)?"
    r"|半"
    r"|\b(?:" + "|".join(sorted((re.escape(w) for w in _EN_WORDS), key=len, reverse=True)) + r")\b)"
)
_RANGE_SEP = r"\s*(?:-|~|～|—|–|至|到|to)\s*"

# Unit spellings -> (dimension, factor to the dimension's base unit, display unit).
_UNITS: list[tuple[str, str, float, str]] = [
    (r"个?工作[日天]|working days?|business days?", BDAY, 1.0, "个工作日"),
    (r"个?自然日|calendar days?|天|days?", DURATION, DAY, "天"),
    (r"日(?![0-9元币])", DURATION, DAY, "天"),
    (r"个?小时|个?钟头|hours?|hrs?(?![a-z])|h(?![a-z])", DURATION, 1.0, "小时"),
    (r"分钟|minutes?|mins?(?![a-z])", DURATION, 1 / 60, "分钟"),
    (r"刻钟", DURATION, 0.25, "分钟"),
    (r"个?(?:星期|礼拜)|周(?!岁)|weeks?", DURATION, 7 * DAY, "周"),  # 3 周岁 is an age
    (r"个月|months?|(?<=半)月", DURATION, MONTH_DAYS * DAY, "个月"),
    (r"年(?![0-9])|years?", DURATION, YEAR_DAYS * DAY, "年"),
    (r"元|块钱?|人民币|rmb|yuan", "money:cny", 1.0, "元"),
    (r"美元|美金|usd|dollars?", "money:usd", 1.0, "美元"),
    (r"港元|港币|hkd|蚊", "money:hkd", 1.0, "港元"),  # 蚊: Cantonese for a dollar
    # a New Taiwan dollar is a 元 too: Taiwan's texts write a bare "600 元" for NT$600
    (r"新台币|台币|twd", "money:cny", 1.0, "新台币"),
    (r"英镑|gbp", "money:gbp", 1.0, "英镑"),
    (r"欧元|euros?|eur(?![a-z])", "money:eur", 1.0, "欧元"),
    (r"日元|日币|jpy", "money:jpy", 1.0, "日元"),
    (r"%|percent|per cent", PERCENT, 1.0, "%"),
    (r"倍|times(?= (?:the|your|its)\b)", "multiple", 1.0, "倍"),  # 运费的 3 倍: a multiple, not a count
    (r"次(?!性|课)|times", "count:times", 1.0, "次"),
    (r"台|部|devices?|computers?|screens?", "count:devices", 1.0, "台"),
    (r"个?账号|accounts?", "count:accounts", 1.0, "个账号"),
    (r"节课?|堂课?|次课|lessons?|classes", "count:lessons", 1.0, "节"),
    (r"期(?![间限内满末刊货])|(?:monthly )?installments?", "count:installments", 1.0, "期"),  # 分 12 期, not 第 3 期
    (
        r"(?<!零)件|册|本(?![\u4e00-\u9fff]{0,1}[院司店站馆])|张|根|支(?![持付])|页|items?|books?|tickets?|pages?",
        "count:items",
        1.0,
        "件",
    ),
    (
        r"人(?!民币|次)|位(?!数)|名(?!额)|个(?:孩子|小朋友|学员|学生)|people|persons?|guests?|visitors?|participants?",
        "count:people",
        1.0,
        "人",
    ),
    (r"角(?!钱)|毛钱", "money:cny", 0.1, "元"),
    # the other measure words count things: 20 份起订, 100 袋, 3 个职位 (what is counted decides the attribute)
    (
        r"个(?![月人])|份|袋|箱|瓶|盒|包(?!邮)|条|套|辆|双|颗|只|copies|responses|seats?|jobs|meals|boxes"
        r"|contacts|downloads|posts|listings",
        "count:units",
        1.0,
        "个",
    ),
    (r"平方米|平米|㎡|m²|square (?:metres?|meters?)", "area", 1.0, "平方米"),
    (r"公里|千米|km(?![a-z])|kilometres?|kilometers?", "distance", 1.0, "公里"),
    (r"英里|miles?(?![a-z])", "distance", 1.609, "公里"),
    # not 米饭
    (r"(?<!厘|毫)米(?=$|[^\u4e00-\u9fff]|以下|以上|以内|及以[上下]|的)|公尺|metres?|meters?", "distance", 1e-3, "公里"),
    (r"厘米|cm(?![a-z])", "distance", 0.00001, "公里"),
    (r"周?岁|years? old", "age", 1.0, "岁"),
    (r"吨|tonnes?|tons?(?![a-z])", "weight", 1000.0, "公斤"),
    (r"公斤|千克|kg", "weight", 1.0, "公斤"),
    (r"斤", "weight", 0.5, "公斤"),
    (r"克(?!服|隆)|grams?(?![a-z])", "weight", 0.001, "公斤"),
    (r"tb(?![a-z])", "data", 1024.0, "GB"),
    (r"gb(?![a-z])|g(?![a-z])(?=流量|通用|国内|的?数据)", "data", 1.0, "GB"),
    (r"mb(?![a-z])", "data", 1 / 1024, "GB"),
]
# how an amount written with a currency sign is displayed: "$20" as 20 美元
_MONEY_UNITS = {dim: unit for _p, dim, factor, unit in reversed(_UNITS) if dim.startswith("money") and factor == 1}
_UNIT_RE = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, *_rest) in enumerate(_UNITS))
_PREFIX_CURRENCY = {"¥": "money:cny", "rmb": "money:cny", "cny": "money:cny", "$": "money:usd", "us$": "money:usd",
                    "usd": "money:usd", "hk$": "money:hkd", "hkd": "money:hkd", "nt$": "money:cny", "twd": "money:cny",
                    "新台币": "money:cny", "£": "money:gbp", "gbp": "money:gbp", "€": "money:eur",
                    "eur": "money:eur"}  # fmt: skip

_QUANTITY = re.compile(
    rf"(?P<a>{_NUM})(?:{_RANGE_SEP}(?P<b>{_NUM}))?\s*(?:多|-)?\s*(?:full\s+|whole\s+)?(?P<unit>{_UNIT_RE})",
    re.IGNORECASE,
)
_CURRENCY_FIRST = re.compile(
    rf"(?P<cur>us\$|hk\$|nt\$|¥|\$|£|€|rmb|cny|usd|hkd|twd|gbp|eur|新台币)\s*(?P<a>\d+(?:,\d{{3}})*(?:\.\d+)?)"
    rf"(?:{_RANGE_SEP}(?:¥|\$|£|€)?(?P<b>\d+(?:,\d{{3}})*(?:\.\d+)?))?",
    re.IGNORECASE,
)
# "goes up from", "changed from": what follows is an old value and a new one ("from 7 to 14 days")
_CHANGE_FROM = re.compile(
    r"\b(?:changed?|changes|changing|increased?|increases|extended|reduced|raised|cut|lowered|moved|goes|went|rises|"
    r"rose|drops|dropped|falls|fell|up|down)\s+from\s*$",
    re.IGNORECASE,
)
_PER_MILLE = re.compile(rf"(?P<kind>百分之|千分之)(?P<a>{_NUM})")
# "三成定金" is 30 %; not 成本, 成功, 成人, 成团, 五成新
_TENTHS = re.compile(
    r"(?<![\d一二三四五六七八九十])(?P<a>[一二两三四五六七八九]|[1-9])\s*成(?![本功员立为交人年绩果品团新])"
)
# Values a word states without a number: (pattern, dimension, value, display unit).
_WORD_VALUES = [
    # "每周上门一次", "每月可以更换一次玩具": once a week is every 7 days, as "每 7 天一次" would say
    (re.compile(r"(?<=每)(?:周|星期)(?=[^，。；,;]{0,8}?一次)"), DURATION, 7 * DAY, "周"),
    (re.compile(r"(?<=每)月(?=[^，。；,;]{0,8}?一次)"), DURATION, MONTH_DAYS * DAY, "月"),
    (re.compile(r"(?<=每)年(?=[^，。；,;]{0,8}?一次)"), DURATION, YEAR_DAYS * DAY, "年"),
    # "退还一半学费", "已付租金的一半可抵扣": 50 %; "半价" is 五折
    (re.compile(r"(?<![一二三四五六七八九十\d])一半(?!以上|以下|左右|时间)"), PERCENT, 50.0, "%"),
    (re.compile(r"半价"), PRICE_RATIO, 50.0, "折"),
]
# "八折", "打 9 折", "八五折", "8.5 折", "85 折": the share of the full price paid (not 折扣, 折算, 折旧, 折现)
_PRICE_RATIO = re.compile(
    r"(?<![\d.一二三四五六七八九十])(?P<a>[一二三四五六七八九][一二三四五六七八九]?|[1-9](?:\.\d|[1-9])?)\s*折(?![扣算旧现叠])"
)
# "9 点", formally "9 时" (not 时间, 时段, 时效, 时限, 时长)
_HOUR = r"(?:点|时(?![间段效限长]))"
_CLOCK_RANGE = re.compile(
    r"(?P<p1>早上|上午|早|晚上|下午|晚|中午)?\s*(?:(?P<h1>\d{1,2})(?:[:：](?P<m1>\d{2})|\s*"
    + _HOUR
    + r"(?:(?P<m1b>\d{1,2})分?|(?P<half1>半))?)"
    r"|(?P<c1>[一二三四五六七八九十]{1,3})\s*" + _HOUR + r"(?P<chalf1>半)?)"
    r"\s*(?P<ap1>am|pm|a\.m\.|p\.m\.)?"
    r"\s*(?:营业|开放|开门|营运)?\s*(?:-|~|～|—|–|至|到|to|until)\s*(?P<next>次日|第二天|翌日)?\s*"
    r"(?P<p2>早上|上午|早|晚上|下午|晚|中午|傍晚|凌晨)?\s*(?:(?P<h2>\d{1,2})(?:[:：](?P<m2>\d{2})|\s*"
    + _HOUR
    + r"(?:(?P<m2b>\d{1,2})分?|(?P<half2>半))?)"
    r"|(?P<c2>[一二三四五六七八九十]{1,3})\s*" + _HOUR + r"(?P<chalf2>半)?)"
    r"\s*(?P<ap2>am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)
# "9 am to 5 pm", "12 noon to 6 pm", "10 am to midnight"
_CLOCK_SIMPLE = re.compile(
    r"(?:(?P<h1>\d{1,2})\s*(?P<ap1>am|pm)|(?:12\s*)?(?P<w1>noon|midday|midnight))\s*(?:-|~|to|until|and)\s*"
    r"(?:(?P<h2>\d{1,2})\s*(?P<ap2>am|pm)|(?:12\s*)?(?P<w2>noon|midday|midnight))",
    re.I,
)
_CLOCK_WORDS = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}
# One time of day, a cutoff or a start ("15:00 前下单", "下午 3 点以后", "by 3 pm"): a bare "3 点" may be points.
_CLOCK_ONE = re.compile(
    r"(?<![\d:：.])(?P<h>\d{1,2})[:：](?P<m>\d{2})(?![\d:：])"
    r"|(?P<p>早上|上午|下午|晚上|中午|凌晨|傍晚)\s*(?P<hp>\d{1,2}|[一二三四五六七八九十]{1,3})\s*"
    + _HOUR
    + r"(?:(?P<mp>\d{1,2})分?|(?P<half>半))?"
    r"|\b(?P<he>\d{1,2})(?::(?P<me>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)",
    re.IGNORECASE,
)
# "aged 12 and up", "ages 5+": an English age says its number before the word
# ("a licence is required from age 18")
_AGED = re.compile(
    r"\bage[sd]?\s+(?P<a>\d{1,3})\s*(?:\+|and (?:up|over|above|older)|or (?:over|above|older))"
    r"|\b(?:from|at) (?:the )?age (?:of )?(?P<b>\d{1,2})\b",
    re.I,
)
_ATTEMPTS = re.compile(
    rf"(?P<a>\d+|\b(?:{'|'.join(w for w in _EN_WORDS if ' ' not in w and len(w) > 2)})\b)\s+"
    r"(?:(?:failed|wrong|incorrect|unsuccessful|invalid|login|password|sign-in)\s+){0,3}(?:attempts|tries)\b",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年|每[月周年]\s*\d{1,2}\s*[日号]|\d{4}[-/.]\d{1,2}"
    # a day of the month: 当月 20 日, 20 日前 (a duration would be "20 日内"), 15 日和 20 日, 每月 15 号
    r"|(?:当月|本月|次月|下月|上月|每月|月底|月初)\s*(?:的\s*)?\d{1,2}\s*[日号]|\d{1,2}\s*[日号]\s*(?=前|之前|以前|[和及、或至到]\s*\d{1,2}\s*[日号])"
    r"|(?<=[和及、或至到])\s*\d{1,2}\s*[日号](?!内|以内|之内)|\d{1,2}\s*号"
)
# A quantity per period or per unit ("25 元/天", "每月 2 次", "2 pickups a month") is a rate: its attribute
# includes the period, and "2 次/月" says nothing about what "1 次" counts.
_PER_UNITS = (
    r"(天|日|晚|夜|周|月|年|次|人|件|单|笔|张|台|分钟|小时|公斤|公里|gb|kg|km|day|night|week|month|year|minute|hour|"
    r"person|order|item|time|transaction|withdrawal|attempt|cycle|visit|session|use|ride)"
)
_PER_AFTER = re.compile(
    rf"^\s*(?:/|每|per\s+|a\s+|an\s+|each\s+|every\s+)\s*(?:个)?{_PER_UNITS}"
    rf"|^\s*[\u4e00-\u9fffa-z]{{0,8}}\s+(?:a|an|per|each|every)\s+{_PER_UNITS}s?\b"
)
# "129 元一次", "一块钱一张": a price said per one of something
_PER_ONE = re.compile(rf"^\s*一\s*{_PER_UNITS}(?!性)")
_PER_BEFORE = re.compile(
    rf"(?:每|单|per\s+|each\s+|every\s+)\s*(?:个)?(?:自然)?{_PER_UNITS}s?[\u4e00-\u9fff\s]{{0,10}}$"
)
_ARTICLE_UNIT_OK = re.compile(
    r"(?:within|for|in|after|than|about|over|under|to|least|most|of|only|just|once|take|takes)\s*$"
)
_ALWAYS = re.compile(r"7\s*[x×*]\s*24|24\s*/\s*7|全天候")


@dataclass(frozen=True)
class Quantity:
    """One normalized quantity: a value (or range low..high) in a dimension's base unit."""

    dim: str
    low: float
    high: float
    unit: str  # the display unit, e.g. "天", "个工作日", "元"
    text: str  # the surface text
    start: int
    end: int
    approx: bool = False  # months and years are calendar-approximate
    per: str = ""  # the period or unit of a rate: "天" for 25 元/天, "month" for 2 次/月

    def display(self) -> str:
        """The value as the text writes it ("24 小时", "¥1,299"); a value written in words also gets its
        normalized form ("一周（7 天）"), so a reader sees both what the text says and what it means."""
        surface = " ".join(self.text.split())
        if re.search(r"\d", surface):
            return surface
        normalized = format_quantity(self)
        return surface if surface == normalized else f"{surface}（{normalized}）"


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """'7' -> 7, '七' -> 7, '两' -> 2, '1,000' -> 1000, '2万' -> 20000, '半' -> 0.5, 'seven' -> 7."""
    raw = text.strip().lower().replace(",", "")
    if not raw:
        return None
    if raw in _EN_WORDS:
        return float(_EN_WORDS[raw])
    half = 0.0
    if raw.endswith("个半") or (raw.endswith("半") and len(raw) > 1):
        half, raw = 0.5, raw.removesuffix("个半").removesuffix("半")
    if raw == "半":
        return 0.5
    multiplier = 1.0
    if raw[-1] in "万千" and raw[:-1].replace(".", "").strip().isdigit():
        multiplier, raw = (10000.0 if raw[-1] == "万" else 1000.0), raw[:-1].strip()
    try:
        if all(ch in "0123456789." for ch in raw):
            return float(raw) * multiplier + half
        if all(ch in _CN_DIGITS for ch in raw):
            # 廿 and 卅 (twenty, thirty) in Hong Kong and Taiwan texts: "合約期廿四個月"
            value = cn2an.cn2an(raw.replace("廿", "二十").replace("卅", "三十"), "smart")
            return float(value) * multiplier + half
    except (ValueError, TypeError):
        return None
    return None


def _clock_minutes(hour: str, minute: str | None, prefix: str | None, ampm: str | None, half: bool) -> float:
    h = int(parse_number(hour) or 0)  # "9" or "九"
    if (prefix in ("晚上", "下午", "晚", "傍晚") or (ampm or "").lower().startswith("p")) and h < 12:
        h += 12
    if (ampm or "").lower().startswith("a") and h == 12:
        h = 0
    if prefix in ("晚上", "晚", "夜里", "深夜") and h == 12:
        h = 24  # 晚上 12 点 is midnight
    return h * 60 + (int(minute) if minute else (30 if half else 0))


def _range_end(groups: dict[str, str | None], n: int) -> float:
    """Minutes after midnight of one end (1 or 2) of a matched _CLOCK_RANGE."""
    hour = groups[f"h{n}"] or groups[f"c{n}"] or "0"
    minute = groups[f"m{n}"] or groups[f"m{n}b"]
    half = bool(groups[f"half{n}"] or groups[f"chalf{n}"])
    return _clock_minutes(hour, minute, groups[f"p{n}"], groups[f"ap{n}"], half)


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in `text`, left to right, without overlaps; dates and '7x24' are skipped."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def keep(quantity: Quantity) -> None:
        found.append(quantity)
        taken.append((quantity.start, quantity.end))

    for match in list(_DATE_LIKE.finditer(text)) + list(_ALWAYS.finditer(text)):
        taken.append(match.span())

    for match in _CLOCK_RANGE.finditer(text):
        if not free(*match.span()):
            continue
        g = match.groupdict()
        if bool(g["c1"]) != bool(g["c2"]):
            continue  # "一点至 18:00" is not how a time range is written; "早一点" is "a bit earlier"
        low, high = (_range_end(g, n) for n in (1, 2))
        if high < low and (g["next"] or (g["m1"] and g["m2"])):
            high += 24 * 60  # "22:00 至次日 07:00" ends the next morning
        elif g["p2"] is None and g["ap2"] is None and high < low:
            high += 12 * 60  # "9点至6点" means 9:00-18:00
        if low < 24 * 60 and high <= 48 * 60:
            keep(Quantity(CLOCK, low, high, "点", match.group(0), *match.span()))
    for match in _CLOCK_SIMPLE.finditer(text):
        if free(*match.span()):
            low, high = (
                _CLOCK_WORDS[match[f"w{n}"].lower()]
                if match[f"w{n}"]
                else _clock_minutes(match[f"h{n}"], None, None, match[f"ap{n}"], False)
                for n in (1, 2)
            )
            if high <= low and match["w2"]:
                high += 24 * 60  # "to midnight" ends at the end of the day
            keep(Quantity(CLOCK, low, high, "点", match.group(0), *match.span()))

    for match in _CLOCK_ONE.finditer(text):
        if not free(*match.span()):
            continue
        minutes = _clock_minutes(
            match["h"] or match["hp"] or match["he"],
            match["m"] or match["mp"] or match["me"],
            match["p"],
            match["ap"],
            bool(match["half"]),
        )
        if minutes <= 24 * 60:
            keep(Quantity(CLOCK, minutes, minutes, "点", match.group(0), *match.span()))

    for match in _AGED.finditer(text):
        if free(*match.span()):
            group = "a" if match["a"] else "b"
            age = float(match[group])
            # the number only: the bound after it ("and up") is read like any other threshold word
            keep(
                Quantity("age", age, age, "岁", text[match.start() : match.end(group)], match.start(), match.end(group))
            )

    for match in _PER_MILLE.finditer(text):
        value = parse_number(match["a"])
        if value is not None and free(*match.span()):
            value = value / 10 if match["kind"] == "千分之" else value
            keep(Quantity(PERCENT, value, value, "%", match.group(0), *match.span()))

    for match in _TENTHS.finditer(text):
        value = parse_number(match["a"])
        if value is not None and free(*match.span()):
            keep(Quantity(PERCENT, value * 10, value * 10, "%", match.group(0), *match.span()))

    for regex, dim, value, unit in _WORD_VALUES:
        for match in regex.finditer(text):
            if free(*match.span()):
                keep(Quantity(dim, value, value, unit, match.group(0), *match.span()))

    for match in _PRICE_RATIO.finditer(text):
        digits = match["a"]
        if digits.isascii():
            value = float(digits) if len(digits) != 2 else int(digits) / 10  # 85 折 is 8.5
        else:
            tens, ones = parse_number(digits[0]) or 0, parse_number(digits[1]) if len(digits) > 1 else 0
            value = tens + (ones or 0) / 10  # 八五折 is 8.5
        if free(*match.span()):
            keep(Quantity(PRICE_RATIO, value * 10, value * 10, "折", match.group(0), *match.span()))

    for match in _ATTEMPTS.finditer(text):
        value = parse_number(match["a"])
        if value is not None and free(*match.span()):
            keep(Quantity("count:times", value, value, "次", match.group(0), *match.span()))

    for match in _CURRENCY_FIRST.finditer(text):
        amount = parse_number(match["a"])
        if amount is None or not free(*match.span()):
            continue
        low = amount
        high = parse_number(match["b"]) or low if match["b"] else low
        dim = _PREFIX_CURRENCY[match["cur"].lower()]
        # "¥20 元" must not be read twice
        end = match.end()
        tail = re.match(r"\s*(元|美元|港元|块)", text[end:])
        if tail:
            end += tail.end()
        unit = _MONEY_UNITS[dim]
        if match["b"] and _CHANGE_FROM.search(text[: match.start()]):
            # "goes up from $50 to $75": the old value and the new one, not a range
            keep(Quantity(dim, low, low, unit, text[match.start() : match.end("a")], match.start(), match.end("a")))
            keep(Quantity(dim, high, high, unit, text[match.start("b") : end], match.start("b"), end))
            continue
        keep(Quantity(dim, low, high or low, unit, text[match.start() : end], match.start(), end))

    for match in _QUANTITY.finditer(text):
        if not free(*match.span()):
            continue
        start = match.start()
        # a number glued to a letter or digit run (order numbers, model names) is not a quantity
        if start > 0 and (text[start - 1].isalnum() and text[start - 1].isascii()) and match["a"][0].isdigit():
            continue
        if start > 1 and text[start - 1] in "x×*/" and text[start - 2].isdigit():
            continue  # 7x24, 3/5 (but "**1.2 米**" is bold Markdown)
        first = parse_number(match["a"])
        last = parse_number(match["b"]) if match["b"] else first
        if first is None or last is None:
            continue
        low, high = first, last
        index = next(i for i in range(len(_UNITS)) if match[f"u{i}"] is not None)
        _pattern, dim, factor, unit = _UNITS[index]
        if unit in ("天",) and match[f"u{index}"] == "日" and re.search(r"(月|每月|每年|每周)\s*$", text[:start]):
            continue  # 每月 15 日 is a date
        if unit == "年" and low >= 1900:
            continue
        if unit == "次" and match["a"] == "二":
            continue  # 二次销售, 二次加工: "secondary"; twice is 两次
        if dim in ("count:units", "count:installments") and (
            not (match["a"][0].isdigit() or match["a"].isascii()) or text[:start].rstrip().endswith("第")
        ):
            continue  # 三包, 一条龙, 第 3 条: words and ordinals, not counts ("three jobs" is one)
        if dim.startswith("money") and re.match(r"\s*[a-z]", text[match.end() :], re.I) and unit != "元":
            continue
        if match["a"].strip() in ("a", "an") and (dim != DURATION or not _ARTICLE_UNIT_OK.search(text[:start])):
            continue  # "2 pickups a month", "twice a year": a frequency, not a period
        approx = unit in ("个月", "年")
        if match["b"] and _CHANGE_FROM.search(text[:start]):
            # "extended from 7 to 14 days": the old value and the new one, not a range
            keep(Quantity(dim, low * factor, low * factor, unit, match["a"], start, match.end("a"), approx))
            start = match.start("b")
            low = high
        if dim == DURATION and _RENT_AFTER.match(text, match.end()):
            # "相当于两个月租金", "one month's rent": an amount counted in rents, not a period
            scale = 0.5 if _HALF_OF.search(text[:start]) else 1.0
            months = low * factor / (MONTH_DAYS * DAY) * scale
            keep(Quantity(RENTS, months, high * factor / (MONTH_DAYS * DAY) * scale, "个月租金",
                          match.group(0), start, match.end()))  # fmt: skip
            continue
        end = match.end()
        if dim == DURATION and _HALF_AFTER.match(text, end) and not match["b"]:
            low, high, end = low + 0.5, high + 0.5, end + 1  # "一年半", "三天半": and a half
        keep(Quantity(dim, low * factor, high * factor, unit, text[start:end], start, end, approx))
    found.sort(key=lambda q: q.start)
    return [_with_rate(q, text) for q in _opening_hours(found, text)]


_HALF_AFTER = re.compile(r"半(?![价年月天日周小个钟])")


# "上午九点开馆，晚上六点闭馆": an opening time and a closing time are the hours 9:00-18:00
_OPENS = re.compile(r"\s*(?:开门|开馆|开园|开放|开始营业|营业|上班)\s*[，,、]?\s*$")
_CLOSES = re.compile(r"\s*(?:闭馆|关门|闭园|打烊|结束营业|停止营业|下班)")


def _opening_hours(found: list[Quantity], text: str) -> list[Quantity]:
    """Two times of day joined into one range where the first opens and the second closes."""
    merged: list[Quantity] = []
    for quantity in found:
        before = merged[-1] if merged else None
        if (
            before is not None
            and before.dim == quantity.dim == CLOCK
            and before.low == before.high
            and quantity.low == quantity.high
            and quantity.low > before.low
            and _OPENS.match(text, before.end, quantity.start)
            and _CLOSES.match(text, quantity.end)
        ):
            merged[-1] = Quantity(
                CLOCK, before.low, quantity.low, "点", text[before.start : quantity.end], before.start, quantity.end
            )
            continue
        merged.append(quantity)
    return merged


def _with_rate(quantity: Quantity, text: str) -> Quantity:
    if quantity.dim == CLOCK:
        return quantity
    after = text[quantity.end : quantity.end + 24]
    match = (
        _PER_AFTER.match(after)
        or (quantity.dim.startswith("money") and _PER_ONE.match(after))
        or _nearest_rate_before(text[max(0, quantity.start - 16) : quantity.start])
    )
    if not match:
        return quantity
    per = _PER_NAMES.get(match.group(match.lastindex or 0), match.group(match.lastindex or 0))
    return replace(quantity, per=per)


def _nearest_rate_before(before: str) -> re.Match[str] | None:
    """The rate word nearest the number: "每小时" in "单人艇租金调整为每小时 80 元", not the 单人 of 单人艇."""
    for start in range(len(before) - 1, -1, -1):
        if match := _PER_BEFORE.match(before, start):
            return match
    return None


_RENT_AFTER = re.compile(r"\s*(?:的\s*)?(?:房租|租金|月租)|['’]s?\s+rent\b|\s+(?:of\s+)?rent\b", re.IGNORECASE)
_HALF_OF = re.compile(r"\bhalf\s+(?:of\s+)?$", re.IGNORECASE)

_PER_NAMES = {"日": "天", "day": "天", "夜": "晚", "night": "晚", "week": "周", "month": "月", "year": "年",
              "time": "次", "minute": "分钟", "hour": "小时", "kg": "公斤", "km": "公里", "order": "单",
              "transaction": "笔", "withdrawal": "笔", "person": "人", "item": "件", "attempt": "次", "cycle": "次",
              "visit": "次", "session": "次", "use": "次", "ride": "次"}  # fmt: skip


def same_value(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of one dimension state the same value (months/years with a small tolerance)."""
    if a.dim != b.dim:
        return False
    if a.approx or b.approx:
        tolerance = 0.04
        return _close(a.low, b.low, tolerance) and _close(a.high, b.high, tolerance)
    if a.low == a.high or b.low == b.high:
        # a single value inside the other's range is the same statement ("5 个工作日内" vs "3-5 个工作日")
        if a.low == a.high and b.low <= a.low <= b.high:
            return True
        if b.low == b.high and a.low <= b.low <= a.high:
            return True
    return _close(a.low, b.low, 1e-6) and _close(a.high, b.high, 1e-6)


def _close(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


def format_quantity(q: Quantity) -> str:
    """A short normalized label for explanations, e.g. '7 天', '3-5 个工作日', '20 元', '5%'."""

    def num(value: float) -> str:
        return f"{value:g}"

    if q.dim == CLOCK:

        def time(minutes: float) -> str:
            return f"{int(minutes // 60) % 24}:{int(minutes % 60):02d}"

        return time(q.low) if q.low == q.high else f"{time(q.low)}-{time(q.high)}"
    if q.dim == PRICE_RATIO:
        return f"{num(q.low / 10)} 折"
    if q.dim == DURATION:
        if q.low >= DAY and (q.low % DAY == 0 or q.approx):
            low, high, unit = q.low / DAY, q.high / DAY, "天"
        elif q.high < 1:
            low, high, unit = round(q.low * 60, 1), round(q.high * 60, 1), "分钟"
        else:
            low, high, unit = q.low, q.high, "小时"
    else:
        low, high, unit = q.low, q.high, q.unit
    value = num(low) if low == high else f"{num(low)}-{num(high)}"
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"
