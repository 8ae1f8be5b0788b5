"""The conflict report API, included at api/conflicts/ (names in the `api` namespace)."""

from __future__ import annotations

from django.urls import path

from kb.api import conflicts

conflict = "<int:conflict_id>/"
urlpatterns = [
    path("", conflicts.ConflictListApi.as_view(), name="conflict-list"),
    path(conflict, conflicts.ConflictDetailApi.as_view(), name="conflict-detail"),
    path(f"{conflict}dismiss/", conflicts.ConflictDismissApi.as_view(), name="conflict-dismiss"),
    path(f"{conflict}assign/", conflicts.ConflictAssignApi.as_view(), name="conflict-assign"),
]
