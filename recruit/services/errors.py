"""Domain errors that routes turn into messages or status codes."""
from __future__ import annotations


class ServiceError(Exception):
    """A request the domain refuses; ``str(err)`` is safe to show to the user."""

    status = 400


class NotFound(ServiceError):
    status = 404


class PermissionDenied(ServiceError):
    status = 403


class Conflict(ServiceError):
    """The change would break a rule about other records (a duplicate, the last admin)."""

    status = 409

    def __init__(self, message: str, *, existing_id: int | None = None):
        super().__init__(message)
        self.existing_id = existing_id


class InvalidInput(ServiceError):
    """A value is not acceptable; ``field`` names the form field it belongs to, if any."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
