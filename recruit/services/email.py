"""Email: templates with placeholders, an outbox that keeps every message, delivery on the worker.

A request only writes to the outbox and queues ``send_email``; the worker delivers by SMTP when
``RECRUIT_SMTP_HOST`` is set, and otherwise marks the message ``kept`` so an admin can read it in the
outbox. Every message shows on the candidate's timeline.
"""
from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import Application, Candidate, EmailTemplate, Interview, OutboxMessage
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.calendars import calendar, when_text, where_text
from recruit.services.privacy_links import footer
from recruit.services.text import squash

PLACEHOLDERS = {
    "first_name": "The candidate's first name",
    "candidate_name": "The candidate's full name",
    "job_title": "The job's title",
    "company": "Your firm's name (RECRUIT_COMPANY_NAME)",
    "recruiter_name": "The name of the person sending",
    "interview_when": "Date and time of the interview, in its time zone",
    "interview_where": "Place or video link of the interview",
    "event_title": "A campus event's title",
    "event_when": "Date and time of a campus event, in its time zone",
    "event_where": "Venue of a campus event",
    "registration_link": "A student's own registration page (QR code, cancel link)",
    "waitlist_position": "A student's place on an event's waitlist",
}
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# Why a placeholder has nothing to say for someone, in the recruiter's words (the rest: "no <description>").
EMPTY_BECAUSE = {
    "first_name": "no name on record", "candidate_name": "no name on record",
    "job_title": "the message is not about a job", "interview_when": "no interview booked",
    "interview_where": "no interview booked", "event_title": "not signed up for a campus event",
    "event_when": "not signed up for a campus event", "event_where": "not signed up for a campus event",
    "registration_link": "not signed up for a campus event", "waitlist_position": "not on a waitlist",
}

DEFAULT_TEMPLATES = [
    ("acknowledgement", "Application received",
     "Your application for {{ job_title }}",
     "Dear {{ first_name }},\n\nThank you for applying for {{ job_title }} at {{ company }}. We have your "
     "resume and will be in touch once we have reviewed it.\n\nKind regards,\n{{ recruiter_name }}\n{{ company }}"),
    ("interview_invite", "Interview invitation",
     "Interview for {{ job_title }}: {{ interview_when }}",
     "Dear {{ first_name }},\n\nWe would like to meet you to talk about the {{ job_title }} role.\n\n"
     "When: {{ interview_when }}\nWhere: {{ interview_where }}\n\nThe calendar invitation is attached. "
     "If the time does not suit you, reply to this email and we will find another.\n\n"
     "Kind regards,\n{{ recruiter_name }}\n{{ company }}"),
    ("rejection", "Rejection",
     "Your application for {{ job_title }}",
     "Dear {{ first_name }},\n\nThank you for your interest in {{ job_title }} at {{ company }}. After careful "
     "consideration we will not be taking your application further this time. We will keep your details "
     "and may contact you about other roles.\n\nKind regards,\n{{ recruiter_name }}\n{{ company }}"),
    ("offer", "Offer",
     "Offer: {{ job_title }} at {{ company }}",
     "Dear {{ first_name }},\n\nWe are delighted to offer you the position of {{ job_title }} at {{ company }}. "
     "Your offer letter follows separately; reply to this email with any questions.\n\n"
     "Kind regards,\n{{ recruiter_name }}\n{{ company }}"),
    ("campus_confirmation", "Campus sign-up: place confirmed",
     "You are registered: {{ event_title }}",
     "Dear {{ first_name }},\n\nYou have a place at {{ event_title }}.\n\nWhen: {{ event_when }}\n"
     "Where: {{ event_where }}\n\nShow the attached QR code at the door to check in. The calendar file is "
     "attached too. If you cannot come, please give your place to someone on the waitlist: "
     "{{ registration_link }}\n\nSee you there,\n{{ company }}"),
    ("campus_waitlist", "Campus sign-up: waitlist",
     "On the waitlist: {{ event_title }}",
     "Dear {{ first_name }},\n\n{{ event_title }} is full, so you are number {{ waitlist_position }} on the "
     "waitlist. If a place frees up you move up automatically and we email you at once.\n\n"
     "Your registration: {{ registration_link }}\n\nKind regards,\n{{ company }}"),
    ("campus_promoted", "Campus sign-up: moved up from the waitlist",
     "A place for you: {{ event_title }}",
     "Dear {{ first_name }},\n\nGood news: a place has freed up and it is yours.\n\nWhen: {{ event_when }}\n"
     "Where: {{ event_where }}\n\nShow the attached QR code at the door. If you cannot come after all, "
     "please cancel here so the next person can go: {{ registration_link }}\n\nSee you there,\n{{ company }}"),
]


