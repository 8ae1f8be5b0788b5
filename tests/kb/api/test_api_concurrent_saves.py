"""No lost updates: ten editors save the same draft from the same base at the same moment,
each through the API on their own thread and database connection."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connections
from django.http import HttpResponse

from kb import roles, services
from kb.models import ArticleVersion, AuditEvent
from tests.conftest import client_for, make_user

EDITORS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_saves_from_one_base_give_one_200_and_nine_409s_carrying_the_winners_text(article_input):
    editors = [make_user(f"editor_{n}", roles.EDITOR) for n in range(EDITORS)]
    article = services.create_article(data=article_input(), by=editors[0]).article
    article.refresh_from_db()
    base = article.revision
    clients = [client_for(editor) for editor in editors]
    barrier = threading.Barrier(EDITORS)
    responses: dict[int, HttpResponse] = {}
    errors: dict[int, Exception] = {}

    def save(n: int) -> None:
        try:
            body = {"title": "退货政策", "body": f"editor {n}'s text", "category": "refunds", "base_revision": base}
            barrier.wait(timeout=30)
            responses[n] = clients[n].put(
                f"/api/articles/{article.pk}/draft/", json.dumps(body), content_type="application/json"
            )
        except Exception as error:  # a 500 or a lock error: report it below instead of losing it in the thread
            errors[n] = error
        finally:
            connections.close_all()  # this thread's connection; the test database cannot be dropped while it is open

    threads = [threading.Thread(target=save, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    statuses = sorted(response.status_code for response in responses.values())
    assert statuses == [200] + [409] * (EDITORS - 1), [r.content[:200] for r in responses.values()]
    winner = next(n for n, response in responses.items() if response.status_code == 200)
    winners_text = f"editor {winner}'s text"
    for response in responses.values():
        if response.status_code == 409:
            assert response.json()["current"]["body"] == winners_text
            assert response.json()["current_revision"] == base + 1
    article.refresh_from_db()
    assert article.revision == base + 1
    assert [v.body for v in ArticleVersion.objects.filter(article=article)] == [winners_text]
    assert AuditEvent.objects.filter(article=article, action="save_draft").get().actor == editors[winner]
