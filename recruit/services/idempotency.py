"""Answers kept for idempotency keys: a creating API POST retried with the same key gets its first answer."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import IdempotentRequest


def find(token_id: int, key: str) -> IdempotentRequest | None:
    return db.session.scalar(select(IdempotentRequest).where(IdempotentRequest.token_id == token_id,
                                                             IdempotentRequest.key == key))


def remember(token_id: int, key: str, body_hash: str, status: int, body: str, location: str | None) -> None:
    """Keep the answer; a concurrent twin that stored first wins (its answer is the first)."""
    db.session.add(IdempotentRequest(token_id=token_id, key=key, body_hash=body_hash, status=status, body=body,
                                     location=location))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
