"""Campus drives: publish an event, students sign up (eligibility, waitlist, duplicates), check in by QR
token, rounds, attendees become applicants; the public form is throttled and never overbooks."""
import base64
import io
import re
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import (Application, Candidate, CampusEvent, DemographicResponse, DriveRound, OutboxMessage,
                            Registration, SelfIdAnswer)
from tests.factories import JobFactory

RESUME = b"""Nisha Verma
nisha.verma@example.com | +91 98450 11111

EDUCATION
B.Com (Finance), Christ University, 2026, CGPA 8.4

SKILLS
Excel, Financial modelling, Accounting, Report writing
"""


def _event(client, app, **overrides):
    with app.app_context():
        job_id = JobFactory(title="Graduate Analyst").id
    when = (datetime.now() + timedelta(days=10)).strftime("%Y-%m-%dT10:00")
    form = {"title": "Analyst hiring day", "school": "Christ University", "starts_at": when, "timezone": "Asia/Kolkata",
            "venue": "Main auditorium", "capacity": "3", "eligible_degrees": "B.Com, BBA", "graduation_years": "2026",
            "min_cgpa": "7", "min_percentage": "65", "no_active_backlogs": "1", "jobs": str(job_id)}
    form.update(overrides)
    response = client.post("/campus/new", form)
    assert response.status_code == 302, response.data[:400]
    event_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    client.post(f"/campus/{event_id}/status", {"status": "published"})
    with app.app_context():
        event = db.session.get(CampusEvent, event_id)
        return event_id, event.code, job_id


def _student(i=0, **overrides):
    form = {"name": f"Student {i} Verma", "email": f"student{i}@example.com", "phone": "", "degree": "B.Com",
            "branch": "Finance", "graduation_year": "2026", "cgpa": "8.4", "percentage": "", "active_backlogs": "0",
            "consent": "1"}
    form.update(overrides)
    return form


def _signup(client, code, form, addr="10.0.0.1", resume=None):
    data = dict(form)
    if resume is not None:
        data["resume"] = (io.BytesIO(resume), "cv.txt")
    return client.post(f"/e/{code}", data, content_type="multipart/form-data", environ_base={"REMOTE_ADDR": addr})


def test_student_signs_up_and_gets_confirmation_with_ics_and_qr(app, client, login):
    login("recruiter")
    event_id, code, _ = _event(client, app)
    client.post("/auth/logout")
    page = client.get(f"/e/{code}").data.decode()
    assert "Christ University" in page and "CGPA of at least 7 (out of 10)" in page and "No active backlogs" in page
    assert 'name="website"' in page and 'name="csrf_token"' in page
    # The automated-tool notice and the request for a person, as on the careers page; the admin's
    # self-identification questions and not the old gender one.
    assert "An automated tool helps us assess applications" in page and 'name="human_review"' in page
    assert 'name="sid_sex"' in page and 'name="demographic"' not in page
    response = _signup(client, code, _student(0, name="Nisha Verma", email="nisha.verma@example.com",
                                               sid_sex="Female"), resume=RESUME)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/e/{code}/thanks")
    with app.app_context():
        registration = db.session.scalars(select(Registration)).one()
        assert registration.status == "confirmed" and len(registration.token) >= 22
        candidate = db.session.get(Candidate, registration.candidate_id)
        assert candidate.source == "campus" and candidate.consent_at and candidate.retain_until
        assert candidate.resumes[0].parse_status == "done"  # parsed on the (immediate) worker
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.subject == "You are registered: Analyst hiring day"
        assert f"/r/{registration.token}" in message.body and "/privacy/" in message.body
        kinds = {a["filename"]: a for a in message.attachments}
        assert "BEGIN:VEVENT" in kinds["event.ics"]["content"]
        assert base64.b64decode(kinds["check-in-qr.png"]["content"]).startswith(b"\x89PNG")
        token = registration.token
    own = client.get(f"/r/{token}").data.decode()
    assert "you have a place" in own and "<svg" in own


def test_eligibility_is_checked_politely_and_nothing_is_kept(app, client, login):
    login("recruiter")
    _, code, _ = _event(client, app)
    response = _signup(client, code, _student(1, degree="B.Tech", cgpa="6.1", active_backlogs="2"))
    page = response.data.decode()
    assert response.status_code == 400
    assert "Thank you for your interest. We cannot register you for this drive because this drive is for B.Com, " \
           "BBA students" in page and "it asks for at least a CGPA of 7 or 65%" in page
    assert "no active backlogs" in page and 'value="Student 1 Verma"' in page  # what they typed is kept
    assert _signup(client, code, _student(2, cgpa="", percentage="70")).status_code == 302  # 70% meets "or 65%"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 1


