from __future__ import annotations

from django.urls import include, path

from kb.api import articles, taxonomy, workflow
from kb.api.docs import ApiDocsView, ApiSchemaView

app_name = "api"

article = "articles/<int:article_id>/"
urlpatterns = [
    path("articles/", articles.ArticleListApi.as_view(), name="article-list"),
    path("articles/create/", articles.ArticleCreateApi.as_view(), name="article-create"),
    path(article, articles.ArticleDetailApi.as_view(), name="article-detail"),
    path(f"{article}versions/", articles.ArticleHistoryApi.as_view(), name="article-history"),
    path(f"{article}versions/<int:number>/", articles.ArticleVersionDetailApi.as_view(), name="article-version"),
    path(f"{article}draft/", articles.ArticleDraftUpdateApi.as_view(), name="article-draft"),
    path(f"{article}submit/", workflow.ArticleSubmitApi.as_view(), name="article-submit"),
    path(f"{article}publish/", workflow.ArticlePublishApi.as_view(), name="article-publish"),
    path(f"{article}send-back/", workflow.ArticleSendBackApi.as_view(), name="article-send-back"),
    path(f"{article}archive/", workflow.ArticleArchiveApi.as_view(), name="article-archive"),
    path(f"{article}discard/", workflow.ArticleDiscardApi.as_view(), name="article-discard"),
    path(f"{article}rollback/", workflow.ArticleRollbackApi.as_view(), name="article-rollback"),
    path(f"{article}diff/", articles.ArticleDiffApi.as_view(), name="article-diff"),
    path("categories/", taxonomy.CategoryListApi.as_view(), name="category-list"),
    path("categories/create/", taxonomy.CategoryCreateApi.as_view(), name="category-create"),
    path("tags/", taxonomy.TagListApi.as_view(), name="tag-list"),
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
    path("trees/", include("kb.api.trees_urls")),
    path("conflicts/", include("kb.api.conflicts_urls")),
    path("search/", include("agents.api_urls")),
]
