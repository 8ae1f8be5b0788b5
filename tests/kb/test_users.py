from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kb import roles
from kb.models import AuditEvent
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "lantern-orbit-4417"


def role_groups(user: User) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def new_user_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "username": "nina_new",
        "email": "nina@example.com",
        "password": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "role": "agent",
    }
    data.update(overrides)
    return data


def logs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def change_role(client: Client, user: User, role: str, *, follow: bool = False, **extra: str) -> Any:
    return client.post(reverse("kb:user-role", args=[user.pk]), {"role": role, **extra}, follow=follow)


def change_active(client: Client, user: User, active: bool, *, follow: bool = False) -> Any:
    return client.post(reverse("kb:user-active", args=[user.pk]), {"active": "1" if active else "0"}, follow=follow)


# Roles ----------------------------------------------------------------------------------


def test_an_agent_promoted_to_editor_can_open_the_editor_pages(admin_user, agent):  # type: ignore[no-untyped-def]
    agents_client = client_for(agent)
    assert agents_client.get(reverse("kb:article-list")).status_code == 403

    response = change_role(client_for(admin_user), agent, "editor")

    assert response.status_code == 302 and response["Location"] == reverse("kb:user-list")
    assert role_groups(agent) == ["editor"]
    assert agents_client.get(reverse("kb:article-list")).status_code == 200
    event = AuditEvent.objects.get(action="set_role")
    assert (event.actor, event.article, event.detail) == (
        admin_user,
        None,
        {"user": "alice_agent", "role": "editor", "previous_role": "agent"},
    )


def test_a_demoted_editor_loses_the_editor_pages(admin_user, editor):  # type: ignore[no-untyped-def]
    editors_client = client_for(editor)
    assert editors_client.get(reverse("kb:article-list")).status_code == 200

    change_role(client_for(admin_user), editor, "agent")

    assert editors_client.get(reverse("kb:article-list")).status_code == 403
    assert editors_client.get(reverse("agents:home")).status_code == 200


def test_a_user_keeps_exactly_one_role_group(admin_user):  # type: ignore[no-untyped-def]
    user = make_user("multi", roles.AGENT)
    user.groups.add(Group.objects.get_or_create(name=roles.EDITOR)[0])

    change_role(client_for(admin_user), user, "reviewer")

    assert role_groups(user) == ["reviewer"]


def test_giving_a_user_the_role_they_have_records_nothing(admin_user, agent):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), agent, "agent")

    assert response.status_code == 302
    assert role_groups(agent) == ["agent"]
    assert not AuditEvent.objects.exists()


def test_an_admin_opens_the_django_admin_and_loses_it_when_demoted(admin_user, editor):  # type: ignore[no-untyped-def]
    editors_client = client_for(editor)

    change_role(client_for(admin_user), editor, "admin")

    editor.refresh_from_db()
    assert editor.is_staff
    assert editors_client.get(reverse("admin:index")).status_code == 200
    # The admin group holds the permissions, so the Django admin is not an empty page.
    assert editors_client.get(reverse("admin:auth_user_changelist")).status_code == 200

    change_role(client_for(admin_user), editor, "reviewer")

    editor.refresh_from_db()
    assert not editor.is_staff
    assert editors_client.get(reverse("admin:index")).status_code == 302


def test_an_admin_cannot_demote_themselves(admin_user):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), admin_user, "editor", follow=True)

    assert response.redirect_chain == [(reverse("kb:user-list"), 302)]
    assert "You cannot take away your own admin role" in response.content.decode()
    assert role_groups(admin_user) == ["admin"]
    assert not AuditEvent.objects.exists()


def test_a_superuser_cannot_be_demoted_here(admin_user):  # type: ignore[no-untyped-def]
    root = User.objects.create_superuser("root", "root@example.com", STRONG_PASSWORD)

    response = change_role(client_for(admin_user), root, "agent", follow=True)

    assert "root is a superuser and therefore always an admin" in response.content.decode()
    assert roles.role_of(User.objects.get(pk=root.pk)) == roles.ADMIN


def test_an_unknown_role_is_refused(admin_user, agent):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), agent, "emperor", follow=True)

    assert "Choose a valid role." in response.content.decode()
    assert role_groups(agent) == ["agent"]


