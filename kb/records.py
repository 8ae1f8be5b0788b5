"""The JSONL line format shared by `import_articles`, `export_articles` and the demo content.

One JSON object per line:

    {"external_id": "refund-001", "title": "…", "summary": "…", "body": "Markdown …",
     "language": "zh-hans", "category": "退货退款", "tags": ["退款"], "product": "",
     "audience": "internal"}

`external_id`, `title`, `body` and `category` are required; the other keys default to the
editor's defaults (no summary, no tags, no product, zh-hans, internal). `category` is a
category name or slug. Unknown keys are ignored, so files from newer exports still load.

The export writes every key, in the order above, tags sorted, so that export -> import ->
export gives the same bytes. Articles created in the editor have no external ID; the
export names them `concord-<article id>`, which an import then keeps as their ID."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kb.errors import ValidationFailed
from kb.models import OPEN_STATES, Article, ArticleVersion, Audience, Language, VersionState
from kb.services import ArticleInput

FIELDS = ["external_id", "title", "summary", "body", "language", "category", "tags", "product", "audience"]
REQUIRED = ["external_id", "title", "body", "category"]
TEXT_FIELDS = ["external_id", "title", "summary", "body", "language", "category", "product", "audience"]
MAX_EXTERNAL_ID_CHARS = Article._meta.get_field("external_id").max_length or 100
GENERATED_ID_PREFIX = "concord-"


@dataclass
class Record:
    """One parsed line: the article's identity in the source system and what to save."""

    external_id: str
    data: ArticleInput


def parse_record(line: str) -> Record:
    """Turn one line into a Record, or raise ValidationFailed naming each bad field.
    Only the shape is checked here; the article rules are checked by kb.services."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            _("Not valid JSON: %(reason)s (column %(column)d).") % {"reason": error.msg, "column": error.colno}
        ) from None
    if not isinstance(raw, dict):
        raise ValidationFailed(_("Each line must be one JSON object."))

    errors: dict[str, list[str]] = {}
    for name in REQUIRED:
        if raw.get(name) in (None, ""):
            errors.setdefault(name, []).append(_("This field is required."))
    for name in TEXT_FIELDS:
        if raw.get(name) is not None and not isinstance(raw[name], str):
            errors.setdefault(name, []).append(_("Must be a string."))
    tags = raw.get("tags")
    if tags is None:
        tags = []
    elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors.setdefault("tags", []).append(_("Must be a list of strings."))
    external_id = raw.get("external_id")
    if isinstance(external_id, str) and len(external_id.strip()) > MAX_EXTERNAL_ID_CHARS:
        errors.setdefault("external_id", []).append(_("Longer than %(n)d characters.") % {"n": MAX_EXTERNAL_ID_CHARS})
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)

    def text(name: str, default: str = "") -> str:
        return raw.get(name) or default

    data = ArticleInput(
        title=text("title"),
        summary=text("summary"),
        body=text("body"),
        category=text("category"),
        tags=list(tags),
        product=text("product"),
        language=text("language", Language.ZH_HANS.value),
        audience=text("audience", Audience.INTERNAL.value),
    )
    return Record(external_id=text("external_id").strip(), data=data)


def pick_current(versions: Iterable[ArticleVersion]) -> ArticleVersion | None:
    """The version an export writes and an import compares with: the open draft if
    there is one, else the published version, else the latest."""
    versions = list(versions)
    for states in (OPEN_STATES, (VersionState.PUBLISHED,)):
        found = [v for v in versions if v.state in states]
        if found:
            return found[0]
    return max(versions, key=lambda v: v.number, default=None)


def external_id_of(article: Article) -> str:
    return article.external_id or f"{GENERATED_ID_PREFIX}{article.pk}"


def record_from_version(version: ArticleVersion) -> dict[str, Any]:
    """The line that would create this version again. Expects category and tags loaded."""
    return {
        "external_id": external_id_of(version.article),
        "title": version.title,
        "summary": version.summary,
        "body": version.body,
        "language": version.language,
        "category": version.category.name,
        "tags": sorted(t.name for t in version.tags.all()),
        "product": version.product,
        "audience": version.audience,
    }


def dump_record(record: dict[str, Any]) -> str:
    """One JSONL line, without the newline. Readable Chinese: no \\u escapes."""
    return json.dumps({name: record[name] for name in FIELDS}, ensure_ascii=False)


def has_same_content(version: ArticleVersion, data: ArticleInput) -> bool:
    """Would saving `data` change nothing in `version`? Compares the way the services
    store it: stripped title and summary, tags stripped and de-duplicated, category
    by name or slug."""
    tags = {t.strip() for t in data.tags if t.strip()}
    category = data.category.strip()
    return (
        version.title == data.title.strip()
        and version.summary == data.summary.strip()
        and version.body == data.body
        and version.product == data.product
        and version.language == data.language
        and version.audience == data.audience
        and category in (version.category.name, version.category.slug)
        and tags == {t.name for t in version.tags.all()}
    )
