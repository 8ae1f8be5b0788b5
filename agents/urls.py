from __future__ import annotations

from django.urls import path

from agents import views, views_search, views_search_admin, views_trees

app_name = "agents"
urlpatterns = [
    path("", views_search.search_articles, name="home"),
    path("articles/<int:pk>/", views.show_article, name="article"),
    # Search (agents/views_search.py, agents/views_search_admin.py)
    path("search/results/", views_search.show_search_results, name="search-results"),
    path("search/open/<int:pk>/", views_search.open_result, name="search-open"),
    path("search/open-tree/<int:tree_id>/", views_search.open_tree_result, name="search-open-tree"),
    path("articles/<int:pk>/pane/", views_search.show_article_pane, name="article-pane"),
    path("search/analytics/", views_search_admin.show_search_analytics, name="search-analytics"),
    path("search/synonyms/", views_search_admin.list_synonyms, name="synonym-list"),
    path("search/synonyms/new/", views_search_admin.create_synonym, name="synonym-create"),
    path("search/synonyms/<int:synonym_id>/", views_search_admin.edit_synonym, name="synonym-edit"),
    path("search/synonyms/<int:synonym_id>/delete/", views_search_admin.delete_synonym, name="synonym-delete"),
    path("search/index/", views_search_admin.show_search_index, name="search-index"),
    path("search/index/status/", views_search_admin.show_search_index_status, name="search-index-status"),
    path("search/index/rebuild/", views_search_admin.start_index_job, {"kind": "rebuild"}, name="search-rebuild"),
    path("search/index/reconcile/", views_search_admin.start_index_job, {"kind": "reconcile"}, name="search-reconcile"),
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
