"""Does the one calendar-file builder label each use with its own method, and name people only where an
invitation asks them to answer?"""
from datetime import datetime, timedelta, timezone

import pytest

from recruit.services.calendars import CalendarEntry, ics

START = datetime(2026, 12, 4, 4, 30, tzinfo=timezone.utc)


def _entry() -> CalendarEntry:
    return CalendarEntry(uid="x-1@recruit", starts_at=START, ends_at=START + timedelta(minutes=45),
                         summary="Interview", description="When: Friday", location="Pune office",
                         attendees=[("Asha Rao", "asha@example.com"), ("No address", None)])


def test_an_invitation_and_its_cancellation_name_the_organizer_and_attendees(app):
    """Is a REQUEST confirmed and a CANCEL cancelled, both with the firm as organizer and each attendee that has
    an address?"""
    with app.app_context():
        invite, cancel = ics(_entry(), method="REQUEST", product="t"), ics(_entry(), method="CANCEL", product="t")
    assert "METHOD:REQUEST" in invite and "STATUS:CONFIRMED" in invite
    assert "METHOD:CANCEL" in cancel and "STATUS:CANCELLED" in cancel
    for text in (invite, cancel):
        assert "ORGANIZER" in text and "mailto:asha@example.com" in text and text.count("ATTENDEE") == 1
        assert "DTSTART:20261204T043000Z" in text and "PRODID:-//recruit//t//EN" in text


def test_a_published_entry_names_nobody(app):
    """Does a PUBLISH entry (a campus place) carry no organizer or attendee, so no mail client offers to reply?"""
    with app.app_context():
        text = ics(_entry(), method="PUBLISH", product="campus")
    assert "METHOD:PUBLISH" in text and "ORGANIZER" not in text and "ATTENDEE" not in text


def test_an_unknown_method_is_refused(app):
    """Is a misspelt method an error at once rather than a file mail clients misread?"""
    with app.app_context(), pytest.raises(ValueError):
        ics(_entry(), method="INVITE", product="t")
