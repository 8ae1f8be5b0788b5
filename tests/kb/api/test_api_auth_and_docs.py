"""Token authentication for channels, and the schema and docs pages for logged-in users."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def token_for(username: str, *args: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_a_channel_reads_and_writes_with_a_token_and_no_csrf(portal, editor, make_article):
    article = make_article("published")
    channel = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token_for(portal.username)}")
    assert channel.get(f"/api/articles/{article.pk}/").json()["title"] == "退货政策"

    tool = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token_for(editor.username)}")
    body = {"title": "新文章", "body": "正文", "category": "refunds"}
    created = tool.post("/api/articles/create/", json.dumps(body), content_type="application/json")
    assert created.status_code == 201 and created.json()["state"] == "draft"


def test_the_token_command_prints_the_same_token_until_reset(agent):
    first = token_for(agent.username)
    assert re.fullmatch(r"[0-9a-f]{40}", first) and token_for(agent.username) == first
    renewed = token_for(agent.username, "--reset")
    assert renewed != first
    assert Client(HTTP_AUTHORIZATION=f"Token {first}").get("/api/tags/").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {renewed}").get("/api/tags/").status_code == 200
    with pytest.raises(CommandError, match="nobody"):
        token_for("nobody")


def test_a_wrong_token_is_401_with_a_challenge(db):
    response = Client(HTTP_AUTHORIZATION="Token not-a-token").get("/api/articles/")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Token"


def test_the_schema_is_for_logged_in_users_and_describes_every_operation(agent):
    assert Client().get("/api/schema/").status_code == 401
    response = client_for(agent).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["info"]["version"] == "1" and "version=1" in schema["info"]["description"]
    draft = schema["paths"]["/api/articles/{article_id}/draft/"]
    assert set(draft) == {"put", "patch"} and "409" in draft["put"]["responses"]
    assert {"cookieAuth": []} in draft["put"]["security"] and {"tokenAuth": []} in draft["put"]["security"]
    listed = schema["paths"]["/api/articles/"]["get"]
    assert {p["name"] for p in listed["parameters"]} >= {"page", "category", "tag", "language", "updated_since"}
    assert "results" in json.dumps(schema["components"]["schemas"]["PaginatedArticleList"])


def test_the_docs_page_needs_a_login_and_loads_its_scripts_from_our_own_files(agent):
    assert Client().get("/api/docs/").status_code == 302

    page = client_for(agent).get("/api/docs/")
    html = page.content.decode()
    policy = dict(part.strip().split(" ", 1) for part in page.headers["Content-Security-Policy"].split(";"))
    assert page.status_code == 200 and policy["script-src"] == "'self'"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    sources = [re.search(r'src="([^"]+)"', attrs)[1].replace("&amp;", "&") for attrs, _ in scripts]  # type: ignore[index]
    assert any("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in src for src in sources)
    for src in sources:
        script = client_for(agent).get(src)
        assert script.status_code == 200, src
    start_up = client_for(agent).get(sources[-1]).content.decode()
    assert "SwaggerUIBundle" in start_up and '"/api/schema/"' in start_up
