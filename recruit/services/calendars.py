"""Time zones and calendar files: a moment as people in a zone read it, and the one builder of ``.ics`` files
(``ics()``, RFC 5545) that interview invitations and cancellations and campus confirmations all go through.

Read by interviews, campus and email alike, so it depends on none of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app
from icalendar import Calendar, Event, vCalAddress, vText

from recruit.models import Interview
from recruit.models.base import as_utc, utcnow
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


CALENDAR_METHODS = {
    "REQUEST": "an invitation the attendees answer (an interview, or its new time)",
    "CANCEL": "the withdrawal of an invitation sent before (same UID, higher SEQUENCE)",
    "PUBLISH": "an entry to add, with nothing to answer (a campus event's place)",
}


@dataclass
class CalendarEntry:
    """One event for a calendar file: what any use of ``ics()`` fills in."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str | None = None
    url: str | None = None
    sequence: int = 0
    attendees: list[tuple[str, str | None]] = field(default_factory=list)  # (name, email)


def ics(entry: CalendarEntry, *, method: str, product: str) -> str:
    """The one calendar-file builder (RFC 5545, iTIP methods of RFC 5546): ``entry`` as a VCALENDAR labelled
    with ``method`` (one of ``CALENDAR_METHODS``); an invitation or its cancellation names the firm as
    organizer and every attendee, an entry to publish names nobody. ``product`` tells uses apart in PRODID."""
    if method not in CALENDAR_METHODS:
        raise ValueError(f"Unknown calendar method {method!r}.")
    cal = Calendar()
    cal.add("prodid", f"-//recruit//{product}//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", as_utc(entry.starts_at))
    event.add("dtend", as_utc(entry.ends_at))
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    event.add("description", entry.description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if method != "PUBLISH":
        organizer = vCalAddress(f"mailto:{current_app.config.get('MAIL_FROM', 'recruit@localhost')}")
        organizer.params["cn"] = vText(current_app.config.get("COMPANY_NAME", "recruit"))
        event["organizer"] = organizer
        for name, address in entry.attendees:
            if address:
                attendee = vCalAddress(f"mailto:{address}")
                attendee.params["cn"] = vText(name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical().decode()


def calendar(interview: Interview, *, method: str = "REQUEST") -> str:
    """The interview as an iCalendar file for the candidate's and interviewers' calendars: ``REQUEST`` to
    invite (or move), ``CANCEL`` once it is cancelled."""
    description = f"{interview.title}\nWhen: {when_text(interview)}"
    if interview.video_link:
        description += f"\nJoin: {interview.video_link}"
    candidate = interview.application.candidate
    people = [(candidate.name, candidate.email)] + [(a.interviewer.name, a.interviewer.email)
                                                    for a in interview.assignments]
    starts = as_utc(interview.starts_at)
    return ics(CalendarEntry(uid=interview.uid, sequence=interview.sequence, starts_at=starts,
                             ends_at=starts + timedelta(minutes=interview.duration_minutes),
                             summary=interview.title, location=interview.location, url=interview.video_link,
                             description=description, attendees=people),
               method=method, product="interviews")
