"""Campus drives: events, eligibility, sign-up with a waitlist, check-in, rounds, and the funnel.

Seats are counted under a lock on the event row (an UPDATE of ``seats_version`` before counting), so
simultaneous sign-ups never overbook, on PostgreSQL and on SQLite alike.
"""
from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from recruit.extensions import db
from recruit.models import (Application, Candidate, CampusEvent, DemographicResponse, DriveRound, Job, Registration,
                            RegistrationDemographic, RoundResult, RoundSlot, User)
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.text import squash

DEMOGRAPHIC_QUESTION = "How do you describe your gender?"
DEMOGRAPHIC_CHOICES = ["Woman", "Man", "Non-binary", "Prefer to self-describe", "Prefer not to say"]
CODE_ALPHABET = string.ascii_lowercase + string.digits
LENGTH_WHEN_NO_END = timedelta(hours=3)  # an event saved without an end time (its calendar entry says the same)


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))


def _token() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


# ------------------------------------------------------------------ events

def _float(value, name: str, low: float, high: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{name} must be a number.", field=name.lower())
    if not low <= number <= high:
        raise InvalidInput(f"{name} must be between {low:g} and {high:g}.", field=name.lower())
    return number


def _words(value) -> list[str]:
    if isinstance(value, list):
        items = value
    else:
        items = re.split(r"[,\n;]", value or "")
    return list(dict.fromkeys(squash(i) for i in items if i and i.strip()))


def _local(value: str | datetime | None, tz: str) -> datetime | None:
    from recruit.services.interviews import to_utc

    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput("Give dates and times as the form asks.")
    return to_utc(value, tz)


def _event_values(values: dict) -> dict:
    from recruit.services.interviews import zone

    tz = values.get("timezone") or "Asia/Kolkata"
    zone(tz)
    title, school = squash(values.get("title")), squash(values.get("school"))
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
    if status not in ("draft", "published", "closed", "completed", "cancelled"):
        raise InvalidInput("Unknown status.")
    old, event.status = event.status, status
    record_audit("campus.status", event, actor_id=actor_id, old=old, new=status)
    db.session.commit()
    return event


def get_event(event_id: int) -> CampusEvent:
    event = db.session.get(CampusEvent, event_id)
    if event is None:
        raise NotFound("No such event.")
    return event


def public_event(code: str) -> CampusEvent:
    """An event as the public sees it: only once published (or after, to show it has closed)."""
    event = db.session.scalars(select(CampusEvent).where(CampusEvent.code == code)).first()
    if event is None or event.status == "draft":
        raise NotFound("No such event.")
    return event


def events(*, status: str | None = None) -> list[CampusEvent]:
    stmt = select(CampusEvent).order_by(CampusEvent.starts_at.desc())
    if status:
        stmt = stmt.where(CampusEvent.status == status)
    return list(db.session.scalars(stmt))


def signup_state(event: CampusEvent, now: datetime | None = None) -> tuple[bool, str]:
    """Whether the public can sign up now, and what to tell them."""
    now = now or utcnow()
    if event.status != "published":
        return False, {"closed": "Sign-up for this event has closed.", "completed": "This event has taken place.",
                       "cancelled": "This event has been cancelled."}.get(event.status, "Sign-up is not open.")
    if event.signup_opens_at and now < event.signup_opens_at:
        return False, "Sign-up has not opened yet."
    if (event.signup_closes_at and now > event.signup_closes_at) or now > (event.ends_at or event.starts_at):
        return False, "Sign-up for this event has closed."
    return True, ""


def event_end(event: CampusEvent) -> datetime:
    """When the event is over: its end time, or three hours after the start when it has none."""
    return event.ends_at or event.starts_at + LENGTH_WHEN_NO_END


def has_ended(event: CampusEvent, now: datetime | None = None) -> bool:
    """Whether the event is over, so someone with a place who never arrived is a no-show."""
    return (now or utcnow()) > event_end(event)


def early_check_in(event: CampusEvent, now: datetime | None = None) -> str | None:
    """What to tell the person checking students in before the event's day (in the event's time zone), or None
    on the day and after."""
    from recruit.services.interviews import zone

    tz = zone(event.timezone)
    today, day = (now or utcnow()).astimezone(tz).date(), event.starts_at.astimezone(tz).date()
    if today >= day:
        return None
    days = (day - today).days
    return (f"This event is on {day:%A %d %B %Y}, {'tomorrow' if days == 1 else f'in {days} days'}: "
            "check-in is for the day itself.")


def checked_in_text(registration: Registration) -> str:
    """'Checked in 09:42', in the event's time zone (with the date when it was not the event's day)."""
    from recruit.services.interviews import zone

    tz = zone(registration.event.timezone)
    at = registration.checked_in_at.astimezone(tz)
    on_the_day = at.date() == registration.event.starts_at.astimezone(tz).date()
    return f"Checked in {at:%H:%M}" if on_the_day else f"Checked in {at:%d %b %Y, %H:%M}"


def eligibility_rules(event: CampusEvent) -> list[str]:
    rules = []
    if event.eligible_degrees:
        rules.append("Degree: " + ", ".join(event.eligible_degrees))
    if event.eligible_branches:
        rules.append("Branch: " + ", ".join(event.eligible_branches))
    if event.graduation_years:
        rules.append("Graduating in " + ", ".join(str(y) for y in event.graduation_years))
    if event.min_cgpa is not None:
        rules.append(f"CGPA of at least {event.min_cgpa:g} (out of 10)")
    if event.min_percentage is not None:
        rules.append(f"At least {event.min_percentage:g}% overall")
    if event.no_active_backlogs:
        rules.append("No active backlogs")
    return rules


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())  # noqa: E731
    return norm(a) == norm(b)


