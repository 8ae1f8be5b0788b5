"""Published question trees are search documents too: found by the words of their questions,
answers and resolutions, kept in line with the database by the same after-commit updates,
reconcile and rebuild as articles, and narrowed with the kind filter."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from django.core.management import call_command

from kb.models import Audience
from kb.trees import services as tree_services
from kb.trees.models import QuestionTree
from search import backend
from search import services as search
from search.documents import tree_doc_id
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db


def found(query: str, **options: object) -> list[tuple[str, int]]:
    hits = search.search(query, audience=options.pop("audience", Audience.INTERNAL), **options).hits  # type: ignore[arg-type]
    return [(hit.kind, hit.object_id) for hit in hits]


@pytest.fixture
def publish_tree(editor, reviewer) -> Callable[..., QuestionTree]:  # type: ignore[no-untyped-def]
    """Create and publish a tree (the parcel tree unless told otherwise) through the services."""

    def publish_one(**fields: object) -> QuestionTree:
        tree = tree_services.create_tree(data=tree_input(**fields), by=editor).tree
        tree_services.publish_tree(tree=tree, by=reviewer)
        return tree

    return publish_one


def test_a_published_tree_is_found_by_the_words_of_its_questions_answers_and_outcomes(publish_tree):
    tree = publish_tree(description="客户说快递显示签收了，但人没拿到。")
    search.update_trees([tree.pk])

    for words in ("包裹显示已签收但没收到", "邻居或门卫", "丢件理赔", "找到了", "人没拿到"):
        assert found(words) == [("tree", tree.pk)], words
    hit = search.search("丢件理赔", audience=Audience.INTERNAL).hits[0]
    assert (hit.tree_id, hit.article_id, hit.url) == (tree.pk, 0, f"/trees/{tree.pk}/")
    assert "**" not in hit.snippet_html  # Markdown stripped
    assert "<mark>" in hit.snippet_html


def test_guidance_and_teams_are_not_searchable(publish_tree):
    """Both are for agents only; public trees' snippets go to portal accounts."""
    graph = parcel_graph()
    graph["nodes"][0]["guidance"] = "核对暗号 Zebra 再继续。"
    graph["nodes"][4]["team"] = "鲸鱼应急小队"
    tree = publish_tree(audience=Audience.PUBLIC, graph=graph)
    search.update_trees([tree.pk])

    assert found("邻居") == [("tree", tree.pk)]
    assert found("暗号 Zebra") == []
    assert found("鲸鱼应急小队") == []


def test_a_tree_takes_its_category_language_audience_and_product(publish_tree, category):
    tree = publish_tree(category=category.slug, language="zh-hans", audience=Audience.PUBLIC, product="优选商城")
    search.update_trees([tree.pk])

    hit = search.search("邻居", audience=Audience.INTERNAL).hits[0]
    assert (hit.category, hit.category_name, hit.language, hit.audience, hit.product, hit.tags) == (
        category.slug, category.name, "zh-hans", "public", "优选商城", []
    )  # fmt: skip
    assert hit.external_id == tree.external_id
    assert found("邻居", filters={"product": ["优选商城"]}) == [("tree", tree.pk)]
    assert found("邻居", filters={"product": ["星辰宽带"]}) == []


