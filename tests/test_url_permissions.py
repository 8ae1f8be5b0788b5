"""Every page's URL pattern against every role: a new URL without a decision here fails the
suite. (The API has its own table in tests/kb/api/test_api_permissions.py.)

RULES says, per URL name and method, the lowest role that may use it (None: anyone,
logged in or not). A role below it must be turned away (login redirect, 401, 403 or 404);
a role at or above it must get through (anything but those)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from kb import roles, services
from kb.consistency import services as consistency_services
from kb.consistency.models import ConflictReport
from kb.models import Audience
from kb.trees import runs
from kb.trees import services as tree_services
from kb.trees.models import TreeRun, TreeVersion
from search.models import Synonym
from tests.conftest import client_for, make_user
from tests.kb.trees.conftest import tree_input

AGENT, EDITOR, REVIEWER, ADMIN, PORTAL = roles.AGENT, roles.EDITOR, roles.REVIEWER, roles.ADMIN, roles.PORTAL
ANYONE = None

RULES: dict[str, dict[str, str | None]] = {
    "login": {"GET": ANYONE, "POST": ANYONE},
    "logout": {"POST": ANYONE},
    "set_language": {"POST": ANYONE},
    # Agents' pages
    "agents:home": {"GET": AGENT},
    "agents:article": {"GET": AGENT},
    # Search (agents/views_search.py): agents search; editors read the analytics and keep the
    # synonyms; admins run the index. Deleting a synonym group that is gone is not an error.
    "agents:search-results": {"GET": AGENT},
    "agents:search-open": {"GET": AGENT},
    "agents:search-open-tree": {"GET": AGENT},
    "agents:article-pane": {"GET": AGENT},
    "agents:search-analytics": {"GET": EDITOR},
    "agents:synonym-list": {"GET": EDITOR},
    "agents:synonym-create": {"GET": EDITOR, "POST": EDITOR},
    "agents:synonym-edit": {"GET": EDITOR, "POST": EDITOR},
    "agents:synonym-delete": {"POST": EDITOR},
    "agents:search-index": {"GET": ADMIN},
    "agents:search-index-status": {"GET": ADMIN},
    "agents:search-rebuild": {"POST": ADMIN},
    "agents:search-reconcile": {"POST": ADMIN},
    # Editors' and reviewers' pages
    "kb:article-list": {"GET": EDITOR},
    "kb:article-create": {"GET": EDITOR, "POST": EDITOR},
    "kb:preview": {"POST": EDITOR},
    "kb:review-queue": {"GET": REVIEWER},
    "kb:article-history": {"GET": EDITOR},
    "kb:article-edit": {"GET": EDITOR, "POST": EDITOR},
    "kb:article-submit": {"POST": EDITOR},
    "kb:article-discard": {"POST": EDITOR},
    "kb:article-diff": {"GET": EDITOR},
    "kb:version-detail": {"GET": EDITOR},
    "kb:version-restore": {"POST": EDITOR},
    "kb:article-review": {"GET": REVIEWER},
    "kb:article-publish": {"POST": REVIEWER},
    "kb:article-send-back": {"POST": REVIEWER},
    "kb:article-archive": {"POST": REVIEWER},
    # Admins' user pages
    "kb:user-list": {"GET": ADMIN},
    "kb:user-create": {"GET": ADMIN, "POST": ADMIN},
    "kb:user-role": {"POST": ADMIN},
    "kb:user-active": {"POST": ADMIN},
    # Conflict reports: editors see the queue of reports assigned to them (the sample report is
    # not assigned, so its page is the reviewers'; tests/kb/consistency/test_conflict_views.py
    # covers the assigned editor); reviewers and admins see and act on all.
    "kb:conflict-list": {"GET": EDITOR},
    "kb:conflict-dashboard": {"GET": REVIEWER},
    "kb:conflict-detail": {"GET": REVIEWER},
    "kb:conflict-dismiss": {"POST": REVIEWER},
    "kb:conflict-bulk-dismiss": {"POST": REVIEWER},
    "kb:conflict-assign": {"POST": REVIEWER},
    "kb:conflict-reopen": {"POST": REVIEWER},
    # Question trees: editors and reviewers
    "kb:tree-list": {"GET": EDITOR},
    "kb:tree-create": {"GET": EDITOR, "POST": EDITOR},
    "kb:tree-preview": {"POST": EDITOR},
    "kb:tree-export": {"GET": EDITOR},
    "kb:tree-import": {"GET": EDITOR, "POST": EDITOR},
    "kb:tree-history": {"GET": EDITOR},
    "kb:tree-edit": {"GET": EDITOR, "POST": EDITOR},
    "kb:tree-diagram": {"POST": EDITOR},
    "kb:tree-submit": {"POST": EDITOR},
    "kb:tree-discard": {"POST": EDITOR},
    "kb:tree-analytics": {"GET": EDITOR},
    "kb:tree-version": {"GET": EDITOR},
    "kb:tree-diff": {"GET": EDITOR},
    "kb:tree-restore": {"POST": EDITOR},
    "kb:tree-review": {"GET": REVIEWER},
    "kb:tree-publish": {"POST": REVIEWER},
    "kb:tree-send-back": {"POST": REVIEWER},
    "kb:tree-archive": {"POST": REVIEWER},
    # Question trees: the agents' runner
    "agents:tree-list": {"GET": AGENT},
    "agents:tree-start": {"GET": AGENT},
    "agents:tree-run-start": {"POST": AGENT},
    "agents:tree-run": {"GET": AGENT},
    "agents:tree-run-choose": {"POST": AGENT},
    "agents:tree-run-back": {"POST": AGENT},
    "agents:tree-run-restart": {"POST": AGENT},
    "agents:tree-run-finish": {"POST": AGENT},
}
# A run is its agent's own (anybody else gets 404, see tests/agents/test_tree_runner_views.py),
# so for these pages each persona asks about a run of its own.
OWN_RUN_PAGES = {name for name in RULES if name.startswith("agents:tree-run") and name != "agents:tree-run-start"}
# The Django admin guards itself (staff only); we check its front door.
ADMIN_SITE = {"admin:index": {"GET": ADMIN}}
PERSONAS = ["anonymous", "outsider", PORTAL, AGENT, EDITOR, REVIEWER, ADMIN]


def _names(patterns: list, prefix: str = "") -> set[str]:  # type: ignore[type-arg]
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_url_has_a_permission_decision():
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith(("admin:", "api:"))}
    assert names - RULES.keys() == set(), "add these URLs to RULES with the role each method needs"
    assert RULES.keys() - names == set(), "these RULES name URLs that no longer exist"


def _persona(name: str) -> User | None:
    if name == "anonymous":
        return None
    if name == "outsider":
        return make_user("charlie", None)
    user = make_user(f"{name}_user", name)
    if name == ADMIN:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _sample_objects(owner: User, article_input) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A public article, published as version 1, with an open draft as version 2; its owner is
    the sample user for the user pages."""
    article = services.create_article(data=article_input(audience=Audience.PUBLIC), by=owner).article
    services.publish_article(article=article, by=owner)
    services.save_draft(article=article, data=article_input(audience=Audience.PUBLIC, body="新"), by=owner,
                        base_revision=None)  # fmt: skip
    tree = tree_services.create_tree(data=tree_input(audience=Audience.PUBLIC), by=owner).tree
    tree_services.publish_tree(tree=tree, by=owner)
    tree_services.save_tree_draft(tree=tree, data=tree_input(title="新"), by=owner, base_revision=None)
    run = _sample_run(owner, tree.pk)
    return {"pk": article.pk, "article_id": article.pk, "number": 1, "user_id": owner.pk, "tree_id": tree.pk,
            "run_id": run.pk, "conflict_id": _sample_conflict(owner, article_input),
            "synonym_id": Synonym.objects.create(terms="退款, 退钱, refund").pk}  # fmt: skip


