from __future__ import annotations

from django.http import HttpRequest

from kb import roles


def roles_context(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "role": roles.role_of(user),
        "is_agent": roles.has_role(user, roles.AGENT),
        "is_editor": roles.has_role(user, roles.EDITOR),
        "is_reviewer": roles.has_role(user, roles.REVIEWER),
        "is_admin": roles.has_role(user, roles.ADMIN),
    }
