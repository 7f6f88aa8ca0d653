"""Writing the candidate timeline and the audit log; every service that changes data calls these."""
from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Activity, AuditEvent
from recruit.services.stages import labels
from recruit.services.text import squash


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


# ------------------------------------------------------------------ the audit log in words

FOLD_TEXT = 100  # characters of one value shown before it is cut
FOLD_ITEMS = 6  # items of a list named before "and N more"
LABELS = {"old": "Was", "new": "Now", "ip": "Address", "agent": "Browser", "sha256": "File hash",
          "walk_in": "Walk-in", "mentions": "People mentioned", "corrected": "Fields corrected",
          "new_application": "New application", "rows": "Rows exported", "margin": "Margin %"}
# For actions with old and new: what changed, named as the page that changes it names it.
OLD_NEW = {"application.stage": "Stage", "job.status": "Status", "campus.status": "Status",
           "application.override": "Override", "job.shortlist_rule": "Shortlist rule"}
PAIRS = {"user.update", "pipeline.stage_update"}  # their details are field: [old, new]
REFERENCES = {"candidate_id": "Candidate", "job_id": "Job", "event_id": "Event", "application_id": "Application",
              "client_id": "Client", "contact_id": "Contact", "document_id": "Document"}


def _fold(text: str, limit: int = FOLD_TEXT) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _names(items) -> list[str]:
    """The readable names in a list of values (a parsed skill is a dict with its name)."""
    out = []
    for item in items or []:
        if isinstance(item, dict):
            item = item.get("name") or item.get("title") or item.get("degree") or ", ".join(
                f"{k} {v}" for k, v in item.items() if v not in (None, ""))
        out.append(_fold(item, 60))
    return out


def _list(items) -> str:
    names = _names(items)
    shown = ", ".join(names[:FOLD_ITEMS])
    return shown + (f" and {len(names) - FOLD_ITEMS} more" if len(names) > FOLD_ITEMS else "")


def _value(value, key: str = "", stages: dict[str, str] | None = None) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return _list(value)
    if isinstance(value, dict):
        return _fold(", ".join(f"{k.replace('_', ' ')} {_value(v)}" for k, v in value.items()))
    if stages and isinstance(value, str) and value in stages:
        return stages[value]
    return _fold(value)


def _label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").replace(".", " ").strip().capitalize()


def _field_label(path: str) -> str:
    """``skills`` -> Skills; ``education.0.degree`` -> Education 1, degree."""
    parts = path.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        return f"{_label(parts[0])} {int(parts[1]) + 1}, {parts[2].replace('_', ' ')}"
    return _label(path)


def _change(label: str, old, new, stages: dict[str, str] | None = None) -> str:
    """One change in words: lists say what was removed and added; single values say from -> to."""
    if isinstance(old, (list, tuple)) or isinstance(new, (list, tuple)):
        before, after = _names(old), _names(new)
        removed = [n for n in before if n.lower() not in {a.lower() for a in after}]
        added = [n for n in after if n.lower() not in {b.lower() for b in before}]
        parts = ([f"removed {_list(removed)}"] if removed else []) + ([f"added {_list(added)}"] if added else [])
        return f"{label}: " + ("; ".join(parts) if parts else "reordered")
    if isinstance(old, dict) and isinstance(new, dict):
        moved = [f"{k.replace('_', ' ')} {_value(old.get(k))} -> {_value(new.get(k))}"
                 for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
        return f"{label}: " + (_fold("; ".join(moved), 2 * FOLD_TEXT) if moved else "unchanged")
    return f"{label}: {_value(old, stages=stages)} -> {_value(new, stages=stages)}"


def describe_changes(action: str, details: dict | None) -> list[str]:
    """An audit row's details in words, one line each, long values folded.

    ``profile.correct`` of skills reads "Skills: removed X; added Y", a stage move "Stage: Screening ->
    Interview", a user's role "Role: recruiter -> admin"; ids read "Candidate #12".
    """
    if not details:
        return []
    details = dict(details)
    stages = None
    if action == "application.stage" or action.startswith("pipeline."):
        stages = labels()
    lines = []
    if action == "profile.correct" and "field" in details:
        lines.append(_change(_field_label(details.pop("field")), details.pop("old", None), details.pop("new", None)))
    elif "old" in details and "new" in details:
        lines.append(_change(OLD_NEW.get(action, "Value"), details.pop("old"), details.pop("new"), stages))
    elif "old" in details and isinstance(details["old"], dict):  # the shortlist rule: old settings, new ones apart
        old = details.pop("old")
        lines.append(_change(OLD_NEW.get(action, "Settings"), old, {k: details.pop(k, None) for k in old}))
    if "weights" in details and "old_weights" in details:
        lines.append(_change("Weights", details.pop("old_weights") or {}, details.pop("weights") or {}))
    for key, value in details.items():
        if key in REFERENCES and value is not None:
            lines.append(f"{REFERENCES[key]} #{value}")
        elif action in PAIRS and isinstance(value, (list, tuple)) and len(value) == 2:
            lines.append(_change(_label(key), value[0], value[1], stages))
        elif value is not None:
            if key in ("applications", "interviewers", "candidates", "mentions") and isinstance(value, list):
                value = [f"#{v}" for v in value]
            lines.append(f"{_label(key)}: {_value(value, key, stages)}")
    return lines
