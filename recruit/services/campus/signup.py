"""Signing up for a campus event: eligibility, a place or a waitlist turn, cancelling, and the list of sign-ups."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import CampusEvent, Registration, RegistrationStatus
from recruit.models.base import utcnow
from recruit.services import bias_audit, candidates as candidate_service
from recruit.services.audit import record_activity, record_audit
from recruit.services.campus.details import eligibility_problems, get_event, has_ended, record_step, signup_state
from recruit.services.campus.notices import _send
from recruit.services.campus.seats import _lock_seats, confirmed_count
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.listing import contains
from recruit.services.parsing import queue_parse
from recruit.services.resumes import held_summary, new_resume
from recruit.services.search import index_candidate
from recruit.services.webhooks import emit, iso


def _token() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


@dataclass
class SignupResult:
    registration: Registration
    created: bool  # False: this email had already signed up (told nothing different on the page)


def register(event: CampusEvent, student: dict, *, consent: bool, resume: tuple[bytes, str] | None = None,
             self_id: dict | None = None, human_review: bool = False, walk_in: bool = False,
             actor_id: int | None = None, source: str = "campus") -> SignupResult:
    """Sign a student up: eligibility checked, a place or a waitlist turn, a candidate found or made.

    ``student`` holds the checked details (``public.forms.StudentForm``). The same email twice for one event
    returns the first registration (and changes nothing).
    """
    if not walk_in:
        open_now, message = signup_state(event)
        if not open_now:
            raise InvalidInput(message)
    problems = eligibility_problems(event, student)
    if problems:
        raise InvalidInput("Thank you for your interest. We cannot register you for this drive because "
                           + "; ".join(problems) + ". Other openings are on our careers page.", field="eligibility")
    if not consent:
        raise InvalidInput("Please agree to how we use your details, or we cannot register you.", field="consent")
    stored_resume = None
    if resume is not None:
        stored_resume = new_resume(None, resume[0], resume[1], actor_id=actor_id)  # checked by content
    _lock_seats(event.id)  # first, so the same student signing up twice at once is seen by the second request
    existing = db.session.scalars(select(Registration).where(Registration.event_id == event.id,
                                                             Registration.email == student["email"])).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        db.session.rollback()
        return SignupResult(db.session.get(Registration, existing.id), False)
    status = RegistrationStatus.CONFIRMED if confirmed_count(event.id) < event.capacity \
        else RegistrationStatus.WAITLISTED
    if walk_in:
        status = RegistrationStatus.CONFIRMED  # they are in the room
    candidate, known = candidate_service.recognise_or_create(student, source=source, actor_id=actor_id,
                                                             created=f"Signed up for {event.title} ({event.school})")
    # A student signing up alone is not verified: a new file for a known candidate awaits a recruiter.
    held = "campus" if known and actor_id is None else None
    if stored_resume is not None and candidate_service.attach_version(candidate, stored_resume, held_from=held) \
            and held:
        db.session.flush()
        record_activity(candidate.id, "resume_added", held_summary(stored_resume), actor_id=None,
                        data={"resume_id": stored_resume.id})
    registration = existing or Registration(event_id=event.id, token=_token())
    for key, value in student.items():
        setattr(registration, key, value)
    registration.candidate_id, registration.status, registration.walk_in = candidate.id, status, walk_in
    registration.cancelled_at, registration.created_at = None, utcnow()
    registration.human_review_requested = bool(human_review)
    db.session.add(registration)
    db.session.flush()
    bias_audit.record_answers(self_id or {}, registration_id=registration.id)
    record_activity(candidate.id, "campus_signup",
                    f"{'Walk-in at' if walk_in else 'Registered for'} {event.title} ({event.school})"
                    + (" — on the waitlist" if status == RegistrationStatus.WAITLISTED else ""), actor_id=actor_id,
                    data={"event_id": event.id, "registration_id": registration.id})
    record_audit("campus.register", registration, actor_id=actor_id, event_id=event.id, status=status,
                 walk_in=walk_in)
    emit("registration.created", {"registration_id": registration.id, "event_id": event.id,
                                  "candidate_id": candidate.id, "status": str(status),
                                  "walk_in": walk_in, "created_at": iso(registration.created_at)})
    db.session.commit()
    index_candidate(candidate.id)
    for r in candidate.resumes:
        if r.parse_status == "pending" and r.acceptance is None:
            queue_parse(r.id)
    if not walk_in:
        _send(registration, "campus_confirmation" if status == RegistrationStatus.CONFIRMED else "campus_waitlist")
    return SignupResult(registration, True)


def by_token(token: str) -> Registration:
    registration = db.session.scalars(select(Registration).where(Registration.token == token)).first() \
        if token else None
    if registration is None:
        raise NotFound("No such registration.")
    return registration


def cancel(token: str) -> Registration:
    """A student gives up their place (or waitlist turn); the first on the waitlist moves up."""
    registration = by_token(token)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    _lock_seats(registration.event_id)
    had_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, utcnow()
    record_step(registration, "campus_cancelled", "campus.cancel",
                f"Cancelled their place at {registration.event.title}", actor_id=None)
    db.session.commit()
    if had_place:
        promote_waitlisted(registration.event_id)
    return registration


def promote_waitlisted(event_id: int) -> list[Registration]:
    """Give free places to the waitlist in the order people signed up; each is told by email."""
    event = get_event(event_id)
    _lock_seats(event_id)
    free = event.capacity - confirmed_count(event_id)
    promoted = []
    if free > 0:
        promoted = list(db.session.scalars(select(Registration).where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.WAITLISTED)
            .order_by(Registration.created_at, Registration.id).limit(free)))
        for registration in promoted:
            registration.status, registration.promoted_at = RegistrationStatus.CONFIRMED, utcnow()
            record_step(registration, "campus_promoted", "campus.promote",
                        f"Moved up from the waitlist of {event.title}", actor_id=None)
    db.session.commit()
    for registration in promoted:
        _send(registration, "campus_promoted")
    return promoted


def counts(event_id: int) -> dict[str, int | None]:
    """Registrations of an event by status, plus attended and no-shows (None until the event has ended: until
    then nobody has missed it), in one query."""
    from sqlalchemy import case

    attended = func.sum(case((Registration.checked_in_at.isnot(None), 1), else_=0))
    rows = db.session.execute(select(Registration.status, func.count(), attended).where(
        Registration.event_id == event_id).group_by(Registration.status)).all()
    out = {status.value: 0 for status in RegistrationStatus}
    out.update({status: n for status, n, _ in rows})
    out["attended"] = sum(int(a or 0) for _, _, a in rows)
    confirmed_in = next((int(a or 0) for status, _, a in rows if status == RegistrationStatus.CONFIRMED), 0)
    out["no_show"] = out["confirmed"] - confirmed_in if has_ended(get_event(event_id)) else None
    return out


def registrations(event_id: int, *, status: str | None = None, q: str = "") -> list[Registration]:
    """An event's registrations, oldest first, by status (also attended, and no-shows once it has ended) and
    matching a name, email or phone."""
    stmt = select(Registration).where(Registration.event_id == event_id).order_by(Registration.created_at,
                                                                                  Registration.id)
    if status == "no_show" and not has_ended(get_event(event_id)):
        return []
    if status == "no_show":
        stmt = stmt.where(Registration.status == RegistrationStatus.CONFIRMED, Registration.checked_in_at.is_(None))
    elif status == "attended":
        stmt = stmt.where(Registration.checked_in_at.isnot(None))
    elif status:
        stmt = stmt.where(Registration.status == status)
    if q:
        like, digits = contains(q.strip()), re.sub(r"[^0-9]", "", q)
        match = func.lower(Registration.name).like(like, escape="\\") | \
            func.lower(Registration.email).like(like, escape="\\")
        stmt = stmt.where(match | Registration.phone.like(f"%{digits}%") if digits else match)
    return list(db.session.scalars(stmt))
