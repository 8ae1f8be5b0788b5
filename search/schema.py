"""The Whoosh schema. Bump SCHEMA_VERSION when fields or analysis change: an index built
with another version is treated as missing, and `rebuild_index` makes a new one."""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search.analysis import BigramTokenizer, mixed_analyzer

SCHEMA_VERSION = 3
TEXT_FIELDS = ("title", "summary", "body", "keywords")
FACET_FIELDS = ("category", "product", "language", "kind")
FILTER_FIELDS = (*FACET_FIELDS, "audience", "tag")


def build_schema() -> Schema:
    text = mixed_analyzer()
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),  # "article:<pk>"
        kind=ID(stored=True, sortable=True),  # "article"; question trees later
        title=TEXT(analyzer=text, stored=True),
        summary=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text, stored=True),
        # Tags, product and category name: short words an agent may type.
        keywords=TEXT(analyzer=text),
        # Chinese character pairs of the summary and body (see analysis.bigrams).
        grams=TEXT(analyzer=BigramTokenizer(), phrase=False),
        # English words as written (not stemmed), for 'did you mean'.
        spell=TEXT(analyzer=RegexTokenizer(r"[A-Za-z]{3,}") | LowercaseFilter(), phrase=False),
        tag=KEYWORD(stored=True, commas=True),  # each tag whole, for filters
        category=ID(stored=True, sortable=True),  # slug
        category_name=STORED(),
        product=ID(stored=True, sortable=True),
        language=ID(stored=True, sortable=True),
        audience=ID(stored=True, sortable=True),
        external_id=ID(stored=True),
        updated=DATETIME(stored=True, sortable=True),
        expires=DATETIME(),
        # "<version pk>:<updated_at>": what the reconcile compares with the database.
        stamp=ID(stored=True, sortable=True),
    )