def test_after_a_change_the_admin_returns_to_the_same_filters(admin_user, agent):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), agent, "editor", return_to="role=agent&q=ali&page=1")

    assert response["Location"] == reverse("kb:user-list") + "?role=agent&q=ali&page=1"


def test_a_refused_change_also_returns_to_the_same_filters(admin_user):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), admin_user, "agent", return_to="q=adam")

    assert response["Location"] == reverse("kb:user-list") + "?q=adam"


def test_return_to_cannot_send_the_admin_elsewhere(admin_user, agent):  # type: ignore[no-untyped-def]
    response = change_role(client_for(admin_user), agent, "editor", return_to="/\\evil.example/x")

    assert response["Location"].startswith(reverse("kb:user-list") + "?")


# Creating users -------------------------------------------------------------------------


def test_an_admin_creates_a_user_who_can_log_in_with_that_role(admin_user):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(reverse("kb:user-create"), new_user_data(role="editor"))

    assert response.status_code == 302
    user = User.objects.get(username="nina_new")
    assert (user.email, user.is_active, role_groups(user)) == ("nina@example.com", True, ["editor"])
    assert logs_in("nina_new", STRONG_PASSWORD)
    event = AuditEvent.objects.get(action="create_user")
    assert (event.actor, event.detail) == (admin_user, {"user": "nina_new", "role": "editor"})


