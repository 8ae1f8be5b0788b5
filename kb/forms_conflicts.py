"""Forms for the conflict pages and the pre-publish warning. They parse what was typed; the
rules (a reason is required, only editors can be assigned) live in kb.consistency.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kb.consistency.models import ConflictKind, ConflictReport, ConflictStatus
from kb.consistency.selectors import list_assignable_editors
from kb.models import Category
from kb.users import display_name

AGE_CHOICES = [
    ("", _("Any age")),
    ("day", _("New today")),
    ("week", _("Open more than 7 days")),
    ("month", _("Open more than 30 days")),
]
CONFIDENCE_CHOICES = [("", _("Any confidence")), ("0.7", "≥ 0.7"), ("0.8", "≥ 0.8"), ("0.9", "≥ 0.9")]


class ConflictFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *ConflictKind.choices])
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.all(), to_field_name="slug",
        empty_label=_("All categories"),
    )  # fmt: skip
    product = forms.CharField(label=_("Product"), required=False, max_length=100)
    age = forms.ChoiceField(label=_("Age"), required=False, choices=AGE_CHOICES)
    confidence = forms.ChoiceField(label=_("Confidence"), required=False, choices=CONFIDENCE_CHOICES)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ConflictStatus.choices)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for selectors.list_open_conflicts (no filter for what did not parse)."""
        data = self.cleaned_data if self.is_valid() else {}
        confidence = data.get("confidence")
        return {
            "kind": data.get("kind") or "",
            "category": data.get("category"),
            "product": (data.get("product") or "").strip(),
            "age": data.get("age") or "",
            "min_confidence": float(confidence) if confidence else None,
            "status": data.get("status") or ConflictStatus.OPEN,
        }


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this not a conflict?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A reason is required.")},
    )


NO_LONGER_OPEN = _("A selected report is no longer open. Reload the page and try again.")


class BulkDismissForm(forms.Form):
    """The queue's checkboxes and one reason for all of them."""

    reports = forms.ModelMultipleChoiceField(
        queryset=ConflictReport.objects.filter(status=ConflictStatus.OPEN),
        error_messages={
            "required": _("Select at least one report."),
            "invalid_choice": NO_LONGER_OPEN,
            "invalid_pk_value": NO_LONGER_OPEN,
        },
    )
    reason = forms.CharField(
        label=_("Why are these not conflicts?"),
        max_length=2000,
        error_messages={"required": _("A reason is required.")},
    )


class PersonChoiceField(forms.ModelChoiceField):
    """Colleagues by their full name, as everywhere on the pages."""

    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class AssignForm(forms.Form):
    assignee = PersonChoiceField(
        label=_("Editor"),
        queryset=list_assignable_editors(),
        empty_label=_("Choose an editor…"),
        error_messages={"required": _("Choose an editor.")},
    )


class ConflictAckForm(forms.Form):
    """The pre-publish warning's checkbox: go ahead although the text contradicts others."""

    acknowledge_conflicts = forms.BooleanField(required=False)
