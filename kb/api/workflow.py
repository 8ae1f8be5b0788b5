"""The workflow actions on an article: submit, publish, send back, archive, discard, roll
back. Each is a POST that may carry `base_revision` and returns the version it touched."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb import roles, selectors, services
from kb.api.base import Api, IsEditor, IsReviewer
from kb.api.serializers import ERRORS, ArticleVersionOutput, version_response
from kb.models import ArticleVersion

TAGS = ["articles"]


class RevisionInput(serializers.Serializer):
    base_revision = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="Optional: refuse with 409 if someone saved since."
    )

    class Meta:
        ref_name = "RevisionInput"


def _action_schema(summary: str, description: str, request: type[serializers.Serializer] = RevisionInput) -> Any:
    return extend_schema(
        tags=TAGS, summary=summary, description=description, request=request,
        responses={200: ArticleVersionOutput, **ERRORS},
    )  # fmt: skip


class PublishInput(RevisionInput):
    """Approving and publishing an article or a tree."""

    comment = serializers.CharField(allow_blank=True, required=False, help_text="Optional note to the author.")

    class Meta:
        ref_name = "PublishInput"


class SendBackInput(RevisionInput):
    """Sending an article or a tree back to its author."""

    comment = serializers.CharField(help_text="What needs to change.")

    class Meta:
        ref_name = "SendBackInput"


class ArticleSubmitApi(Api):
    permission_classes = [IsEditor]

    @_action_schema("Submit for review", "The draft goes to the reviewers' queue. Editors.")
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.submit_for_review(
            article=article, by=roles.acting_user(request), **serializer.validated_data
        )
        return version_response(request, version)


class ArticlePublishApi(Api):
    permission_classes = [IsReviewer]

    InputSerializer = PublishInput

    @_action_schema(
        "Approve and publish",
        "Publishes the open version now, replacing the published one, or schedules it if its "
        "`publish_at` is in the future (state `approved`). Reviewers.",
        InputSerializer,
    )
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_reviewer(request.user, article_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.publish_article(article=article, by=roles.acting_user(request), **serializer.validated_data)
        return version_response(request, version)


class ArticleSendBackApi(Api):
    permission_classes = [IsReviewer]

    InputSerializer = SendBackInput

    @_action_schema(
        "Send back", "Returns the version to draft with a comment for its author. Reviewers.", InputSerializer
    )
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_reviewer(request.user, article_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.send_back(article=article, by=roles.acting_user(request), **serializer.validated_data)
        return version_response(request, version)


class ArticleArchiveApi(Api):
    permission_classes = [IsReviewer]

    @_action_schema("Archive", "Takes the published version off the shelf; publishing again restores it. Reviewers.")
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_reviewer(request.user, article_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.archive_article(article=article, by=roles.acting_user(request), **serializer.validated_data)
        return version_response(request, version)


class ArticleDiscardApi(Api):
    permission_classes = [IsEditor]

    @_action_schema("Discard the draft", "The open version is dropped; it stays in the history. Editors.")
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.discard_draft(article=article, by=roles.acting_user(request), **serializer.validated_data)
        return version_response(request, version)


class ArticleRollbackApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(RevisionInput):
        version = serializers.IntegerField(min_value=1, help_text="The version to copy into a new draft.")

        class Meta:
            ref_name = "RollbackInput"

        def validate_version(self, number: int) -> ArticleVersion:
            try:
                return selectors.get_version(self.context["article"], number)
            except Http404:
                raise serializers.ValidationError(_("This article has no version %(n)d.") % {"n": number}) from None

    @extend_schema(
        tags=TAGS,
        summary="Roll back",
        description="A new draft copying an old version; history is never rewritten. Editors.",
        request=InputSerializer,
        responses={201: ArticleVersionOutput, **ERRORS},
    )
    def post(self, request: Request, article_id: int) -> Response:
        article = selectors.get_article_for_editor(request.user, article_id)
        serializer = self.InputSerializer(data=request.data, context={"article": article})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = services.rollback_article(
            article=article,
            to_version=data["version"],
            by=roles.acting_user(request),
            base_revision=data.get("base_revision"),
        )
        return version_response(request, version, status.HTTP_201_CREATED)
