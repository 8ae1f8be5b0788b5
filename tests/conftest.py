"""Personas and shared fixtures. Every test talks to the real database (PostgreSQL in CI)."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from kb import roles
from kb.models import Category
from kb.services import ArticleInput

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "correct-horse-battery")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def agent(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("alice_agent", roles.AGENT)


@pytest.fixture
def editor(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("erin_editor", roles.EDITOR)


@pytest.fixture
def editor2(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("evan_editor", roles.EDITOR)


@pytest.fixture
def reviewer(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("rita_reviewer", roles.REVIEWER)


@pytest.fixture
def admin_user(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("adam_admin", roles.ADMIN)


@pytest.fixture
def portal(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("pat_portal", roles.PORTAL)


@pytest.fixture
def outsider(db) -> User:  # type: ignore[no-untyped-def]
    """Logged in, but holds no role: must see nothing (healthchecks' Charlie)."""
    return make_user("charlie", None)


def client_for(user: User | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def category(db) -> Category:  # type: ignore[no-untyped-def]
    return Category.objects.create(name="Refunds", slug="refunds")


@pytest.fixture
def article_input(category):  # type: ignore[no-untyped-def]
    def build(**overrides) -> ArticleInput:  # type: ignore[no-untyped-def]
        fields = {
            "title": "退货政策",
            "body": "# 退货\n\n收到商品后 7 天内可以无理由退货。",
            "category": category.slug,
            "tags": ["退货"],
        }
        fields.update(overrides)
        return ArticleInput(**fields)

    return build