def test_is_a_recruiter_told_what_is_wrong_with_an_event_and_what_they_typed_kept(app, client, login):
    """Planning a drive with an answer the form cannot use: is the first problem named, the form shown again with
    what was typed, and no event saved? And can capacity not drop below the places already given?"""
    login("recruiter")
    when = (datetime.now() + timedelta(days=10)).strftime("%Y-%m-%dT10:00")
    base = {"title": "Analyst hiring day", "school": "Christ University", "starts_at": when,
            "timezone": "Asia/Kolkata", "venue": "Block C auditorium", "capacity": "3"}
    cases = [({"timezone": "Mars/Olympus"}, "Unknown time zone"),
             ({"title": " "}, "An event needs a title and a school."),
             ({"school": ""}, "An event needs a title and a school."), ({"starts_at": ""}, "When does it start?"),
             ({"starts_at": "next week"}, "Give dates and times as the form asks."),
             ({"capacity": "many"}, "Capacity is a number of students."),
             ({"capacity": "0"}, "Capacity is between 1 and 100,000."),
             ({"graduation_years": "2026, 26"}, "Graduation years are four-digit years, separated by commas."),
             ({"min_cgpa": "11"}, "Minimum CGPA must be between 0 and 10."),
             ({"min_percentage": "lots"}, "Minimum percentage must be a number."),
             ({"ends_at": (datetime.now() + timedelta(days=9)).strftime("%Y-%m-%dT10:00")},
              "The event ends before it starts."),
             ({"signup_opens_at": "2026-01-05T10:00", "signup_closes_at": "2026-01-04T10:00"},
              "Sign-up closes before it opens.")]
    for answers, message in cases:
        response = client.post("/campus/new", {**base, **answers})
        page = response.data.decode()
        assert response.status_code == 400 and message in page, (answers, page[:2000])
        assert 'value="Block C auditorium"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CampusEvent)) == 0
    event_id, code, _ = _event(client, app, capacity="2")
    assert _signup(client, code, _student(1)).status_code == 302
    assert _signup(client, code, _student(2)).status_code == 302
    response = client.post(f"/campus/{event_id}/edit", {**base, "capacity": "1"})
    assert response.status_code == 400
    assert "2 students already have a place; capacity cannot be lower." in response.data.decode()


def test_is_a_recruiter_told_what_is_wrong_with_a_round_or_a_slot(app, client, login):
    """A round with no name, no kind or a pass mark out of range, a slot with no time, an unreadable time or no
    room: is each problem named, and nothing added?"""
    login("recruiter")
    event_id, _, _ = _event(client, app)
    for answers, message in [({"name": " ", "kind": "aptitude"}, "Name the round."),
                             ({"name": "Aptitude test", "kind": "quiz"}, "Choose the kind of round."),
                             ({"name": "Aptitude test", "kind": "aptitude", "pass_mark": "2000"},
                              "Pass mark must be between 0 and 1000.")]:
        page = client.post(f"/campus/{event_id}/rounds", answers, follow_redirects=True).data.decode()
        assert message in page, answers
    client.post(f"/campus/{event_id}/rounds", {"name": "Group discussion", "kind": "group_discussion"})
    with app.app_context():
        (round_,) = db.session.get(CampusEvent, event_id).rounds
        round_id = round_.id
    for answers, message in [({"starts_at": ""}, "When is the slot?"),
                             ({"starts_at": "after lunch"}, "Give dates and times as the form asks."),
                             ({"capacity": "0"}, "A slot holds between 1 and 10,000 students."),
                             ({"capacity": "lots"}, "A slot holds between 1 and 10,000 students.")]:
        slot = {"action": "slot", "starts_at": "2030-01-10T10:00", "capacity": "20", "place": "Room 4", **answers}
        page = client.post(f"/campus/{event_id}/rounds/{round_id}", slot, follow_redirects=True).data.decode()
        assert message in page, answers
    with app.app_context():
        assert [r.name for r in db.session.get(CampusEvent, event_id).rounds] == ["Group discussion"]
        assert db.session.get(DriveRound, round_id).slots == []