# ------------------------------------------------------------------ templates

def ensure_defaults() -> None:
    """Add the default templates a database lacks; commits only then (a commit with nothing to write still
    expires every loaded object, and a page such as the board read them all again, one query each)."""
    known = set(db.session.scalars(select(EmailTemplate.key)))
    missing = [t for t in DEFAULT_TEMPLATES if t[0] not in known]
    for key, name, subject, body in missing:
        try:
            with db.session.begin_nested():  # another request may be adding the same default right now
                db.session.add(EmailTemplate(key=key, name=name, subject=subject, body=body))
        except IntegrityError:
            pass
    if missing:
        db.session.commit()


def templates() -> list[EmailTemplate]:
    ensure_defaults()
    return list(db.session.scalars(select(EmailTemplate).order_by(EmailTemplate.id)))


def get_template(key: str) -> EmailTemplate:
    ensure_defaults()
    found = db.session.scalars(select(EmailTemplate).where(EmailTemplate.key == key)).first()
    if found is None:
        raise NotFound("No such email template.")
    return found


def check_placeholders(*texts: str) -> None:
    unknown = sorted({m.group(1) for text in texts for m in PLACEHOLDER.finditer(text)} - set(PLACEHOLDERS))
    if unknown:
        raise InvalidInput("Unknown placeholder: " + ", ".join("{{ %s }}" % u for u in unknown) +
                           ". Use one of: " + ", ".join(PLACEHOLDERS) + ".")


def update_template(key: str, *, name: str, subject: str, body: str, actor_id: int) -> EmailTemplate:
    template = get_template(key)
    name, subject, body = (name or "").strip(), squash(subject), (body or "").strip()
    if not name or not subject or not body:
        raise InvalidInput("A template needs a name, a subject and a body.")
    if len(subject) > 200:
        raise InvalidInput("Keep the subject under 200 characters.", field="subject")
    check_placeholders(subject, body)
    template.name, template.subject, template.body = name[:100], subject, body
    record_audit("email_template.update", template, actor_id=actor_id, key=key)
    db.session.commit()
    return template


def render(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)


def holes(values: dict[str, str], *texts: str) -> list[str]:
    """Why these texts would reach someone with gaps: one phrase per placeholder they use that has no value
    ("would get an empty {{ interview_when }}: no interview booked"), in the order written."""
    used = dict.fromkeys(m.group(1) for text in texts for m in PLACEHOLDER.finditer(text))
    empty: dict[str, list[str]] = {}  # reason -> the placeholders it leaves empty
    for key in used:
        if key in PLACEHOLDERS and not str(values.get(key) or "").strip():
            empty.setdefault(EMPTY_BECAUSE.get(key, "no " + PLACEHOLDERS[key].lower()), []).append(key)
    return ["would get an empty " + " and ".join(f"{{{{ {key} }}}}" for key in keys) + f": {reason}"
            for reason, keys in empty.items()]


def _problems(candidate: Candidate, values: dict[str, str], *texts: str) -> list[str]:
    return ([] if candidate.email else ["has no email address"]) + holes(values, *texts)


def preview(candidate_id: int, *, subject: str, body: str, application_id: int | None = None,
            sender_name: str | None = None) -> dict:
    """A message as this candidate would receive it (placeholders filled), with what would stop it being
    sent: ``{"subject", "body", "problems"}``."""
    candidate, application = _recipient(candidate_id, application_id)
    check_placeholders(subject or "", body or "")
    values = values_for(candidate, application, sender_name)
    return {"subject": render(subject or "", values), "body": render(body or "", values),
            "problems": _problems(candidate, values, subject or "", body or "")}


def _recipient(candidate_id: int, application_id: int | None) -> tuple[Candidate, Application | None]:
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("No such candidate.")
    application = db.session.get(Application, application_id) if application_id else None
    if application is not None and application.candidate_id != candidate.id:
        raise InvalidInput("That application is not this candidate's.")
    return candidate, application


def booked_interview(application: Application | None):
    """The application's next interview not cancelled (else its latest one), or None."""
    if application is None:
        return None
    booked = select(Interview).where(Interview.application_id == application.id, Interview.cancelled_at.is_(None))
    return (db.session.scalars(booked.where(Interview.starts_at >= utcnow()).order_by(Interview.starts_at)).first()
            or db.session.scalars(booked.order_by(Interview.starts_at.desc())).first())


