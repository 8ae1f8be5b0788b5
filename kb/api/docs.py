"""The OpenAPI schema and its Swagger UI page, for logged-in users only. The page loads
Swagger UI from the vendored sidecar files and its start-up script from a URL, never
inline, so that it runs under our CSP (script-src 'self')."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from kb.api.base import Api

DESCRIPTION = """
One trusted source of answers for every channel: articles, categories, tags.

**Versions.** Ask for a version in the `Accept` header: `Accept: application/json; version=1`.
Without one you get version 1, the only version so far; an unknown version gets 406.

**Authentication.** Browsers use their session (send the CSRF token in `X-CSRFToken` on
POST, PUT, PATCH). Other channels use a token, `Authorization: Token <key>`; an admin makes
one with `manage.py create_api_token USERNAME`.

**Who sees what.** Agents read published internal and public articles; portal accounts read
published public articles only; editors write drafts; reviewers publish, send back and
archive; admins do everything.

**Editing safely.** Every article carries a `revision`. Send it back as `base_revision` when
you save; if someone else saved in between you get 409 with their text in `current`.

**Errors** have one shape: `{"detail": "...", "fields": {"title": ["..."]}}`.
Lists are paginated: `?page=2`; each page has `count`, `next`, `previous`, `results`.
"""


class ApiSchemaView(SpectacularAPIView):
    authentication_classes = Api.authentication_classes
    permission_classes = [IsAuthenticated]
    # VERSION None: the schema's version is then the API version asked for, "1", not "1 (1)".
    custom_settings = {"DESCRIPTION": DESCRIPTION, "VERSION": None}


class ApiDocsView(LoginRequiredMixin, SpectacularSwaggerSplitView):
    permission_classes = [IsAuthenticated]
    url_name = "api:schema"
