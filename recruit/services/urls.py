"""Absolute links for emails and QR codes, which outlive the request that made them."""
from __future__ import annotations

from flask import current_app, has_request_context, url_for


def public_url(endpoint: str, **values) -> str:
    """``RECRUIT_PUBLIC_URL`` + the path when it is set (behind proxies, from workers); otherwise the
    address of the current request."""
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if base:
        with current_app.test_request_context("/"):
            return base + url_for(endpoint, **values)
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, _external=True, **values)
