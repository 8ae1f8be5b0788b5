from __future__ import annotations

from django.urls import path

from agents import views, views_trees

app_name = "agents"
urlpatterns = [
    path("", views.list_articles, name="home"),
    path("articles/<int:pk>/", views.show_article, name="article"),
    # Question trees (agents/views_trees.py)
    path("trees/", views_trees.list_trees, name="tree-list"),
    path("trees/<int:tree_id>/", views_trees.show_tree, name="tree-start"),
    path("trees/<int:tree_id>/run/", views_trees.start_run, name="tree-run-start"),
    path("trees/runs/<int:run_id>/", views_trees.show_run, name="tree-run"),
    path("trees/runs/<int:run_id>/choose/", views_trees.choose_option, name="tree-run-choose"),
    path("trees/runs/<int:run_id>/back/", views_trees.go_back, name="tree-run-back"),
    path("trees/runs/<int:run_id>/restart/", views_trees.restart_run, name="tree-run-restart"),
    path("trees/runs/<int:run_id>/finish/", views_trees.finish_run, name="tree-run-finish"),
]