def eligibility_problems(event: CampusEvent, values: dict) -> list[str]:
    """Why a student does not meet the event's criteria, in words that do not sting."""
    problems = []
    if event.eligible_degrees and not any(_same(values.get("degree") or "", d) for d in event.eligible_degrees):
        problems.append(f"this drive is for {', '.join(event.eligible_degrees)} students")
    if event.eligible_branches and not any(_same(values.get("branch") or "", b) for b in event.eligible_branches):
        problems.append(f"it is open to the {', '.join(event.eligible_branches)} branches")
    if event.graduation_years and values.get("graduation_year") not in event.graduation_years:
        problems.append("it is for students graduating in " + ", ".join(str(y) for y in event.graduation_years))
    if event.min_cgpa is not None or event.min_percentage is not None:
        cgpa, pct = values.get("cgpa"), values.get("percentage")
        meets = (event.min_cgpa is not None and cgpa is not None and cgpa >= event.min_cgpa) or \
                (event.min_percentage is not None and pct is not None and pct >= event.min_percentage)
        if not meets:
            needs = []
            if event.min_cgpa is not None:
                needs.append(f"a CGPA of {event.min_cgpa:g}")
            if event.min_percentage is not None:
                needs.append(f"{event.min_percentage:g}%")
            problems.append("it asks for at least " + " or ".join(needs))
    if event.no_active_backlogs and (values.get("active_backlogs") or 0) > 0:
        problems.append("it is for students with no active backlogs")
    return problems


# ------------------------------------------------------------------ registering

@dataclass
class SignupResult:
    registration: Registration
    created: bool  # False: this email had already signed up (told nothing different on the page)


def clean_student(values: dict) -> dict:
    from recruit.services.candidates import normalise_email, normalise_phone

    name = squash(values.get("name"))
    if not name:
        raise InvalidInput("Please give your name.", field="name")
    email = normalise_email(values.get("email"))
    if not email:
        raise InvalidInput("Please give your email address.", field="email")
    phone = normalise_phone(values.get("phone")) if values.get("phone") else None
    year = values.get("graduation_year")
    try:
        year = int(year) if year not in (None, "") else None
    except ValueError:
        raise InvalidInput("Graduation year is a year such as 2027.", field="graduation_year")
    if year is not None and not 1990 <= year <= 2100:
        raise InvalidInput("Graduation year is a year such as 2027.", field="graduation_year")
    try:
        backlogs = int(values.get("active_backlogs") or 0)
    except ValueError:
        raise InvalidInput("Active backlogs is a number (0 if none).", field="active_backlogs")
    return {"name": name[:200], "email": email, "phone": phone,
            "degree": squash(values.get("degree"))[:100] or None,
            "branch": squash(values.get("branch"))[:100] or None, "graduation_year": year,
            "cgpa": _float(values.get("cgpa"), "CGPA", 0, 10),
            "percentage": _float(values.get("percentage"), "Percentage", 0, 100),
            "active_backlogs": max(0, backlogs)}


def _lock_seats(event_id: int) -> None:
    """Take the event's write lock before counting seats (row lock on PostgreSQL, write lock on SQLite)."""
    db.session.execute(update(CampusEvent).where(CampusEvent.id == event_id)
                       .values(seats_version=CampusEvent.seats_version + 1))


