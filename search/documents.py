"""What a search document contains: the one place that decides it (STYLE rule 12)."""

from __future__ import annotations

from typing import Any

from kb.markdown import markdown_to_text
from kb.models import ArticleVersion

ARTICLE = "article"


def article_doc_id(article_id: int) -> str:
    return f"{ARTICLE}:{article_id}"


def article_id_of(doc_id: str) -> int | None:
    kind, _, pk = doc_id.partition(":")
    return int(pk) if kind == ARTICLE and pk.isdigit() else None


def version_stamp(version_id: int, updated_at: Any) -> str:
    """Changes whenever the live version of an article changes (new version or a new save)."""
    return f"{version_id}:{updated_at.isoformat()}"


def document_for(version: ArticleVersion) -> dict[str, Any]:
    """The search document of a live article version (expects tags and category loaded)."""
    tags = [tag.name.replace(",", " ") for tag in version.tags.all()]
    body = markdown_to_text(version.body)
    return {
        "id": article_doc_id(version.article_id),
        "kind": ARTICLE,
        "title": version.title,
        "summary": version.summary,
        "body": body,
        "title_grams": version.title,
        "grams": f"{version.summary}\n{body}",
        "spell": f"{version.title}\n{version.summary}\n{body}",
        "keywords": " ".join([*tags, version.product, version.category.name]),
        "tag": ",".join(tags),
        "category": version.category.slug,
        "category_name": version.category.name,
        "product": version.product,
        "language": version.language,
        "audience": version.audience,
        "external_id": version.article.external_id or "",
        "updated": version.published_at or version.updated_at,
        "expires": version.expire_at,
        "stamp": version_stamp(version.pk, version.updated_at),
    }
