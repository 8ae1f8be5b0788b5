"""One demo user per role, with passwords everybody knows. Only `load_demo` in demo mode
(CONCORD_DEMO=1) creates them; a real deployment never has them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from kb import roles


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    path: str  # where this role starts its day
    full_name: str


DEMO_LOGINS = [
    DemoLogin("agent", "agent-demo-2026", roles.AGENT, "/", "林小雨"),
    DemoLogin("editor", "editor-demo-2026", roles.EDITOR, "/kb/", "周文博"),
    DemoLogin("reviewer", "reviewer-demo-2026", roles.REVIEWER, "/kb/", "陈思远"),
    DemoLogin("admin", "admin-demo-2026", roles.ADMIN, "/admin/", "Alex Admin"),
    DemoLogin("portal", "portal-demo-2026", roles.PORTAL, "/api/", "Self-service portal"),
]


@transaction.atomic
def ensure_demo_users() -> list[DemoLogin]:
    """Create or repair the demo users: role group, name, password. Running it again
    changes nothing (a password is set only if it no longer matches)."""
    for login in DEMO_LOGINS:
        user, _created = get_user_model().objects.get_or_create(username=login.username)
        assert isinstance(user, AbstractUser)
        first, _sep, last = login.full_name.partition(" ")
        user.first_name, user.last_name = first, last
        user.email = f"{login.username}@demo.invalid"
        user.is_active = True
        user.is_staff = user.is_superuser = login.role == roles.ADMIN
        if not user.check_password(login.password):
            validate_password(login.password, user)
            user.set_password(login.password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=login.role)[0]])
    return DEMO_LOGINS