def confirmed_count(event_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event_id, Registration.status == "confirmed")) or 0


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != "waitlisted":
        return None
    return (db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == registration.event_id, Registration.status == "waitlisted",
        (Registration.created_at < registration.created_at)
        | ((Registration.created_at == registration.created_at) & (Registration.id < registration.id)))) or 0) + 1


def register(event: CampusEvent, values: dict, *, consent: bool, resume: tuple[bytes, str] | None = None,
             demographic: str | None = None, walk_in: bool = False, actor_id: int | None = None,
             source: str = "campus", self_description: str | None = None) -> SignupResult:
    """Sign a student up: eligibility checked, a place or a waitlist turn, a candidate found or made.

    The same email twice for one event returns the first registration (and changes nothing).
    """
    from recruit.services import candidates as candidate_service
    from recruit.services.resumes import new_resume

    if not walk_in:
        open_now, message = signup_state(event)
        if not open_now:
            raise InvalidInput(message)
    student = clean_student(values)
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
    if existing is not None and existing.status != "cancelled":
        db.session.rollback()
        return SignupResult(db.session.get(Registration, existing.id), False)
    status = "confirmed" if confirmed_count(event.id) < event.capacity else "waitlisted"
    if walk_in:
        status = "confirmed"  # they are in the room
    candidate, known = candidate_service.recognise_or_create(student, source=source, actor_id=actor_id,
                                                             created=f"Signed up for {event.title} ({event.school})")
    # A student signing up alone is not verified: a new file for a known candidate awaits a recruiter.
    held = "campus" if known and actor_id is None else None
    if stored_resume is not None and candidate_service.attach_version(candidate, stored_resume, held_from=held) \
            and held:
        from recruit.services.careers import held_summary

        db.session.flush()
        record_activity(candidate.id, "resume_added", held_summary(stored_resume), actor_id=None,
                        data={"resume_id": stored_resume.id})
    registration = existing or Registration(event_id=event.id, token=_token())
    for key, value in student.items():
        setattr(registration, key, value)
    registration.candidate_id, registration.status, registration.walk_in = candidate.id, status, walk_in
    registration.cancelled_at, registration.created_at = None, utcnow()
    db.session.add(registration)
    db.session.flush()
    if demographic and demographic in DEMOGRAPHIC_CHOICES:
        from recruit.services.careers import self_described

        db.session.add(RegistrationDemographic(registration_id=registration.id, group=demographic,
                                               self_description=self_described(demographic, self_description)))
    record_activity(candidate.id, "campus_signup",
                    f"{'Walk-in at' if walk_in else 'Registered for'} {event.title} ({event.school})"
                    + (" — on the waitlist" if status == "waitlisted" else ""), actor_id=actor_id,
                    data={"event_id": event.id, "registration_id": registration.id})
    record_audit("campus.register", registration, actor_id=actor_id, event_id=event.id, status=status,
                 walk_in=walk_in)
    db.session.commit()
    from recruit.services.search import index_candidate

    index_candidate(candidate.id)
    for r in candidate.resumes:
        if r.parse_status == "pending" and r.acceptance is None:
            from recruit.services.parsing import queue_parse

            queue_parse(r.id)
    if not walk_in:
        _send(registration, "campus_confirmation" if status == "confirmed" else "campus_waitlist")
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
    if registration.status == "cancelled":
        return registration
    _lock_seats(registration.event_id)
    had_place = registration.status == "confirmed"
    registration.status, registration.cancelled_at = "cancelled", utcnow()
    if registration.candidate_id:
        record_activity(registration.candidate_id, "campus_cancelled",
                        f"Cancelled their place at {registration.event.title}", actor_id=None,
                        data={"event_id": registration.event_id})
    record_audit("campus.cancel", registration, actor_id=None, event_id=registration.event_id)
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
            Registration.event_id == event_id, Registration.status == "waitlisted")
            .order_by(Registration.created_at, Registration.id).limit(free)))
        for registration in promoted:
            registration.status, registration.promoted_at = "confirmed", utcnow()
            if registration.candidate_id:
                record_activity(registration.candidate_id, "campus_promoted",
                                f"Moved up from the waitlist of {event.title}", actor_id=None,
                                data={"event_id": event_id})
            record_audit("campus.promote", registration, actor_id=None, event_id=event_id)
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
    out = {status: 0 for status in ("confirmed", "waitlisted", "cancelled")}
    out.update({status: n for status, n, _ in rows})
    out["attended"] = sum(int(a or 0) for _, _, a in rows)
    confirmed_in = next((int(a or 0) for status, _, a in rows if status == "confirmed"), 0)
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
        stmt = stmt.where(Registration.status == "confirmed", Registration.checked_in_at.is_(None))
    elif status == "attended":
        stmt = stmt.where(Registration.checked_in_at.isnot(None))
    elif status:
        stmt = stmt.where(Registration.status == status)
    if q:
        from recruit.services.listing import contains

        like, digits = contains(q.strip()), re.sub(r"[^0-9]", "", q)
        match = func.lower(Registration.name).like(like, escape="\\") | \
            func.lower(Registration.email).like(like, escape="\\")
        stmt = stmt.where(match | Registration.phone.like(f"%{digits}%") if digits else match)
    return list(db.session.scalars(stmt))


