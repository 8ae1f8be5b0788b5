"""Bank-intranet basics: headers, cookies, CSRF, login throttling, body caps, deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_security_headers():
    response = Client().get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_login_sets_an_httponly_samesite_session_cookie(agent):
    client = Client()
    response = client.post(reverse("login"), {"username": agent.username, "password": "correct-horse-battery"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_unsafe_requests_without_a_csrf_token_are_refused(agent):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": agent.username, "password": "correct-horse-battery"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_even_for_the_right_password(agent):
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": agent.username, "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": agent.username, "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_login_page_states_the_lockout_policy_in_force(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("login")).content.decode()
    assert "After 3 failed attempts the account is locked for 30 minutes." in page


@pytest.mark.django_db
def test_a_request_body_over_the_cap_is_refused_cleanly(editor):
    response = client_for(editor).post(reverse("login"), {"username": "x", "password": "y" * (3 * 1024 * 1024)})
    assert response.status_code == 400


@pytest.mark.parametrize("password", ["password123", "12345678901", "short"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_deploy_checks_pass_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x7Hq2!kP9#vN4mZ8@wR3$tY6^uB1&cE5*fG0(jL2)dS9_aQ4+oI7",
        "ALLOWED_HOSTS": "concord.example.com",
        "CONCORD_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
