from __future__ import annotations

from django.urls import path

from kb import views, views_conflicts, views_trees, views_users

app_name = "kb"
urlpatterns = [
    path("", views.list_articles, name="article-list"),
    path("new/", views.create_article, name="article-create"),
    path("preview/", views.preview_markdown, name="preview"),
    path("review/", views.list_review_queue, name="review-queue"),
    path("<int:pk>/", views.show_history, name="article-history"),
    path("<int:pk>/edit/", views.edit_article, name="article-edit"),
    path("<int:pk>/submit/", views.submit_article, name="article-submit"),
    path("<int:pk>/discard/", views.discard_draft, name="article-discard"),
    path("<int:pk>/diff/", views.compare_versions, name="article-diff"),
    path("<int:pk>/versions/<int:number>/", views.show_version, name="version-detail"),
    path("<int:pk>/versions/<int:number>/restore/", views.restore_version, name="version-restore"),
    path("<int:pk>/review/", views.review_article, name="article-review"),
    path("<int:pk>/publish/", views.publish_article, name="article-publish"),
    path("<int:pk>/send-back/", views.send_back_article, name="article-send-back"),
    path("<int:pk>/archive/", views.archive_article, name="article-archive"),
    # Admins: users and roles
    path("users/", views_users.list_users, name="user-list"),
    path("users/new/", views_users.create_user, name="user-create"),
    path("users/<int:user_id>/role/", views_users.change_role, name="user-role"),
    path("users/<int:user_id>/active/", views_users.change_active, name="user-active"),
    # Question trees (kb/views_trees.py)
    path("trees/", views_trees.list_trees, name="tree-list"),
    path("trees/new/", views_trees.create_tree, name="tree-create"),
    path("trees/preview/", views_trees.preview_tree_text, name="tree-preview"),
    path("trees/export/", views_trees.export_trees, name="tree-export"),
    path("trees/import/", views_trees.import_trees, name="tree-import"),
    path("trees/<int:tree_id>/", views_trees.show_tree_history, name="tree-history"),
    path("trees/<int:tree_id>/edit/", views_trees.edit_tree, name="tree-edit"),
    path("trees/<int:tree_id>/diagram/", views_trees.preview_tree_diagram, name="tree-diagram"),
    path("trees/<int:tree_id>/submit/", views_trees.submit_tree, name="tree-submit"),
    path("trees/<int:tree_id>/discard/", views_trees.discard_tree_draft, name="tree-discard"),
    path("trees/<int:tree_id>/analytics/", views_trees.show_tree_analytics, name="tree-analytics"),
    path("trees/<int:tree_id>/diff/", views_trees.compare_tree_versions, name="tree-diff"),
    path("trees/<int:tree_id>/versions/<int:number>/", views_trees.show_tree_version, name="tree-version"),
    path("trees/<int:tree_id>/versions/<int:number>/restore/", views_trees.restore_tree_version, name="tree-restore"),
    path("trees/<int:tree_id>/review/", views_trees.review_tree, name="tree-review"),
    path("trees/<int:tree_id>/publish/", views_trees.publish_tree, name="tree-publish"),
    path("trees/<int:tree_id>/send-back/", views_trees.send_back_tree, name="tree-send-back"),
    path("trees/<int:tree_id>/archive/", views_trees.archive_tree, name="tree-archive"),
    # Conflicts between published texts (kb/views_conflicts.py)
    path("conflicts/", views_conflicts.list_conflicts, name="conflict-list"),
    path("conflicts/dashboard/", views_conflicts.show_conflict_dashboard, name="conflict-dashboard"),
    path("conflicts/dismiss/", views_conflicts.bulk_dismiss_conflicts, name="conflict-bulk-dismiss"),
    path("conflicts/<int:conflict_id>/", views_conflicts.show_conflict, name="conflict-detail"),
    path("conflicts/<int:conflict_id>/dismiss/", views_conflicts.dismiss_conflict, name="conflict-dismiss"),
    path("conflicts/<int:conflict_id>/assign/", views_conflicts.assign_conflict, name="conflict-assign"),
    path("conflicts/<int:conflict_id>/reopen/", views_conflicts.reopen_conflict, name="conflict-reopen"),
]
