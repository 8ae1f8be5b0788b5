"""What a search document contains: the one place that decides it (STYLE rule 12)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kb.markdown import markdown_to_text
from kb.models import ArticleVersion
from kb.trees.models import TreeVersion

ARTICLE = "article"
TREE = "tree"


def article_doc_id(article_id: int) -> str:
    return f"{ARTICLE}:{article_id}"


def tree_doc_id(tree_id: int) -> str:
    return f"{TREE}:{tree_id}"


def split_doc_id(doc_id: str) -> tuple[str, int | None]:
    """("article", 12) for "article:12"; the id is None when the document id is malformed."""
    kind, _, pk = doc_id.partition(":")
    return kind, int(pk) if pk.isdigit() else None


def article_id_of(doc_id: str) -> int | None:
    kind, pk = split_doc_id(doc_id)
    return pk if kind == ARTICLE else None


def version_stamp(version_id: int, updated_at: datetime) -> str:
    """Changes whenever the live version of an article or tree changes (new version or a new save)."""
    return f"{version_id}:{updated_at.isoformat()}"


def document_for(version: ArticleVersion) -> dict[str, Any]:
    """The search document of a live article version (expects tags and category loaded)."""
    return build_document(
        doc_id=article_doc_id(version.article_id),
        kind=ARTICLE,
        title=version.title,
        summary=version.summary,
        body=markdown_to_text(version.body),
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


def tree_document_for(version: TreeVersion) -> dict[str, Any]:
    """The search document of a published tree version (expects tree and category loaded).
    Its text is what an agent would type about the caller's problem: the questions, the
    answers and the resolutions. Guidance and teams stay out: they are for agents only,
    and portal accounts see public trees' snippets. Trees have no tags or expiry."""
    category = version.category
    return build_document(
        doc_id=tree_doc_id(version.tree_id),
        kind=TREE,
        title=version.title,
        summary=version.description,
        body=tree_text(version.graph, language=version.language),
        tags=[],
        category_slug=category.slug if category else "",
        category_name=category.name if category else "",
        product=version.product,
        language=version.language,
        audience=version.audience,
        external_id=version.tree.external_id or "",
        updated=version.published_at or version.updated_at,
        expires=None,
        stamp=version_stamp(version.pk, version.updated_at),
    )


def tree_text(graph: dict[str, Any], *, language: str = "") -> str:
    """Plain text of a tree graph, node by node in the editor's order: each question's
    prompt with its answers in brackets, each outcome's resolution. The brackets keep
    answers like "是 / 否" readable when a snippet shows them."""
    opening, closing = ("（", "）") if language.startswith("zh") else (" (", ")")
    parts: list[str] = []
    for node in graph.get("nodes", []):
        if node.get("type") == "question":
            labels = " / ".join(str(option.get("label") or "") for option in node.get("options", []))
            parts.append(markdown_to_text(node.get("prompt") or "") + (f"{opening}{labels}{closing}" if labels else ""))
        else:
            parts.append(markdown_to_text(node.get("resolution") or ""))
    return "\n".join(part for part in parts if part.strip())


def build_document(
    *,
    doc_id: str,  # article_doc_id() or tree_doc_id()
    kind: str,
    title: str,
    summary: str,
    body: str,
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
    tags = [tag.replace(",", " ") for tag in tags]
    return {
        "id": doc_id,
        "kind": kind,
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
