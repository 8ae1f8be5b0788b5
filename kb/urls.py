from __future__ import annotations

app_name = "kb"
urlpatterns: list = []
