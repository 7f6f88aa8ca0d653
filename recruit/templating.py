"""Jinja filters and globals shared by every template."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import request, url_for
from markupsafe import Markup, escape


def timeago(value: datetime | None) -> str:
    """'3 days ago' style text for a past moment."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    seconds = int((datetime.now(timezone.utc) - value).total_seconds())
    if seconds < 60:
        return "just now"
    for unit, size in (("year", 31536000), ("month", 2592000), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def datetimeformat(value: datetime | None, fmt: str = "%d %b %Y, %H:%M UTC") -> str:
    return value.strftime(fmt) if value else ""


def filesize(n: int | None) -> str:
    if n is None:
        return ""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (for sort links and pagination)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def highlight_phone(value: str | None) -> Markup:
    return Markup(f'<a href="tel:{escape(value)}">{escape(value)}</a>') if value else Markup("")


def mentions(text: str | None) -> Markup:
    """A note with its @mentions emphasised (the rest escaped)."""
    from recruit.services.notes import MENTION

    escaped = str(escape(text or ""))
    return Markup(MENTION.sub(lambda m: f'<strong class="mention">{m.group(0)}</strong>', escaped))


def review_pending() -> int:
    """Resumes waiting in the review queue (for the navigation badge)."""
    from recruit.services.review import pending_count

    return pending_count()


def stage_label(key: str) -> str:
    """The label an admin gave a pipeline stage."""
    from recruit.services.pipeline import labels

    return labels().get(key, key.replace("_", " ").capitalize())


def who(candidate, job=None):
    """How the signed-in user may see ``candidate`` on a page about ``job``: an ``Identity`` whose ``name``
    is the name or the blind-review label and whose contact details are empty when hidden."""
    from flask_login import current_user

    from recruit.services.blind import identity

    return identity(current_user, candidate, job)


def _now():
    return datetime.now(timezone.utc)


def register(app) -> None:
    app.jinja_env.filters.update(timeago=timeago, datetimeformat=datetimeformat, filesize=filesize,
                                 phone=highlight_phone, mentions=mentions)
    from zoneinfo import ZoneInfo

    app.jinja_env.globals.update(url_with=url_with, review_pending=review_pending, zoneinfo=ZoneInfo, now=_now,
                                 stage_label=stage_label, who=who)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
