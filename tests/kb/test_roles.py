from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from kb import roles


def test_acting_user_is_the_signed_in_user(editor: User) -> None:
    request = RequestFactory().post("/")
    request.user = editor
    assert roles.acting_user(request) == editor


def test_acting_user_refuses_an_anonymous_request() -> None:
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        roles.acting_user(request)


def test_role_of_caches_the_role_on_the_user_instance(editor: User, outsider: User) -> None:
    assert roles.role_of(editor) == roles.EDITOR
    editor.groups.clear()
    assert roles.role_of(editor) == roles.EDITOR  # cached for the rest of the request
    assert roles.role_of(User.objects.get(pk=editor.pk)) is None
    assert roles.role_of(outsider) is None
    assert roles.role_of(outsider) is None  # "no role" is cached too