# ------------------------------------------------------------------ the day

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
    if registration.status == "cancelled":
        raise InvalidInput(f"{registration.name} cancelled their registration.")
    if registration.checked_in_at is None:
        warning = None if early else early_check_in(registration.event)
        if warning:
            raise InvalidInput(f"{registration.name} is not checked in. {warning} "
                               "To check students in early, confirm it on the check-in page.")
        registration.checked_in_at, registration.checked_in_by_id = utcnow(), actor_id
        if registration.candidate_id:
            record_activity(registration.candidate_id, "campus_checkin",
                            f"Attended {registration.event.title}", actor_id=actor_id,
                            data={"event_id": event_id})
        record_audit("campus.checkin", registration, actor_id=actor_id, event_id=event_id)
        db.session.commit()
    return registration


def walk_in(event_id: int, values: dict, *, actor_id: int, consent: bool,
            resume: tuple[bytes, str] | None = None, early: bool = False) -> Registration:
    """Register someone who turned up without signing up, and check them in (early: see ``check_in``)."""
    event = get_event(event_id)
    warning = None if early else early_check_in(event)
    if warning:
        raise InvalidInput(f"Nobody was registered. {warning} To register walk-ins early, confirm it on the "
                           "check-in page.")
    result = register(event, values, consent=consent, resume=resume, walk_in=True, actor_id=actor_id)
    return check_in(event_id, actor_id=actor_id, registration_id=result.registration.id, early=True)


def convert_attendees(event_id: int, *, actor_id: int) -> int:
    """Make every attendee an applicant to each of the event's jobs (source: campus); returns how many
    applications were added. Running it again adds only the missing ones."""
    from recruit.services import applications

    event = get_event(event_id)
    if not event.jobs:
        raise InvalidInput("Choose the jobs this event recruits for first (edit the event).")
    added = 0
    attendees = registrations(event_id, status="attended")
    for registration in attendees:
        candidate = db.session.get(Candidate, registration.candidate_id) if registration.candidate_id else None
        if candidate is None or candidate.erased_at:
            continue
        answer = db.session.scalars(select(RegistrationDemographic).where(
            RegistrationDemographic.registration_id == registration.id)).first()
        for job in event.jobs:
            exists = db.session.scalar(select(Application.id).where(Application.candidate_id == candidate.id,
                                                                    Application.job_id == job.id))
            if exists:
                continue
            application = applications.create(candidate.id, job.id, source="campus", actor_id=actor_id)
            if answer is not None:
                db.session.add(DemographicResponse(application_id=application.id, group=answer.group))
            added += 1
    event.converted_at = utcnow()
    record_audit("campus.convert", event, actor_id=actor_id, applications=added)
    db.session.commit()  # each new application is scored once this commits (applications.create)
    return added


# ------------------------------------------------------------------ rounds

def add_round(event_id: int, *, name: str, kind: str, pass_mark: str | None, actor_id: int) -> DriveRound:
    from recruit.models import ROUND_KINDS

    event = get_event(event_id)
    name = squash(name)
    if not name:
        raise InvalidInput("Name the round.", field="name")
    if kind not in ROUND_KINDS:
        raise InvalidInput("Choose the kind of round.", field="kind")
    round_ = DriveRound(event_id=event.id, name=name[:100], kind=kind, position=len(event.rounds),
                        pass_mark=_float(pass_mark, "Pass mark", 0, 1000))
    db.session.add(round_)
    record_audit("campus.round_add", event, actor_id=actor_id, name=name)
    db.session.commit()
    return round_


