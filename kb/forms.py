"""Forms for the web UI. They only parse what was typed; the rules live in
kb.services.validate_article_input, whose errors the views put back next to each field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kb import roles
from kb.models import Article, ArticleVersion, Audience, Category, Language, VersionState
from kb.services import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, ArticleInput

# Editors type tags separated by Latin or Chinese commas, or the Chinese enumeration comma.
_TAG_SEPARATORS = re.compile(r"[,，、;；]")
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def parse_tags(raw: str) -> list[str]:
    return [t.strip() for t in _TAG_SEPARATORS.split(raw or "") if t.strip()]


def _writers() -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[roles.EDITOR, roles.REVIEWER, roles.ADMIN]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=MAX_SUMMARY_CHARS,
        help_text=_("One or two sentences an agent can read out to a customer."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Body (Markdown)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "false", "class": "editor-body"}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug", empty_label=_("Choose…")
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separate tags with commas, e.g. 退货, 运费."))
    product = forms.CharField(label=_("Product"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.ZH_HANS)
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Audience.choices, initial=Audience.INTERNAL, widget=forms.RadioSelect
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Who keeps this article correct. Empty: you for a new article, unchanged otherwise."),
    )
    review_by = forms.DateField(
        label=_("Review by"),
        required=False,
        help_text=_("When the owner should check that the article is still right."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        help_text=_("Leave empty to publish as soon as it is approved."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT),
    )
    expire_at = forms.DateTimeField(
        label=_("Expire at"),
        required=False,
        help_text=_("Agents stop seeing the article at this time."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT),
    )
    change_note = forms.CharField(
        label=_("Change note"),
        required=False,
        max_length=500,
        help_text=_("What changed in this version, and why."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A fresh queryset per form, so that users added since start-up appear.
        self.fields["owner"].queryset = _writers()  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        return parse_tags(self.cleaned_data.get("tags") or "")

    def to_input(self) -> ArticleInput:
        data = self.cleaned_data
        return ArticleInput(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            category=data["category"].slug,
            tags=data["tags"],
            product=data["product"],
            language=data["language"],
            audience=data["audience"],
            change_note=data["change_note"],
            publish_at=data["publish_at"],
            expire_at=data["expire_at"],
            owner=data["owner"],
            review_by=data["review_by"],
        )

    @staticmethod
    def initial_from(version: ArticleVersion, article: Article) -> dict[str, Any]:
        """Start editing from a version: its text, and a blank change note for the new one."""
        return {
            "title": version.title,
            "summary": version.summary,
            "body": version.body,
            "category": version.category,
            "tags": ", ".join(t.name for t in version.tags.all()),
            "product": version.product,
            "language": version.language,
            "audience": version.audience,
            "change_note": version.change_note if version.is_open else "",
            "publish_at": version.publish_at if version.is_open else None,
            "expire_at": version.expire_at,
            "owner": article.owner,
            "review_by": article.review_by,
            "base_revision": article.revision,
        }


class ArticleEditForm(ArticleForm):
    # The optimistic lock: the Article.revision this form was rendered from.
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class RevisionForm(forms.Form):
    """For the action buttons (submit, discard, archive, restore)."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ApproveForm(RevisionForm):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SendBackForm(RevisionForm):
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A comment is required.")},
    )


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, strip=False)


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("From version"), min_value=1)
    b = forms.IntegerField(label=_("To version"), min_value=1)


class EditorFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or external ID"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("Any state")), *VersionState.choices])
    mine = forms.BooleanField(label=_("Only mine"), required=False)
