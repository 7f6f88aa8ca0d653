"""Planning a campus event: creating it, editing it (a larger capacity moves the waitlist up) and its status."""
from __future__ import annotations

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import CampusEvent, EventStatus, Job, User
from recruit.services.audit import record_audit
from recruit.services.campus.details import _code, get_event
from recruit.services.campus.seats import confirmed_count
from recruit.services.campus.signup import promote_waitlisted
from recruit.services.errors import InvalidInput

def create_event(values: dict, *, actor_id: int, job_ids: list[int] = (), team_ids: list[int] = ()) -> CampusEvent:
    """A draft event from checked ``values`` (``campus.forms.EventForm``: times in UTC), for those jobs, with
    that team."""
    event = CampusEvent(**values, code=_code(), created_by_id=actor_id)
    event.jobs = list(db.session.scalars(select(Job).where(Job.id.in_(job_ids)))) if job_ids else []
    event.team = list(db.session.scalars(select(User).where(User.id.in_(team_ids)))) if team_ids else []
    db.session.add(event)
    db.session.flush()
    record_audit("campus.create", event, actor_id=actor_id, title=event.title, school=event.school)
    db.session.commit()
    return event


def update_event(event_id: int, values: dict, *, actor_id: int, job_ids: list[int] = (),
                 team_ids: list[int] = ()) -> CampusEvent:
    """Change an event to checked ``values``; its capacity never goes below the places already given, and a
    larger one moves the waitlist up."""
    event = get_event(event_id)
    if values["capacity"] < confirmed_count(event.id):
        raise InvalidInput(f"{confirmed_count(event.id)} students already have a place; capacity cannot be lower.",
                           field="capacity")
    grew = values["capacity"] > event.capacity
    for key, value in values.items():
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
