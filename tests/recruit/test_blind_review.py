"""Blind review hides who an applicant is on every page a reviewer reaches, decided in one place."""
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import (Application, Client, Interview, InterviewAssignment, Job, Resume, Submittal,
                            SubmittalItem, User)
from recruit.models.base import utcnow
from recruit.services import blind, email, notes, pipeline, tokens
from tests.recruit.test_shortlisting import STRONG

RESUME = STRONG  # Meera Nair of Pune, an equity research analyst at Crisil
OTHER = (RESUME.replace("Meera Nair", "Ravi Kumar").replace("meera.nair", "ravi.kumar")
         .replace("98450 12345", "99000 11111").replace("Pune, Maharashtra", "Delhi"))
# What must not reach a reviewer, in every form the app writes it.
SECRETS = ("Meera", "Nair", "meera.nair@example.com", "98450 12345", "+919845012345", "9845012345", "Pune")
NOT_WALKED = {  # GET routes a recruiter reaches whose ids are not a candidate's, a job's or their records
    "clients.document", "campus.detail", "campus.edit",
    "campus.checkin", "campus.poster", "campus.round_detail", "imports.detail", "imports.progress",
    "api.import_progress", "api.campus_registrations",  # the same for the API
    "partners.detail", "partners.edit", "partners.certificate",  # a partner firm's
    # a brief's problems and the people placed before (past every blind stage), not a job's applicants
    "briefs.detail", "briefs.match",
    # a client's report, anonymised by its own share setting (tests/recruit/test_recommendation_report.py)
    "recommendations.detail", "recommendations.version", "recommendations.download",
}


