"""Output shapes shared by several API classes. Input serializers live with their API class."""

from __future__ import annotations

from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kb.markdown import render_markdown
from kb.models import ArticleVersion, Audience, Language, VersionState


class ArticleOutput(serializers.Serializer):
    """A published article as readers (agents, portal channels) see it."""

    id = serializers.IntegerField(source="article_id")
    url = serializers.SerializerMethodField(help_text="The article's stable reading page.")
    version = serializers.IntegerField(source="number")
    revision = serializers.IntegerField(
        source="article.revision", help_text="The article's edit counter; send it back as `base_revision`."
    )
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField(help_text="Markdown.")
    html = serializers.SerializerMethodField(help_text="The body rendered to sanitized HTML.")
    category = serializers.SlugField(source="category.slug")
    category_name = serializers.CharField(source="category.name")
    tags = serializers.SerializerMethodField()
    product = serializers.CharField()
    language = serializers.ChoiceField(choices=Language.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "Article"

    def get_url(self, version: ArticleVersion) -> str:
        return self.context["request"].build_absolute_uri(version.article.get_absolute_url())

    def get_html(self, version: ArticleVersion) -> str:
        return render_markdown(version.body)

    def get_tags(self, version: ArticleVersion) -> list[str]:
        return sorted(tag.name for tag in version.tags.all())


class ArticleVersionOutput(ArticleOutput):
    """Any version, with the editorial fields editors and reviewers work with."""

    state = serializers.ChoiceField(choices=VersionState.choices)
    change_note = serializers.CharField()
    publish_at = serializers.DateTimeField(allow_null=True)
    expire_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField()
    based_on = serializers.IntegerField(source="based_on.number", allow_null=True, default=None)
    owner = serializers.CharField(source="article.owner", allow_null=True, default=None)
    review_by = serializers.DateField(source="article.review_by", allow_null=True)
    created_by = serializers.CharField(allow_null=True)
    updated_by = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "ArticleVersion"


class ErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # DRF's metaclass takes declared fields off the class
        child=serializers.ListField(child=serializers.CharField()), required=False, help_text="Messages per field."
    )

    class Meta:
        ref_name = "Error"


class ConflictOutput(serializers.Serializer):
    """409: the article is not in a state for this action, or (edit conflict) someone saved
    since `base_revision`; then `current` holds what they saved."""

    detail = serializers.CharField()
    current_revision = serializers.IntegerField(required=False, help_text="Send it as `base_revision` after merging.")
    current = serializers.DictField(required=False, allow_null=True, help_text="The other person's version.")

    class Meta:
        ref_name = "Conflict"


ERRORS = {400: ErrorOutput, 401: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput, 409: ConflictOutput}


def version_response(request: Request, version: ArticleVersion, code: int = status.HTTP_200_OK) -> Response:
    return Response(ArticleVersionOutput(version, context={"request": request}).data, status=code)