def test_does_the_sign_up_form_name_the_first_wrong_answer_and_keep_the_rest(app, client, login):
    """A student who leaves out their name, or types a year, marks or backlogs the form cannot read: is each told
    what to fix (the first wrong answer, in the page's order), with what they typed kept and nothing registered?"""
    login("recruiter")
    _, code, _ = _event(client, app)
    cases = [({"name": "  "}, "Please give your name."), ({"email": ""}, "Please give your email address."),
             ({"email": "not-an-address"}, "This email address is not valid"),
             ({"phone": "12"}, "This phone number is not valid"),
             ({"graduation_year": "26"}, "Graduation year is a year such as 2027."),
             ({"graduation_year": "soon"}, "Graduation year is a year such as 2027."),
             ({"active_backlogs": "none"}, "Active backlogs is a number (0 if none)."),
             ({"cgpa": "eight"}, "CGPA must be a number."), ({"cgpa": "84"}, "CGPA must be between 0 and 10."),
             ({"percentage": "120"}, "Percentage must be between 0 and 100."),
             ({"name": "", "cgpa": "eight"}, "Please give your name.")]
    for i, (answers, message) in enumerate(cases):
        response = _signup(client, code, _student(i, branch="Finance and Accounts", **answers), addr=f"10.0.9.{i}")
        page = response.data.decode()
        assert response.status_code == 400 and message in page, (answers, page[:2000])
        assert 'value="Finance and Accounts"' in page  # what they typed is kept
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 0


def test_duplicates_waitlist_and_automatic_promotion(app, client, login):
    login("recruiter")
    event_id, code, _ = _event(client, app, capacity="1")
    first = _signup(client, code, _student(1))
    again = _signup(client, code, _student(1, name="Student One Again"))
    assert first.headers["Location"] == again.headers["Location"]  # the page says nothing different
    _signup(client, code, _student(2))
    with app.app_context():
        regs = {r.email: r for r in db.session.scalars(select(Registration))}
        assert len(regs) == 2 and regs["student1@example.com"].status == "confirmed"
        assert regs["student2@example.com"].status == "waitlisted"
        waitlist_mail = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.to_address == "student2@example.com")).one()
        assert "number 1 on the waitlist" in waitlist_mail.body
        first_token = regs["student1@example.com"].token
    client.post(f"/r/{first_token}/cancel")
    with app.app_context():
        regs = {r.email: r for r in db.session.scalars(select(Registration))}
        assert regs["student1@example.com"].status == "cancelled"
        assert regs["student2@example.com"].status == "confirmed" and regs["student2@example.com"].promoted_at
        promoted = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.subject == "A place for you: Analyst hiring day")).one()
        assert promoted.to_address == "student2@example.com"