def _add(client, job_id, text, name, email_address, phone, town):
    response = client.post("/candidates/new", {
        "name": name, "email": email_address, "phone": phone, "location": town, "headline": "Equity analyst",
        "source": "manual", "job_id": str(job_id),
        "resume": (io.BytesIO(text.encode()), f"{name.replace(' ', '_')}.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _job(client, title):
    response = client.post("/jobs/new", {
        "title": title, "client_id": "0", "location": "Mumbai", "employment_type": "full_time", "openings": "2",
        "min_years": "3", "education": "mba", "status": "open", "required_skills": "Financial modelling, Valuation",
        "preferred_skills": "Bloomberg", "description": "Build financial models of listed banks."})
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def blind_world(app, client, login):
    """A blind job (until Interview) with Meera applied and Ravi rejected, an open job Meera is also in,
    a note, an email, a list, an interview with the recruiter on the panel: everything a reviewer reaches."""
    recruiter = login("recruiter")
    blind_job, open_job = _job(client, "Equity Research Analyst"), _job(client, "Credit Analyst")
    meera = _add(client, blind_job, RESUME, "Meera Nair", "meera.nair@example.com", "+91 98450 12345", "Pune")
    ravi = _add(client, blind_job, OTHER, "Ravi Kumar", "ravi.kumar@example.com", "+91 99000 11111", "Delhi")
    client.post(f"/candidates/{meera}/applications", {"job_id": str(open_job)})
    with app.app_context():
        job = db.session.get(Job, blind_job)
        job.blind_review, job.blind_until_stage = True, "interview"
        apps = {(a.candidate_id, a.job_id): a.id for a in db.session.scalars(select(Application))}
        pipeline.move([apps[(ravi, blind_job)]], "rejected", actor_id=recruiter, reason="Not enough experience")
        me = db.session.get(User, recruiter)
        notes.add_note(meera, f"@{me.name.split()[0]} Meera Nair (meera.nair@example.com) asked to call back",
                       actor_id=recruiter, application_id=apps[(meera, blind_job)])
        email.send_one(meera, subject="Hello Meera Nair", body="Dear Meera", actor_id=recruiter)
        saved = notes.create_list("Pool", actor_id=recruiter)
        notes.add_to_list(saved.id, [meera, ravi], actor_id=recruiter)
        interview = Interview(application_id=apps[(meera, blind_job)], title="Interview: Equity Research Analyst",
                              starts_at=utcnow() + timedelta(days=2), uid="blind@recruit")
        interview.assignments = [InterviewAssignment(interviewer_id=recruiter)]
        db.session.add(interview)
        northwind = Client(name="Northwind Research")  # the open job is its job order, Meera submitted to it
        db.session.add(northwind)
        db.session.flush()
        db.session.get(Job, open_job).client_id = northwind.id
        submittal = Submittal(job_id=open_job, client_id=northwind.id, token_hash="1" * 64,
                              expires_at=utcnow() + timedelta(days=3))
        submittal.items = [SubmittalItem(application_id=apps[(meera, open_job)], note="Strong on banks")]
        db.session.add(submittal)
        db.session.commit()
        resume = db.session.scalar(select(Resume).where(Resume.candidate_id == meera))
        ids = {"candidate_id": meera, "job_id": blind_job, "application_id": apps[(meera, blind_job)],
               "resume_id": resume.id, "list_id": saved.id, "interview_id": interview.id,
               "assignment_id": interview.assignments[0].id, "name": "sources", "key": "rejection",
               "client_id": northwind.id, "submittal_id": submittal.id}
    client.get("/")  # shows (and so clears) the "added" messages
    return {"ids": ids, "open_job": open_job, "ravi": ravi, "apps": apps, "recruiter": recruiter}


def _leaks(body: str) -> list[str]:
    """The secrets written in ``body`` as words of their own ("Nair", not "Africa/Nairobi")."""
    return [s for s in SECRETS if re.search(r"(?<![^\W_])" + re.escape(s) + r"(?![^\W_])", body, re.IGNORECASE)]


def test_does_any_page_a_reviewer_reaches_show_who_a_blind_applicant_is(app, client, blind_world):
    """Walk every GET route a recruiter may open, with the ids of the blind applicant, her job, resume,
    list and interview, and a few searches: none shows her name, email, phone or town."""
    ids = blind_world["ids"]
    urls, skipped = [], set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_WALKED:
            continue
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", ())
        if "recruiter" not in roles:
            continue
        if not set(rule.arguments) <= set(ids):
            skipped.add(rule.endpoint)
            continue
        urls.append(rule.build({a: ids[a] for a in rule.arguments}, append_unknown=False)[1])
    assert skipped == set(), "a new route about a candidate or a job: give it ids or list it in NOT_WALKED"
    urls += [f"/candidates/?job={ids['job_id']}", f"/candidates/?job={blind_world['open_job']}",
             "/candidates/?q=equity", "/candidates/?skills=Valuation", f"/jobs/{blind_world['open_job']}",
             f"/jobs/{blind_world['open_job']}/board", f"/jobs/{blind_world['open_job']}/ranking",
             f"/jobs/{blind_world['open_job']}/ranking.csv", f"/candidates/{ids['candidate_id']}?kind=note",
             f"/clients/orders/{blind_world['open_job']}/match", f"/clients/orders/{blind_world['open_job']}/submit",
             f"/candidates/{ids['candidate_id']}/resumes/{ids['resume_id']}?inline=1",
             f"/candidates/{ids['candidate_id']}/email?template=rejection", f"/candidates/{blind_world['ravi']}",
             f"/jobs/{blind_world['open_job']}/applications/"
             f"{blind_world['apps'][(ids['candidate_id'], blind_world['open_job'])]}"]
    with app.app_context():  # the API's pages are walked with the recruiter's token, every scope the role allows
        _token, secret = tokens.create_token(blind_world["recruiter"], "walk", tokens.allowed_scopes("recruiter"),
                                             expires_days=7)
    leaks, statuses = {}, {}
    for url in urls:
        response = client.get(url, headers={"Authorization": f"Bearer {secret}"} if url.startswith("/api/") else {})
        statuses[url] = response.status_code
        body = response.get_data(as_text=True)
        found = _leaks(body)
        if found:
            leaks[url] = [body[max(0, body.lower().find(s.lower()) - 60):body.lower().find(s.lower()) + 30]
                          for s in found[:1]]
    assert leaks == {}
    assert {u: s for u, s in statuses.items() if s >= 500} == {}
    assert len(urls) > 40  # the walk reached the app's pages, not a handful
    candidate_page = client.get(f"/candidates/{ids['candidate_id']}").get_data(as_text=True)
    assert f"Applicant A-{ids['application_id']:05d}" in candidate_page and "Crisil" not in candidate_page
    submitted = client.get(f"/clients/orders/{blind_world['open_job']}/submit").get_data(as_text=True)
    open_app = blind_world["apps"][(ids["candidate_id"], blind_world["open_job"])]
    assert f"Applicant A-{open_app:05d}" in submitted  # the client pages list her, by label
    resume = client.get(f"/candidates/{ids['candidate_id']}/resumes/{ids['resume_id']}?inline=1")
    assert resume.status_code == 200 and "█" in resume.get_data(as_text=True)
    assert "Equity research analyst with 5 years" in resume.get_data(as_text=True)  # the work stays readable


def test_can_a_reviewer_find_out_who_a_label_is_by_searching(app, client, blind_world):
    """Searching for the hidden applicant's name, email or phone, or filtering on her town, does not list her
    (even by label); a search for her work still does."""
    label = f"Applicant A-{blind_world['ids']['application_id']:05d}"
    for args in ("q=Meera", "q=nair", "q=meera.nair@example.com", "q=%2B919845012345", "location=Pune"):
        assert label not in client.get(f"/candidates/?{args}").get_data(as_text=True), args
    assert label in client.get("/candidates/?q=equity").get_data(as_text=True)


def test_does_the_job_overview_list_a_rejected_blind_applicant_by_label(app, client, blind_world):
    """The overview of a blind job lists its rejected applicants as the ranking did: by label."""
    ravi_app = blind_world["apps"][(blind_world["ravi"], blind_world["ids"]["job_id"])]
    html = client.get(f"/jobs/{blind_world['ids']['job_id']}").get_data(as_text=True)
    assert "Ravi" not in html and f"Applicant A-{ravi_app:05d}" in html


def test_is_a_person_in_a_blind_and_an_open_job_hidden_in_both(app, client, blind_world):
    """The rule for two jobs: hidden everywhere while any application is still under blind review, with
    the label of the job being looked at; shown again once the blind one reaches its reveal stage."""
    ids, open_job = blind_world["ids"], blind_world["open_job"]
    open_app = blind_world["apps"][(ids["candidate_id"], open_job)]
    board = client.get(f"/jobs/{open_job}/board").get_data(as_text=True)
    assert "Meera" not in board and f"Applicant A-{open_app:05d}" in board
    listed = client.get(f"/candidates/?job={open_job}").get_data(as_text=True)
    assert f"Applicant A-{open_app:05d}" in listed and "meera.nair@example.com" not in listed
    with app.app_context():
        pipeline.move([ids["application_id"]], "interview", actor_id=blind_world["recruiter"])
    for url in (f"/jobs/{open_job}/board", f"/candidates/{ids['candidate_id']}", f"/candidates/?job={open_job}"):
        assert "Meera Nair" in client.get(url).get_data(as_text=True), url
    ravi_page = client.get(f"/candidates/{blind_world['ravi']}").get_data(as_text=True)
    assert "Ravi Kumar" in ravi_page  # rejected: blind on the job's pages only, not anonymous for ever


def test_does_an_admin_see_who_everyone_is(app, client, blind_world, login):
    """Admins set the rule and answer for it: they see names under blind review (as before)."""
    client.post("/auth/logout")
    login("admin")
    ids = blind_world["ids"]
    assert "Meera Nair" in client.get(f"/candidates/{ids['candidate_id']}").get_data(as_text=True)
    assert "Ravi Kumar" in client.get(f"/jobs/{ids['job_id']}").get_data(as_text=True)
    assert client.get(f"/candidates/{ids['candidate_id']}/resumes/{ids['resume_id']}").data.startswith(b"Meera Nair")


def test_can_a_reviewer_edit_or_correct_what_they_cannot_see(app, client, blind_world):
    """A reviewer cannot open the edit form (it holds the name) nor save profile corrections under blind
    review; the candidate keeps their details."""
    ids = blind_world["ids"]
    assert client.get(f"/candidates/{ids['candidate_id']}/edit").status_code == 403
    response = client.post(f"/candidates/{ids['candidate_id']}/profile", {"f:name": ""}, follow_redirects=True)
    assert "an admin corrects this profile" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Application, ids["application_id"]).candidate.name == "Meera Nair"


def test_is_the_decision_made_in_one_place(app, blind_world):
    """The service answers, for a viewer and a candidate (and a job), whether identity is hidden and the
    label to show; its labels agree with the ranking's."""
    ids = blind_world["ids"]
    with app.app_context():
        recruiter = db.session.get(User, blind_world["recruiter"])
        candidate = db.session.get(Application, ids["application_id"]).candidate
        seen = blind.identity(recruiter, candidate, ids["job_id"])
        assert seen.hidden and seen.name == f"Applicant A-{ids['application_id']:05d}" and seen.email is None
        open_app = blind_world["apps"][(candidate.id, blind_world["open_job"])]
        assert blind.identity(recruiter, candidate, blind_world["open_job"]).name == f"Applicant A-{open_app:05d}"
        assert seen.scrub("Call Meera NAIR on +919845012345") == f"Call {seen.name} on {seen.name}"
        assert seen.scrub("Resume Meera_Nair.pdf, ask Nair") == f"Resume {seen.name}.pdf, ask {seen.name}"
        admin = User(email="a@example.com", name="Admin", role="admin")
        assert blind.identity(admin, candidate).hidden is False


def test_can_an_interviewer_open_the_resume_of_the_candidate_they_interview(app, client, blind_world, login):
    """The interviewer on the panel opens the resume from their feedback form (blacked out while blind
    review hides the candidate, the file itself once it does not); no one else's assignment opens."""
    ids = blind_world["ids"]
    client.post("/auth/logout")
    interviewer = login("interviewer")
    with app.app_context():
        assignment = InterviewAssignment(interview_id=ids["interview_id"], interviewer_id=interviewer)
        db.session.add(assignment)
        db.session.commit()
        mine = assignment.id
    form = client.get(f"/interviews/assignments/{mine}").get_data(as_text=True)
    assert f"/interviews/assignments/{mine}/resume" in form
    blacked = client.get(f"/interviews/assignments/{mine}/resume?inline=1")
    assert blacked.status_code == 200 and "█" in blacked.get_data(as_text=True)
    assert _leaks(blacked.get_data(as_text=True)) == [] and "Crisil" in blacked.get_data(as_text=True)
    assert client.get(f"/interviews/assignments/{ids['assignment_id']}/resume").status_code == 404
    with app.app_context():
        pipeline.move([ids["application_id"]], "interview", actor_id=blind_world["recruiter"])
    assert client.get(f"/interviews/assignments/{mine}/resume").data.startswith(b"Meera Nair")


def test_does_the_interviewers_email_link_the_feedback_form_and_the_resume(app, client, login, make_user):
    """The panel's email carries links to the resume and to the interviewer's own feedback form."""
    from recruit.models import OutboxMessage
    from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

    login("recruiter")
    interviewer_id, _ = make_user("interviewer")
    with app.app_context():
        application = ApplicationFactory(candidate=CandidateFactory(), job=JobFactory())
        application_id, job_id = application.id, application.job_id
    response = client.post(f"/jobs/{job_id}/applications/{application_id}/interviews/new", {
        "starts_at": (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT10:00"), "timezone": "Asia/Kolkata",
        "duration": "45", "location": "Room 2", "interviewers": str(interviewer_id), "notify": "1"})
    assert response.status_code == 302, response.data[:300]
    with app.app_context():
        assignment = db.session.scalar(select(InterviewAssignment).where(
            InterviewAssignment.interviewer_id == interviewer_id))
        body = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.template_key == "interviewer_notice"))
    assert re.search(rf"feedback form, once you have met the candidate: https?://[^/\s]+/interviews/assignments/"
                     rf"{assignment.id}\n", body), body
    assert re.search(rf"resume: https?://[^/\s]+/interviews/assignments/{assignment.id}/resume\n", body), body


def test_do_the_email_previews_show_who_a_blind_applicant_is(app, client, blind_world):
    """The composer's preview and the bulk email's preview (both answers to a POST, so not in the walk) name
    the blind applicant by label and black out her name in the message as she would read it."""
    ids = blind_world["ids"]
    for response in (
            client.post(f"/candidates/{ids['candidate_id']}/email", {
                "action": "preview", "subject": "Hello {{ candidate_name }}", "body": "Dear {{ first_name }},",
                "application_id": str(ids["application_id"])}),
            client.post(f"/jobs/{ids['job_id']}/email", {
                "template": "rejection", "application_id": str(ids["application_id"])})):
        body = response.get_data(as_text=True)
        assert response.status_code == 200, body[:300]
        assert "will read it" in body and f"Applicant A-{ids['application_id']:05d}" in body
        assert _leaks(body) == []