def test_a_weak_password_is_rejected_and_nothing_is_created(admin_user):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(
        reverse("kb:user-create"), new_user_data(password="12345", password2="12345")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "This password is too short" in page and "This password is entirely numeric" in page
    assert not User.objects.filter(username="nina_new").exists()
    assert not AuditEvent.objects.exists()


def test_a_password_like_the_username_is_rejected(admin_user):  # type: ignore[no-untyped-def]
    password = "nina_new_2024"
    response = client_for(admin_user).post(
        reverse("kb:user-create"), new_user_data(password=password, password2=password)
    )

    assert response.status_code == 400
    assert "too similar to the username" in response.content.decode()
    assert not User.objects.filter(username="nina_new").exists()


def test_the_two_passwords_must_match(admin_user):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(reverse("kb:user-create"), new_user_data(password2="lantern-orbit-4418"))

    assert response.status_code == 400
    assert "The two passwords do not match." in response.content.decode()
    assert not User.objects.filter(username="nina_new").exists()


def test_a_taken_username_is_rejected_whatever_its_case(admin_user, agent):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(reverse("kb:user-create"), new_user_data(username="Alice_Agent"))

    assert response.status_code == 400
    assert "A user with this username already exists." in response.content.decode()
    assert User.objects.filter(username__iexact="alice_agent").count() == 1


def test_the_create_form_keeps_what_was_typed_but_not_the_password(admin_user):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(reverse("kb:user-create"), new_user_data(password="1", password2="1"))

    page = response.content.decode()
    assert 'value="nina_new"' in page and 'value="nina@example.com"' in page
    assert 'value="1"' not in page


# Activating and deactivating --------------------------------------------------------------


def test_a_deactivated_user_is_logged_out_and_can_log_in_again_once_activated(admin_user, agent):  # type: ignore[no-untyped-def]
    agents_client = client_for(agent)
    admins_client = client_for(admin_user)

    response = change_active(admins_client, agent, active=False)

    assert response.status_code == 302
    agent.refresh_from_db()
    assert not agent.is_active
    assert agents_client.get(reverse("agents:home")).status_code == 302  # back to the login page
    assert not logs_in("alice_agent", "correct-horse-battery")

    change_active(admins_client, agent, active=True)

    assert logs_in("alice_agent", "correct-horse-battery")
    assert list(AuditEvent.objects.order_by("id").values_list("action", "detail")) == [
        ("deactivate_user", {"user": "alice_agent"}),
        ("activate_user", {"user": "alice_agent"}),
    ]


def test_an_admin_cannot_deactivate_themselves(admin_user):  # type: ignore[no-untyped-def]
    response = change_active(client_for(admin_user), admin_user, active=False, follow=True)

    assert response.redirect_chain == [(reverse("kb:user-list"), 302)]
    assert "You cannot deactivate your own account" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


# The list -------------------------------------------------------------------------------


def test_the_list_shows_each_users_role_and_status(admin_user, agent, editor):  # type: ignore[no-untyped-def]
    agent.is_active = False
    agent.save(update_fields=["is_active"])

    response = client_for(admin_user).get(reverse("kb:user-list"))

    assert response.status_code == 200
    rows = {u.username: (u.concord_role, u.is_active) for u in response.context["page"].object_list}
    assert rows == {"adam_admin": ("admin", True), "alice_agent": ("agent", False), "erin_editor": ("editor", True)}


def test_the_list_filters_by_role_and_text(admin_user, agent, editor, editor2, outsider):  # type: ignore[no-untyped-def]
    editor2.first_name, editor2.last_name = "娜", "李"
    editor2.save(update_fields=["first_name", "last_name"])
    admins_client = client_for(admin_user)

    def usernames(**params: str) -> list[str]:
        response = admins_client.get(reverse("kb:user-list"), params)
        return [u.username for u in response.context["page"].object_list]

    assert usernames(role="editor") == ["erin_editor", "evan_editor"]
    assert usernames(role="none") == ["charlie"]
    assert usernames(q="ALICE") == ["alice_agent"]
    assert usernames(q="李娜") == ["evan_editor"]
    assert usernames(q="example.com", role="editor") == ["erin_editor", "evan_editor"]


def test_the_list_is_paginated(admin_user):  # type: ignore[no-untyped-def]
    User.objects.bulk_create([User(username=f"user{n:03}") for n in range(60)])

    response = client_for(admin_user).get(reverse("kb:user-list"), {"page": 2})

    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 11  # 61 users, 50 a page
    assert "Page 2 of 2" in response.content.decode()


def test_the_list_shows_recent_changes(admin_user, agent):  # type: ignore[no-untyped-def]
    admins_client = client_for(admin_user)
    change_role(admins_client, agent, "reviewer")

    page = admins_client.get(reverse("kb:user-list")).content.decode()

    assert "role changed to" in page and "by adam_admin" in page


def test_only_admins_see_the_users_link(admin_user, reviewer):  # type: ignore[no-untyped-def]
    users_url = reverse("kb:user-list")

    assert users_url in client_for(admin_user).get(reverse("agents:home")).content.decode()
    assert users_url not in client_for(reviewer).get(reverse("agents:home")).content.decode()


@pytest.mark.parametrize("persona", ["agent", "editor", "reviewer", "portal", "outsider"])
def test_non_admins_get_403_on_every_user_page(persona, request, agent):  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(persona))

    responses = [
        client.get(reverse("kb:user-list")),
        client.get(reverse("kb:user-create")),
        client.post(reverse("kb:user-create"), new_user_data()),
        change_role(client, agent, "admin"),
        change_active(client, agent, active=False),
    ]

    assert [r.status_code for r in responses] == [403] * 5
    agent.refresh_from_db()
    assert (role_groups(agent), agent.is_active) == (["agent"], True)
    assert not User.objects.filter(username="nina_new").exists()
    assert not AuditEvent.objects.exists()


# manage.py set_role ---------------------------------------------------------------------


def test_the_set_role_command_changes_the_role(agent, capsys):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        call_command("set_role", "alice_agent", "admin")

    agent.refresh_from_db()
    assert (role_groups(agent), agent.is_staff) == (["admin"], True)
    assert "alice_agent now has the role admin." in capsys.readouterr().out
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.detail["role"]) == ("set_role", None, "admin")


def test_the_set_role_command_names_an_unknown_user(db):  # type: ignore[no-untyped-def]
    with translation.override("en"), pytest.raises(CommandError, match=r"No user named nobody\."):
        call_command("set_role", "nobody", "editor")


def test_the_set_role_command_lists_the_roles_for_an_unknown_one(agent):  # type: ignore[no-untyped-def]
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("set_role", "alice_agent", "boss")

    assert str(error.value) == "Unknown role boss. Choose one of: agent, editor, reviewer, admin, portal."
    assert role_groups(agent) == ["agent"]
