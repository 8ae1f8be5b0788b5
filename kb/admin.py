"""The Django admin is where admins manage users, roles (groups) and categories.
Article text is edited only through Concord's editor, so versions are read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kb.models import ArticleVersion, AuditEvent, Category, Tag
from kb.trees.models import TreeRun, TreeVersion


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ArticleVersion)
class ArticleVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "article", "number", "state", "language", "audience", "updated_at"]
    list_filter = ["state", "language", "audience", "category"]
    search_fields = ["title", "article__external_id"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "article", "version"]
    list_filter = ["action"]
    date_hierarchy = "at"


@admin.register(TreeVersion)
class TreeVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "tree", "number", "state", "language", "audience", "updated_at"]
    list_filter = ["state", "language", "audience"]
    search_fields = ["title", "tree__external_id"]


@admin.register(TreeRun)
class TreeRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "tree", "version", "agent", "channel", "started_at", "finished_at", "resolved"]
    list_filter = ["channel", "resolved"]
    date_hierarchy = "started_at"