def get_round(event_id: int, round_id: int) -> DriveRound:
    round_ = db.session.get(DriveRound, round_id)
    if round_ is None or round_.event_id != event_id:
        raise NotFound("No such round.")
    return round_


def candidates_for_round(round_: DriveRound) -> list[Registration]:
    """Who sits a round: attendees for the first, those who cleared the previous one after that."""
    earlier = [r for r in round_.event.rounds if r.position < round_.position]
    attendees = registrations(round_.event_id, status="attended")
    if not earlier:
        return attendees
    previous = max(earlier, key=lambda r: r.position)
    cleared = set(db.session.scalars(select(RoundResult.registration_id).where(
        RoundResult.round_id == previous.id, RoundResult.passed.is_(True))))
    return [r for r in attendees if r.id in cleared]


def add_slot(event_id: int, round_id: int, *, starts_at: str, capacity: int, place: str, actor_id: int) -> RoundSlot:
    round_ = get_round(event_id, round_id)
    when = _local(starts_at, round_.event.timezone)
    if when is None:
        raise InvalidInput("When is the slot?", field="starts_at")
    if not 1 <= capacity <= 10_000:
        raise InvalidInput("A slot holds between 1 and 10,000 students.", field="capacity")
    slot = RoundSlot(round_id=round_.id, starts_at=when, capacity=capacity, place=(place or "").strip()[:200])
    db.session.add(slot)
    record_audit("campus.slot_add", round_.event, actor_id=actor_id, round=round_.name)
    db.session.commit()
    return slot


def assign_slots(event_id: int, round_id: int, *, actor_id: int) -> int:
    """Put everyone who sits this round and has no slot yet into the first slots with room."""
    round_ = get_round(event_id, round_id)
    if not round_.slots:
        raise InvalidInput("Add slots to the round first.")
    results = {r.registration_id: r for r in db.session.scalars(select(RoundResult).where(
        RoundResult.round_id == round_.id))}
    used = {slot.id: sum(1 for r in results.values() if r.slot_id == slot.id) for slot in round_.slots}
    assigned = 0
    for registration in candidates_for_round(round_):
        result = results.get(registration.id)
        if result is not None and result.slot_id:
            continue
        slot = next((s for s in round_.slots if used[s.id] < s.capacity), None)
        if slot is None:
            break
        if result is None:
            result = RoundResult(round_id=round_.id, registration_id=registration.id)
            db.session.add(result)
        result.slot_id = slot.id
        used[slot.id] += 1
        assigned += 1
    record_audit("campus.assign_slots", round_.event, actor_id=actor_id, round=round_.name, assigned=assigned)
    db.session.commit()
    return assigned


def record_result(event_id: int, round_id: int, registration_id: int, *, outcome: str, score: str | None,
                  actor_id: int) -> RoundResult:
    """A pass or fail, or a score (which passes at the round's pass mark), with who assessed it."""
    round_ = get_round(event_id, round_id)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event_id:
        raise NotFound("No such registration.")
    if registration.id not in {r.id for r in candidates_for_round(round_)}:
        raise InvalidInput(f"{registration.name} is not in this round.")
    number = _float(score, "Score", 0, 1000)
    if outcome in ("pass", "fail"):
        passed = outcome == "pass"
    elif number is not None and round_.pass_mark is not None:
        passed = number >= round_.pass_mark
    else:
        raise InvalidInput("Record a pass or a fail, or a score (with a pass mark set for the round).")
    result = db.session.scalars(select(RoundResult).where(RoundResult.round_id == round_.id,
                                                          RoundResult.registration_id == registration.id)).first()
    if result is None:
        result = RoundResult(round_id=round_.id, registration_id=registration.id)
        db.session.add(result)
    result.passed, result.score, result.assessor_id, result.recorded_at = passed, number, actor_id, utcnow()
    if registration.candidate_id:
        record_activity(registration.candidate_id, "campus_round",
                        f"{round_.event.title}: {round_.name} — {'cleared' if passed else 'not cleared'}"
                        + (f" ({number:g})" if number is not None else ""), actor_id=actor_id,
                        data={"event_id": event_id, "round_id": round_.id})
    record_audit("campus.result", registration, actor_id=actor_id, round=round_.name, passed=passed, score=number)
    db.session.commit()
    return result


def round_results(round_: DriveRound) -> dict[int, RoundResult]:
    return {r.registration_id: r for r in db.session.scalars(select(RoundResult).where(
        RoundResult.round_id == round_.id))}


# ------------------------------------------------------------------ funnel and reports

