"""Writing the candidate timeline and the audit log; every service that changes data calls these."""
from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Activity, AuditEvent


def record_audit(action: str, obj, *, actor_id: int | None, **details) -> AuditEvent:
    """Add an audit row for ``action`` on ``obj`` (a model instance, or a ``(type, id)`` pair).

    The caller commits. The client address is taken from the request when there is one.
    """
    if isinstance(obj, tuple):
        object_type, object_id = obj
    else:
        object_type, object_id = type(obj).__name__.lower(), getattr(obj, "id", None)
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=details or None,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event


def record_activity(candidate_id: int, kind: str, summary: str, *, actor_id: int | None,
                    job_id: int | None = None, application_id: int | None = None,
                    data: dict | None = None) -> Activity:
    """Add an entry to a candidate's timeline. The caller commits."""
    activity = Activity(candidate_id=candidate_id, kind=kind, summary=summary, actor_id=actor_id,
                        job_id=job_id, application_id=application_id, data=data)
    db.session.add(activity)
    return activity


def timeline(candidate_id: int, limit: int = 200) -> list[Activity]:
    """A candidate's timeline, newest first."""
    stmt = (select(Activity).where(Activity.candidate_id == candidate_id)
            .order_by(Activity.created_at.desc(), Activity.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def audit_log(*, action: str | None = None, actor_id: int | None = None, page: int = 1, per_page: int = 50):
    """The audit log, newest first, as a page."""
    stmt = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action))
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)
