"""The question tree API for reading, authoring and analytics, one class per operation in
the conventions of kb.api.articles: authorize through kb.trees.selectors, validate with the
InputSerializer, call kb.trees.services, serialize. Runs are in kb.api.tree_runs.
Portal accounts read public trees and never see the agents' guidance."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb import roles
from kb.api.articles import ArticleDiffApi, DiffFieldOutput, DiffRowOutput
from kb.api.base import Api, IsEditor, IsReviewer, ListApi
from kb.api.serializers import ConflictOutput, ErrorOutput
from kb.api.workflow import PublishInput, SendBackInput
from kb.models import Audience, Language, VersionState
from kb.trees import selectors, services
from kb.trees.analytics import compute_tree_analytics
from kb.trees.diff import diff_tree_versions
from kb.trees.models import TreeVersion
from kb.trees.validation import Problem, validate_graph

TAGS = ["trees"]
ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput, 409: ConflictOutput}
BASE_REVISION_HELP = "The tree's `revision` you started from. If someone saved since, you get 409 and their version."
GRAPH_HELP = "The whole graph: {start, nodes: [...]}; see kb/trees/SCHEMA.md."


def _graph_for(user: roles.User, graph: dict[str, Any]) -> dict[str, Any]:
    """Guidance is for agents only: channel accounts get the graph without it."""
    if roles.can_read_internal(user):
        return graph
    nodes = [{k: v for k, v in node.items() if k != "guidance"} for node in graph.get("nodes", [])]
    return {**graph, "nodes": nodes}


# Output shapes


class TreeOutput(serializers.Serializer):
    """A published tree as runners (agents, channels) see it in lists."""

    id = serializers.IntegerField(source="tree_id")
    external_id = serializers.CharField(source="tree.external_id", allow_null=True)
    version = serializers.IntegerField(source="number")
    revision = serializers.IntegerField(
        source="tree.revision", help_text="The tree's edit counter; send it back as `base_revision`."
    )
    title = serializers.CharField()
    description = serializers.CharField()
    language = serializers.ChoiceField(choices=Language.choices)
    category = serializers.SlugField(source="category.slug", allow_null=True, default=None)
    category_name = serializers.CharField(source="category.name", allow_null=True, default=None)
    audience = serializers.ChoiceField(choices=Audience.choices)
    product = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "Tree"


class TreeDetailOutput(TreeOutput):
    graph = serializers.SerializerMethodField(help_text=GRAPH_HELP)

    class Meta:
        ref_name = "TreeDetail"

    @extend_schema_field(serializers.DictField())
    def get_graph(self, version: TreeVersion) -> dict[str, Any]:
        return _graph_for(self.context["request"].user, version.graph)


class TreeVersionListOutput(TreeOutput):
    """Any version, with the editorial fields (no graph: see versions/{number}/)."""

    state = serializers.ChoiceField(choices=VersionState.choices)
    change_note = serializers.CharField()
    review_comment = serializers.CharField()
    based_on = serializers.IntegerField(source="based_on.number", allow_null=True, default=None)
    owner = serializers.CharField(source="tree.owner", allow_null=True, default=None)
    created_by = serializers.CharField(allow_null=True)
    updated_by = serializers.CharField(allow_null=True)
    reviewed_by = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "TreeVersionSummary"


class TreeVersionOutput(TreeVersionListOutput):
    graph = serializers.DictField(help_text=GRAPH_HELP)

    class Meta:
        ref_name = "TreeVersion"


class ProblemOutput(serializers.Serializer):
    node_id = serializers.CharField(allow_null=True, help_text="The node concerned; null for the whole graph.")
    field = serializers.CharField(help_text='Inside the node, e.g. "options.2.next" (options numbered from 1).')
    code = serializers.CharField(help_text='e.g. "unreachable", "cycle", "dangling_option".')
    message = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"], help_text="Errors block submit and publish.")

    class Meta:
        ref_name = "TreeProblem"


class TreeDraftOutput(TreeVersionOutput):
    problems = serializers.SerializerMethodField(help_text="What still blocks submitting, and warnings.")

    class Meta:
        ref_name = "TreeDraft"

    @extend_schema_field(ProblemOutput(many=True))
    def get_problems(self, version: TreeVersion) -> list[dict[str, Any]]:
        return [problem.as_dict() for problem in validate_graph(version.graph)]


class ProblemsOutput(serializers.Serializer):
    valid = serializers.BooleanField(help_text="True if there are no errors (warnings allowed).")
    problems = ProblemOutput(many=True)

    class Meta:
        ref_name = "TreeProblems"


def _problems(problems: list[Problem]) -> dict[str, Any]:
    return {
        "valid": not any(p.severity == "error" for p in problems),
        "problems": [p.as_dict() for p in problems],
    }


def _respond(
    request: Request,
    version: TreeVersion,
    code: int = status.HTTP_200_OK,
    output: type[serializers.Serializer] = TreeVersionOutput,
) -> Response:
    return Response(output(version, context={"request": request}).data, status=code)


# Reading and listing


class TreeListApi(ListApi):
    class FilterSerializer(serializers.Serializer):
        category = serializers.CharField(required=False, help_text="Category slug.")
        language = serializers.ChoiceField(choices=Language.choices, required=False)
        audience = serializers.ChoiceField(choices=Audience.choices, required=False)
        product = serializers.CharField(required=False)
        state = serializers.ChoiceField(
            choices=VersionState.choices,
            required=False,
            help_text="Editors only: the newest version of each tree in this state, with the editorial fields.",
        )

        class Meta:
            ref_name = "TreeFilter"

    @extend_schema(
        tags=TAGS,
        summary="List trees",
        description="The published trees the caller may run: agents all, portal accounts public ones. "
        "Editors may list other states with `state`.",
        parameters=[FilterSerializer],
        responses={200: TreeOutput(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        criteria = dict(filters.validated_data)
        state = criteria.pop("state", None)
        if state is None:
            versions, output = selectors.visible_tree_versions(request.user), TreeOutput
        elif roles.has_role(request.user, roles.EDITOR):
            versions, output = selectors.list_trees_for_editor(state=state), TreeVersionListOutput
        else:
            raise PermissionDenied(_("Only editors can list trees by state."))
        lookups = {
            "category__slug": criteria.get("category"),
            "language": criteria.get("language"),
            "audience": criteria.get("audience"),
            "product": criteria.get("product"),
        }
        versions = versions.filter(**{k: v for k, v in lookups.items() if v is not None})
        return self.paginate(versions.order_by("title", "pk"), output)


class TreeDetailApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Read a tree",
        description="The published version with its graph. 404 if it is not published or not for the caller.",
        responses={200: TreeDetailOutput, **ERRORS},
    )
    def get(self, request: Request, tree_id: int) -> Response:
        version = selectors.get_tree_for_runner(request.user, tree_id)
        return Response(TreeDetailOutput(version, context={"request": request}).data)


class TreeVersionDetailApi(Api):
    @extend_schema(
        tags=TAGS,
        summary="Read one version",
        description="Editors may read any version with the editorial fields; other callers only the published one.",
        responses={200: TreeVersionOutput, **ERRORS},
    )
    def get(self, request: Request, tree_id: int, number: int) -> Response:
        if roles.has_role(request.user, roles.EDITOR):
            tree = selectors.get_tree_for_editor(request.user, tree_id)
            return _respond(request, selectors.get_tree_version(tree, number))
        version = selectors.get_tree_for_runner(request.user, tree_id)
        if version.number != number:
            raise Http404
        return Response(TreeDetailOutput(version, context={"request": request}).data)


class TreeHistoryApi(ListApi):
    permission_classes = [IsEditor]

    @extend_schema(
        tags=TAGS,
        summary="Version history",
        description="Every version, newest first, without graphs. Editors only.",
        responses={200: TreeVersionListOutput(many=True), **ERRORS},
    )
    def get(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        return self.paginate(selectors.list_tree_versions(tree), TreeVersionListOutput)


class TreeDiffFieldOutput(DiffFieldOutput):
    # DRF's metaclass takes declared fields off the class, so this does not shadow Field.label.
    label = serializers.CharField(help_text="The field's name for people, in the request's language.")  # type: ignore[assignment]

    class Meta:
        ref_name = "TreeDiffField"


class TreeDiffTextOutput(serializers.Serializer):
    name = serializers.ChoiceField(choices=["prompt", "guidance", "resolution"])
    label = serializers.CharField()  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
    rows = DiffRowOutput(many=True, help_text="The Markdown side by side, line by line.")

    class Meta:
        ref_name = "TreeDiffText"


class TreeNodeDiffOutput(serializers.Serializer):
    node_id = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    type = serializers.ChoiceField(choices=["question", "outcome"], help_text="For a removed node, its old type.")
    texts = TreeDiffTextOutput(many=True, help_text="Prompt, guidance or resolution, if they differ.")
    fields = TreeDiffFieldOutput(  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
        many=True,
        help_text="The other fields that differ: type, outcome, team, tree, articles, and each answer as "
        '"label → target", named options.N (N in the newer version; in the older one for a removed answer).',
    )

    class Meta:
        ref_name = "TreeNodeDiff"


class TreeDiffApi(Api):
    permission_classes = [IsEditor]
    InputSerializer = ArticleDiffApi.InputSerializer  # ?from=&to=, the same as for articles

    class OutputSerializer(serializers.Serializer):
        left = TreeVersionListOutput()
        right = TreeVersionListOutput()
        changes = TreeDiffFieldOutput(many=True, help_text="The tree's fields that differ, the start node among them.")
        nodes = TreeNodeDiffOutput(many=True, help_text="Added, removed and changed nodes, in the newer order.")

        class Meta:
            ref_name = "TreeDiff"

    @extend_schema(
        tags=TAGS,
        summary="Compare two versions",
        description="Changed tree fields, and each added, removed or changed node field by field, "
        "changed words highlighted. Editors.",
        parameters=[InputSerializer],
        responses={200: OutputSerializer, **ERRORS},
    )
    def get(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        left = selectors.get_tree_version(tree, query.validated_data["from"])
        right = selectors.get_tree_version(tree, query.validated_data["to"])
        diff = diff_tree_versions(left, right)
        result = {"left": left, "right": right, "changes": diff.changes, "nodes": diff.nodes}
        return Response(self.OutputSerializer(result, context={"request": request}).data)


# Writing


class TreeFieldsInput(serializers.Serializer):
    """What an editor writes. The graph is checked by kb.trees.services, so that the UI,
    the API and the import give the same messages, naming the node."""

    title = serializers.CharField(allow_blank=True, trim_whitespace=False)
    graph = serializers.JSONField(help_text=GRAPH_HELP)
    description = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    category = serializers.CharField(allow_blank=True, required=False, help_text="A category slug or name; optional.")
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    product = serializers.CharField(allow_blank=True, required=False, help_text="What the tree is about; optional.")
    change_note = serializers.CharField(allow_blank=True, required=False)

    class Meta:
        ref_name = "TreeFields"


class TreeCreateApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(TreeFieldsInput):
        external_id = serializers.CharField(
            required=False, allow_blank=True, help_text="How other trees name this one (handoff). Made up if empty."
        )

        class Meta:
            ref_name = "TreeCreateInput"

    @extend_schema(
        tags=TAGS,
        summary="Create a tree",
        description="A new tree with its first draft (version 1). The response lists the graph's problems. Editors.",
        request=InputSerializer,
        responses={201: TreeDraftOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        external_id = fields.pop("external_id", None)
        version = services.create_tree(
            data=services.TreeInput(**fields), by=roles.acting_user(request), external_id=external_id
        )
        return _respond(request, version, status.HTTP_201_CREATED, TreeDraftOutput)


def _input_from_current(version: TreeVersion, changes: dict[str, Any]) -> services.TreeInput:
    """PATCH: the fields not sent keep the values of the version being edited."""
    fields: dict[str, Any] = {name: getattr(version, name) for name in services.CONTENT_FIELDS}
    fields["category"] = version.category.slug if version.category else ""
    fields["change_note"] = version.change_note if version.is_open else ""
    return services.TreeInput(**(fields | changes))


class TreeDraftUpdateApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(TreeFieldsInput):
        base_revision = serializers.IntegerField(min_value=0, help_text=BASE_REVISION_HELP)

        class Meta:
            ref_name = "TreeDraftInput"

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            # PATCH makes every field optional; the lock is not.
            if "base_revision" not in data:
                raise serializers.ValidationError({"base_revision": [_("This field is required.")]})
            return data

    @extend_schema(
        tags=TAGS,
        summary="Save the draft",
        description="Saves the open draft, or starts one from the published version. Send every field. "
        "A graph with problems is saved (they are listed in the response); a malformed one is refused.",
        request=InputSerializer,
        responses={200: TreeDraftOutput, **ERRORS},
    )
    def put(self, request: Request, tree_id: int) -> Response:
        return self._save(request, tree_id, partial=False)

    @extend_schema(
        tags=TAGS,
        summary="Save part of the draft",
        description="Like PUT, but fields not sent keep their current values. `base_revision` is required.",
        request=InputSerializer,
        responses={200: TreeDraftOutput, **ERRORS},
    )
    def patch(self, request: Request, tree_id: int) -> Response:
        return self._save(request, tree_id, partial=True)

    def _save(self, request: Request, tree_id: int, *, partial: bool) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        serializer = self.InputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        base_revision = fields.pop("base_revision")
        if partial:
            data = _input_from_current(selectors.current_tree_version(tree), fields)
        else:
            data = services.TreeInput(**fields)
        version = services.save_tree_draft(
            tree=tree, data=data, by=roles.acting_user(request), base_revision=base_revision
        )
        return _respond(request, version, output=TreeDraftOutput)


class RevisionInput(serializers.Serializer):
    base_revision = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="Optional: refuse with 409 if someone saved since."
    )

    class Meta:
        ref_name = "TreeRevisionInput"


def _action_schema(
    summary: str, description: str, request: type[serializers.Serializer] = RevisionInput, code: int = 200
) -> Any:
    return extend_schema(
        tags=TAGS,
        summary=summary,
        description=description,
        request=request,
        responses={code: TreeVersionOutput, **ERRORS},
    )


class TreeSubmitApi(Api):
    permission_classes = [IsEditor]

    @_action_schema("Submit for review", "The draft goes to the reviewers; 400 naming the nodes if it has errors.")
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.submit_tree(tree=tree, by=roles.acting_user(request), **serializer.validated_data)
        return _respond(request, version)


class TreePublishApi(Api):
    permission_classes = [IsReviewer]

    InputSerializer = PublishInput

    @_action_schema(
        "Approve and publish",
        "Publishes the open version now, replacing the published one; runs already started keep their version. "
        "400 naming the nodes if the graph has errors. Reviewers.",
        InputSerializer,
    )
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_reviewer(request.user, tree_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.publish_tree(tree=tree, by=roles.acting_user(request), **serializer.validated_data)
        return _respond(request, version)


class TreeSendBackApi(Api):
    permission_classes = [IsReviewer]

    InputSerializer = SendBackInput

    @_action_schema(
        "Send back", "Returns the version to draft with a comment for its author. Reviewers.", InputSerializer
    )
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_reviewer(request.user, tree_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.send_back_tree(tree=tree, by=roles.acting_user(request), **serializer.validated_data)
        return _respond(request, version)


class TreeArchiveApi(Api):
    permission_classes = [IsReviewer]

    @_action_schema("Archive", "Takes the published tree out of the runners' list; publishing again restores it.")
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_reviewer(request.user, tree_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.archive_tree(tree=tree, by=roles.acting_user(request), **serializer.validated_data)
        return _respond(request, version)


class TreeDiscardApi(Api):
    permission_classes = [IsEditor]

    @_action_schema("Discard the draft", "The open version is dropped; it stays in the history. Editors.")
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        serializer = RevisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.discard_tree_draft(tree=tree, by=roles.acting_user(request), **serializer.validated_data)
        return _respond(request, version)


class TreeRollbackApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(RevisionInput):
        version = serializers.IntegerField(min_value=1, help_text="The version to copy into a new draft.")

        class Meta:
            ref_name = "TreeRollbackInput"

        def validate_version(self, number: int) -> TreeVersion:
            try:
                return selectors.get_tree_version(self.context["tree"], number)
            except Http404:
                raise serializers.ValidationError(_("This tree has no version %(n)d.") % {"n": number}) from None

    @_action_schema(
        "Roll back", "A new draft copying an old version; history is never rewritten.", InputSerializer, 201
    )
    def post(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        serializer = self.InputSerializer(data=request.data, context={"tree": tree})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = services.rollback_tree(
            tree=tree,
            to_version=data["version"],
            by=roles.acting_user(request),
            base_revision=data.get("base_revision"),
        )
        return _respond(request, version, status.HTTP_201_CREATED)


class TreeGraphValidateApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        graph = serializers.JSONField(help_text=GRAPH_HELP)

        class Meta:
            ref_name = "TreeGraphInput"

    @extend_schema(
        tags=TAGS,
        summary="Check a graph",
        description="The problems of a graph that is not saved yet (e.g. while building it). Editors.",
        request=InputSerializer,
        responses={200: ProblemsOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(ProblemsOutput(_problems(validate_graph(serializer.validated_data["graph"]))).data)


class TreeValidateApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1, required=False, help_text="Default: the current version.")

        class Meta:
            ref_name = "TreeValidateQuery"

    @extend_schema(
        tags=TAGS,
        summary="Check a version",
        description="The problems of a saved version: errors (they block submit and publish) and warnings. Editors.",
        parameters=[InputSerializer],
        responses={200: ProblemsOutput, **ERRORS},
    )
    def get(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        number = query.validated_data.get("version")
        version = selectors.get_tree_version(tree, number) if number else selectors.current_tree_version(tree)
        return Response(ProblemsOutput(_problems(validate_graph(version.graph))).data)


# Analytics


class NodeCountOutput(serializers.Serializer):
    node_id = serializers.CharField()
    runs = serializers.IntegerField()

    class Meta:
        ref_name = "TreeNodeCount"


class EdgeCountOutput(serializers.Serializer):
    node_id = serializers.CharField()
    option_number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
    next_node_id = serializers.CharField()
    runs = serializers.IntegerField()

    class Meta:
        ref_name = "TreeEdgeCount"


class TreeAnalyticsApi(Api):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(
            min_value=1, required=False, help_text="Default: the published version, else the newest."
        )
        idle_minutes = serializers.IntegerField(
            min_value=1, max_value=60 * 24 * 365, required=False, help_text="A run idle this long is abandoned (30)."
        )

        class Meta:
            ref_name = "TreeAnalyticsQuery"

    class OutputSerializer(serializers.Serializer):
        version = serializers.IntegerField()
        runs_started = serializers.IntegerField()
        runs_finished = serializers.IntegerField(help_text="Answered “did this resolve the call?”.")
        runs_unanswered = serializers.IntegerField(help_text="Reached an outcome but never answered.")
        runs_abandoned = serializers.IntegerField(help_text="Stopped on a question and idle for longer than idle.")
        runs_in_progress = serializers.IntegerField()
        abandoned_at = NodeCountOutput(many=True, help_text="Where runs were abandoned, most first.")
        outcomes = NodeCountOutput(many=True, help_text="Runs that reached each outcome node.")
        outcome_kinds = serializers.DictField(child=serializers.IntegerField(), help_text="resolved/escalate/handoff")
        resolved = serializers.IntegerField()
        not_resolved = serializers.IntegerField()
        resolved_rate = serializers.FloatField(allow_null=True, help_text="resolved / finished")
        median_seconds_to_outcome = serializers.FloatField(allow_null=True)
        node_visits = NodeCountOutput(many=True, help_text="Runs that visited each node, in graph order.")
        edge_visits = EdgeCountOutput(many=True, help_text="Runs that took each option, in graph order.")

        class Meta:
            ref_name = "TreeAnalytics"

    @extend_schema(
        tags=TAGS,
        summary="Analytics",
        description="Runs started, finished and abandoned, outcome mix, resolved rate, median time to outcome, "
        "and visits per node and option, for one version. Editors.",
        parameters=[InputSerializer],
        responses={200: OutputSerializer, **ERRORS},
    )
    def get(self, request: Request, tree_id: int) -> Response:
        tree = selectors.get_tree_for_editor(request.user, tree_id)
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        number = query.validated_data.get("version")
        if number:
            version = selectors.get_tree_version(tree, number)
        else:
            version = selectors.published_tree_version(tree) or selectors.current_tree_version(tree)
        idle = timedelta(minutes=query.validated_data.get("idle_minutes", 30))
        result = compute_tree_analytics(version=version, idle=idle)
        data = vars(result) | {
            "abandoned_at": [{"node_id": k, "runs": v} for k, v in result.abandoned_at.items()],
            "outcomes": [{"node_id": k, "runs": v} for k, v in result.outcomes.items()],
            "node_visits": [{"node_id": k, "runs": v} for k, v in result.node_visits.items()],
            "edge_visits": [vars(edge) for edge in result.edge_visits],
        }
        return Response(self.OutputSerializer(data).data)