def test_publishing_indexes_the_tree_after_commit_and_archiving_removes_it(
    publish_tree, reviewer, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        tree = publish_tree()
    assert found("邻居或门卫") == [("tree", tree.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        tree_services.archive_tree(tree=tree, by=reviewer)

    assert found("邻居或门卫") == []


def test_a_new_published_version_replaces_the_old_text_and_a_draft_changes_nothing(
    publish_tree, editor, reviewer, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        tree = publish_tree()
    graph = parcel_graph()
    graph["nodes"][4]["resolution"] = "登记遗失赔付，两天内回电。"
    with django_capture_on_commit_callbacks(execute=True):
        tree_services.save_tree_draft(tree=tree, data=tree_input(graph=graph), by=editor, base_revision=None)
    assert found("遗失赔付") == [] and found("丢件理赔") == [("tree", tree.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        tree_services.publish_tree(tree=tree, by=reviewer)

    assert found("遗失赔付") == [("tree", tree.pk)] and found("丢件理赔") == []


def test_trees_imported_with_publish_are_queued_for_the_index(
    tmp_path, editor, django_capture_on_commit_callbacks, eager_celery
):
    source = tmp_path / "trees.json"
    raw = {"external_id": "parcel", "title": "包裹显示已签收但未收到", "graph": parcel_graph()}
    source.write_text(json.dumps({"trees": [raw]}, ensure_ascii=False))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_trees", str(source), "--publish", stdout=io.StringIO())

    assert found("邻居或门卫") == [("tree", QuestionTree.objects.get(external_id="parcel").pk)]


def test_reconcile_adds_a_missing_tree_and_removes_an_orphan_tree_document(publish_tree, reviewer):
    kept = publish_tree()
    archived = publish_tree(title="退款未到账")
    search.rebuild()
    # Messages that never arrived: a new tree, and an archive the index did not see.
    missed = publish_tree(title="发票抬头写错了")
    tree_services.archive_tree(tree=archived, by=reviewer)
    backend.write(upserts=[{"id": tree_doc_id(999_999), "kind": "tree", "title": "不存在的树", "stamp": "x"}])
    assert found("发票抬头") == []

    report = search.reconcile()

    assert (report.updated, report.removed) == (1, 2)
    assert found("发票抬头") == [("tree", missed.pk)]
    assert {kept.pk, missed.pk} == {pk for _kind, pk in found("包裹")}  # not the archived tree
    assert found("不存在的树") == []
    assert not search.reconcile().changed


def test_rebuild_indexes_articles_and_published_trees(publish, publish_tree, reviewer):
    article = publish(title="签收后发现包裹破损", body="拍照上传，申请理赔。")
    tree = publish_tree()
    tree_services.archive_tree(tree=publish_tree(title="已归档的树"), by=reviewer)  # left out

    count = search.rebuild()

    assert count == 2
    assert sorted(found("包裹")) == sorted([("article", article.pk), ("tree", tree.pk)])
    assert search.index_status()["documents"] == 2


def test_the_kind_filter_and_facet_tell_articles_and_trees_apart(publish, publish_tree):
    article = publish(title="包裹签收后丢失怎么办", body="先联系快递公司。")
    tree = publish_tree()
    search.update_articles([article.pk])
    search.update_trees([tree.pk])

    result = search.search("包裹", audience=Audience.INTERNAL)
    assert {(v.value, v.count) for v in result.facets["kind"]} == {("article", 1), ("tree", 1)}
    assert found("包裹", filters={"kind": "tree"}) == [("tree", tree.pk)]
    assert found("包裹", filters={"kind": "article"}) == [("article", article.pk)]
    article_hit = next(h for h in result.hits if h.kind == "article")
    assert (article_hit.article_id, article_hit.object_id, article_hit.tree_id) == (article.pk, article.pk, None)
    assert article_hit.url == f"/articles/{article.pk}/"


def test_public_callers_find_public_trees_only(publish_tree):
    public = publish_tree(audience=Audience.PUBLIC)
    internal = publish_tree(audience=Audience.INTERNAL, title="包裹内部处理流程")
    search.update_trees([public.pk, internal.pk])

    assert found("包裹", audience=Audience.PUBLIC) == [("tree", public.pk)]
    assert sorted(found("包裹")) == sorted([("tree", public.pk), ("tree", internal.pk)])


def test_remove_trees_drops_the_document_whatever_the_database_says(publish_tree):
    tree = publish_tree()
    search.update_trees([tree.pk])

    search.remove_trees([tree.pk])

    assert found("邻居或门卫") == []
    assert search.reconcile().updated == 1  # still published: the reconcile puts it back


def test_the_demo_trees_are_searchable_after_load_demo_and_rebuild_index():
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    call_command("rebuild_index", stdout=io.StringIO())

    parcel = QuestionTree.objects.get(external_id="demo-tree-parcel-signed-not-received")
    card = QuestionTree.objects.get(external_id="demo-tree-card-declined")
    assert ("tree", parcel.pk) in found("包裹显示已签收但没收到")[:3]
    assert ("tree", card.pk) in found("card declined at checkout")[:3]
    assert ("tree", card.pk) in found("card declined", audience=Audience.PUBLIC)  # a public tree
