"""One error shape for the whole API: {"detail": "...", "fields": {"name": ["..."]}}.
Domain errors from kb.services are mapped here once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kb.errors import DomainError, EditConflict


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {"non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


def handle_api_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, EditConflict):
        return Response(
            {"detail": exc.message, "current_revision": exc.current_revision, "current": exc.current},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DomainError):
        return Response({"detail": exc.message, "fields": exc.fields}, status=exc.status_code)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": _("The request body is too large.")}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            {"detail": _("Please correct the errors in the fields."), "fields": _flatten(exc.detail)},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return exception_handler(exc, context)
