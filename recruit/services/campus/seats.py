"""Counting an event's places under its seat lock, and a student's turn on the waitlist.

Seats are counted under a lock on the event row (an UPDATE of ``seats_version`` before counting), so
simultaneous sign-ups never overbook, on PostgreSQL and on SQLite alike.
"""
from __future__ import annotations

from sqlalchemy import func, select, update

from recruit.extensions import db
from recruit.models import CampusEvent, Registration, RegistrationStatus

def _lock_seats(event_id: int) -> None:
    """Take the event's write lock before counting seats (row lock on PostgreSQL, write lock on SQLite)."""
    db.session.execute(update(CampusEvent).where(CampusEvent.id == event_id)
                       .values(seats_version=CampusEvent.seats_version + 1))


def confirmed_count(event_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event_id, Registration.status == RegistrationStatus.CONFIRMED)) or 0


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return (db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == registration.event_id, Registration.status == RegistrationStatus.WAITLISTED,
        (Registration.created_at < registration.created_at)
        | ((Registration.created_at == registration.created_at) & (Registration.id < registration.id)))) or 0) + 1
