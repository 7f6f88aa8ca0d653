"""Planning a campus event: creating it, editing it (a larger capacity moves the waitlist up) and its status."""
from __future__ import annotations

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import CampusEvent, EventStatus, Job, User
from recruit.services.audit import record_audit
from recruit.services.campus.details import _code, _float, _local, _words, get_event
from recruit.services.campus.seats import confirmed_count
from recruit.services.campus.signup import promote_waitlisted
from recruit.services.errors import InvalidInput

def _event_values(values: dict) -> dict:
    from recruit.services.interviews import zone

    tz = values.get("timezone") or "Asia/Kolkata"
    zone(tz)
    title, school = " ".join((values.get("title") or "").split()), " ".join((values.get("school") or "").split())
    if not title or not school:
        raise InvalidInput("An event needs a title and a school.", field="title" if not title else "school")
    starts = _local(values.get("starts_at"), tz)
    if starts is None:
        raise InvalidInput("When does it start?", field="starts_at")
    capacity = values.get("capacity")
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        raise InvalidInput("Capacity is a number of students.", field="capacity")
    if not 1 <= capacity <= 100_000:
        raise InvalidInput("Capacity is between 1 and 100,000.", field="capacity")
    years = []
    for y in _words(values.get("graduation_years")):
        if not y.isdigit() or not 1990 <= int(y) <= 2100:
            raise InvalidInput("Graduation years are four-digit years, separated by commas.", field="graduation_years")
        years.append(int(y))
    out = {"title": title[:200], "school": school[:200], "description": (values.get("description") or "").strip(),
           "timezone": tz, "starts_at": starts, "ends_at": _local(values.get("ends_at"), tz),
           "venue": (values.get("venue") or "").strip()[:300], "capacity": capacity,
           "signup_opens_at": _local(values.get("signup_opens_at"), tz),
           "signup_closes_at": _local(values.get("signup_closes_at"), tz),
           "eligible_degrees": _words(values.get("eligible_degrees")),
           "eligible_branches": _words(values.get("eligible_branches")), "graduation_years": years,
           "min_cgpa": _float(values.get("min_cgpa"), "Minimum CGPA", 0, 10),
           "min_percentage": _float(values.get("min_percentage"), "Minimum percentage", 0, 100),
           "no_active_backlogs": bool(values.get("no_active_backlogs"))}
    if out["ends_at"] and out["ends_at"] < out["starts_at"]:
        raise InvalidInput("The event ends before it starts.", field="ends_at")
    if out["signup_opens_at"] and out["signup_closes_at"] and out["signup_closes_at"] <= out["signup_opens_at"]:
        raise InvalidInput("Sign-up closes before it opens.", field="signup_closes_at")
    return out


def create_event(values: dict, *, actor_id: int, job_ids: list[int] = (), team_ids: list[int] = ()) -> CampusEvent:
    cleaned = _event_values(values)
    event = CampusEvent(**cleaned, code=_code(), created_by_id=actor_id)
    event.jobs = list(db.session.scalars(select(Job).where(Job.id.in_(job_ids)))) if job_ids else []
    event.team = list(db.session.scalars(select(User).where(User.id.in_(team_ids)))) if team_ids else []
    db.session.add(event)
    db.session.flush()
    record_audit("campus.create", event, actor_id=actor_id, title=event.title, school=event.school)
    db.session.commit()
    return event


def update_event(event_id: int, values: dict, *, actor_id: int, job_ids: list[int] = (),
                 team_ids: list[int] = ()) -> CampusEvent:
    event = get_event(event_id)
    cleaned = _event_values(values)
    if cleaned["capacity"] < confirmed_count(event.id):
        raise InvalidInput(f"{confirmed_count(event.id)} students already have a place; capacity cannot be lower.",
                           field="capacity")
    grew = cleaned["capacity"] > event.capacity
    for key, value in cleaned.items():
        setattr(event, key, value)
    event.jobs = list(db.session.scalars(select(Job).where(Job.id.in_(job_ids)))) if job_ids else []
    event.team = list(db.session.scalars(select(User).where(User.id.in_(team_ids)))) if team_ids else []
    record_audit("campus.update", event, actor_id=actor_id)
    db.session.commit()
    if grew:
        promote_waitlisted(event.id)
    return event


def set_status(event_id: int, status: str, *, actor_id: int) -> CampusEvent:
    event = get_event(event_id)
    if status not in set(EventStatus):
        raise InvalidInput("Unknown status.")
    old, event.status = event.status, status
    record_audit("campus.status", event, actor_id=actor_id, old=old, new=status)
    db.session.commit()
    return event
