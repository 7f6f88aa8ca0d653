"""An event's details: finding it, whether sign-up is open, when it is, and who may come."""
from __future__ import annotations

import re
import secrets
import string
from datetime import datetime, timedelta

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import CampusEvent, EventStatus, Registration
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services.calendars import local_text, to_utc, zone
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.lookup import get_or_raise

CODE_ALPHABET = string.ascii_lowercase + string.digits


LENGTH_WHEN_NO_END = timedelta(hours=3)  # an event saved without an end time (its calendar entry says the same)


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))


def read_number(value, name: str, low: float, high: float) -> float | None:
    """``value`` as a number between ``low`` and ``high`` (None when empty); InvalidInput naming ``name`` if not."""
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{name} must be a number.", field=name.lower())
    if not low <= number <= high:
        raise InvalidInput(f"{name} must be between {low:g} and {high:g}.", field=name.lower())
    return number


def _local(value: str | datetime | None, tz: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput("Give dates and times as the form asks.")
    return to_utc(value, tz)


def get_event(event_id: int) -> CampusEvent:
    return get_or_raise(CampusEvent, event_id, "event")


def public_event(code: str) -> CampusEvent:
    """An event as the public sees it: only once published (or after, to show it has closed)."""
    event = db.session.scalars(select(CampusEvent).where(CampusEvent.code == code)).first()
    if event is None or event.status == EventStatus.DRAFT:
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
    if event.status != EventStatus.PUBLISHED:
        return False, {EventStatus.CLOSED: "Sign-up for this event has closed.",
                       EventStatus.COMPLETED: "This event has taken place.",
                       EventStatus.CANCELLED: "This event has been cancelled."}.get(event.status,
                                                                                   "Sign-up is not open.")
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
    tz = zone(event.timezone)
    today, day = (now or utcnow()).astimezone(tz).date(), event.starts_at.astimezone(tz).date()
    if today >= day:
        return None
    days = (day - today).days
    return (f"This event is on {day:%A %d %B %Y}, {'tomorrow' if days == 1 else f'in {days} days'}: "
            "check-in is for the day itself.")


def checked_in_text(registration: Registration) -> str:
    """'Checked in 09:42', in the event's time zone (with the date when it was not the event's day)."""
    tz = zone(registration.event.timezone)
    at = registration.checked_in_at.astimezone(tz)
    on_the_day = at.date() == registration.event.starts_at.astimezone(tz).date()
    return f"Checked in {at:%H:%M}" if on_the_day else f"Checked in {at:%d %b %Y, %H:%M}"


def when_text(event: CampusEvent) -> str:
    return local_text(event.starts_at, event.timezone)


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


def record_step(registration: Registration, kind: str, action: str, summary: str, *, actor_id: int | None) -> None:
    """A step of a student's registration (checked in, cancelled, moved up): on their timeline as ``kind`` when
    they are a candidate, and in the audit log as ``action``; the caller commits."""
    if registration.candidate_id:
        record_activity(registration.candidate_id, kind, summary, actor_id=actor_id,
                        data={"event_id": registration.event_id})
    record_audit(action, registration, actor_id=actor_id, event_id=registration.event_id)
