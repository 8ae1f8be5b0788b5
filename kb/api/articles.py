"""The article API: reading, writing drafts, history and diff. One class per operation:
authorize through kb.selectors, validate with the InputSerializer, call kb.services,
serialize the version. The review workflow's actions are in kb/api/workflow.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb import roles, selectors, services
from kb.api.base import Api, IsEditor, ListApi
from kb.api.serializers import ERRORS, ArticleOutput, ArticleVersionOutput, version_response
from kb.diff import diff_versions
from kb.models import Article, ArticleVersion, Audience, Language, VersionState

TAGS = ["articles"]


class ArticleFieldsInput(serializers.Serializer):
    """What an editor writes. Domain rules (sizes, known category, dates in order) are checked
    by kb.services so that the UI and the API give the same messages."""

    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="Markdown, at most 1 MB.")
    category = serializers.CharField(allow_blank=True, help_text="An existing category's slug or name.")
    summary = serializers.CharField(allow_blank=True, required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False, help_text="Tag names.")
    product = serializers.CharField(allow_blank=True, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    change_note = serializers.CharField(allow_blank=True, required=False)
    publish_at = serializers.DateTimeField(allow_null=True, required=False, help_text="Publish on approval if empty.")
    expire_at = serializers.DateTimeField(allow_null=True, required=False)
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True), allow_null=True, required=False
    )
    review_by = serializers.DateField(allow_null=True, required=False)

    class Meta:
        ref_name = "ArticleFields"


def _input_from_current(article: Article, changes: dict[str, Any]) -> services.ArticleInput:
    """PATCH: the fields not sent keep the values of the version being edited."""
    current = services.open_version(article) or services.published_version(article) or article.versions.first()
    assert current is not None  # an article always has its first version
    fields: dict[str, Any] = {
        name: getattr(current, name) for name in [*services.CONTENT_FIELDS, "publish_at", "expire_at"]
    }
    fields |= {
        "category": current.category.slug,
        "tags": [tag.name for tag in current.tags.all()],
        "change_note": current.change_note if current.is_open else "",
        "owner": article.owner,
        "review_by": article.review_by,
    }
    return services.ArticleInput(**(fields | changes))


def _filter_versions(
    versions: QuerySet[ArticleVersion], *, category: str | None = None, tag: str | None = None,
    product: str | None = None, language: str | None = None, audience: str | None = None,
    updated_since: datetime | None = None,
) -> QuerySet[ArticleVersion]:  # fmt: skip
    lookups = {
        "category__slug": category,
        "tags__name": tag,
        "product": product,
        "language": language,
        "audience": audience,
        "updated_at__gte": updated_since,
    }
    return versions.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})


class ArticleListApi(ListApi):
    class FilterSerializer(serializers.Serializer):
        category = serializers.CharField(required=False, help_text="Category slug.")
        tag = serializers.CharField(required=False, help_text="Tag name.")
        product = serializers.CharField(required=False)
        language = serializers.ChoiceField(choices=Language.choices, required=False)
        audience = serializers.ChoiceField(choices=Audience.choices, required=False)
        updated_since = serializers.DateTimeField(required=False, help_text="Versions changed at or after this time.")
        state = serializers.ChoiceField(
            choices=VersionState.choices,
            required=False,
            help_text="Editors only: the newest version of each article in this state, with the editorial fields.",
        )

        class Meta:
            ref_name = "ArticleFilter"

    @extend_schema(
        tags=TAGS,
        summary="List articles",
        description="The published articles the caller may read: agents see internal and public articles, "
        "portal accounts public ones only. Editors may list other states with `state`.",
        parameters=[FilterSerializer],
        responses={200: ArticleOutput(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        criteria = dict(filters.validated_data)
        state = criteria.pop("state", None)
        if state is None:
            versions, output = selectors.visible_versions(request.user), ArticleOutput
        elif roles.has_role(request.user, roles.EDITOR):
            versions = selectors.list_articles_for_editor(state=state)
            versions = versions.select_related("article__owner", "based_on", "created_by").prefetch_related("tags")
            output = ArticleVersionOutput
        else:
            raise PermissionDenied(_("Only editors can list articles by state."))
        return self.paginate(_filter_versions(versions, **criteria).order_by("-updated_at", "-pk"), output)


class ArticleCreateApi(Api):
    permission_classes = [IsEditor]

    @extend_schema(
        tags=TAGS,
        summary="Create an article",
        description="A new article with its first draft (version 1). Editors only.",
        request=ArticleFieldsInput,
        responses={201: ArticleVersionOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = ArticleFieldsInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.create_article(
            data=services.ArticleInput(**serializer.validated_data), by=roles.acting_user(request)
        )
        return version_response(request, version, status.HTTP_201_CREATED)


class ArticleDetailApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Read an article",
        description="The published version. 404 if it is not published or not for the caller's audience.",
        responses={200: ArticleOutput, **ERRORS},
    )
    def get(self, request: Request, article_id: int) -> Response:
        version = selectors.get_article_for_reader(request.user, article_id)
        return Response(ArticleOutput(version, context={"request": request}).data)


class ArticleVersionDetailApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Read one version",
        description="Editors may read any version and get the editorial fields as well (see ArticleVersion). "
        "Other readers may read only the published version they can see.",
        responses={200: ArticleOutput, **ERRORS},
    )
    def get(self, request: Request, article_id: int, number: int) -> Response:
        if roles.has_role(request.user, roles.EDITOR):
            article = selectors.get_article_for_editor(request.user, article_id)
            return version_response(request, selectors.get_version(article, number))
        version = selectors.get_article_for_reader(request.user, article_id)
        if version.number != number:
            raise Http404
        return Response(ArticleOutput(version, context={"request": request}).data)


class ArticleHistoryApi(ListApi):
    permission_classes = [IsEditor]

    @extend_schema(
        tags=TAGS,
        summary="Version history",
        description="Every version, newest first. Editors only.",
        responses={200: ArticleVersionOutput(many=True), **ERRORS},
    )
    def get(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        versions = (
            selectors.list_versions(article).select_related("article__owner", "based_on").prefetch_related("tags")
        )
        return self.paginate(versions, ArticleVersionOutput)


class ArticleDraftUpdateApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(ArticleFieldsInput):
        base_revision = serializers.IntegerField(
            min_value=0,
            help_text="The `revision` you started from. If someone saved since, you get 409 and their text.",
        )

        class Meta:
            ref_name = "DraftInput"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            # PATCH makes every field optional; the lock is not.
            if "base_revision" not in data:
                raise serializers.ValidationError({"base_revision": [_("This field is required.")]})
            return data

    @extend_schema(
        tags=TAGS,
        summary="Save the draft",
        description="Saves the open draft, or starts one from the published version. Send every field.",
        request=InputSerializer,
        responses={200: ArticleVersionOutput, **ERRORS},
    )
    def put(self, request: Request, article_id: int) -> Response:
        return self._save(request, article_id, partial=False)

    @extend_schema(
        tags=TAGS,
        summary="Save part of the draft",
        description="Like PUT, but fields not sent keep their current values. `base_revision` is required.",
        request=InputSerializer,
        responses={200: ArticleVersionOutput, **ERRORS},
    )
    def patch(self, request: Request, article_id: int) -> Response:
        return self._save(request, article_id, partial=True)

    def _save(self, request: Request, article_id: int, *, partial: bool) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        serializer = self.InputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        base_revision = fields.pop("base_revision")
        data = _input_from_current(article, fields) if partial else services.ArticleInput(**fields)
        version = services.save_draft(
            article=article, data=data, by=roles.acting_user(request), base_revision=base_revision
        )
        return version_response(request, version)


class DiffFieldOutput(serializers.Serializer):
    name = serializers.CharField()
    left = serializers.CharField(help_text="HTML; removed words in <del>.")
    right = serializers.CharField(help_text="HTML; added words in <ins>.")

    class Meta:
        ref_name = "DiffField"


class DiffRowOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["same", "changed", "added", "removed"])
    left = serializers.CharField(help_text="HTML of the older line; removed words in <del>.")
    right = serializers.CharField(help_text="HTML of the newer line; added words in <ins>.")

    class Meta:
        ref_name = "DiffRow"


class ArticleDiffApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DiffQuery"

        def get_fields(self) -> dict[str, serializers.Field]:
            # `from` is a Python keyword, so it cannot be a class attribute.
            return {
                "from": serializers.IntegerField(min_value=1, help_text="The older version number."),
                "to": serializers.IntegerField(min_value=1, help_text="The newer version number."),
            }

    class OutputSerializer(serializers.Serializer):
        left = ArticleVersionOutput()
        right = ArticleVersionOutput()
        changes = DiffFieldOutput(many=True, help_text="The metadata fields that differ.")
        rows = DiffRowOutput(many=True, help_text="The body side by side.")

        class Meta:
            ref_name = "Diff"

    @extend_schema(
        tags=TAGS,
        summary="Compare two versions",
        description="Changed metadata fields and the body side by side, changed words highlighted. Editors.",
        parameters=[InputSerializer],
        responses={200: OutputSerializer, **ERRORS},
    )
    def get(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        left = selectors.get_version(article, query.validated_data["from"])
        right = selectors.get_version(article, query.validated_data["to"])
        changes, rows = diff_versions(left, right)
        result = {"left": left, "right": right, "changes": changes, "rows": rows}
        return Response(self.OutputSerializer(result, context={"request": request}).data)
