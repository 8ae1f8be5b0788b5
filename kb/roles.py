"""Roles are Django groups in a ladder: agent < editor < reviewer < admin. Each role can do
what the ones below it can. `portal` is a channel account (self-service portal, public
chatbot) that reads public articles through the API and nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import models as auth_models
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from rest_framework.request import Request

AGENT = "agent"
EDITOR = "editor"
REVIEWER = "reviewer"
ADMIN = "admin"
PORTAL = "portal"

LADDER = [AGENT, EDITOR, REVIEWER, ADMIN]
ALL_GROUPS = [*LADDER, PORTAL]

# Whoever makes a request, signed in or not (`request.user`). Services take the signed-in
# `django.contrib.auth.models.User` (AUTH_USER_MODEL is Django's default); see acting_user.
User = auth_models.User | AnonymousUser

# role_of caches the role on the user instance for the rest of the request.
_ROLE_CACHE = "_concord_role"


def role_of(user: User) -> str | None:
    """The highest role the user holds, or None for anonymous and role-less users."""
    if not user.is_authenticated:
        return None
    if hasattr(user, _ROLE_CACHE):
        cached: str | None = getattr(user, _ROLE_CACHE)
        return cached
    if user.is_superuser:
        role: str | None = ADMIN
    else:
        names = set(user.groups.values_list("name", flat=True))
        role = next((r for r in reversed(LADDER) if r in names), PORTAL if PORTAL in names else None)
    setattr(user, _ROLE_CACHE, role)
    return role


def acting_user(request: HttpRequest | Request) -> auth_models.User:
    """The signed-in user behind a request that has passed its role check, typed for services."""
    user = request.user
    if not isinstance(user, auth_models.User):  # the role check let an anonymous request through
        raise PermissionDenied
    return user


def has_role(user: User, needed: str) -> bool:
    role = role_of(user)
    if role is None:
        return False
    if needed == PORTAL:
        return True  # everyone who reads anything may read what the public may read
    if role == PORTAL:
        return False
    return LADDER.index(role) >= LADDER.index(needed)


def can_read_internal(user: User) -> bool:
    return has_role(user, AGENT)
