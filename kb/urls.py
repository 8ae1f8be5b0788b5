from __future__ import annotations

from django.urls import path

from kb import views, views_users

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
]
