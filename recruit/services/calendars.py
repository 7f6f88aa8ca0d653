"""Time zones and calendar files: a moment as people in a zone read it, and the interview invitation (RFC 5545).

Read by interviews, campus and email alike, so it depends on none of them.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app

from recruit.models import Interview
from recruit.models.base import utcnow
from recruit.services.errors import InvalidInput


def zone(name: str) -> ZoneInfo:
    """The named time zone; ``InvalidInput`` when there is none by that name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Unknown time zone {name!r}.", field="timezone")


def common_zones() -> list[str]:
    """Every time zone, the ones our recruiters use most first."""
    first = ["Asia/Kolkata", "UTC", "Europe/London", "America/New_York", "Asia/Manila", "Asia/Singapore",
             "Europe/Berlin", "America/Chicago", "Asia/Dubai", "Australia/Sydney"]
    return first + sorted(z for z in available_timezones() if z not in first and "/" in z)


def to_utc(local: datetime, tz: str) -> datetime:
    """A wall-clock time in the named zone (any tzinfo on it is ignored) as UTC."""
    return local.replace(tzinfo=None).replace(tzinfo=zone(tz)).astimezone(timezone.utc)


def local_text(moment: datetime, tz: str) -> str:
    """'Friday 04 December 2026, 10:00 (Asia/Kolkata)': a moment as people in that zone read it."""
    return f"{moment.astimezone(zone(tz)):%A %d %B %Y, %H:%M} ({tz})"


def when_text(interview: Interview) -> str:
    """When the interview is, as people in its time zone read it."""
    return local_text(interview.starts_at, interview.timezone)


def where_text(interview: Interview) -> str:
    """Where the interview is: the place and the video link, or "to be confirmed"."""
    return " · ".join(x for x in (interview.location, interview.video_link) if x) or "to be confirmed"


def calendar(interview: Interview, *, method: str = "REQUEST") -> str:
    """The interview as an iCalendar file (RFC 5545) for the candidate's and interviewers' calendars."""
    from icalendar import Calendar, Event, vCalAddress, vText

    cal = Calendar()
    cal.add("prodid", "-//recruit//interviews//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", interview.starts_at.astimezone(timezone.utc))
    event.add("dtend", interview.starts_at.astimezone(timezone.utc) + timedelta(minutes=interview.duration_minutes))
    event.add("summary", interview.title)
    if interview.location:
        event.add("location", interview.location)
    description = f"{interview.title}\nWhen: {when_text(interview)}"
    if interview.video_link:
        description += f"\nJoin: {interview.video_link}"
        event.add("url", interview.video_link)
    event.add("description", description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{current_app.config.get('MAIL_FROM', 'recruit@localhost')}")
    organizer.params["cn"] = vText(current_app.config.get("COMPANY_NAME", "recruit"))
    event["organizer"] = organizer
    candidate = interview.application.candidate
    people = [(candidate.name, candidate.email)] + [(a.interviewer.name, a.interviewer.email)
                                                    for a in interview.assignments]
    for name, address in people:
        if address:
            attendee = vCalAddress(f"mailto:{address}")
            attendee.params["cn"] = vText(name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical().decode()
