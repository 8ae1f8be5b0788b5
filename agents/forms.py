"""Forms for the search pages. The search form is lenient (a bad filter value is dropped,
never an error page); the synonym form is strict."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kb.models import Language
from search.models import Synonym

MAX_QUERY_CHARS = 500
KIND_CHOICES = [("", _("Everything")), ("article", _("Articles")), ("tree", _("Question trees"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    category = forms.SlugField(required=False, max_length=100)
    product = forms.CharField(required=False, max_length=100)
    language = forms.ChoiceField(required=False, choices=[("", ""), *Language.choices])
    kind = forms.ChoiceField(required=False, choices=KIND_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, max_value=500)
    log = forms.BooleanField(required=False)

    def params(self) -> dict[str, Any]:
        """The valid values; an invalid field counts as not given (a stale link still works)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        data["q"] = (data.get("q") or "")[:MAX_QUERY_CHARS]
        data["page"] = data.get("page") or 1
        for name in ("category", "product", "language", "kind"):
            data[name] = data.get(name) or ""
        data["log"] = bool(data.get("log"))
        return data


def search_back_query(raw: str) -> str:
    """A search's own query string (text and filters) from a `back` parameter, rebuilt from
    the valid fields only: a page opened from the results links back to exactly them."""
    params = SearchForm(QueryDict(raw[: MAX_QUERY_CHARS * 4])).params()
    return urlencode({k: params[k] for k in ("q", "category", "product", "language", "kind") if params[k]})


class ResultOpenForm(forms.Form):
    """Where an opened result came from: the logged search, or (not logged yet) its text."""

    rank = forms.IntegerField(required=False, min_value=1, max_value=10_000)
    log = forms.IntegerField(required=False, min_value=1)
    q = forms.CharField(required=False, max_length=MAX_QUERY_CHARS)
    n = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["terms", "note"]
        widgets = {"terms": forms.TextInput(attrs={"placeholder": "退款, 退钱, refund", "autofocus": True})}


class AnalyticsForm(forms.Form):
    # django-stubs type empty_value as str, but Django hands back any value as it is.
    days = forms.TypedChoiceField(choices=[(7, "7"), (30, "30")], coerce=int, required=False, empty_value=7)  # type: ignore[arg-type]
