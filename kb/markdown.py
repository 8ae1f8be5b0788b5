"""Markdown in one place: render_markdown() for pages, the API and the indexer.
Markdown is untrusted, so the HTML goes through nh3 with an explicit allow-list."""

from __future__ import annotations

import html as html_lib
import re

import markdown as md
import nh3

EXTENSIONS = ["tables", "fenced_code", "toc", "sane_lists", "attr_list"]
EXTENSION_CONFIGS = {"toc": {"permalink": "#", "permalink_title": "", "slugify": None}}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href", "class"},
    "img": {"src", "alt", "width", "height"},
    "code": {"class"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
# No javascript:, data: or vbscript: anywhere, images included: data: images can carry SVG.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _slugify(value: str, separator: str) -> str:
    # Keep CJK characters in anchors so that Chinese headings get readable, stable ids.
    value = re.sub(r"[^\w\s-]", "", value, flags=re.UNICODE).strip().lower()
    return re.sub(r"[\s_-]+", separator, value) or "section"


EXTENSION_CONFIGS["toc"]["slugify"] = _slugify  # type: ignore[assignment]


def render_markdown(text: str) -> str:
    """Markdown -> sanitized HTML, safe to mark_safe() in a template."""
    html = md.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown document, for indexing and snippets."""
    html = md.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])
    plain = html_lib.unescape(nh3.clean(html, tags=set()))
    return re.sub(r"\s+", " ", plain).strip()
