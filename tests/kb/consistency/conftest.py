"""Published articles that contradict each other, for the conflict report tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kb import services
from kb.consistency.models import ConflictReport
from kb.models import Article

SEVEN_DAYS = "# 退货\n\n商品自签收之日起 7 天内可申请无理由退货。如有疑问请联系客服。"
FIFTEEN_DAYS = "# 退货\n\n即日起，商品签收后 15 天内可以无理由退货。"
NO_RETURN_PERIOD = "# 退货\n\n退货请联系在线客服办理。"


@pytest.fixture
def publish(editor, reviewer, article_input) -> Callable[..., Article]:  # type: ignore[no-untyped-def]
    """publish(title, body, article=None) -> the article, with this text as its live version
    (a new article, or a new version of `article`)."""

    def make(title: str, body: str, *, article: Article | None = None, **fields: Any) -> Article:
        data = article_input(title=title, body=body, tags=[], **fields)
        if article is None:
            article = services.create_article(data=data, by=editor).article
        else:
            services.save_draft(article=article, data=data, by=editor, base_revision=None)
        services.publish_article(article=article, by=reviewer)
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def conflicting_pair(publish) -> tuple[Article, Article]:  # type: ignore[no-untyped-def]
    """Two live return policies: 7 days and 15 days."""
    return publish("退货政策", SEVEN_DAYS), publish("退货规则调整", FIFTEEN_DAYS)


def only_report() -> ConflictReport:
    [report] = ConflictReport.objects.all()
    return report
