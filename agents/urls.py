from __future__ import annotations

from django.urls import path

from agents import views

app_name = "agents"
urlpatterns = [
    path("", views.list_articles, name="home"),
    path("articles/<int:pk>/", views.show_article, name="article"),
]
