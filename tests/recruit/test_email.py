"""Email: templates fill in per candidate, every message lands in the outbox and on the timeline, and the
worker delivers it by SMTP (to a real local SMTP server here) or keeps it for an admin."""
import socket

import pytest
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Activity, OutboxMessage
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


class Inbox:
    """A real SMTP server on a free local port (aiosmtpd), collecting what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        inbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                from email import message_from_bytes, policy

                inbox.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)


@pytest.fixture
def inbox():
    box = Inbox()
    box.controller.start()
    yield box
    box.controller.stop()


def _applications(app, *, emails=("asha@example.com", "ravi@example.com")):
    with app.app_context():
        job = JobFactory(title="Equity Research Analyst")
        return job.id, [ApplicationFactory(job=job, candidate=CandidateFactory(name=f"Person {i} Surname", email=e)).id
                        for i, e in enumerate(emails)]


def test_bulk_email_from_the_board_is_kept_in_the_outbox_without_smtp(app, client, login):
    login("recruiter")
    job_id, ids = _applications(app, emails=("asha@example.com", None))
    page = client.post(f"/jobs/{job_id}/board/email", {"application_id": ids, "template": "rejection"},
                       follow_redirects=True).data.decode()
    assert "1 email queued" in page and "Not sent: Person 1 Surname has no email address." in page
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.status == "kept" and message.to_address == "asha@example.com"
        assert message.subject == "Your application for Equity Research Analyst"
        assert message.body.startswith("Dear Person,\n\nThank you for your interest in Equity Research Analyst")
        assert "{{" not in message.body
        entry = db.session.scalars(select(Activity).where(Activity.kind == "email")).one()
        assert entry.summary == "Email: Your application for Equity Research Analyst" and entry.application_id == ids[0]
        message_id = message.id
    client.post("/auth/logout")
    login("admin")
    outbox = client.get("/admin/outbox").data.decode()
    assert "No SMTP server is set" in outbox and "Your application for Equity Research Analyst" in outbox
    assert "Thank you for your interest" in client.get(f"/admin/outbox/{message_id}").data.decode()


@pytest.mark.parametrize("app_config", [{"SMTP_TLS": "none", "MAIL_FROM": "jobs@kpo.example.com",
                                         "COMPANY_NAME": "Northwind Research"}], indirect=True)
def test_messages_are_delivered_by_smtp(app, client, login, inbox):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port)
    login("recruiter")
    job_id, ids = _applications(app)
    client.post(f"/jobs/{job_id}/board/email", {"application_id": ids, "template": "acknowledgement"})
    assert sorted(rcpt[0] for rcpt, _ in inbox.messages) == ["asha@example.com", "ravi@example.com"]
    _, mail = inbox.messages[0]
    assert mail["Subject"] == "Your application for Equity Research Analyst"
    assert mail["From"] == "Northwind Research <jobs@kpo.example.com>"
    assert "applying for Equity Research Analyst at Northwind Research" in mail.get_body().get_content()
    with app.app_context():
        assert {m.status for m in db.session.scalars(select(OutboxMessage))} == {"sent"}


def test_a_failed_delivery_is_recorded_and_kept_for_retry(app, client, login):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]  # nothing listens here
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=closed_port, SMTP_TLS="none")
    login("recruiter")
    job_id, ids = _applications(app, emails=("asha@example.com",))
    client.post(f"/jobs/{job_id}/board/email", {"application_id": ids, "template": "offer"})
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.status == "failed" and "ConnectionRefusedError" in message.error and message.attempts >= 1


def test_writing_to_one_candidate_and_editing_templates(app, client, login):
    login("recruiter")
    _, (application_id,) = _applications(app, emails=("asha@example.com",))
    with app.app_context():
        from recruit.models import Application

        candidate_id = db.session.get(Application, application_id).candidate_id
    page = client.get(f"/candidates/{candidate_id}/email?template=interview_invite").data.decode()
    assert "Interview for {{ job_title }}" in page
    client.post(f"/candidates/{candidate_id}/email", {"subject": "Hello {{ first_name }}",
                                                      "body": "About {{ job_title }}.", "application_id": application_id})
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.subject == "Hello Person"
        assert message.body.startswith("About Equity Research Analyst.\n\n—\nYour data: get a copy")  # + privacy link
    client.post("/auth/logout")
    login("admin")
    bad = client.post("/admin/email-templates/offer", {"name": "Offer", "subject": "Offer {{ salary }}", "body": "x"})
    assert bad.status_code == 400 and "Unknown placeholder: {{ salary }}" in bad.data.decode()
    client.post("/admin/email-templates/offer", {"name": "Offer letter", "subject": "Welcome, {{ first_name }}",
                                                 "body": "Dear {{ candidate_name }}, welcome."})
    assert "Welcome, {{ first_name }}" in client.get("/admin/email-templates").data.decode()


def _calendar_methods(inbox) -> dict[str, str]:
    """Subject -> the method= of the calendar part, as a mail client receives it."""
    found = {}
    for _, mail in inbox.messages:
        for part in mail.iter_attachments():
            if part.get_content_type() == "text/calendar":
                found[mail["Subject"]] = part.get_param("method")
    return found


@pytest.mark.parametrize("app_config", [{"SMTP_TLS": "none"}], indirect=True)
def test_each_calendar_attachment_is_labelled_with_its_own_method(app, client, login, make_user, inbox):
    """Does a cancellation arrive as METHOD CANCEL and a campus confirmation as PUBLISH, not all as REQUEST?"""
    from datetime import datetime, timedelta

    from recruit.services import interviews
    from tests.recruit.test_campus import _event, _signup, _student

    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port)
    user_id = login("recruiter")
    _, code, _ = _event(client, app)
    _signup(client, code, _student(1))
    _, [application_id] = _applications(app, emails=("asha@example.com",))
    with app.app_context():
        interview = interviews.schedule(application_id, starts_local=datetime.now() + timedelta(days=3),
                                        tz="Asia/Kolkata", duration_minutes=30, location="Pune office",
                                        video_link=None, interviewer_ids=[make_user("interviewer")[0]],
                                        actor_id=user_id)
        interviews.cancel(interview.id, actor_id=user_id)
    methods = _calendar_methods(inbox)
    assert methods["You are registered: Analyst hiring day"] == "PUBLISH"
    assert methods["You are interviewing: Interview: Equity Research Analyst"] == "REQUEST"
    assert methods["Cancelled: Interview: Equity Research Analyst"] == "CANCEL"


NO_INTERVIEW = "would get an empty {{ interview_when }} and {{ interview_where }}: no interview booked"


def _book(app, application_id, make_user, days=3):
    from datetime import datetime, timedelta

    from recruit.services import interviews

    with app.app_context():
        when = (datetime.now() + timedelta(days=days)).replace(hour=11, minute=0, second=0, microsecond=0)
        interviews.schedule(application_id, starts_local=when, tz="Asia/Kolkata", duration_minutes=45,
                            location="Pune office, 4th floor", video_link=None,
                            interviewer_ids=[make_user("interviewer")[0]], actor_id=None, notify=False)


def test_bulk_interview_invitation_skips_whoever_has_no_interview_and_says_why(app, client, login, make_user):
    """Ticking two applicants, one with an interview booked: does the recruiter see, before sending, that the
    other would get an empty 'When:', and does only the booked one get the message, with the calendar file?"""
    login("recruiter")
    job_id, (booked, unbooked) = _applications(app)
    _book(app, booked, make_user)
    page = client.post(f"/jobs/{job_id}/email", {"application_id": [booked, unbooked],
                                                 "template": "interview_invite"}).data.decode()
    assert "Will be sent to 1 of 2" in page
    assert f"<strong>Person 1 Surname</strong> {NO_INTERVIEW}" in page
    assert "As Person 0 Surname will read it" in page and "Where: Pune office, 4th floor" in page
    assert "Attached: interview.ics" in page
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage)).first() is None  # nothing sent by looking
    other = client.post(f"/jobs/{job_id}/email", {"application_id": [booked, unbooked], "template": "interview_invite",
                                                  "preview": unbooked}).data.decode()
    assert "As Person 1 Surname will read it" in other and "When: \nWhere: \n" in other
    done = client.post(f"/jobs/{job_id}/board/email", {"application_id": [booked, unbooked],
                                                       "template": "interview_invite"},
                       follow_redirects=True).data.decode()
    assert "1 email queued" in done
    assert f"Not sent: Person 1 Surname {NO_INTERVIEW}" in done
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.to_address == "asha@example.com" and "Where: Pune office, 4th floor" in message.body
        assert "When: \n" not in message.body and message.attachments[0]["filename"] == "interview.ics"
        assert "METHOD:REQUEST" in message.attachments[0]["content"]


def test_writing_to_one_candidate_previews_and_refuses_gaps(app, client, login, make_user):
    """Does the composer show the message as this candidate will read it, and refuse to send one with holes?"""
    login("recruiter")
    _, (application_id,) = _applications(app, emails=("asha@example.com",))
    with app.app_context():
        from recruit.models import Application

        candidate_id = db.session.get(Application, application_id).candidate_id
    page = client.get(f"/candidates/{candidate_id}/email?template=interview_invite"
                      f"&application_id={application_id}").data.decode()
    assert "As Person 0 Surname will read it" in page and "Interview for Equity Research Analyst: </strong>" in page
    assert NO_INTERVIEW in page
    refused = client.post(f"/candidates/{candidate_id}/email", {
        "subject": "Interview: {{ interview_when }}", "body": "Dear {{ first_name }}, see you {{ interview_where }}.",
        "application_id": application_id}, follow_redirects=True).data.decode()
    assert f"Not sent: Person 0 Surname {NO_INTERVIEW}" in refused
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage)).first() is None
    _book(app, application_id, make_user)
    client.post(f"/candidates/{candidate_id}/email", {
        "subject": "Interview: {{ interview_when }}", "body": "Dear {{ first_name }}, see you {{ interview_where }}.",
        "application_id": application_id})
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage)).one().body.startswith(
            "Dear Person, see you Pune office, 4th floor.")
