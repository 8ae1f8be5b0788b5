"""Synthetic knowledge bases for `bench_consistency`: many products, each with a handful of articles
that state real-looking policies (periods, fees, thresholds, eligibility, channels), a small share of
them contradicting their product's other articles. Measures speed, not accuracy (the eval set does that)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from kb.consistency.records import Doc

# topic -> (values, phrasings). A phrasing is a format string over {p} (product) and {v} (value).
_TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "return": (
        ["7", "15", "30"],
        [
            "{p}自签收之日起 {v} 天内可申请无理由退货。",
            "购买{p}后 {v} 天内，商品完好即可退货。",
            "{p}支持 {v} 天无理由退货，退货运费由买家承担。",
        ],
    ),
    "refund": (["3", "5", "7"], ["退款审核通过后，{v} 个工作日内原路退回。", "{p}的退款一般在 {v} 个工作日内到账。"]),
    "ship": (["24", "48", "72"], ["{p}现货订单付款后 {v} 小时内发货。", "下单后 {v} 小时内安排{p}发货，预售除外。"]),
    "freeship": (["59", "99", "199"], ["{p}订单满 {v} 元包邮。", "单笔实付满 {v} 元即可免运费。"]),
    "warranty": (["6", "12", "24"], ["{p}整机保修 {v} 个月，以发票日期为准。", "{p}提供 {v} 个月质保服务。"]),
    "cooling": (
        ["10", "15", "20"],
        ["{p}的犹豫期为 {v} 天，犹豫期内退保全额退还保费。", "签收保单后 {v} 天内为犹豫期。"],
    ),
    "report": (["24", "48", "72"], ["出险后请在 {v} 小时内报案。", "{p}要求事故发生后 {v} 小时内通知我们报案。"]),
    "late": (["0.05", "0.1"], ["{p}账单逾期每日收取欠费金额 {v}% 的滞纳金。", "逾期未缴按每天 {v}% 加收滞纳金。"]),
    "fee": (["1", "2", "5"], ["{p}提现每笔收取 {v} 元手续费。", "每次提现需支付 {v} 元手续费。"]),
}
_POLAR: dict[str, tuple[str, str]] = {
    "invoice": ("{p}支持开具电子发票，可在订单详情页申请。", "{p}不提供发票，敬请谅解。"),
    "receipt": ("办理{p}退货必须提供购物小票。", "办理{p}退货无需提供购物小票。"),
    "vipfee": ("VIP 会员购买{p}免收服务费。", "所有客户购买{p}均需支付服务费。"),
}
_CHANNEL: tuple[str, str] = ("{p}的退款申请只能通过 App 提交。", "{p}的退款请拨打客服热线办理，App 不受理。")
_FILLER = [
    "如有疑问，请联系在线客服。",
    "本文由知识库团队维护，最近一次复核在上个季度。",
    "请坐席使用统一口径答复客户。",
    "具体以页面展示为准。",
    "感谢您的理解与支持。",
    "相关流程见另一篇文章。",
    "处理前请先核实客户身份。",
]
_BRANDS = ["星辰", "云朵", "小鹿", "鲸鱼", "安心", "悦享", "快鸟", "优选", "蓝海", "青松", "明月", "南山"]
_LINES = ["手机", "耳机", "平板", "宽带", "医疗险", "意外险", "会员", "钱包", "家电", "咖啡机", "手表", "相机"]


@dataclass
class BenchSet:
    docs: list[Doc]
    planted: int  # articles that contradict their product's other articles


def generate_docs(count: int, *, seed: int = 7, conflict_rate: float = 0.01, prefix: str = "b") -> BenchSet:
    """`count` articles over count/8 products; each states 2-4 policies; about `conflict_rate` of the
    articles flip one of them (a different number, the opposite rule, or another channel)."""
    rng = random.Random(seed)
    products = max(1, count // 8)
    truth: dict[tuple[int, str], object] = {}
    docs: list[Doc] = []
    planted = 0
    for number in range(count):
        product_number = rng.randrange(products)
        product = (
            f"{_BRANDS[product_number % len(_BRANDS)]}{_LINES[(product_number // 12) % len(_LINES)]} {product_number}"
        )
        sentences = [rng.choice(_FILLER)]
        flip = rng.random() < conflict_rate
        planted += flip
        picked = rng.sample(sorted(_TOPICS) + sorted(_POLAR) + ["channel"], rng.randint(2, 4))
        for position, topic in enumerate(picked):
            wrong = flip and position == 0
            sentences.append(_sentence(rng, truth, product_number, product, topic, wrong))
        sentences.append(rng.choice(_FILLER))
        docs.append(
            Doc(
                id=f"{prefix}{number}",
                external_id=f"{prefix}-{number}",
                title=f"{product}常见问题 {number}",
                body="\n".join(sentences),
                product=product,
                category="售后",
            )
        )
    return BenchSet(docs, planted)


def _sentence(
    rng: random.Random, truth: dict[tuple[int, str], object], product_number: int, product: str, topic: str, wrong: bool
) -> str:
    pick: Callable[[list[str]], str] = rng.choice
    if topic in _TOPICS:
        values, phrasings = _TOPICS[topic]
        value = truth.setdefault((product_number, topic), pick(values))
        if wrong:
            value = pick([v for v in values if v != value])
        return pick(phrasings).format(p=product, v=value)
    if topic in _POLAR:
        side = cast(int, truth.setdefault((product_number, topic), rng.randrange(2)))
        return _POLAR[topic][1 - side if wrong else side].format(p=product)
    side = cast(int, truth.setdefault((product_number, topic), rng.randrange(2)))
    return _CHANNEL[1 - side if wrong else side].format(p=product)
