"""Template helpers for Concord's pages: Markdown, its table of contents, the review count."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from kb import roles, selectors, users
from kb.markdown import render_markdown
from kb.trees import selectors as tree_selectors

register = template.Library()

# render_markdown() gives every heading an id (the toc extension) and a "#" permalink.
_HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    # render_markdown sanitizes with nh3, so its output is safe to mark as such.
    return mark_safe(render_markdown(text or ""))


@register.filter
def headings(rendered: str) -> list[dict[str, Any]]:
    """The h1-h3 headings of rendered Markdown, for a table of contents."""
    found = []
    for level, anchor, inner in _HEADING.findall(str(rendered)):
        text = html.unescape(_TAG.sub("", _PERMALINK.sub("", inner))).strip()
        found.append({"level": int(level), "id": html.unescape(anchor), "text": text})
    return found


@register.filter
def person(user: Any) -> str:
    return users.display_name(user) if user else ""


@register.filter
def minutes(value: timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0


@register.simple_tag(takes_context=True)
def review_queue_count(context: template.Context) -> int:
    request = context.get("request")
    if request is None or not roles.has_role(request.user, roles.REVIEWER):
        return 0
    return selectors.list_review_queue().count() + tree_selectors.list_tree_review_queue().count()