def test_check_in_walk_ins_rounds_and_attendees_become_applicants(app, client, login):
    login("recruiter")
    event_id, code, job_id = _event(client, app)
    for i in range(3):
        _signup(client, code, _student(i, sid_sex="Male" if i == 0 else "", human_review="1" if i == 1 else ""))
    with app.app_context():
        tokens = [r.token for r in db.session.scalars(select(Registration).order_by(Registration.id))]
    link = f"http://recruit.test/r/{tokens[0]}"  # what the QR code holds
    # The event is ten days away: checking in now is confirmed as early (see the early check-in test).
    response = client.post(f"/campus/{event_id}/checkin", {"token": link, "early": "1"},
                           headers={"Accept": "application/json"})
    assert response.json == {"ok": True, "message": "Student 0 Verma checked in.", "id": 1}
    assert client.post(f"/campus/{event_id}/checkin", {"token": "not-a-code", "early": "1"},
                       headers={"Accept": "application/json"}).status_code == 404
    client.post(f"/campus/{event_id}/checkin", {"registration_id": "2", "early": "1"})
    client.post(f"/campus/{event_id}/walk-in", {"name": "Walk In Person", "email": "walkin@example.com",
                                                "degree": "BBA", "graduation_year": "2026", "cgpa": "7.5",
                                                "consent": "1", "early": "1"})
    page = client.get(f"/campus/{event_id}?show=no_show").data.decode()
    assert "No-shows" not in page and "Student 2 Verma" not in page  # nobody has missed an event to come
    # Rounds: a pass/fail aptitude test, then an interview scored against a pass mark.
    client.post(f"/campus/{event_id}/rounds", {"name": "Aptitude test", "kind": "aptitude"})
    client.post(f"/campus/{event_id}/rounds", {"name": "Interview", "kind": "interview", "pass_mark": "60"})
    with app.app_context():
        event = db.session.get(CampusEvent, event_id)
        aptitude, interview = event.rounds
        attendees = {r.name: r.id for r in db.session.scalars(select(Registration).where(
            Registration.checked_in_at.isnot(None)))}
    assert set(attendees) == {"Student 0 Verma", "Student 1 Verma", "Walk In Person"}
    client.post(f"/campus/{event_id}/rounds/{aptitude.id}", {"action": "slot", "starts_at": "2030-01-10T10:00",
                                                             "capacity": "2", "place": "Lab 1"})
    client.post(f"/campus/{event_id}/rounds/{aptitude.id}", {"action": "assign"})
    for name, outcome in (("Student 0 Verma", "pass"), ("Walk In Person", "pass"), ("Student 1 Verma", "fail")):
        client.post(f"/campus/{event_id}/rounds/{aptitude.id}", {"action": "result", "outcome": outcome,
                                                                 "registration_id": attendees[name]})
    second = client.get(f"/campus/{event_id}/rounds/{interview.id}").data.decode()
    assert "<td>Student 0 Verma</td>" in second and "<td>Student 1 Verma</td>" not in second  # only who cleared
    client.post(f"/campus/{event_id}/rounds/{interview.id}", {"action": "result", "score": "72",
                                                              "registration_id": attendees["Student 0 Verma"]})
    client.post(f"/campus/{event_id}/convert")
    with app.app_context():
        apps = list(db.session.scalars(select(Application).where(Application.job_id == job_id)))
        assert len(apps) == 3 and {a.source for a in apps} == {"campus"}
        # Student 0's sign-up answer reached their application (and only theirs); nobody was asked the old question.
        answers = db.session.execute(select(SelfIdAnswer.application_id, SelfIdAnswer.answer)
                                     .where(SelfIdAnswer.application_id.isnot(None))).all()
        student0 = db.session.scalar(select(Application.id).join(Candidate)
                                     .where(Candidate.name == "Student 0 Verma"))
        assert answers == [(student0, "Male")]
        assert db.session.scalar(select(func.count()).select_from(DemographicResponse)) == 0
        # Student 1 asked at sign-up for a person instead of the automated tool: their application says so.
        asked = {a.candidate.name: a.human_review_requested for a in apps}
        assert asked == {"Student 0 Verma": False, "Student 1 Verma": True, "Walk In Person": False}
        from recruit.services import campus

        funnel = dict(campus.funnel(event_id))
        assert (funnel["Registered"], funnel["Attended"], funnel["Cleared Aptitude test"],
                funnel["Cleared Interview"]) == (4, 3, 2, 1)
        slots = db.session.get(CampusEvent, event_id).rounds[0].slots
        assert len(slots) == 1
    client.post(f"/campus/{event_id}/convert")  # again: nothing doubled
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Application)) == 3
    assert "Christ University" in client.get("/campus/reports").data.decode()


def _move_event(app, event_id, *, starts_ago: timedelta):
    """Put the event's start that long before now (no end time: it lasts three hours)."""
    from recruit.models.base import utcnow

    with app.app_context():
        event = db.session.get(CampusEvent, event_id)
        event.starts_at, event.ends_at = utcnow() - starts_ago, None
        db.session.commit()


def test_no_shows_are_listed_only_once_the_event_is_over(app, client, login):
    """Nine days before the event, does anyone show as a no-show? And after it, the ones who never came?"""
    login("recruiter")
    event_id, code, _ = _event(client, app)
    _signup(client, code, _student(1))
    _signup(client, code, _student(2))
    page = client.get(f"/campus/{event_id}").data.decode()
    assert "No-shows" not in page and "With a place (2)" in page
    assert "Student 1 Verma" not in client.get(f"/campus/{event_id}?show=no_show").data.decode()
    _move_event(app, event_id, starts_ago=timedelta(hours=1))  # under way: people may still arrive
    client.post(f"/campus/{event_id}/checkin", {"registration_id": "1"})
    assert "No-shows" not in client.get(f"/campus/{event_id}").data.decode()
    _move_event(app, event_id, starts_ago=timedelta(hours=4))
    assert "No-shows (1)" in client.get(f"/campus/{event_id}").data.decode()
    missed = client.get(f"/campus/{event_id}?show=no_show").data.decode()
    assert "Student 2 Verma" in missed and "Student 1 Verma" not in missed


