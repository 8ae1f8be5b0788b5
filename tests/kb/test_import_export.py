from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kb import selectors, services
from kb.importing import import_articles
from kb.models import Article, ArticleVersion, AuditEvent, Category, Tag, VersionState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def line(external_id: str, **overrides: Any) -> str:
    record = {
        "external_id": external_id,
        "title": f"退货政策 {external_id}",
        "body": "## 退货\n\n签收次日起 7 天内可以无理由退货。",
        "language": "zh-hans",
        "category": "Refunds",
        "tags": ["退货"],
        "product": "",
        "audience": "internal",
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


def run_import(path: Path | str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_export(path: Path) -> bytes:
    call_command("export_articles", str(path), stderr=io.StringIO())
    return path.read_bytes()


def counts() -> tuple[int, int, int]:
    return Article.objects.count(), ArticleVersion.objects.count(), AuditEvent.objects.count()


def test_importing_the_same_file_twice_creates_each_article_once_and_then_changes_nothing(tmp_path, category):
    path = write(tmp_path / "kb.jsonl", line("r-1"), line("r-2"), line("r-3", tags=["退货", "运费"]))

    out, _ = run_import(path, "--publish")
    assert "Created: 3," in out
    before = counts()
    assert before == (3, 3, 6)  # each article: one version, a create and a publish event

    out, _ = run_import(path, "--publish")
    assert "Created: 0, new versions: 0" in out and "unchanged: 3, failed: 0" in out
    assert counts() == before


def test_changed_text_adds_exactly_one_new_version_and_publish_replaces_the_published_one(tmp_path, category, agent):
    run_import(write(tmp_path / "v1.jsonl", line("r-1"), line("r-2")), "--publish")

    out, _ = run_import(
        write(tmp_path / "v2.jsonl", line("r-1", body="签收次日起 15 天内可以无理由退货。"), line("r-2")), "--publish"
    )

    assert "Created: 0, new versions: 1," in out and "unchanged: 1" in out
    changed = Article.objects.get(external_id="r-1")
    assert list(changed.versions.order_by("number").values_list("number", "state")) == [
        (1, VersionState.SUPERSEDED),
        (2, VersionState.PUBLISHED),
    ]
    assert selectors.get_article_for_reader(agent, changed.pk).body.startswith("签收次日起 15 天")
    actions = list(changed.audit_events.order_by("id").values_list("action", flat=True))
    assert actions == ["create", "publish", "start_draft", "publish"]
    assert Article.objects.get(external_id="r-2").versions.count() == 1


def test_without_publish_a_changed_article_gets_a_draft_and_agents_keep_reading_the_published_text(
    tmp_path, category, agent
):
    run_import(write(tmp_path / "v1.jsonl", line("r-1")), "--publish")

    run_import(write(tmp_path / "v2.jsonl", line("r-1", title="退货政策（2026 版）")))

    article = Article.objects.get(external_id="r-1")
    assert list(article.versions.order_by("number").values_list("state", flat=True)) == ["published", "draft"]
    assert selectors.get_article_for_reader(agent, article.pk).title == "退货政策 r-1"


def test_publish_publishes_a_draft_an_earlier_import_left_unpublished(tmp_path, category):
    path = write(tmp_path / "kb.jsonl", line("r-1"))
    run_import(path)
    assert Article.objects.get().versions.get().state == VersionState.DRAFT

    out, _ = run_import(path, "--publish")

    assert "drafts published: 1" in out
    assert Article.objects.get().versions.get().state == VersionState.PUBLISHED


def test_the_same_id_twice_in_one_file_ends_with_the_later_text(tmp_path, category):
    path = write(tmp_path / "kb.jsonl", line("r-1", body="第一版"), line("r-1", body="第二版"))

    out, _ = run_import(path, "--publish")

    assert "Created: 1, new versions: 1," in out
    article = Article.objects.get(external_id="r-1")
    assert article.versions.get(state=VersionState.PUBLISHED).body == "第二版"


def test_bad_lines_are_reported_by_line_number_and_the_good_lines_still_land(tmp_path, category):
    path = write(
        tmp_path / "kb.jsonl",
        line("good-1"),
        '{"external_id": "broken", "title": ',
        line("no-title", title="  "),
        line("bad-lang", language="fr", category="Brand new category"),
        "",
        line("bad-tags", tags="退货"),
        line("good-2"),
    )
    out, err = io.StringIO(), io.StringIO()

    # CommandError is how a Django command exits with status 1.
    with pytest.raises(CommandError, match="4 lines failed"):
        call_command("import_articles", str(path), "--publish", stdout=out, stderr=err)

    report = err.getvalue().splitlines()
    assert report[0].startswith("line 2: Not valid JSON")
    assert "line 3: title: The title cannot be empty." in report
    assert any(r.startswith("line 4: language: Unknown language 'fr'") for r in report)
    assert "line 6: tags: Must be a list of strings." in report
    assert "Created: 2," in out.getvalue() and "failed: 4" in out.getvalue()
    assert set(Article.objects.values_list("external_id", flat=True)) == {"good-1", "good-2"}
    assert all(v.state == VersionState.PUBLISHED for v in ArticleVersion.objects.all())
    # The failed line's new category was rolled back with it.
    assert not Category.objects.filter(name="Brand new category").exists()


def test_a_line_without_a_required_field_names_the_field(tmp_path, category):
    path = write(tmp_path / "kb.jsonl", line("good-1"), line("no-body", body=None), line("", title=""))

    summary = import_articles(path.read_text().splitlines(), publish=False, by=None)

    assert [str(e) for e in summary.errors] == [
        "line 2: body: This field is required.",
        "line 3: external_id: This field is required.",
        "line 3: title: This field is required.",
    ]
    assert (summary.created, summary.failed) == (1, 2)


def test_new_categories_and_tags_are_created_and_listed_in_the_summary(tmp_path, category):
    path = write(
        tmp_path / "kb.jsonl",
        line("r-1", category="保险理赔", tags=["碎屏险", "退货"]),
        line("r-2", category="refunds", tags=["运费"]),  # an existing category by slug
    )

    out, _ = run_import(path)

    assert "New categories: 保险理赔" in out
    assert "New tags: 碎屏险, 运费" in out
    assert Article.objects.get(external_id="r-2").versions.get().category == category
    assert set(Tag.objects.values_list("name", flat=True)) == {"碎屏险", "退货", "运费"}


def test_a_dash_reads_the_lines_from_standard_input(category, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(line("r-1") + "\n"))

    out, _ = run_import("-")

    assert "Created: 1," in out


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "nope.jsonl")


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_file(
    tmp_path, editor, reviewer, article_input
):
    # An article typed in the editor (no external ID), published, then edited again.
    typed = services.create_article(data=article_input(title="运费说明", tags=["运费", "退货"]), by=editor).article
    services.publish_article(article=typed, by=reviewer)
    services.save_draft(article=typed, data=article_input(title="运费说明（新）"), by=editor, base_revision=None)
    # An imported public article in traditional script, and an archived one.
    write(
        tmp_path / "in.jsonl",
        line("zz-last", language="zh-hant", audience="public", summary="摘要", product="Nova Phone X2", tags=[]),
        line("aa-first", body="```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", category="保修"),
    )
    run_import(tmp_path / "in.jsonl", "--publish")
    services.archive_article(article=Article.objects.get(external_id="aa-first"), by=reviewer)

    first = run_export(tmp_path / "first.jsonl")
    ArticleVersion.objects.all().delete()
    Article.objects.all().delete()
    AuditEvent.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()
    run_import(tmp_path / "first.jsonl")
    second = run_export(tmp_path / "second.jsonl")

    assert second == first
    ids = [json.loads(text)["external_id"] for text in first.decode().splitlines()]
    assert ids == ["aa-first", f"concord-{typed.pk}", "zz-last"]
    assert json.loads(first.decode().splitlines()[1])["title"] == "运费说明（新）"  # the open draft


def test_export_without_a_file_writes_to_standard_output(tmp_path, category):
    run_import(write(tmp_path / "in.jsonl", line("r-1")))
    out = io.StringIO()

    call_command("export_articles", stdout=out)

    assert [json.loads(text)["external_id"] for text in out.getvalue().splitlines()] == ["r-1"]


def describe(article: Article) -> dict[str, Any]:
    """An article's rows without ids and timestamps, to compare two ways of writing it."""
    article.refresh_from_db()
    numbers = dict(article.versions.values_list("pk", "number"))
    version_fields = [
        *services.CONTENT_FIELDS,
        *["number", "state", "change_note", "category_id", "created_by_id", "updated_by_id"],
        *["reviewed_by_id", "review_comment", "publish_at", "expire_at"],
    ]
    return {
        "article": (article.revision, article.owner_id, article.created_by_id, article.review_by, article.archived_at),
        "versions": [
            {
                **{name: getattr(version, name) for name in version_fields},
                "based_on": numbers.get(version.based_on_id),
                "published": version.published_at is not None,
                "tags": sorted(version.tags.values_list("name", flat=True)),
            }
            for version in article.versions.order_by("number")
        ],
        "audit": list(
            (action, actor, numbers.get(version_id), detail)
            for action, actor, version_id, detail in article.audit_events.order_by("id").values_list(
                "action", "actor_id", "version_id", "detail"
            )
        ),
    }


@pytest.mark.parametrize("publish", [True, False])
def test_a_first_import_writes_the_same_rows_as_the_services(editor, category, article_input, publish):
    summary = import_articles([line("r-1", title="Title", tags=["b", "a"])], publish=publish, by=editor)
    assert summary.created == 1

    data = article_input(title="Title", tags=["b", "a"], body=json.loads(line("x"))["body"], change_note="Imported")
    typed = services.create_article(data=data, by=editor, external_id="r-2").article
    if publish:
        services.publish_article(article=typed, by=editor)

    assert describe(Article.objects.get(external_id="r-1")) == describe(typed)


@pytest.mark.parametrize("publish", [True, False])
def test_a_changed_published_article_gets_the_same_rows_as_the_services_write(
    editor, reviewer, category, article_input, publish
):
    import_articles([line("r-1", tags=["a"])], publish=True, by=editor)
    summary = import_articles([line("r-1", body="新的正文", tags=["a", "c"])], publish=publish, by=editor)
    assert summary.new_versions == 1

    body = json.loads(line("x"))["body"]
    typed = services.create_article(
        data=article_input(title="退货政策 r-1", tags=["a"], body=body, change_note="Imported"), by=editor
    ).article
    services.publish_article(article=typed, by=editor)
    data = article_input(title="退货政策 r-1", tags=["a", "c"], body="新的正文", change_note="Imported")
    services.save_draft(article=typed, data=data, by=editor, base_revision=None)
    if publish:
        services.publish_article(article=typed, by=editor)

    assert describe(Article.objects.get(external_id="r-1")) == describe(typed)


def test_an_editors_open_draft_is_kept_in_the_history_when_an_import_brings_new_text(editor, category):
    import_articles([line("r-1")], publish=True, by=None)
    article = Article.objects.get(external_id="r-1")
    services.save_draft(article=article, data=services.ArticleInput(title="编辑中", body="草稿", category="refunds"),
                        by=editor, base_revision=None)  # fmt: skip

    summary = import_articles([line("r-1", body="来源系统的新正文")], publish=True, by=None)

    assert summary.new_versions == 1
    assert list(article.versions.order_by("number").values_list("state", "body")) == [
        ("superseded", json.loads(line("x"))["body"]),
        ("discarded", "草稿"),
        ("published", "来源系统的新正文"),
    ]


def test_a_draft_the_import_left_is_updated_in_place(category):
    import_articles([line("r-1")], publish=False, by=None)

    summary = import_articles([line("r-1", body="改过的正文")], publish=False, by=None)

    assert summary.drafts_updated == 1
    assert list(Article.objects.get().versions.values_list("number", "state", "body")) == [(1, "draft", "改过的正文")]
