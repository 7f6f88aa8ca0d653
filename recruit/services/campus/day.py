"""The event's day: checking students in (by QR code or from the list), walk-ins, and attendees made applicants."""
from __future__ import annotations

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Candidate, Registration, RegistrationStatus
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services import applications, bias_audit
from recruit.services.campus.details import early_check_in, get_event, record_step
from recruit.services.campus.signup import register, registrations
from recruit.services.errors import InvalidInput, NotFound

def check_in(event_id: int, *, actor_id: int, token: str | None = None, registration_id: int | None = None,
             early: bool = False) -> Registration:
    """Mark a student as arrived, by the token in their QR code or from the list (idempotent). Before the
    event's day this is refused unless ``early`` says the recruiter confirmed it."""
    token = (token or "").strip()
    if "/" in token:  # a scanned link: keep the last part
        token = token.rstrip("/").rsplit("/", 1)[-1]
    stmt = select(Registration).where(Registration.event_id == event_id)
    stmt = stmt.where(Registration.token == token) if token else stmt.where(Registration.id == registration_id)
    registration = db.session.scalars(stmt).first() if (token or registration_id) else None
    if registration is None:
        raise NotFound("No registration for this event matches that code.")
    if registration.status == RegistrationStatus.CANCELLED:
        raise InvalidInput(f"{registration.name} cancelled their registration.")
    if registration.checked_in_at is None:
        warning = None if early else early_check_in(registration.event)
        if warning:
            raise InvalidInput(f"{registration.name} is not checked in. {warning} "
                               "To check students in early, confirm it on the check-in page.")
        registration.checked_in_at, registration.checked_in_by_id = utcnow(), actor_id
        record_step(registration, "campus_checkin", "campus.checkin", f"Attended {registration.event.title}",
                    actor_id=actor_id)
        db.session.commit()
    return registration


def walk_in(event_id: int, student: dict, *, actor_id: int, consent: bool,
            resume: tuple[bytes, str] | None = None, early: bool = False) -> Registration:
    """Register someone who turned up without signing up, and check them in (early: see ``check_in``)."""
    event = get_event(event_id)
    warning = None if early else early_check_in(event)
    if warning:
        raise InvalidInput(f"Nobody was registered. {warning} To register walk-ins early, confirm it on the "
                           "check-in page.")
    result = register(event, student, consent=consent, resume=resume, walk_in=True, actor_id=actor_id)
    return check_in(event_id, actor_id=actor_id, registration_id=result.registration.id, early=True)


def convert_attendees(event_id: int, *, actor_id: int) -> int:
    """Make every attendee an applicant to each of the event's jobs (source: campus); returns how many
    applications were added. Running it again adds only the missing ones."""
    event = get_event(event_id)
    if not event.jobs:
        raise InvalidInput("Choose the jobs this event recruits for first (edit the event).")
    added = 0
    attendees = registrations(event_id, status="attended")
    for registration in attendees:
        candidate = db.session.get(Candidate, registration.candidate_id) if registration.candidate_id else None
        if candidate is None or candidate.erased_at:
            continue
        for job in event.jobs:
            exists = db.session.scalar(select(Application.id).where(Application.candidate_id == candidate.id,
                                                                    Application.job_id == job.id))
            if exists:
                continue
            application = applications.create(candidate.id, job.id, source="campus", actor_id=actor_id)
            bias_audit.copy_registration_answers(registration.id, application.id)
            if registration.human_review_requested:  # asked at sign-up for a person, not the automated tool
                bias_audit.request_human_review(application.id, actor_id=actor_id, commit=False)
            added += 1
    event.converted_at = utcnow()
    record_audit("campus.convert", event, actor_id=actor_id, applications=added)
    db.session.commit()  # each new application is scored once this commits (applications.create)
    return added
