"""The Whoosh schema. Bump SCHEMA_VERSION when fields or analysis change: an index built
with another version is treated as missing, and `rebuild_index` makes a new one."""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search.analysis import BigramTokenizer, mixed_analyzer

SCHEMA_VERSION = 4  # 4: text fields without positions
TEXT_FIELDS = ("title", "summary", "body", "keywords")
FACET_FIELDS = ("category", "product", "language", "kind")
FILTER_FIELDS = (*FACET_FIELDS, "audience", "tag")


def build_schema() -> Schema:
    text = mixed_analyzer()
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),  # "article:<pk>" or "tree:<pk>"
        kind=ID(stored=True, sortable=True),  # "article" or "tree" (a question tree)
        # No word positions (phrase=False): nothing searches phrases, and postings with
        # positions were 3.5 times slower to read and made the index a third bigger.
        title=TEXT(analyzer=text, stored=True, phrase=False),
        summary=TEXT(analyzer=text, stored=True, phrase=False),
        body=TEXT(analyzer=text, stored=True, phrase=False),
        # Tags, product and category name: short words an agent may type.
        keywords=TEXT(analyzer=text, phrase=False),
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