def test_checking_in_before_the_event_day_needs_a_confirmation(app, client, login):
    """Days before the event, is a check-in refused with the reason, and taken once the recruiter confirms?"""
    login("recruiter")
    event_id, code, _ = _event(client, app)
    _signup(client, code, _student(1))
    with app.app_context():
        token = db.session.scalars(select(Registration.token)).one()
    refused = client.post(f"/campus/{event_id}/checkin", {"token": token}, headers={"Accept": "application/json"})
    assert refused.status_code == 400 and refused.json["ok"] is False
    assert "Student 1 Verma is not checked in." in refused.json["message"]
    early = re.compile(r"on \w+day \d\d \w+ 20\d\d, in (9|10) days: check-in is for the day itself")
    assert early.search(refused.json["message"])
    page = client.get(f"/campus/{event_id}/checkin").data.decode()
    assert early.search(page) and "Check students in early anyway" in page
    walk_in = client.post(f"/campus/{event_id}/walk-in", {"name": "Walk In Person", "email": "walkin@example.com",
                                                          "consent": "1"}, follow_redirects=True).data.decode()
    assert "Nobody was registered." in walk_in
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Registration.checked_in_at.isnot(None))) == 0
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 1
    confirmed = client.post(f"/campus/{event_id}/checkin", {"token": token, "early": "1"},
                            headers={"Accept": "application/json"})
    assert confirmed.json == {"ok": True, "message": "Student 1 Verma checked in.", "id": 1}
    assert "You confirmed checking students in early" in client.get(f"/campus/{event_id}/checkin?early=1").data.decode()


def test_the_checked_in_label_gives_the_time_in_the_events_zone(app, client, login):
    """Does the check-in list say 'Checked in 09:42' in the event's own time zone, not just 'in'?"""
    from zoneinfo import ZoneInfo

    login("recruiter")
    event_id, code, _ = _event(client, app, timezone="America/New_York")
    _signup(client, code, _student(1))
    _move_event(app, event_id, starts_ago=timedelta(minutes=30))
    client.post(f"/campus/{event_id}/checkin", {"registration_id": "1"})
    with app.app_context():
        at = db.session.scalars(select(Registration.checked_in_at)).one().astimezone(ZoneInfo("America/New_York"))
        starts = db.session.get(CampusEvent, event_id).starts_at.astimezone(ZoneInfo("America/New_York"))
    label = f"Checked in {at:%H:%M}" if at.date() == starts.date() else f"Checked in {at:%d %b %Y, %H:%M}"
    found = client.get(f"/campus/{event_id}/checkin?q=Student").data.decode()
    assert f'<span class="badge parse-done">{label}</span>' in found
    assert label in client.get(f"/campus/{event_id}").data.decode()


def test_public_form_is_throttled_has_a_honeypot_and_needs_csrf(app, client, login):
    login("recruiter")
    _, code, _ = _event(client, app, capacity="50")
    client.post("/auth/logout")
    trap = _signup(client, code, _student(9, website="http://spam.example.com"), addr="10.9.9.9")
    assert trap.status_code == 302
    assert client.post(f"/e/{code}", _student(8), csrf=False).status_code == 400
    statuses = [_signup(client, code, _student(i), addr="10.1.1.1").status_code for i in range(10, 16)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    last = _signup(client, code, _student(99), addr="10.1.1.1")
    assert "Too many requests from your address" in last.data.decode()
    assert _signup(client, code, _student(98), addr="10.1.1.2").status_code == 302  # others still get in
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 6  # no spam, no 6th burst one


# Tests run tasks in-process (Huey immediate mode), so each request briefly holds a second connection.
@pytest.mark.parametrize("app_config", [{"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 45, "pool_pre_ping": True}}],
                         indirect=True)
def test_simultaneous_signups_never_overbook(app, client, login):
    """Twenty students from twenty addresses at the same moment, five places: five confirmed, fifteen waiting."""
    login("recruiter")
    event_id, code, _ = _event(client, app, capacity="5")
    barrier = threading.Barrier(20)
    results = []

    def one(i):
        own = app.test_client()
        from tests.conftest import BrowserLikeClient

        browser = BrowserLikeClient(app)
        browser.raw = own
        barrier.wait()
        results.append(_signup(browser, code, _student(100 + i), addr=f"10.2.0.{i + 1}").status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [302] * 20
    with app.app_context():
        counts = dict(db.session.execute(select(Registration.status, func.count()).group_by(Registration.status)).all())
        assert counts == {"confirmed": 5, "waitlisted": 15}
