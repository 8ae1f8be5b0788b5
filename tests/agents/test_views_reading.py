from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kb import services
from kb.models import Audience, Category
from search import services as search
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BODY = """# 退货政策

收到商品后 **7 天**内可以无理由退货。

## 运费

| 情况 | 谁付运费 |
|---|---|
| 质量问题 | 商家 |
| 不想要了 | 顾客 |

## 步骤

1. 核实订单号
2. 发送退货地址

```
ORDER-123
```
"""


@pytest.fixture
def published(editor, reviewer, article_input):  # type: ignore[no-untyped-def]
    article = services.create_article(
        data=article_input(title="退货政策", summary="七天无理由退货", body=BODY, product="商城"), by=editor
    ).article
    services.publish_article(article=article, by=reviewer)
    return article


def test_agent_home_lists_published_articles(agent, published):  # type: ignore[no-untyped-def]
    response = client_for(agent).get(reverse("agents:home"))
    assert response.status_code == 200
    assert "退货政策" in response.content.decode()
    assert published.get_absolute_url() in response.content.decode()


def test_agent_cannot_see_drafts_on_home_or_by_url(agent, editor, article_input, published):  # type: ignore[no-untyped-def]
    draft = services.create_article(data=article_input(title="草稿：新运费规则"), by=editor).article
    client = client_for(agent)

    assert "草稿：新运费规则" not in client.get(reverse("agents:home")).content.decode()
    assert client.get(reverse("agents:article", args=[draft.pk])).status_code == 404


def test_agent_sees_the_published_version_while_a_new_draft_is_open(agent, editor, article_input, published):  # type: ignore[no-untyped-def]
    services.save_draft(
        article=published, data=article_input(title="退货政策（修订中）", body="新草稿"), by=editor, base_revision=None
    )
    page = client_for(agent).get(published.get_absolute_url()).content.decode()
    assert "退货政策（修订中）" not in page and "新草稿" not in page
    assert "七天无理由退货" in page


def test_the_reading_page_renders_markdown_with_a_table_of_contents(agent, published):  # type: ignore[no-untyped-def]
    response = client_for(agent).get(published.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="运费">' in page and 'href="#运费"' in page  # heading anchor and its TOC entry
    assert "<table>" in page and "<ol>" in page and "<pre><code>ORDER-123" in page
    assert "Internal: do not share with customers" in page
    assert "Version 1" in page and "商城" in page


def test_the_filter_narrows_by_title_category_and_language(agent, editor, reviewer, article_input, published):  # type: ignore[no-untyped-def]
    Category.objects.create(name="Delivery", slug="delivery")
    other = services.create_article(
        data=article_input(title="Delivery times", category="delivery", language="en"), by=editor
    ).article
    services.publish_article(article=other, by=reviewer)
    search.update_articles([published.pk, other.pk])  # on_commit never fires in a test transaction
    client = client_for(agent)

    by_title = client.get(reverse("agents:home"), {"q": "delivery"}).content.decode()
    by_category = client.get(reverse("agents:home"), {"category": "refunds"}).content.decode()
    by_language = client.get(reverse("agents:home"), {"language": "en"}).content.decode()

    assert "<mark>Delivery</mark> times" in by_title and "退货政策" not in by_title  # highlighted
    assert "退货政策" in by_category and "Delivery times" not in by_category
    assert "Delivery times" in by_language and "退货政策" not in by_language


def test_a_bad_filter_value_shows_everything_instead_of_failing(agent, published):  # type: ignore[no-untyped-def]
    response = client_for(agent).get(reverse("agents:home"), {"category": "no-such", "language": "xx", "page": "zz"})
    assert response.status_code == 200


def test_an_expired_article_is_no_longer_shown(agent, editor, reviewer, article_input):  # type: ignore[no-untyped-def]
    article = services.create_article(
        data=article_input(title="限时活动", expire_at=timezone.now() + timedelta(hours=1)), by=editor
    ).article
    services.publish_article(article=article, by=reviewer)
    services.apply_schedules(now=timezone.now() + timedelta(hours=2))

    client = client_for(agent)
    assert "限时活动" not in client.get(reverse("agents:home")).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(published):  # type: ignore[no-untyped-def]
    for url in [reverse("agents:home"), published.get_absolute_url()]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_users_without_a_role_and_portal_accounts_are_refused(outsider, portal, editor, reviewer):  # type: ignore[no-untyped-def]
    article = services.create_article(
        data=services.ArticleInput(title="Public FAQ", body="x", category=_category().slug, audience=Audience.PUBLIC),
        by=editor,
    ).article
    services.publish_article(article=article, by=reviewer)
    for user in [outsider, portal]:
        client = client_for(user)
        assert client.get(reverse("agents:home")).status_code == 403
        assert client.get(article.get_absolute_url()).status_code == 403


def _category() -> Category:
    return Category.objects.get_or_create(slug="faq", defaults={"name": "FAQ"})[0]


def test_the_home_page_costs_a_fixed_number_of_queries(agent, editor, reviewer, article_input):  # type: ignore[no-untyped-def]
    for n in range(12):
        article = services.create_article(data=article_input(title=f"文章 {n}", tags=["a", "b"]), by=editor).article
        services.publish_article(article=article, by=reviewer)
    client = client_for(agent)
    client.get(reverse("agents:home"))  # warm the session

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("agents:home")).status_code == 200
    assert len(queries) <= 10


def test_pages_speak_chinese_to_a_chinese_browser(agent, published):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    client.force_login(agent)
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'lang="zh-hans"' in page
    assert "内部资料：请勿透露给客户" in page and "本页目录" in page
    assert "Internal: do not share with customers" not in page