def _sample_conflict(owner: User, article_input) -> int:  # type: ignore[no-untyped-def]
    """A second article that contradicts the sample's 7 days, and the report the check opens."""
    other = services.create_article(data=article_input(body="收到商品后 15 天内可以无理由退货。"), by=owner).article
    services.publish_article(article=other, by=owner)
    consistency_services.check_article_conflicts(article=other)
    return ConflictReport.objects.get().pk


def _sample_run(user: User, tree_id: int) -> TreeRun:
    return runs.start_tree_run(version=TreeVersion.objects.get(tree_id=tree_id, state="published"), by=user)


def _reverse(url_name: str, sample: dict[str, int]) -> str:
    """The URL with whichever of the sample's arguments its pattern takes."""
    for keys in ([], ["pk"], ["article_id"], ["pk", "number"], ["article_id", "number"], ["user_id"], ["tree_id"],
                 ["tree_id", "number"], ["run_id"], ["conflict_id"], ["synonym_id"]):  # fmt: skip
        try:
            return reverse(url_name, kwargs={key: sample[key] for key in keys})
        except NoReverseMatch:
            continue
    raise AssertionError(f"no sample arguments fit {url_name}: extend _sample_objects")


def _allowed(persona: str, needed: str | None) -> bool:
    if needed is None:
        return True
    if persona in ("anonymous", "outsider", PORTAL):
        return False  # portal accounts use the API only
    return roles.LADDER.index(persona) >= roles.LADDER.index(needed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "method"), [(name, method) for name, methods in {**RULES, **ADMIN_SITE}.items() for method in methods]
)
def test_role_decides_access(url_name, method, article_input):
    sample = _sample_objects(make_user("owner", ADMIN), article_input)
    url = _reverse(url_name, sample)
    needed = {**RULES, **ADMIN_SITE}[url_name][method]
    # Lowest role first: the ones turned away change nothing for the ones after them.
    for persona in PERSONAS:
        user = _persona(persona)
        if url_name in OWN_RUN_PAGES and user is not None:
            url = reverse(url_name, kwargs={"run_id": _sample_run(user, sample["tree_id"]).pk})
        response = getattr(client_for(user), method.lower())(url)
        turned_away = response.status_code in (401, 403, 404) or (
            response.status_code == 302 and "login/?next=" in response.headers.get("Location", "")
        )
        if _allowed(persona, needed):
            assert not turned_away, f"{persona} {method} {url} -> {response.status_code}"
            assert response.status_code < 500
        else:
            assert turned_away, f"{persona} {method} {url} -> {response.status_code}"


def _routes(patterns: list, prefix: str = "") -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """(name, regex of the whole path) for every named URL pattern."""
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        regex = pattern.pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, prefix + regex)
        elif pattern.name:
            found.append((pattern.name, prefix + regex))
    return found


def test_every_api_url_is_in_one_of_the_api_permission_tables():
    import re

    from tests.agents.test_search_api import URL as SEARCH_URL
    from tests.kb.api.test_api_permissions import TABLE as ARTICLES
    from tests.kb.consistency.test_conflict_api import TABLE as CONFLICTS
    from tests.kb.trees.test_tree_api_permissions import TABLE as TREES

    tested = [url for table in (ARTICLES, TREES, CONFLICTS) for _, url, *_ in table] + [SEARCH_URL]
    tested = [url.format(id=1, run=1).lstrip("/") for url in tested]
    untested = [
        name
        for name, regex in _routes(get_resolver().url_patterns)
        if regex.startswith("api/") and not any(re.fullmatch(regex, url) for url in tested)
    ]
    assert untested == [], "add a row for these API URLs to their permission table"
