"""What every Concord API class shares: authentication, role checks, a capped JSON
parser, JSON-only rendering and pagination."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from rest_framework import parsers, permissions, renderers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import ParseError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from kb import roles


class CappedJSONParser(parsers.JSONParser):
    """DRF reads a JSON body straight from the socket, past Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE check (which guards only request.body and forms)."""

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise RequestDataTooBig
            stream = io.BytesIO(data)
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:  # e.g. 100,000 nested brackets: json raises this, not ValueError
            raise ParseError("JSON parse error - nested too deeply") from None


class _RolePermission(permissions.BasePermission):
    role = roles.PORTAL

    def has_permission(self, request: Request, view: APIView) -> bool:
        return roles.has_role(request.user, self.role)


class IsReader(_RolePermission):
    """Any role, portal accounts included; what each may read is decided by kb.selectors."""


class IsEditor(_RolePermission):
    role = roles.EDITOR


class IsReviewer(_RolePermission):
    role = roles.REVIEWER


class IsAdmin(_RolePermission):
    role = roles.ADMIN


class Api(APIView):
    # Token first, so that an anonymous request gets 401 with `WWW-Authenticate: Token`.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsReader]
    parser_classes = [CappedJSONParser]
    renderer_classes = [renderers.JSONRenderer]


class ListApi(Api):
    # api_settings imports the dotted path into the class; the stubs type it as the setting's str.
    pagination_class: type[BasePagination] = api_settings.DEFAULT_PAGINATION_CLASS  # type: ignore[assignment]

    def paginate(self, queryset: QuerySet, serializer_class: type[Serializer]) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        data = serializer_class(page, many=True, context={"request": self.request}).data
        return paginator.get_paginated_response(data)
