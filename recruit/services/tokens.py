"""Personal access tokens: created by a signed-in user (the secret shown once, its SHA-256 kept), scoped to no
more than the user's role allows, revocable, and checked on every API request."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from recruit.extensions import db
from recruit.models import ApiToken, Role, User
from recruit.models.base import utcnow
from recruit.services.audit import record_audit
from recruit.services.errors import InvalidInput, NotFound

SCOPES = ("jobs:read", "jobs:write", "candidates:read", "candidates:write", "applications:read",
          "applications:write", "imports:write", "clients:read", "clients:write", "campus:read", "campus:write",
          "interviews:read", "interviews:write", "admin")
# What each role may hold: the pages it may open, as scopes. An interviewer sees only their assignments.
ROLE_SCOPES = {
    Role.ADMIN.value: set(SCOPES),
    Role.RECRUITER.value: set(SCOPES) - {"admin"},
    Role.EXECUTIVE.value: set(SCOPES) - {"admin"},  # an executive consultant: what a recruiter may, and more on the pages
    Role.INTERVIEWER.value: {"interviews:read", "interviews:write"},
}
PREFIX = "rct_"
EXPIRY_DAYS = (7, 30, 90, 365)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def allowed_scopes(role: str) -> list[str]:
    """The scopes a user of ``role`` may give a token, in the documented order."""
    return [s for s in SCOPES if s in ROLE_SCOPES.get(role, set())]


def create_token(user_id: int, name: str, scopes: list[str], *, expires_days: int | None) -> tuple[ApiToken, str]:
    """A new token for the user and its secret (shown once: only its hash is kept)."""
    user = db.session.get(User, user_id)
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Give the token a name, to tell it apart later.", field="name")
    if not scopes:
        raise InvalidInput("Choose at least one scope.", field="scopes")
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise InvalidInput(f"Unknown scope: {', '.join(unknown)}.", field="scopes")
    beyond = [s for s in scopes if s not in ROLE_SCOPES.get(user.role, set())]
    if beyond:
        raise InvalidInput(f"Your role does not allow: {', '.join(beyond)}.", field="scopes")
    if expires_days is not None and expires_days not in EXPIRY_DAYS:
        raise InvalidInput("Choose an expiry.", field="expires_days")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user_id, name=name[:120], prefix=secret[:len(PREFIX) + 6], token_hash=digest(secret),
                     scopes=[s for s in SCOPES if s in scopes],
                     expires_at=utcnow() + timedelta(days=expires_days) if expires_days else None)
    db.session.add(token)
    db.session.flush()
    record_audit("token.create", token, actor_id=user_id, name=token.name, scopes=token.scopes)
    db.session.commit()
    return token, secret


def tokens_of(user_id: int) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke(user_id: int, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; it stops working at once."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_audit("token.revoke", token, actor_id=user_id, name=token.name)
        db.session.commit()
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The usable token with this secret, its owner active, or None."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret))
                              .options(joinedload(ApiToken.user)))  # every request reads its owner: one query
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    return token


def effective_scopes(token: ApiToken) -> set[str]:
    """What the token may do now: its scopes, cut to what its owner's role allows today."""
    return set(token.scopes) & ROLE_SCOPES.get(token.user.role, set())


def mark_used(token: ApiToken) -> None:
    """Record the token's use, at most once a minute (every request writing would serialise them on SQLite)."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now
        db.session.commit()
