"""The conflict report API: list and read reports, dismiss and assign them. Reviewers and admins
see and act on every report; editors read the reports assigned to them; agents and portal
accounts get 403. One class per operation, as in kb/api/workflow.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kb import roles
from kb.api.base import Api, IsEditor, IsReviewer, ListApi
from kb.api.serializers import ERRORS
from kb.consistency import selectors, services
from kb.consistency.models import ConflictEvent, ConflictKind, ConflictReport, ConflictStatus
from kb.consistency.selectors import AGES
from kb.models import Category

TAGS = ["conflicts"]


class ConflictSideOutput(serializers.Serializer):
    ref = serializers.CharField(help_text='Article external id, or "tree:<external id>#<node id>".')
    article_id = serializers.IntegerField(allow_null=True)
    tree_id = serializers.IntegerField(allow_null=True)
    node = serializers.CharField(help_text="Outcome node id (trees only).")
    version = serializers.IntegerField(help_text="The version the conflict was found in.")
    title = serializers.CharField()
    category = serializers.CharField(allow_null=True)
    product = serializers.CharField()
    evidence = serializers.CharField(help_text="The conflicting sentence.")
    value = serializers.CharField(help_text="What the sentence says, normalized (e.g. 7 天).")

    class Meta:
        ref_name = "ConflictSide"


def _side(report: ConflictReport, side: str) -> dict[str, Any]:
    category = getattr(report, f"{side}_category")
    return {
        "ref": getattr(report, f"{side}_ref"),
        "article_id": getattr(report, f"{side}_article_id"),
        "tree_id": getattr(report, f"{side}_tree_id"),
        "node": getattr(report, f"{side}_node"),
        "version": getattr(report, f"{side}_version"),
        "title": getattr(report, f"{side}_title"),
        "category": category.slug if category else None,
        "product": getattr(report, f"{side}_product"),
        "evidence": getattr(report, f"evidence_{side}"),
        "value": getattr(report, f"value_{side}"),
    }


class ConflictOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ConflictKind.choices)
    attribute = serializers.CharField(help_text="What the statements are about, Chinese / English.")
    confidence = serializers.FloatField()
    status = serializers.ChoiceField(choices=ConflictStatus.choices)
    explanation = serializers.CharField(help_text="In the request's language (Accept-Language).")
    explanation_zh = serializers.CharField()
    explanation_en = serializers.CharField()
    a = serializers.SerializerMethodField()
    b = serializers.SerializerMethodField()
    assigned_to = serializers.CharField(source="assigned_to.username", read_only=True, allow_null=True)
    dismissed_reason = serializers.CharField()
    dismissed_by = serializers.CharField(source="dismissed_by.username", read_only=True, allow_null=True)
    dismissed_at = serializers.DateTimeField(allow_null=True)
    first_seen = serializers.DateTimeField()
    last_seen = serializers.DateTimeField()
    opened_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "ConflictReport"

    def get_a(self, report: ConflictReport) -> dict[str, Any]:
        return _side(report, "a")

    def get_b(self, report: ConflictReport) -> dict[str, Any]:
        return _side(report, "b")


class ConflictEventOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=ConflictEvent.Action.choices)
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    detail = serializers.DictField()

    class Meta:
        ref_name = "ConflictEvent"


class ConflictDetailOutput(ConflictOutput):
    history = serializers.SerializerMethodField()

    class Meta:
        ref_name = "ConflictReportDetail"

    def get_history(self, report: ConflictReport) -> list[dict[str, Any]]:
        return ConflictEventOutput(selectors.list_conflict_events(report), many=True).data  # type: ignore[return-value]


def _detail(report: ConflictReport) -> Response:
    report = ConflictReport.objects.select_related("a_category", "b_category", "assigned_to", "dismissed_by").get(
        pk=report.pk
    )
    return Response(ConflictDetailOutput(report).data)


class ConflictListApi(ListApi):
    permission_classes = [IsEditor]

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=ConflictKind.choices, required=False)
        category = serializers.SlugRelatedField(
            slug_field="slug", queryset=Category.objects.all(), required=False, help_text="Category slug (either side)."
        )
        product = serializers.CharField(required=False, help_text="Product of either side.")
        age = serializers.ChoiceField(
            choices=list(AGES), required=False, help_text="day: opened in the last 24 h; week / month: open longer."
        )
        min_confidence = serializers.FloatField(min_value=0, max_value=1, required=False)
        status = serializers.ChoiceField(choices=ConflictStatus.choices, required=False, help_text="Default: open.")

        class Meta:
            ref_name = "ConflictFilter"

    @extend_schema(
        tags=TAGS,
        summary="List conflict reports",
        description="Open reports by default, most confident first. Reviewers and admins see all reports, "
        "editors the ones assigned to them.",
        parameters=[FilterSerializer],
        responses={200: ConflictOutput(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        reports = selectors.list_open_conflicts(request.user, **filters.validated_data)
        return self.paginate(reports.select_related("dismissed_by"), ConflictOutput)


class ConflictDetailApi(Api):
    permission_classes = [IsEditor]

    @extend_schema(
        tags=TAGS, summary="Read a conflict report", description="With its history. Editors: assigned reports only.",
        responses={200: ConflictDetailOutput, **ERRORS},
    )  # fmt: skip
    def get(self, request: Request, conflict_id: int) -> Response:
        return _detail(selectors.get_conflict_for_user(request.user, conflict_id))


class ConflictDismissApi(Api):
    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(allow_blank=True, help_text="Why this is not a conflict (required).")

        class Meta:
            ref_name = "ConflictDismissInput"

    @extend_schema(
        tags=TAGS, summary="Dismiss: not a conflict",
        description="The pair stays dismissed until one of the two texts has a new version. Reviewers.",
        request=InputSerializer, responses={200: ConflictDetailOutput, **ERRORS},
    )  # fmt: skip
    def post(self, request: Request, conflict_id: int) -> Response:
        report = selectors.get_conflict_for_reviewer(request.user, conflict_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _detail(
            services.dismiss_conflict(report=report, by=roles.acting_user(request), **serializer.validated_data)
        )


class ConflictAssignApi(Api):
    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        assignee = serializers.SlugRelatedField(
            slug_field="username", queryset=get_user_model().objects.all(), help_text="An editor's username."
        )

        class Meta:
            ref_name = "ConflictAssignInput"

    @extend_schema(
        tags=TAGS, summary="Assign to an editor", description="Reviewers.",
        request=InputSerializer, responses={200: ConflictDetailOutput, **ERRORS},
    )  # fmt: skip
    def post(self, request: Request, conflict_id: int) -> Response:
        report = selectors.get_conflict_for_reviewer(request.user, conflict_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _detail(
            services.assign_conflict(report=report, by=roles.acting_user(request), **serializer.validated_data)
        )