def values_for(candidate: Candidate, application: Application | None, sender_name: str | None,
               extra: dict | None = None) -> dict[str, str]:
    """What each placeholder says for this candidate (and application): the interview ones from the
    interview booked for it, if any."""
    interview = booked_interview(application) if not extra or "interview_when" not in extra else None
    values = {
        "first_name": (candidate.name or "").split()[0] if candidate.name else "",
        "candidate_name": candidate.name or "",
        "job_title": application.job.title if application else "",
        "company": current_app.config.get("COMPANY_NAME", "recruit"),
        "recruiter_name": sender_name or current_app.config.get("COMPANY_NAME", "recruit"),
        "interview_when": when_text(interview) if interview else "",
        "interview_where": where_text(interview) if interview else "",
    }
    values.update(extra or {})
    return values


def _interview_attachments(template: EmailTemplate, application: Application) -> list[dict]:
    """The calendar invitation of the booked interview, for a template that gives its time."""
    interview = booked_interview(application)
    if interview is None or "interview_when" not in {m.group(1) for m in PLACEHOLDER.finditer(template.body)}:
        return []
    return [{"filename": "interview.ics", "mimetype": "text/calendar", "content": calendar(interview)}]


# ------------------------------------------------------------------ the outbox

def queue_message(candidate: Candidate, *, subject: str, body: str, actor_id: int | None,
                  application: Application | None = None, template_key: str | None = None,
                  attachments: list[dict] | None = None, to: str | None = None) -> OutboxMessage:
    """Put one message in the outbox, on the timeline and in the audit log; a worker sends it once the caller
    commits."""
    address = to or candidate.email
    if not address:
        raise InvalidInput(f"{candidate.name} has no email address.")

    body = body.rstrip() + "\n\n" + footer(candidate)
    message = OutboxMessage(candidate_id=candidate.id, application_id=application.id if application else None,
                            template_key=template_key, to_address=address, subject=subject[:300], body=body,
                            attachments=attachments or None, created_by_id=actor_id)
    db.session.add(message)
    db.session.flush()
    record_activity(candidate.id, "email", f"Email: {message.subject}", actor_id=actor_id,
                    job_id=application.job_id if application else None,
                    application_id=application.id if application else None,
                    data={"outbox_id": message.id, "template": template_key})
    record_audit("email.queue", message, actor_id=actor_id, candidate_id=candidate.id, template=template_key)
    enqueue_after_commit(deliver, message.id)
    return message


def queue_to(address: str, *, subject: str, body: str, actor_id: int | None, template_key: str,
             attachments: list[dict] | None = None, application_id: int | None = None) -> OutboxMessage:
    """Put a message for someone who is not a candidate (a colleague, a client contact, a user) in the
    outbox; no timeline entry, no privacy footer. Sent once the caller commits."""
    message = OutboxMessage(to_address=address, subject=subject[:300], body=body, attachments=attachments or None,
                            created_by_id=actor_id, application_id=application_id, template_key=template_key)
    db.session.add(message)
    db.session.flush()
    enqueue_after_commit(deliver, message.id)
    return message


def send_one(candidate_id: int, *, subject: str, body: str, actor_id: int, sender_name: str | None = None,
             application_id: int | None = None, template_key: str | None = None) -> OutboxMessage:
    """A message written (or started from a template) for one candidate; placeholders are filled. One that
    would reach them with an empty placeholder is refused, with the reason."""
    candidate, application = _recipient(candidate_id, application_id)
    subject, body = squash(subject), (body or "").strip()
    if not subject or not body:
        raise InvalidInput("Write a subject and a message.")
    check_placeholders(subject, body)
    values = values_for(candidate, application, sender_name)
    gaps = holes(values, subject, body)
    if gaps:
        raise InvalidInput(f"Not sent: {candidate.name} " + ", and ".join(gaps) + ".")
    message = queue_message(candidate, subject=render(subject, values), body=render(body, values),
                            actor_id=actor_id, application=application, template_key=template_key)
    db.session.commit()
    return message


