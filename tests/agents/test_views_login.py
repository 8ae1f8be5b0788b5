from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_login_page_logs_an_agent_in_and_goes_home(agent):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Log in to Concord" in page.content.decode()

    response = client.post(reverse("login"), {"username": agent.username, "password": "correct-horse-battery"})

    assert response.status_code == 302 and response["Location"] == reverse("agents:home")
    assert client.session["_auth_user_id"] == str(agent.pk)


def test_after_five_failures_the_lockout_page_says_to_wait_15_minutes(agent):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(5):
        client.post(reverse("login"), {"username": agent.username, "password": "wrong-password"})

    response = client.post(reverse("login"), {"username": agent.username, "password": "wrong-password"})

    assert response.status_code == 429
    assert "Please wait 15 minutes and try again." in response.content.decode()


def test_the_language_switch_turns_the_pages_into_chinese(agent):  # type: ignore[no-untyped-def]
    client = client_for(agent)
    assert "Articles" in client.get(reverse("agents:home")).content.decode()

    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("agents:home")})

    assert response.status_code == 302
    page = client.get(reverse("agents:home")).content.decode()
    assert 'lang="zh-hans"' in page and "退出登录" in page


def test_pages_carry_no_inline_scripts_for_the_content_security_policy(editor):  # type: ignore[no-untyped-def]
    page = client_for(editor).get(reverse("kb:article-create")).content.decode()
    assert page.count("<script") == 2  # htmx and the page's own script, both from /static/
    assert "<script>" not in page and " on" + "click=" not in page
