"""What a student receives: the confirmation, waitlist and promotion emails, the calendar entry and the QR code."""
from __future__ import annotations

from flask import current_app

from recruit.extensions import db
from recruit.models import CampusEvent, Registration, RegistrationStatus
from recruit.services import email
from recruit.services.calendars import CalendarEntry, ics
from recruit.services.campus.details import event_end, when_text
from recruit.services.campus.seats import waitlist_position
from recruit.services.urls import public_url


def calendar(event: CampusEvent, registration: Registration) -> str:
    """A confirmed student's calendar entry for the event (``PUBLISH``: a place to note, nothing to answer)."""
    return ics(CalendarEntry(uid=f"campus-{event.id}-{registration.id}@recruit", starts_at=event.starts_at,
                             ends_at=event_end(event),
                             summary=f"{event.title} — {current_app.config.get('COMPANY_NAME', 'recruit')}",
                             location=event.venue,
                             description=f"{event.title} at {event.school}. "
                                         "Bring the QR code from your confirmation email."),
               method="PUBLISH", product="campus")


def qr_png(data: str) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def qr_svg(data: str) -> str:
    import segno

    # A viewBox and no fixed size, so the code fills (and centres in) the box the page's CSS gives it.
    return segno.make(data, error="m").svg_inline(scale=5, border=2, title="Check-in code", omitsize=True)


def registration_url(registration: Registration) -> str:
    return public_url("public.registration", token=registration.token)


def _send(registration: Registration, template_key: str) -> None:
    import base64

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
    if registration.status == RegistrationStatus.CONFIRMED:
        attachments = [{"filename": "event.ics", "mimetype": "text/calendar", "content": calendar(event, registration)},
                       {"filename": "check-in-qr.png", "mimetype": "image/png", "encoding": "base64",
                        "content": base64.b64encode(qr_png(link)).decode()}]
    email.queue_message(candidate, subject=email.render(template.subject, values),
                        body=email.render(template.body, values), actor_id=None,
                        template_key=template_key, attachments=attachments, to=registration.email)
    db.session.commit()
