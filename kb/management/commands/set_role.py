"""`manage.py set_role USERNAME ROLE`: give a user exactly one role (agent, editor, reviewer,
admin or portal), as the admins' user page does; recorded in the audit trail without an actor."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kb import roles
from kb.errors import ValidationFailed
from kb.users import set_user_role


class Command(BaseCommand):
    help = "Give a user exactly one role: " + ", ".join(roles.ALL_GROUPS) + "."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", help=" | ".join(roles.ALL_GROUPS))

    def handle(self, *args: Any, username: str, role: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user named %(name)s.") % {"name": username})
        try:
            set_user_role(user=user, role=role.strip().lower(), by=None)
        except ValidationFailed as error:
            raise CommandError(error.message) from error
        self.stdout.write(_("%(name)s now has the role %(role)s.") % {"name": username, "role": roles.role_of(user)})
