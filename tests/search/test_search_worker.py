"""A real Celery worker indexes what editors publish: no test doubles between the
service, the broker, the worker and the index."""

from __future__ import annotations

import pytest

from kb import services
from kb.models import Audience
from kb.trees import services as tree_services
from search import services as search
from tests.conftest import wait_for
from tests.kb.trees.conftest import tree_input


@pytest.mark.worker
def test_a_published_article_becomes_searchable_within_seconds_and_archiving_removes_it(
    index_worker, editor, reviewer, article_input
):
    data = article_input(title="理赔材料清单", body="身份证、保单、发票。")
    article = services.create_article(data=data, by=editor).article
    services.publish_article(article=article, by=reviewer)

    def searchable() -> bool:
        """the worker indexed the published article"""
        return [h.article_id for h in search.search("理赔材料", audience=Audience.INTERNAL).hits] == [article.pk]

    wait_for(searchable, timeout=15)

    services.archive_article(article=article, by=reviewer)

    def removed() -> bool:
        """the worker removed the archived article"""
        return search.search("理赔材料", audience=Audience.INTERNAL).hits == []

    wait_for(removed, timeout=15)


@pytest.mark.worker
def test_articles_imported_with_publish_become_searchable_through_the_worker(index_worker, category, tmp_path):
    import io
    import json

    from django.core.management import call_command

    lines = [
        {"external_id": "imp-1", "title": "宽带迁移办理", "body": "新地址需先查询覆盖。"},
        {"external_id": "imp-2", "title": "Roaming activation", "body": "Roaming starts within 2 hours."},
    ]
    source = tmp_path / "articles.jsonl"
    rows = [json.dumps({**line, "category": category.slug}, ensure_ascii=False) for line in lines]
    source.write_text("\n".join(rows) + "\n")
    call_command("import_articles", str(source), "--publish", stdout=io.StringIO())

    def searchable() -> bool:
        """the worker indexed both imported articles"""
        hits = [h for q in ("宽带迁移", "roaming") for h in search.search(q, audience=Audience.INTERNAL).hits]
        return {h.external_id for h in hits} == {"imp-1", "imp-2"}

    wait_for(searchable, timeout=20)


@pytest.mark.worker
def test_a_published_tree_becomes_searchable_through_the_worker_and_archiving_removes_it(
    index_worker, editor, reviewer
):
    tree = tree_services.create_tree(data=tree_input(), by=editor).tree
    tree_services.publish_tree(tree=tree, by=reviewer)

    def searchable() -> bool:
        """the worker indexed the published tree"""
        hits = search.search("邻居或门卫", audience=Audience.INTERNAL).hits
        return [(h.kind, h.tree_id) for h in hits] == [("tree", tree.pk)]

    wait_for(searchable, timeout=15)

    tree_services.archive_tree(tree=tree, by=reviewer)

    def removed() -> bool:
        """the worker removed the archived tree"""
        return search.search("邻居或门卫", audience=Audience.INTERNAL).hits == []

    wait_for(removed, timeout=15)
