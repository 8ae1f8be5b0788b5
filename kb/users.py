"""Users and their roles: the reads and writes behind the admins' user pages and
`manage.py set_role`. A user holds one role group at a time (kb.roles); every change is
recorded as an AuditEvent without an article, with the username in `detail`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kb import roles
from kb.errors import ValidationFailed
from kb.models import AuditEvent

NO_ROLE = "none"  # the role filter's value for users without any role group
USER_ACTIONS = ["create_user", "set_role", "deactivate_user", "activate_user"]


def display_name(user: User) -> str:
    """How a colleague is named on a page: the full name agents know them by, else the login."""
    return str(user.get_full_name() or user.get_username())


def _record(*, by: User | None, action: str, user: User, **detail: Any) -> None:
    AuditEvent.objects.create(actor=by, action=action, article=None, detail={"user": user.get_username(), **detail})


def _forget_role(user: User) -> None:
    # kb.roles.role_of caches the role on the instance.
    user.__dict__.pop("_concord_role", None)


def _role_group(role: str) -> Group:
    group, _created = Group.objects.get_or_create(name=role)
    if role == roles.ADMIN:
        # "admin = everything, incl. the Django admin": without permissions a staff user
        # would find the Django admin empty. New models' permissions are picked up here too.
        missing = Permission.objects.exclude(group=group)
        if missing.exists():
            group.permissions.add(*missing)
    return group


def _check_role(role: str) -> None:
    if role not in roles.ALL_GROUPS:
        raise ValidationFailed(
            _("Unknown role %(role)s. Choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(roles.ALL_GROUPS)},
            fields={"role": [_("Choose a valid role.")]},
        )


# Reads ----------------------------------------------------------------------------------


def _holds(group: str) -> Exists:
    return Exists(Group.objects.filter(user=OuterRef("pk"), name=group))


def with_roles(users: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate `concord_role`, computed like kb.roles.role_of: the highest group wins."""
    highest_first = [When(is_superuser=True, then=Value(roles.ADMIN))]
    highest_first += [When(_holds(r), then=Value(r)) for r in [*reversed(roles.LADDER), roles.PORTAL]]
    return users.annotate(concord_role=Case(*highest_first, default=Value(NO_ROLE), output_field=CharField()))


def list_users(*, query: str = "", role: str = "", active: bool | None = None) -> QuerySet[Any]:
    users = with_roles(get_user_model().objects.all())
    if query:
        # Both name orders: "Erin Lee" and "李娜" (family name first, no space).
        users = users.annotate(
            western_name=Concat("first_name", Value(" "), "last_name"),
            eastern_name=Concat("last_name", "first_name"),
        ).filter(
            Q(username__icontains=query)
            | Q(western_name__icontains=query)
            | Q(eastern_name__icontains=query)
            | Q(email__icontains=query)
        )
    if role:
        users = users.filter(concord_role=role)
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("username")


def get_user_for_admin(admin: roles.User, pk: int) -> User:
    if not roles.has_role(admin, roles.ADMIN):
        raise PermissionDenied
    return get_object_or_404(with_roles(get_user_model().objects.all()), pk=pk)


def list_user_events(*, limit: int = 10) -> QuerySet[AuditEvent]:
    """The latest user-management entries of the audit trail, newest first."""
    return AuditEvent.objects.filter(action__in=USER_ACTIONS).select_related("actor")[:limit]


# Writes ---------------------------------------------------------------------------------


def _assign_role(user: User, role: str) -> None:
    user.groups.remove(*Group.objects.filter(name__in=roles.ALL_GROUPS).exclude(name=role))
    user.groups.add(_role_group(role))
    is_staff = role == roles.ADMIN or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    _forget_role(user)


@transaction.atomic
def set_user_role(*, user: User, role: str, by: User | None) -> User:
    """Give the user exactly one role group. Admins are also staff, so that they can open the
    Django admin; leaving admin takes that away again (superusers keep it)."""
    _check_role(role)
    previous = roles.role_of(user)
    if by is not None and by.pk == user.pk and role != roles.ADMIN:
        raise ValidationFailed(
            _("You cannot take away your own admin role. Ask another admin to do it."),
            fields={"role": [_("You cannot change your own role.")]},
        )
    if user.is_superuser and role != roles.ADMIN:
        raise ValidationFailed(
            _(
                "%(user)s is a superuser and therefore always an admin."
                " Remove superuser status in the Django admin first."
            )
            % {"user": user.get_username()},
            fields={"role": [_("Superusers are always admins.")]},
        )
    _assign_role(user, role)
    if role != previous:
        _record(by=by, action="set_role", user=user, role=role, previous_role=previous)
    return user


@transaction.atomic
def create_user(*, username: str, email: str, password: str, role: str, by: User | None) -> User:
    """A new active user with one role. The password must pass Django's password validators."""
    model = get_user_model()
    username = username.strip()
    email = model.objects.normalize_email(email.strip())
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("The username cannot be empty.")]
    else:
        try:
            UnicodeUsernameValidator()(username)
        except DjangoValidationError as error:
            errors["username"] = list(error.messages)
        if model.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(_("A user with this username already exists."))
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as error:
            errors["email"] = list(error.messages)
    if role not in roles.ALL_GROUPS:
        errors["role"] = [_("Choose a valid role.")]
    try:
        # The unsaved user lets the similarity validator compare the password with the name.
        password_validation.validate_password(password, user=model(username=username, email=email))
    except DjangoValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)
    user = model.objects.create_user(username=username, email=email, password=password)
    _assign_role(user, role)
    _record(by=by, action="create_user", user=user, role=role)
    return user


def deactivate_user(*, user: User, by: User | None) -> User:
    """The user can no longer log in; their articles, history and role stay as they are."""
    if by is not None and by.pk == user.pk:
        raise ValidationFailed(_("You cannot deactivate your own account. Ask another admin to do it."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        _record(by=by, action="deactivate_user", user=user)
    return user


def activate_user(*, user: User, by: User | None) -> User:
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        _record(by=by, action="activate_user", user=user)
    return user
