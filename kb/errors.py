"""The one family of domain errors. Views, the API and commands map them once:
ValidationFailed -> 400 / form errors, EditConflict -> 409, InvalidTransition -> 409."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    status_code = 400


class InvalidTransition(DomainError):
    """The article is not in a state that allows this action (e.g. approve a draft)."""

    status_code = 409


class EditConflict(DomainError):
    """Someone else saved since the editor's base revision. Carries what the other person
    saved so that the losing editor can merge instead of retyping."""

    status_code = 409

    def __init__(self, message: str, *, current_revision: int, current: dict[str, Any] | None) -> None:
        super().__init__(message)
        self.current_revision = current_revision
        self.current = current
