"""The admins' user pages: list and filter users, create one, change a role, deactivate or
activate. Same four steps as kb.views: authorize, validate (kb.forms_users), call a service
(kb.users), render or redirect. The row buttons have no typed input to keep, so a refused
change redirects back to the same list with the reason as an error message (refresh-safe)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kb import roles, users
from kb.errors import ValidationFailed
from kb.forms_users import ROLE_CHOICES, UserActiveForm, UserCreateForm, UserFilterForm, UserRoleForm

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    """Django's login page, stating the lockout policy in force (django-axes settings)."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        return {
            **super().get_context_data(**kwargs),
            "lockout_attempts": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }


def _require_admin(request: HttpRequest) -> None:
    if not roles.has_role(request.user, roles.ADMIN):
        raise PermissionDenied


def _role_label(role: str) -> str:
    return str(dict(ROLE_CHOICES).get(role, role))


def _list_params(request: HttpRequest) -> QueryDict:
    """The filters and page the row's form was posted from (a hidden `return_to` field)."""
    return QueryDict(request.POST.get("return_to", ""))


def _back_to_list(params: QueryDict) -> HttpResponseRedirect:
    # Re-encoded from the parsed QueryDict, so only a query string can follow the fixed path.
    query = params.urlencode()
    return redirect(reverse("kb:user-list") + (f"?{query}" if query else ""))


def _refuse(request: HttpRequest, params: QueryDict, reason: str) -> HttpResponseRedirect:
    messages.error(request, reason)
    return _back_to_list(params)


@login_required
def list_users(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = UserFilterForm(request.GET)
    if form.is_valid():
        found = users.list_users(query=form.cleaned_data["q"], role=form.cleaned_data["role"], active=form.active())
    else:
        found = users.list_users()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "return_to": request.GET.urlencode(),
        "role_choices": ROLE_CHOICES,
        "events": users.list_user_events(),
    }
    return render(request, "kb/user_list.html", context)


def _render_form(request: HttpRequest, form: UserCreateForm, *, status: int = 200) -> HttpResponse:
    return render(request, "kb/user_form.html", {"form": form}, status=status)


@login_required
def create_user(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    if request.method != "POST":
        return _render_form(request, UserCreateForm())
    form = UserCreateForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    data = form.cleaned_data
    try:
        user = users.create_user(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            role=data["role"],
            by=roles.acting_user(request),
        )
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        return _render_form(request, form, status=error.status_code)
    messages.success(
        request,
        _("User %(user)s was created with the role %(role)s. They can log in now.")
        % {"user": user.get_username(), "role": _role_label(data["role"])},
    )
    return redirect(reverse("kb:user-list") + "?" + urlencode({"q": user.get_username()}))


@login_required
@require_POST
def change_role(request: HttpRequest, user_id: int) -> HttpResponse:
    user = users.get_user_for_admin(request.user, user_id)
    form = UserRoleForm(request.POST)
    params = _list_params(request)
    if not form.is_valid():
        return _refuse(request, params, _("Choose a valid role."))
    try:
        users.set_user_role(user=user, role=form.cleaned_data["role"], by=roles.acting_user(request))
    except ValidationFailed as error:
        return _refuse(request, params, error.message)
    messages.success(
        request,
        _("%(user)s is now %(role)s.") % {"user": user.get_username(), "role": _role_label(form.cleaned_data["role"])},
    )
    return _back_to_list(params)


@login_required
@require_POST
def change_active(request: HttpRequest, user_id: int) -> HttpResponse:
    user = users.get_user_for_admin(request.user, user_id)
    form = UserActiveForm(request.POST)
    params = _list_params(request)
    if not form.is_valid():
        return _refuse(request, params, _("The form was incomplete. Please try again."))
    try:
        if form.cleaned_data["active"]:
            users.activate_user(user=user, by=roles.acting_user(request))
            done = _("%(user)s can log in again.")
        else:
            users.deactivate_user(user=user, by=roles.acting_user(request))
            done = _("%(user)s was deactivated and can no longer log in.")
    except ValidationFailed as error:
        return _refuse(request, params, error.message)
    messages.success(request, done % {"user": user.get_username()})
    return _back_to_list(params)
