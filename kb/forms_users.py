"""Forms for the admins' user pages. They parse what was typed; the rules (password
validators, unique usernames, one role per user) live in kb.users."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kb import roles
from kb.users import NO_ROLE

# The same words as templates/role_name.html, highest role last as in the ladder.
ROLE_CHOICES = [
    (roles.AGENT, _("Agent")),
    (roles.EDITOR, _("Editor")),
    (roles.REVIEWER, _("Reviewer")),
    (roles.ADMIN, _("Admin")),
    (roles.PORTAL, _("Portal (API only)")),
]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, username or email"), required=False, max_length=200)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *ROLE_CHOICES, (NO_ROLE, _("No role"))]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and inactive")), ("active", _("Active")), ("inactive", _("Inactive"))],
    )

    def active(self) -> bool | None:
        return {"active": True, "inactive": False}.get(self.cleaned_data.get("status") or "")


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Used to log in. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ROLE_CHOICES,
        initial=roles.AGENT,
        widget=forms.RadioSelect,
        help_text=_(
            "Agents read; editors also write drafts; reviewers also approve and publish; admins can do everything,"
            " including managing users. Portal accounts read public articles through the API only."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's own wording of the configured password rules, already translated.
        self.fields["password"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", _("The two passwords do not match."))
        return data


class UserRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class UserActiveForm(forms.Form):
    active = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")
