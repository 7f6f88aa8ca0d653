"""Role checks for views: every recruiter route is wrapped in ``role_required``."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from recruit.models import Role

STAFF = (Role.ADMIN, Role.RECRUITER, Role.EXECUTIVE)
EVERYONE = (Role.ADMIN, Role.RECRUITER, Role.INTERVIEWER, Role.EXECUTIVE)
# Who keeps the service lines and the rate card, and approves fees below its floor.
EXECUTIVES = (Role.ADMIN, Role.EXECUTIVE)


def role_required(*roles: Role):
    """Require a signed-in user (else redirect to sign-in) holding one of ``roles`` (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = tuple(r.value for r in roles)
        return wrapped

    return decorator


def safe_next(target: str | None, default: str) -> str:
    """Follow a ``next`` value only to a path on this site (never to another host)."""
    from urllib.parse import urlsplit

    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//") \
                and "\\" not in target:
            return target
    return default
