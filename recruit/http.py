"""What every request goes through around its view, decided in one place: the body cap, rate limits
counted before the body is parsed, the client address behind trusted proxies, numbers in URLs and
query strings kept within what the database can hold, and ``Cache-Control: no-store`` on private pages.
"""
from __future__ import annotations

from flask import Flask, Request, current_app, g, request, session
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

# The largest PostgreSQL integer (SQLite's 2^63 is larger still): no id or page number goes past it.
INT_MAX = 2**31 - 1

# Routes that take more than MAX_CONTENT_LENGTH, each with the config key of its cap in MB. The larger cap
# is given to signed-in users only: a visitor's body to these routes is still capped at the default.
LARGE_BODY_ROUTES = {"imports.create": "IMPORT_MAX_MB"}


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` in a route: a number past ``INT_MAX`` matches nothing (a 404, like an unknown id)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = INT_MAX,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _in_range(value) -> bool:
    return -INT_MAX - 1 <= value <= INT_MAX


class BoundedParameters(ImmutableMultiDict):
    """Query and form values where ``get(..., type=int)`` treats a number past ``INT_MAX`` as not given,
    as it treats one that does not parse (``?page=99999999999999999999`` is page 1, not a 500)."""

    def get(self, key, default=None, type=None):
        value = super().get(key, default=default, type=type)
        if type is int and isinstance(value, int) and not _in_range(value):
            return default
        return value

    def getlist(self, key, type=None):
        values = super().getlist(key, type=type)
        return [v for v in values if _in_range(v)] if type is int else values


class RecruitRequest(Request):
    """Flask's request with bounded integer parameters."""

    parameter_storage_class = BoundedParameters


def init_app(app: Flask) -> None:
    """Install the request hooks. Called before CSRF protection is set up, so these run before it reads the form."""
    app.request_class = RecruitRequest
    app.url_map.converters["int"] = BoundedIntConverter
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # Only the addresses the trusted proxies added are believed; a client's own X-Forwarded-For is not.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.before_request(limit_before_parsing)
    app.after_request(no_store_private_pages)


def body_cap() -> int | None:
    """The most this request may send, in bytes (``MAX_CONTENT_LENGTH`` unless the route has its own cap)."""
    key = LARGE_BODY_ROUTES.get(request.endpoint or "")
    if key and current_user.is_authenticated:
        return int(current_app.config[key] * 1024 * 1024)
    return current_app.config["MAX_CONTENT_LENGTH"]


def limit_before_parsing() -> None:
    """Set the body cap and count the route's rate limits before anything reads the body.

    Flask-Limiter counts a decorated route's limits inside the view, after CSRF protection has parsed the
    form: a refused client's body would be read in full first. Here they are counted first, once; the
    limiter's own checks later in the request then skip (``extensions._counted_already``).
    """
    from recruit.extensions import limiter

    request.max_content_length = body_cap()
    try:
        limiter._check_request_limit(in_middleware=False)
    finally:
        # The limit that counted, kept for the API's RateLimit-* headers (the limiter's own later pass resets it).
        g.rate_limit = limiter.current_limit
    g.rate_limits_counted = True


def no_store_private_pages(response):
    """Pages for a signed-in user, and pages reached by a secret link (``<token>``), are never cached."""
    # The session is read, not current_user: loading the user here would run Flask-Login's session
    # protection on pages that never look at the user (public forms), and end sessions there.
    if request.endpoint != "static" and ("_user_id" in session or "token" in (request.view_args or {})):
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response
