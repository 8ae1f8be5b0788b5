"""The search API for other channels (portal, chatbot, softphone plug-ins). It finds
published articles and question trees; portal accounts get public ones only, agents and
staff internal ones too."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from agents import services
from agents.models import Channel
from kb import roles
from kb.api.base import Api
from kb.api.serializers import ErrorOutput
from kb.models import Audience, Language
from search import services as search

MAX_QUERY_CHARS = 500
ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput}


class FacetValueOutput(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
    count = serializers.IntegerField()

    class Meta:
        ref_name = "SearchFacetValue"


class FacetsOutput(serializers.Serializer):
    category = FacetValueOutput(many=True)
    product = FacetValueOutput(many=True)
    language = FacetValueOutput(many=True)
    kind = FacetValueOutput(many=True)

    class Meta:
        ref_name = "SearchFacets"


class HitOutput(serializers.Serializer):
    id = serializers.IntegerField(source="object_id", help_text="The article's or the question tree's id (see kind).")
    kind = serializers.ChoiceField(choices=["article", "tree"], help_text='"article" or "tree" (a question tree).')
    rank = serializers.IntegerField(help_text="1-based position in the whole result list.")
    score = serializers.FloatField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="HTML-escaped title, matched words in <mark>.")
    snippet_html = serializers.CharField(help_text="The best matching passage, HTML-escaped, words in <mark>.")
    url = serializers.URLField(
        help_text="Where an agent opens it (absolute): the article's reading page or the tree runner's start page."
    )
    api_url = serializers.URLField(
        help_text="The article or the tree in this API (absolute); a tree is walked through its `runs/`."
    )
    category = serializers.CharField(help_text="Category slug.")
    category_name = serializers.CharField()
    product = serializers.CharField()
    language = serializers.CharField()
    audience = serializers.CharField()
    external_id = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    updated = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "SearchHit"


class SearchOutput(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    took_ms = serializers.FloatField(help_text="Time the search took on the server, in milliseconds.")
    suggestion = serializers.CharField(allow_null=True, help_text="'Did you mean', only when nothing was found.")
    notice = serializers.CharField(
        allow_null=True,
        help_text='"index_unavailable" when the index cannot be read (results are then empty); '
        '"index_incomplete" while a replaced index is being refilled (results may miss some answers).',
    )
    results = HitOutput(many=True)
    facets = FacetsOutput()

    class Meta:
        ref_name = "SearchResult"


class SearchApi(Api):
    class InputSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False, allow_blank=True, default="", trim_whitespace=True,
            help_text="Plain text (no query syntax); longer than 500 characters is cut.",
        )  # fmt: skip
        category = serializers.SlugField(required=False, allow_blank=True, default="", max_length=100)
        product = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
        language = serializers.ChoiceField(choices=Language.choices, required=False, allow_blank=True, default="")
        kind = serializers.ChoiceField(
            choices=[("article", "article"), ("tree", "tree")], required=False, allow_blank=True, default=""
        )
        page = serializers.IntegerField(required=False, min_value=1, max_value=500, default=1)
        page_size = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)

        class Meta:
            ref_name = "SearchInput"

        def validate_q(self, value: str) -> str:
            return value[:MAX_QUERY_CHARS]

    @extend_schema(
        tags=["search"],
        summary="Search articles and question trees",
        description="Plain-text search over published articles and question trees, Chinese and English. "
        "`kind=article` or `kind=tree` narrows it to one kind. Portal accounts get public ones only. Hostile "
        "input never fails: it finds something or nothing. Searches on the first page are logged for the search "
        "analytics (query, result count, role; no user).",
        parameters=[InputSerializer],
        responses={200: SearchOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        audience = Audience.INTERNAL if roles.can_read_internal(request.user) else Audience.PUBLIC
        filters = {k: data[k] for k in ("category", "product", "language", "kind") if data[k]}
        result = search.search(
            data["q"], filters=filters, audience=audience, page=data["page"], page_size=data["page_size"]
        )
        if data["page"] == 1 and result.notice != search.INDEX_UNAVAILABLE:
            services.log_query(
                query=data["q"], results=result.total, role=roles.role_of(request.user), channel=Channel.API
            )
        return Response(SearchOutput(_output(request, result)).data)


def _output(request: Request, result: search.SearchResult) -> dict[str, Any]:
    hits = []
    names = list(HitOutput().get_fields())  # once: get_fields() deep-copies every field
    for hit in result.hits:
        row = {name: getattr(hit, name) for name in names if hasattr(hit, name)}
        row["object_id"] = hit.object_id
        row["url"] = request.build_absolute_uri(hit.url)
        detail = "api:tree-detail" if hit.tree_id is not None else "api:article-detail"
        row["api_url"] = request.build_absolute_uri(reverse(detail, args=[hit.object_id]))
        hits.append(row)
    facets = {
        name: [{"value": v.value, "label": v.label, "count": v.count} for v in result.facets.get(name, [])]
        for name in ("category", "product", "language", "kind")
    }
    return {
        "query": result.query, "total": result.total, "page": result.page, "pages": result.pages,
        "page_size": result.page_size, "took_ms": result.took_ms, "suggestion": result.suggestion,
        "notice": result.notice, "results": hits, "facets": facets,
    }  # fmt: skip
