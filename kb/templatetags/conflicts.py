"""Template helpers for the conflict pages: the count in the navigation."""

from __future__ import annotations

from django import template

from kb.consistency.selectors import count_open_conflicts

register = template.Library()


@register.simple_tag(takes_context=True)
def open_conflict_count(context: template.Context) -> int:
    """Open reports for reviewers and admins; the ones assigned to them for editors."""
    request = context.get("request")
    return count_open_conflicts(request.user) if request is not None else 0