def funnel(event_id: int) -> list[tuple[str, int]]:
    """Registered, attended, cleared each round, then shortlisted, offered and joined on the event's jobs."""
    from recruit.services.pipeline import stage_order

    event = get_event(event_id)
    regs = [r for r in registrations(event_id) if r.status != "cancelled"]
    steps = [("Registered", len(regs)), ("Attended", sum(1 for r in regs if r.checked_in_at))]
    for round_ in event.rounds:
        cleared = db.session.scalar(select(func.count()).select_from(RoundResult).where(
            RoundResult.round_id == round_.id, RoundResult.passed.is_(True))) or 0
        steps.append((f"Cleared {round_.name}", cleared))
    candidate_ids = [r.candidate_id for r in regs if r.candidate_id and r.checked_in_at]
    job_ids = [j.id for j in event.jobs]
    order = stage_order()

    def reached(stage: str) -> int:
        if not candidate_ids or not job_ids or stage not in order:
            return 0
        later = order[order.index(stage):]
        return db.session.scalar(select(func.count(func.distinct(Application.candidate_id))).where(
            Application.candidate_id.in_(candidate_ids), Application.job_id.in_(job_ids),
            Application.stage.in_(later))) or 0

    steps += [("Shortlisted", reached("shortlisted")), ("Offered", reached("offer")), ("Joined", reached("hired"))]
    return steps


def report() -> dict:
    """Registrations, attendance, shortlisted and hired, per event and per school over time."""
    rows = []
    for event in events():
        if event.status == "draft":
            continue
        steps = dict(funnel(event.id))
        rows.append({"event": event, "school": event.school, "year": event.starts_at.year,
                     "registered": steps["Registered"], "attended": steps["Attended"],
                     "shortlisted": steps["Shortlisted"], "hired": steps["Joined"]})
    schools: dict[tuple[str, int], dict] = {}
    for row in rows:
        key = (row["school"], row["year"])
        agg = schools.setdefault(key, {"school": row["school"], "year": row["year"], "events": 0, "registered": 0,
                                       "attended": 0, "shortlisted": 0, "hired": 0})
        agg["events"] += 1
        for k in ("registered", "attended", "shortlisted", "hired"):
            agg[k] += row[k]
    return {"events": rows, "schools": sorted(schools.values(), key=lambda r: (r["school"], -r["year"]))}


# ------------------------------------------------------------------ email

def when_text(event: CampusEvent) -> str:
    from recruit.services.interviews import local_text

    return local_text(event.starts_at, event.timezone)


def calendar(event: CampusEvent, registration: Registration) -> str:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//recruit//campus//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    item = Event()
    item.add("uid", f"campus-{event.id}-{registration.id}@recruit")
    item.add("dtstamp", utcnow())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event_end(event))
    item.add("summary", f"{event.title} — {current_app.config.get('COMPANY_NAME', 'recruit')}")
    if event.venue:
        item.add("location", event.venue)
    item.add("description", f"{event.title} at {event.school}. Bring the QR code from your confirmation email.")
    cal.add_component(item)
    return cal.to_ical().decode()


def qr_png(data: str) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def registration_url(registration: Registration) -> str:
    from recruit.services.urls import public_url

    return public_url("public.registration", token=registration.token)


def _send(registration: Registration, template_key: str) -> None:
    import base64

    from recruit.services import email

    candidate = registration.candidate
    if candidate is None or not registration.email:
        return
    event = registration.event
    link = registration_url(registration)
    extra = {"event_title": event.title, "event_when": when_text(event),
             "event_where": event.venue or event.school, "registration_link": link,
             "waitlist_position": str(waitlist_position(registration) or "")}
    template = email.get_template(template_key)
    values = email.values_for(candidate, None, None, extra)
    attachments = []
    if registration.status == "confirmed":
        attachments = [{"filename": "event.ics", "mimetype": "text/calendar", "content": calendar(event, registration)},
                       {"filename": "check-in-qr.png", "mimetype": "image/png", "encoding": "base64",
                        "content": base64.b64encode(qr_png(link)).decode()}]
    message = email.queue_message(candidate, subject=email.render(template.subject, values),
                                  body=email.render(template.body, values), actor_id=None,
                                  template_key=template_key, attachments=attachments, to=registration.email)
    db.session.commit()


def qr_svg(data: str) -> str:
    import segno

    # A viewBox and no fixed size, so the code fills (and centres in) the box the page's CSS gives it.
    return segno.make(data, error="m").svg_inline(scale=5, border=2, title="Check-in code", omitsize=True)
