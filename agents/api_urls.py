"""The search API, included at api/search/ (names in the `api` namespace)."""

from __future__ import annotations

from django.urls import path

from agents.api import SearchApi

urlpatterns = [
    path("", SearchApi.as_view(), name="search"),
]