def prepare_bulk(template_key: str, application_ids: list[int], *, sender_name: str | None = None,
                 job_id: int | None = None) -> list[dict]:
    """What a templated bulk message would be for each application, before anything is sent: the application,
    its candidate, subject, body, attachments, and ``problems`` (no address, placeholders that would be
    left empty and why). Someone with a problem is not sent to."""
    template = get_template(template_key)
    stmt = select(Application).where(Application.id.in_(application_ids)).order_by(Application.id)
    if job_id is not None:
        stmt = stmt.where(Application.job_id == job_id)
    drafts = []
    for application in db.session.scalars(stmt):
        candidate = application.candidate
        values = values_for(candidate, application, sender_name)
        problems = _problems(candidate, values, template.subject, template.body)
        drafts.append({"application": application, "candidate": candidate, "template": template,
                       "subject": render(template.subject, values), "body": render(template.body, values),
                       "attachments": _interview_attachments(template, application), "problems": problems})
    return drafts


def send_template(template_key: str, application_ids: list[int], *, actor_id: int,
                  sender_name: str | None = None, job_id: int | None = None) -> tuple[int, list[str]]:
    """One templated message per application (bulk, from the board), except to those it would reach with
    gaps or who have no address; returns (queued, why each of the others was skipped)."""
    queued, problems = [], []
    for draft in prepare_bulk(template_key, application_ids, sender_name=sender_name, job_id=job_id):
        if draft["problems"]:
            problems.append(f"{draft['candidate'].name} " + ", and ".join(draft["problems"]))
            continue
        queued.append(queue_message(draft["candidate"], subject=draft["subject"], body=draft["body"],
                                    actor_id=actor_id, application=draft["application"],
                                    template_key=draft["template"].key, attachments=draft["attachments"]))
    db.session.commit()
    return len(queued), problems


def outbox(*, status: str | None = None, page: int = 1, per_page: int = 50):
    stmt = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status:
        stmt = stmt.where(OutboxMessage.status == status)
    return db.paginate(stmt, page=max(page, 1), per_page=per_page, error_out=False, count=True)


def get_message(message_id: int) -> OutboxMessage:
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound("No such message.")
    return message


# ------------------------------------------------------------------ delivery (on the worker)

def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def build(message: OutboxMessage) -> EmailMessage:
    cfg = current_app.config
    mail = EmailMessage()
    mail["From"] = formataddr((cfg.get("COMPANY_NAME", "recruit"), cfg.get("MAIL_FROM", "recruit@localhost")))
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain=cfg.get("MAIL_FROM", "x@localhost")
                                    .split("@")[-1])
    mail.set_content(message.body)
    for attachment in message.attachments or []:
        maintype, subtype = attachment.get("mimetype", "text/plain").split(";")[0].split("/")
        if attachment.get("encoding") == "base64":
            import base64

            mail.add_attachment(base64.b64decode(attachment["content"]), maintype=maintype, subtype=subtype,
                                filename=attachment["filename"])
            continue
        params = _calendar_method(attachment["content"]) if subtype == "calendar" else {}
        mail.add_attachment(attachment["content"], subtype=subtype, filename=attachment["filename"], params=params)
    return mail


def _calendar_method(ics: str) -> dict:
    """The MIME ``method`` parameter of a calendar part: the file's own METHOD (RFC 6047 says they match), so
    a cancellation reads as a cancellation and a published event not as an invitation to answer."""
    found = re.search(r"^METHOD:([A-Z-]+)\r?$", ics, re.MULTILINE)
    return {"method": found.group(1)} if found else {}


@task("send_email", retries=3, retry_delay=60)
def deliver(message_id: int) -> str:
    """Send one queued message (idempotent: a message already sent or kept is left alone)."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status not in ("queued", "failed"):
        return message.status if message else "missing"
    if not smtp_configured():
        message.status, message.sent_at = "kept", None
        db.session.commit()
        return message.status
    cfg = current_app.config
    message.attempts += 1
    try:
        mode = (cfg.get("SMTP_TLS") or "starttls").lower()
        host, port = cfg["SMTP_HOST"], int(cfg.get("SMTP_PORT") or (465 if mode == "ssl" else 587))
        if mode == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=30, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=30)
        with smtp:
            if mode == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if cfg.get("SMTP_USER"):
                smtp.login(cfg["SMTP_USER"], cfg.get("SMTP_PASSWORD") or "")
            smtp.send_message(build(message))
    except (OSError, smtplib.SMTPException) as exc:
        message.status, message.error = "failed", f"{type(exc).__name__}: {exc}"[:1000]
        db.session.commit()
        raise
    message.status, message.error, message.sent_at = "sent", None, utcnow()
    db.session.commit()
    return message.status
