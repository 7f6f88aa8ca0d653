"""The privacy link every candidate email carries: a signed token naming the candidate, and the footer with it.

Read by email (every message) and privacy (the page it opens), so it depends on neither.
"""
from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from recruit.extensions import db
from recruit.models import Candidate
from recruit.services.urls import public_url

TOKEN_DAYS = 365


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="recruit-privacy")


def _fingerprint(candidate: Candidate) -> str:
    return hashlib.sha256(f"{candidate.id}:{candidate.email or ''}".encode()).hexdigest()[:16]


def token_for(candidate: Candidate) -> str:
    """The token of the candidate's privacy link (it stops working once their email changes)."""
    return _serializer().dumps({"c": candidate.id, "f": _fingerprint(candidate)})


def candidate_for(token: str) -> Candidate | None:
    """The candidate a link belongs to, or None (bad, expired, or their data is already erased)."""
    try:
        data = _serializer().loads(token, max_age=TOKEN_DAYS * 86400)
    except BadSignature:
        return None
    candidate = db.session.get(Candidate, data.get("c")) if isinstance(data, dict) else None
    if candidate is None or candidate.erased_at or _fingerprint(candidate) != data.get("f"):
        return None
    return candidate


def footer(candidate: Candidate) -> str:
    """The privacy footer of every email to a candidate, with their link."""
    link = public_url("public.privacy", token=token_for(candidate))
    return f"—\nYour data: get a copy of what we hold about you, or ask us to erase it: {link}"
