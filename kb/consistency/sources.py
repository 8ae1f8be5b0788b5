"""Where the checker's documents come from: live article versions and the outcome nodes of
published question trees, turned into `Doc` records; and a per-process cached index of them
for checks that must answer at once (the pre-publish warning, the task after a publish).

Doc ids name the stored text: "article:<version pk>" and "tree:<tree version pk>#<node id>".
Doc external ids group the texts that are never compared with each other: every version of one
article, and every outcome of one tree (its branches differ on purpose)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from kb.consistency.checker import Index, check_document
from kb.consistency.records import Conflict, Doc
from kb.models import Article, ArticleVersion, Category
from kb.records import GENERATED_ID_PREFIX, external_id_of
from kb.selectors import live_versions
from kb.trees.models import QuestionTree, TreeVersion
from kb.trees.selectors import live_tree_versions

ARTICLE_PREFIX = "article:"
TREE_PREFIX = "tree:"


def tree_external_id(tree: QuestionTree) -> str:
    return tree.external_id or f"{GENERATED_ID_PREFIX}tree-{tree.pk}"


def doc_for_version(version: ArticleVersion) -> Doc:
    """An article version as the checker sees it. Expects category and tags loaded."""
    return Doc(
        id=f"{ARTICLE_PREFIX}{version.pk}",
        external_id=external_id_of(version.article),
        title=version.title,
        body=version.body,
        language=version.language,
        category=version.category.name if version.category_id else "",
        product=version.product,
        tags=tuple(sorted(tag.name for tag in version.tags.all())),
        audience=version.audience,
    )


def doc_for_input(*, article: Article | None, title: str, body: str, language: str, category: str,
                  product: str, tags: Iterable[str], audience: str) -> Doc:  # fmt: skip
    """A text not saved yet (the editor's form) as the checker sees it. `category` is a slug or name."""
    found = Category.objects.filter(slug=category).first() or Category.objects.filter(name=category).first()
    return Doc(
        id=f"candidate:{article.pk if article else 'new'}",
        external_id=external_id_of(article) if article else "candidate:new",
        title=title,
        body=body,
        language=language,
        category=found.name if found else category,
        product=product,
        tags=tuple(sorted(tags)),
        audience=audience,
    )


def docs_for_tree_version(version: TreeVersion) -> list[Doc]:
    """One Doc per outcome node with a resolution. The tree's title stands for the article title
    (the checker reads scope from it), its category and product for the article's."""
    docs = []
    for node in version.graph.get("nodes", []):
        if node.get("type") != "outcome" or not str(node.get("resolution") or "").strip():
            continue
        docs.append(
            Doc(
                id=f"{TREE_PREFIX}{version.pk}#{node['id']}",
                external_id=f"{TREE_PREFIX}{tree_external_id(version.tree)}",
                title=version.title,
                body=str(node["resolution"]),
                language=version.language,
                category=version.category.name if version.category else "",
                product=version.product,
                audience=version.audience,
            )
        )
    return docs


def iter_live_docs() -> Iterator[Doc]:
    """Every published, in-effect text: article versions, then tree outcomes."""
    for version in live_versions().order_by("pk").iterator(chunk_size=1000):
        yield doc_for_version(version)
    for tree_version in live_tree_versions().order_by("pk"):
        yield from docs_for_tree_version(tree_version)


def count_live_docs() -> int:
    return live_versions().count() + sum(len(docs_for_tree_version(v)) for v in live_tree_versions())


@dataclass(frozen=True)
class Side:
    """What a report needs to know about one side of a conflict."""

    ref: str  # article external id, or "tree:<external id>#<node id>"
    article: Article | None
    tree: QuestionTree | None
    node: str
    version: int
    title: str
    category_id: int | None
    product: str


def resolve_sides(doc_ids: Iterable[str]) -> dict[str, Side]:
    """Doc ids -> the article or tree version behind each (two queries, whatever the count).
    Ids whose version no longer exists are left out."""
    doc_ids = list(doc_ids)
    version_pks: set[int] = set()
    tree_pks: set[int] = set()
    for doc_id in doc_ids:
        if doc_id.startswith(ARTICLE_PREFIX):
            version_pks.add(int(doc_id.removeprefix(ARTICLE_PREFIX)))
        elif doc_id.startswith(TREE_PREFIX):
            tree_pks.add(int(doc_id.removeprefix(TREE_PREFIX).split("#", 1)[0]))
    sides: dict[str, Side] = {}
    for version in ArticleVersion.objects.filter(pk__in=version_pks).select_related("article"):
        sides[f"{ARTICLE_PREFIX}{version.pk}"] = Side(
            ref=external_id_of(version.article),
            article=version.article,
            tree=None,
            node="",
            version=version.number,
            title=version.title,
            category_id=version.category_id,
            product=version.product,
        )
    tree_versions = {v.pk: v for v in TreeVersion.objects.filter(pk__in=tree_pks).select_related("tree")}
    for doc_id in doc_ids:
        if not doc_id.startswith(TREE_PREFIX):
            continue
        pk, node = doc_id.removeprefix(TREE_PREFIX).split("#", 1)
        tree_version = tree_versions.get(int(pk))
        if tree_version is not None:
            sides[doc_id] = Side(
                ref=f"{TREE_PREFIX}{tree_external_id(tree_version.tree)}#{node}",
                article=None,
                tree=tree_version.tree,
                node=node,
                version=tree_version.number,
                title=tree_version.title,
                category_id=tree_version.category_id,
                product=tree_version.product,
            )
    return sides


class LiveIndex:
    """The checker's index of the live texts, kept in this process and brought up to date before
    each use. Published versions never change, so catching up means adding the versions published
    since, and forgetting the ones no longer live (they stay in the LSH tables but are filtered out
    of results; the index is rebuilt when they pile up). Staleness is read from counts and the
    newest updated_at of live versions: two aggregate queries per use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._index: Index = Index()
        self._alive: set[str] = set()
        # pk -> updated_at of the versions in the index. A pk seen again with another updated_at
        # (a database that reuses ids, e.g. SQLite after a rollback) forces a rebuild.
        self._articles: dict[int, Any] = {}
        self._trees: dict[int, Any] = {}

    @staticmethod
    def _current_key() -> tuple[Any, ...]:
        articles = live_versions().aggregate(n=Count("pk"), at=Max("updated_at"))
        trees = live_tree_versions().aggregate(n=Count("pk"), at=Max("updated_at"))
        return (articles["n"], articles["at"], trees["n"], trees["at"])

    def _sync(self) -> None:
        key = self._current_key()
        if key == self._key:
            return
        articles = dict(live_versions().values_list("pk", "updated_at"))
        trees = dict(live_tree_versions().values_list("pk", "updated_at"))
        changed = any(self._articles.get(pk, at) != at for pk, at in articles.items()) or any(
            self._trees.get(pk, at) != at for pk, at in trees.items()
        )
        if changed or len(self._index.docs) > 2 * (len(articles) + len(trees)) + 200:
            self._index, self._articles, self._trees = Index(), {}, {}
        new_versions = live_versions().filter(pk__in=articles.keys() - self._articles.keys()).order_by("pk")
        new_docs = [doc_for_version(v) for v in new_versions.iterator(chunk_size=1000)]
        for tree_version in live_tree_versions().filter(pk__in=trees.keys() - self._trees.keys()):
            new_docs.extend(docs_for_tree_version(tree_version))
        if new_docs:
            self._index.add_many(new_docs)
        self._articles.update(articles)
        self._trees.update(trees)
        self._alive = {f"{ARTICLE_PREFIX}{pk}" for pk in articles} | {
            doc_id
            for doc_id in self._index.docs
            if doc_id.startswith(TREE_PREFIX) and int(doc_id.removeprefix(TREE_PREFIX).split("#", 1)[0]) in trees
        }
        self._key = key

    def check(self, doc: Doc) -> list[Conflict]:
        """Conflicts between `doc` and the live texts, best first."""
        with self._lock:
            self._sync()
            found = check_document(doc, self._index)
            return [c for c in found if c.b in self._alive]

    def live_doc(self, doc_id: str) -> Doc | None:
        with self._lock:
            self._sync()
            return self._index.docs.get(doc_id) if doc_id in self._alive else None

    def warm_up(self, *, max_texts: int) -> None:
        """Build the index before the first editor waits for it, when the base is small enough:
        at 100,000 texts building it takes minutes and gigabytes, which a web process starting
        up should not spend (the first check then builds it)."""
        if count_live_docs() > max_texts:
            return
        with self._lock:
            self._sync()

    def reset(self) -> None:
        with self._lock:
            self._key, self._index, self._alive = None, Index(), set()
            self._articles, self._trees = {}, {}


live_index = LiveIndex()
