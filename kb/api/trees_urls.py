"""The question tree API, included at api/trees/ (names in the `api` namespace)."""

from __future__ import annotations

from django.urls import path

from kb.api import tree_runs, trees

tree = "<int:tree_id>/"
run = "runs/<int:run_id>/"
urlpatterns = [
    path("", trees.TreeListApi.as_view(), name="tree-list"),
    path("create/", trees.TreeCreateApi.as_view(), name="tree-create"),
    path("validate/", trees.TreeGraphValidateApi.as_view(), name="tree-validate-graph"),
    path(tree, trees.TreeDetailApi.as_view(), name="tree-detail"),
    path(f"{tree}versions/", trees.TreeHistoryApi.as_view(), name="tree-history"),
    path(f"{tree}versions/<int:number>/", trees.TreeVersionDetailApi.as_view(), name="tree-version"),
    path(f"{tree}diff/", trees.TreeDiffApi.as_view(), name="tree-diff"),
    path(f"{tree}draft/", trees.TreeDraftUpdateApi.as_view(), name="tree-draft"),
    path(f"{tree}submit/", trees.TreeSubmitApi.as_view(), name="tree-submit"),
    path(f"{tree}publish/", trees.TreePublishApi.as_view(), name="tree-publish"),
    path(f"{tree}send-back/", trees.TreeSendBackApi.as_view(), name="tree-send-back"),
    path(f"{tree}archive/", trees.TreeArchiveApi.as_view(), name="tree-archive"),
    path(f"{tree}discard/", trees.TreeDiscardApi.as_view(), name="tree-discard"),
    path(f"{tree}rollback/", trees.TreeRollbackApi.as_view(), name="tree-rollback"),
    path(f"{tree}validate/", trees.TreeValidateApi.as_view(), name="tree-validate"),
    path(f"{tree}analytics/", trees.TreeAnalyticsApi.as_view(), name="tree-analytics"),
    path(f"{tree}runs/", tree_runs.TreeRunStartApi.as_view(), name="tree-run-start"),
    path(run, tree_runs.TreeRunDetailApi.as_view(), name="tree-run"),
    path(f"{run}choose/", tree_runs.TreeRunChooseApi.as_view(), name="tree-run-choose"),
    path(f"{run}back/", tree_runs.TreeRunBackApi.as_view(), name="tree-run-back"),
    path(f"{run}restart/", tree_runs.TreeRunRestartApi.as_view(), name="tree-run-restart"),
    path(f"{run}finish/", tree_runs.TreeRunFinishApi.as_view(), name="tree-run-finish"),
]
