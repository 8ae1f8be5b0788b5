from __future__ import annotations

from django.contrib import admin

from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
