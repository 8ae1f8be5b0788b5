"""`export_trees` and `import_trees`: the documented JSON format, idempotent import by
external id, export -> import -> export giving the same bytes, clear errors for bad files,
and the demo trees shipping in that format."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kb import services as article_services
from kb.importing import import_articles
from kb.models import AuditEvent, VersionState
from kb.trees import selectors, services
from kb.trees.models import QuestionTree, TreeVersion
from kb.trees.validation import validate_graph
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[3] / "kb" / "demo"


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def tree_record(external_id: str, **overrides: Any) -> dict[str, Any]:
    record = {"external_id": external_id, "title": f"包裹显示已签收但未收到 {external_id}", "graph": parcel_graph()}
    record.update(overrides)
    return record


def write(path: Path, *records: Any) -> Path:
    path.write_text(json.dumps({"trees": list(records)}, ensure_ascii=False), encoding="utf-8")
    return path


def run_import(path: Path | str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_trees", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_export(path: Path) -> str:
    call_command("export_trees", str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def wipe_trees() -> None:
    AuditEvent.objects.filter(tree__isnull=False).delete()
    QuestionTree.objects.all().delete()


def test_the_export_holds_the_current_version_of_every_tree_sorted_with_links_as_external_ids(
    tmp_path, editor, reviewer, article_input
):
    article = article_services.create_article(data=article_input(), by=editor, external_id="claims-001").article
    article_services.publish_article(article=article, by=reviewer)
    graph = parcel_graph()
    graph["nodes"][4]["articles"] = [article.pk]
    services.create_tree(data=tree_input(graph=graph, title="b"), by=editor, external_id="b-tree")
    published = services.create_tree(data=tree_input(title="a v1"), by=editor, external_id="a-tree").tree
    services.publish_tree(tree=published, by=reviewer)
    services.save_tree_draft(tree=published, data=tree_input(title="a v2"), by=editor, base_revision=None)

    exported = json.loads(run_export(tmp_path / "trees.json"))

    assert [(t["external_id"], t["title"]) for t in exported["trees"]] == [("a-tree", "a v2"), ("b-tree", "b")]
    assert list(exported["trees"][0]) == [
        "external_id",
        "title",
        "description",
        "language",
        "category",
        "audience",
        "product",
        "graph",
    ]
    assert exported["trees"][1]["graph"]["nodes"][4]["articles"] == ["claims-001"]


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_file(tmp_path, editor, reviewer):
    services.create_tree(data=tree_input(category="refunds-x", description="说明"), by=editor, create_category=True)
    tree = services.create_tree(
        data=tree_input(language="en", audience="public", product="星辰宽带"), by=editor, external_id="x"
    ).tree
    services.publish_tree(tree=tree, by=reviewer)
    first = run_export(tmp_path / "first.json")

    wipe_trees()
    run_import(tmp_path / "first.json")

    assert run_export(tmp_path / "second.json") == first
    assert first.endswith("\n") and "包裹" in first  # readable Chinese, no \u escapes
    assert QuestionTree.objects.get(external_id="x").versions.get().product == "星辰宽带"


def test_reimporting_changes_nothing_unless_the_content_changed(tmp_path):
    path = write(tmp_path / "t.json", tree_record("parcel"))
    out, _err = run_import(path, "--publish")
    assert "Trees created: 1" in out

    out, _err = run_import(path, "--publish")
    assert "unchanged: 1" in out
    tree = QuestionTree.objects.get(external_id="parcel")
    assert tree.versions.count() == 1

    graph = parcel_graph()
    graph["nodes"][0]["prompt"] = "物流页面显示已签收吗？"
    out, _err = run_import(write(path, tree_record("parcel", graph=graph)), "--publish")

    assert "new versions: 1" in out
    assert [(v.number, v.state) for v in selectors.list_tree_versions(tree)] == [
        (2, VersionState.PUBLISHED),
        (1, VersionState.SUPERSEDED),
    ]


def test_without_publish_a_changed_tree_becomes_a_draft_beside_the_published_version(tmp_path):
    path = write(tmp_path / "t.json", tree_record("parcel"))
    run_import(path, "--publish")

    out, _err = run_import(write(path, tree_record("parcel", title="新标题")))

    assert "new versions: 1" in out
    tree = QuestionTree.objects.get(external_id="parcel")
    assert [v.state for v in selectors.list_tree_versions(tree)] == [VersionState.DRAFT, VersionState.PUBLISHED]


def test_a_bad_tree_is_reported_by_tree_node_and_field_and_the_others_still_load(tmp_path):
    broken = parcel_graph()
    broken["nodes"][1]["options"][0] = {"label": "找到了", "next": 7}
    path = write(tmp_path / "t.json", tree_record("good"), tree_record("bad", graph=broken), ["not a tree"])

    with pytest.raises(CommandError, match="2 trees failed"):
        run_import(path)

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_trees", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "tree bad: graph.nodes.neighbour.options.1.next: Node “neighbour”: “options.1.next” must be text.",
        "tree #3: Each tree must be a JSON object.",
    ]
    assert list(QuestionTree.objects.values_list("external_id", flat=True)) == ["good"]


def test_publishing_an_import_with_graph_errors_fails_for_that_tree_naming_the_node(tmp_path):
    graph = parcel_graph()
    graph["nodes"][4]["resolution"] = ""
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_trees",
            str(write(tmp_path / "t.json", tree_record("t", graph=graph))),
            "--publish",
            stdout=io.StringIO(),
            stderr=err,
        )

    assert err.getvalue() == "tree t: graph.nodes.claim.resolution: Node “claim”: the resolution is empty.\n"
    assert not QuestionTree.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "Not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)."),
        ('[{"external_id": "x"}]', 'The file must be a JSON object with a list of trees: {"trees": [...]}.'),
        ('{"trees": {}}', "The file must be a JSON object with a list of trees"),
        ("[" * 100_000, "Not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_tree_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert message in str(error.value)


def test_a_missing_file_or_a_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.json")
    (tmp_path / "latin1.json").write_bytes('{"trees": [{"title": "caf\xe9"}]}'.encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run_import(tmp_path / "latin1.json")


def test_the_demo_trees_import_published_with_their_articles_and_export_unchanged(tmp_path):
    with (DEMO / "articles.jsonl").open(encoding="utf-8") as lines:
        assert not import_articles(lines, publish=True, by=None).errors

    out, _err = run_import(DEMO / "trees.json", "--publish")

    assert "Trees created: 2" in out
    for version in TreeVersion.objects.all():
        assert version.state == VersionState.PUBLISHED
        assert [p for p in validate_graph(version.graph)] == []
    assert {v.language for v in TreeVersion.objects.all()} == {"zh-hans", "en"}
    assert run_export(tmp_path / "demo.json") == (DEMO / "trees.json").read_text(encoding="utf-8")
