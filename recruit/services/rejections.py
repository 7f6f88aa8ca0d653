"""Rejecting applications: the reasons admins offer, and a rejection that may send the rejection email."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import RejectionReason
from recruit.services import email, pipeline
from recruit.services.audit import record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.pipeline import reorder
from recruit.services.text import squash

DEFAULTS = ["Skills do not match the role", "Not enough relevant experience", "Salary expectations too high",
            "Notice period too long", "Location does not suit", "Did not attend the interview", "Position filled",
            "Candidate withdrew interest"]
TEMPLATE = "rejection"  # the email template offered with a rejection


def ensure_defaults() -> None:
    """Create the default reasons on a new database (idempotent; removed ones stay removed)."""
    if db.session.scalar(select(func.count()).select_from(RejectionReason)):
        return
    try:
        with db.session.begin_nested():  # two first requests at once: one of them seeds
            for position, label in enumerate(DEFAULTS):
                db.session.add(RejectionReason(label=label, position=position * 10))
    except IntegrityError:
        pass
    db.session.commit()


def reasons(*, include_removed: bool = False) -> list[RejectionReason]:
    """The reasons, in the admins' order (removed ones only when asked)."""
    ensure_defaults()
    stmt = select(RejectionReason).order_by(RejectionReason.position, RejectionReason.id)
    if not include_removed:
        stmt = stmt.where(RejectionReason.active.is_(True))
    return list(db.session.scalars(stmt))


def _label(label: str) -> str:
    label = squash(label)
    if not label:
        raise InvalidInput("Write the reason.", field="label")
    if len(label) > 120:
        raise InvalidInput("Keep a reason under 120 characters.", field="label")
    return label


def add_reason(label: str, *, actor_id: int) -> RejectionReason:
    """A new reason at the end of the list."""
    label = _label(label)
    known = db.session.scalars(select(RejectionReason)
                               .where(func.lower(RejectionReason.label) == label.lower())).first()
    if known is not None:
        if known.active:
            raise InvalidInput("That reason is already on the list.", field="label")
        known.active = True  # added again: the removed one comes back
        reason = known
    else:
        last = db.session.scalar(select(func.max(RejectionReason.position))) or 0
        reason = RejectionReason(label=label, position=last + 10)
        db.session.add(reason)
    db.session.flush()
    record_audit("rejection_reason.add", reason, actor_id=actor_id, label=label)
    db.session.commit()
    return reason


def update_reason(reason_id: int, *, actor_id: int, label: str | None = None, active: bool | None = None,
                  direction: str | None = None) -> RejectionReason:
    """Rename, remove or restore, or move a reason up or down the list."""
    ensure_defaults()
    reason = db.session.get(RejectionReason, reason_id)
    if reason is None:
        raise NotFound("No such reason.")
    changes = {}
    if label is not None and _label(label) != reason.label:
        changes["label"] = [reason.label, _label(label)]
        reason.label = _label(label)
    if active is not None and active != reason.active:
        changes["active"] = [reason.active, active]
        reason.active = active
    if direction in ("up", "down") and reason.active:
        if reorder(reasons(), reason, direction):
            changes["position"] = direction
    if changes:
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            raise InvalidInput("That reason is already on the list.", field="label")
        record_audit("rejection_reason.update", reason, actor_id=actor_id, **changes)
    db.session.commit()
    return reason


def move(application_ids: list[int], to_stage: str, *, actor_id: int, reason: str | None = None,
         job_id: int | None = None, send_rejection_email: bool = False, sender_name: str | None = None):
    """Move applications to a stage (``pipeline.move``); for a rejection, queue the rejection email to each
    one moved when asked. Returns ``(MoveResult, emails queued, problems with the emails)``."""
    result = pipeline.move(application_ids, to_stage, actor_id=actor_id, reason=reason, job_id=job_id)
    queued, problems = 0, []
    if send_rejection_email and to_stage == "rejected" and result.moved:
        queued, problems = email.send_template(TEMPLATE, result.moved, actor_id=actor_id, sender_name=sender_name,
                                               job_id=job_id)
    return result, queued, problems
