"""Roles are Django groups in a ladder: agent < editor < reviewer < admin. Each role can do
what the ones below it can. `portal` is a channel account (self-service portal, public
chatbot) that reads public articles through the API and nothing else."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

AGENT = "agent"
EDITOR = "editor"
REVIEWER = "reviewer"
ADMIN = "admin"
PORTAL = "portal"

LADDER = [AGENT, EDITOR, REVIEWER, ADMIN]
ALL_GROUPS = [*LADDER, PORTAL]

User = AbstractBaseUser | AnonymousUser


def role_of(user: User) -> str | None:
    """The highest role the user holds, or None for anonymous and role-less users."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_concord_role", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    if getattr(user, "is_superuser", False):
        role: str | None = ADMIN
    else:
        names = set(user.groups.values_list("name", flat=True))  # type: ignore[union-attr]
        role = next((r for r in reversed(LADDER) if r in names), PORTAL if PORTAL in names else None)
    user._concord_role = role  # type: ignore[union-attr]
    return role


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
