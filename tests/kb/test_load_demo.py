from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from kb import roles
from kb.demo.users import DEMO_LOGINS
from kb.management.commands.load_demo import DEMO_ARTICLES
from kb.models import Article, ArticleVersion, AuditEvent, VersionState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def database_state() -> dict[str, Any]:
    return {
        "articles": Article.objects.count(),
        "versions": list(ArticleVersion.objects.order_by("id").values_list("id", "number", "state")),
        "audit": AuditEvent.objects.count(),
        "users": list(User.objects.order_by("username").values_list("username", "password", "is_superuser")),
        "groups": sorted(User.groups.through.objects.values_list("user__username", "group__name")),
    }


def test_the_demo_file_is_a_realistic_multilingual_knowledge_base():
    records = [json.loads(line) for line in DEMO_ARTICLES.read_text(encoding="utf-8").splitlines()]

    languages = Counter(r["language"] for r in records)
    assert len(records) >= 55
    assert languages["en"] >= 10 and languages["zh-hant"] >= 6 and languages["zh-hans"] > len(records) / 2
    assert 0 < Counter(r["audience"] for r in records)["public"] < len(records) / 2
    assert all(r["body"].lstrip().startswith(("#", ">", "|", "*", "-", "1.")) or "\n## " in r["body"] for r in records)


def test_load_demo_publishes_every_demo_article_and_a_second_run_changes_nothing(settings):
    settings.DEMO_MODE = True

    out = load_demo()
    lines = len(DEMO_ARTICLES.read_text(encoding="utf-8").splitlines())
    assert f"Created: {lines}," in out
    assert ArticleVersion.objects.filter(state=VersionState.PUBLISHED).count() == lines
    before = database_state()

    out = load_demo()

    assert f"unchanged: {lines}, failed: 0" in out
    assert database_state() == before


def test_exporting_the_loaded_demo_gives_back_the_demo_file(tmp_path):
    load_demo("--no-users")

    call_command("export_articles", str(tmp_path / "out.jsonl"), stderr=io.StringIO())

    assert (tmp_path / "out.jsonl").read_bytes() == DEMO_ARTICLES.read_bytes()


def test_in_demo_mode_each_role_gets_a_user_whose_printed_password_logs_in(settings):
    settings.DEMO_MODE = True

    out = load_demo("--url", "http://concord.test:8000/")

    for login in DEMO_LOGINS:
        assert f"http://concord.test:8000{login.path}" in out
        assert login.username in out and login.password in out
        user = User.objects.get(username=login.username)
        assert roles.role_of(user) == login.role
        response = Client().post("/accounts/login/", {"username": login.username, "password": login.password})
        assert response.status_code == 302, login.username
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(username="editor").is_staff


def test_without_demo_mode_only_the_content_is_loaded(settings):
    settings.DEMO_MODE = False

    out = load_demo()

    assert "Demo users were not created" in out
    assert not User.objects.exists()
    assert Article.objects.exists()


def test_no_users_skips_the_users_even_in_demo_mode(settings):
    settings.DEMO_MODE = True

    out = load_demo("--no-users")

    assert "Demo users were not created" in out
    assert not User.objects.exists()
