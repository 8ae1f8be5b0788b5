"""The tree runner's API: a chatbot, an IVR or any channel walks a published tree with the
caller, the same questions and answers as the agents' runner. One class per operation, as
in kb.api.articles: authorize through kb.trees.selectors, validate, call kb.trees.runs.

POST /api/trees/{id}/runs/ starts a run on the published version and returns the first
node; /api/trees/runs/{run_id}/choose|back|restart|finish/ move it on. A run belongs to the
user who started it: anybody else gets 404. Portal accounts run public trees and never see
the agents' guidance."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb import roles
from kb.api.base import Api
from kb.api.trees import ERRORS
from kb.trees import runs, selectors
from kb.trees.display import describe_node
from kb.trees.models import RunChannel, TreeRun

TAGS = ["tree runs"]


@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string"}]})
class OptionField(serializers.Field):
    """An option's number (from 1) or its label."""

    def to_internal_value(self, data: Any) -> int | str:
        if isinstance(data, bool) or not isinstance(data, int | str):
            raise serializers.ValidationError(_("Send the option's number (from 1) or its label."))
        if isinstance(data, str) and not data.strip():
            raise serializers.ValidationError(_("Send the option's number (from 1) or its label."))
        if isinstance(data, str) and len(data) > 500:
            raise serializers.ValidationError(_("No option has a label that long."))
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class StrictBooleanField(serializers.BooleanField):
    """true or false, nothing that merely looks like one."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            raise serializers.ValidationError(_("Must be true or false."))
        return data


class RunNodeOutput(serializers.Serializer):
    """The node the run stands on. Question fields or outcome fields, by `type`."""

    id = serializers.CharField()
    type = serializers.ChoiceField(choices=["question", "outcome"])
    prompt = serializers.CharField(required=False, help_text="Markdown; read it to the caller.")
    prompt_html = serializers.CharField(required=False)
    guidance = serializers.CharField(required=False, help_text="For the agent only; not sent to portal accounts.")
    guidance_html = serializers.CharField(required=False)
    options = serializers.ListField(
        child=serializers.DictField(), required=False, help_text='[{"number": 1, "label": "Yes"}, ...]'
    )
    outcome = serializers.CharField(required=False, help_text="resolved, escalate or handoff.")
    resolution = serializers.CharField(required=False, help_text="Markdown.")
    resolution_html = serializers.CharField(required=False)
    team = serializers.CharField(required=False, help_text="The team to escalate to.")
    handoff = serializers.DictField(
        required=False, allow_null=True, help_text="The tree to continue with: {id, external_id, title}, or null."
    )
    articles = serializers.ListField(
        child=serializers.DictField(), required=False, help_text='Linked articles: [{"id", "title", "url"}].'
    )

    class Meta:
        ref_name = "TreeRunNode"


class RunStepOutput(serializers.Serializer):
    node_id = serializers.CharField()
    prompt = serializers.CharField()
    option_number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
    at = serializers.DateTimeField()

    class Meta:
        ref_name = "TreeRunStep"


class RunOutput(serializers.Serializer):
    id = serializers.IntegerField()
    tree = serializers.IntegerField(source="tree_id")
    version = serializers.IntegerField(source="version.number", help_text="The run stays on this version.")
    title = serializers.CharField(source="version.title")
    channel = serializers.ChoiceField(choices=RunChannel.choices)
    status = serializers.SerializerMethodField(help_text="in_progress, outcome (answer `finish`) or finished.")
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    resolved = serializers.BooleanField(allow_null=True)
    node = serializers.SerializerMethodField()
    path = serializers.SerializerMethodField(help_text="The choices that led here (the breadcrumb).")
    can_go_back = serializers.SerializerMethodField()

    class Meta:
        ref_name = "TreeRun"

    def get_status(self, run: TreeRun) -> str:
        return runs.run_status(run)

    @extend_schema_field(RunNodeOutput)
    def get_node(self, run: TreeRun) -> dict[str, Any]:
        return RunNodeOutput(describe_node(run, self.context["request"])).data

    @extend_schema_field(RunStepOutput(many=True))
    def get_path(self, run: TreeRun) -> list[dict[str, Any]]:
        steps = []
        for step in runs.run_path(run):
            node = run.version.node(step.node_id) or {}
            steps.append(
                {
                    "node_id": step.node_id,
                    "prompt": node.get("prompt", ""),
                    "option_number": step.option_number,
                    "label": step.option_label,
                    "at": step.at,
                }
            )
        # many=True makes a ListSerializer, whose .data is a list; the stubs type it as the dict.
        return RunStepOutput(steps, many=True).data  # type: ignore[return-value]

    def get_can_go_back(self, run: TreeRun) -> bool:
        return run.finished_at is None and run.steps.filter(undone_at__isnull=True).exists()


def _run_response(request: Request, run: TreeRun, code: int = status.HTTP_200_OK) -> Response:
    return Response(RunOutput(run, context={"request": request}).data, status=code)


class TreeRunStartApi(Api):
    class InputSerializer(serializers.Serializer):
        resume = StrictBooleanField(
            required=False, default=False, help_text="Return your unfinished run of this tree, if any, instead."
        )

        class Meta:
            ref_name = "TreeRunStartInput"

    @extend_schema(
        tags=TAGS,
        summary="Start a run",
        description="A new run on the published version (201), or with `resume` your latest unfinished run of "
        "this tree (200), whatever version it was started on. Agents; portal accounts for public trees.",
        request=InputSerializer,
        responses={200: RunOutput, 201: RunOutput, **ERRORS},
    )
    def post(self, request: Request, tree_id: int) -> Response:
        version = selectors.get_tree_for_runner(request.user, tree_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["resume"]:
            run = selectors.get_resumable_run(request.user, version.tree)
            if run is not None:
                return _run_response(request, run)
        run = runs.start_tree_run(version=version, by=roles.acting_user(request), channel=RunChannel.API)
        return _run_response(request, run, status.HTTP_201_CREATED)


class TreeRunDetailApi(Api):
    @extend_schema(
        tags=TAGS, summary="Read a run", description="Your own runs only.", responses={200: RunOutput, **ERRORS}
    )
    def get(self, request: Request, run_id: int) -> Response:
        return _run_response(request, selectors.get_run_for_user(request.user, run_id))


class AtNodeInput(serializers.Serializer):
    node = serializers.CharField(
        required=False, help_text="The node you think the run is on; 409 if it has moved on (a retried request)."
    )

    class Meta:
        ref_name = "TreeRunAtNodeInput"


class TreeRunChooseApi(Api):
    class InputSerializer(AtNodeInput):
        option = OptionField(help_text="The option's number (from 1) or its label.")

        class Meta:
            ref_name = "TreeRunChooseInput"

    @extend_schema(tags=TAGS, summary="Choose an option", request=InputSerializer, responses={200: RunOutput, **ERRORS})
    def post(self, request: Request, run_id: int) -> Response:
        run = selectors.get_run_for_user(request.user, run_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = runs.record_tree_step(
            run=run, option=data["option"], by=roles.acting_user(request), at_node=data.get("node")
        )
        return _run_response(request, run)


class TreeRunBackApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Go back",
        description="Undo the last choice.",
        request=AtNodeInput,
        responses={200: RunOutput, **ERRORS},
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = selectors.get_run_for_user(request.user, run_id)
        serializer = AtNodeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = runs.undo_tree_step(run=run, by=roles.acting_user(request), at_node=serializer.validated_data.get("node"))
        return _run_response(request, run)


class TreeRunRestartApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Restart",
        description="Back to the first question.",
        request=None,
        responses={200: RunOutput, **ERRORS},
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = selectors.get_run_for_user(request.user, run_id)
        return _run_response(request, runs.restart_tree_run(run=run, by=roles.acting_user(request)))


class TreeRunFinishApi(Api):
    class InputSerializer(serializers.Serializer):
        resolved = StrictBooleanField(help_text="Did this resolve the call?")

        class Meta:
            ref_name = "TreeRunFinishInput"

    @extend_schema(
        tags=TAGS, summary="Finish at the outcome", request=InputSerializer, responses={200: RunOutput, **ERRORS}
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = selectors.get_run_for_user(request.user, run_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = runs.finish_tree_run(
            run=run, resolved=serializer.validated_data["resolved"], by=roles.acting_user(request)
        )
        return _run_response(request, run)
