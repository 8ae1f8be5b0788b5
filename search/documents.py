"""What a search document contains: the one place that decides it (STYLE rule 12)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kb.markdown import markdown_to_text
from kb.models import ArticleVersion

ARTICLE = "article"


def article_doc_id(article_id: int) -> str:
    return f"{ARTICLE}:{article_id}"


def article_id_of(doc_id: str) -> int | None:
    kind, _, pk = doc_id.partition(":")
    return int(pk) if kind == ARTICLE and pk.isdigit() else None


def version_stamp(version_id: int, updated_at: datetime) -> str:
    """Changes whenever the live version of an article changes (new version or a new save)."""
    return f"{version_id}:{updated_at.isoformat()}"


def document_for(version: ArticleVersion) -> dict[str, Any]:
    """The search document of a live article version (expects tags and category loaded)."""
    return build_document(
        article_id=version.article_id,
        title=version.title,
        summary=version.summary,
        body_markdown=version.body,
        tags=[tag.name for tag in version.tags.all()],
        category_slug=version.category.slug,
        category_name=version.category.name,
        product=version.product,
        language=version.language,
        audience=version.audience,
        external_id=version.article.external_id or "",
        updated=version.published_at or version.updated_at,
        expires=version.expire_at,
        stamp=version_stamp(version.pk, version.updated_at),
    )


def build_document(
    *,
    article_id: int,
    title: str,
    summary: str,
    body_markdown: str,
    tags: list[str],
    category_slug: str,
    category_name: str,
    product: str,
    language: str,
    audience: str,
    external_id: str,
    updated: datetime,
    expires: datetime | None,
    stamp: str,
) -> dict[str, Any]:
    body = markdown_to_text(body_markdown)
    tags = [tag.replace(",", " ") for tag in tags]
    return {
        "id": article_doc_id(article_id),
        "kind": ARTICLE,
        "title": title,
        "summary": summary,
        "body": body,
        "grams": f"{summary}\n{body}",
        "spell": f"{title}\n{summary}\n{body}",
        "keywords": " ".join([*tags, product, category_name]),
        "tag": ",".join(tags),
        "category": category_slug,
        "category_name": category_name,
        "product": product,
        "language": language,
        "audience": audience,
        "external_id": external_id,
        "updated": updated,
        "expires": expires,
        "stamp": stamp,
    }
