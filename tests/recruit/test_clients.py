"""Clients and job orders: pool matching, representation consent, share links the client answers on,
conflicts, revocation and expiry, placements and the client report."""
import io
import re
from datetime import timedelta

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import (Activity, Application, AuditEvent, Candidate, Client, OutboxMessage,
                            RepresentationConsent, Submittal, SubmittalItem)
from recruit.models.base import utcnow

ANALYST = """{name}
{email}

WORK EXPERIENCE
Credit Analyst | ICRA | Mumbai
June 2019 - Present
- Built financial models, assessed credit risk of listed banks and wrote rating reports.

EDUCATION
MBA in Finance, NMIMS, 2019

SKILLS
Credit analysis, Financial modelling, Excel, Accounting, Report writing
"""
NURSE = """{name}
{email}

WORK EXPERIENCE
Staff Nurse | Apollo Hospitals | Chennai
June 2019 - Present
- Patient care, triage and medication in the intensive care unit.

SKILLS
Patient care, Triage, ICU
"""


def _candidate(client, name, email, text):
    form = {"name": name, "email": email, "phone": "", "location": "", "headline": "", "source": "manual",
            "job_id": "0", "resume": (io.BytesIO(text.format(name=name, email=email).encode()), "cv.txt")}
    response = client.post("/candidates/new", form, content_type="multipart/form-data")
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _client_and_order(client, app):
    response = client.post("/clients/new", {"name": "Northwind Asset Management", "industry": "Asset management",
                                            "size": "2,000", "guidelines": "NDA before any interview.",
                                            "status": "active"})
    client_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    client.post(f"/clients/{client_id}/contacts", {"name": "Priya Shah", "role": "Head of research",
                                                  "email": "priya@northwind.example.com"})
    response = client.post("/jobs/new", {"title": "Credit Research Analyst", "client_id": str(client_id),
                                         "employment_type": "full_time", "openings": "2", "min_years": "2",
                                         "education": "", "required_skills": "Credit analysis, Financial modelling",
                                         "preferred_skills": "Excel", "description": "Credit research on banks.",
                                         "fee": "8.33% of annual CTC", "due_date": "2027-01-31", "status": "open",
                                         "client_requirements": "CFA level 1 preferred"})
    assert response.status_code == 302, response.data[:300]
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    return client_id, job_id


def _consent_yes(client, app, email):
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == email,
                                                              OutboxMessage.template_key == "representation_consent")
                                  .order_by(OutboxMessage.id.desc())).first().body
    link = re.search(r"https?://[^/\s]+(/consent/\S+)", body).group(1)
    page = client.get(link).data.decode()
    assert "May we put you forward to Northwind Asset Management?" in page
    client.post(link, {"answer": "yes"})


def test_pool_consent_share_link_and_client_answers(app, client, login):
    login("recruiter")
    client_id, job_id = _client_and_order(client, app)
    asha = _candidate(client, "Asha Menon", "asha@example.com", ANALYST)
    _candidate(client, "Nurse Person", "nurse@example.com", NURSE)
    page = client.get(f"/clients/orders/{job_id}/match").data.decode()
    assert page.index("Asha Menon") < page.index("Nurse Person") if "Nurse Person" in page else "Asha Menon" in page
    client.post(f"/clients/orders/{job_id}/match", {"candidate_id": asha})
    with app.app_context():
        application = db.session.scalars(select(Application).where(Application.job_id == job_id)).one()
        assert application.source == "pool" and application.score is not None
        app_id = application.id
    refused = client.post(f"/clients/orders/{job_id}/submit", {"application_id": app_id, "action": "submit",
                                                               "share": "anonymised", "expires": "14"},
                          follow_redirects=True).data.decode()
    assert "has not agreed to be put forward to Northwind Asset Management" in refused
    client.post(f"/clients/orders/{job_id}/submit", {"application_id": app_id, "action": "consent"})
    _consent_yes(client, app, "asha@example.com")
    with app.app_context():
        assert db.session.scalars(select(RepresentationConsent)).one().status == "granted"
        contact_id = db.session.get(Client, client_id).contacts[0].id
    done = client.post(f"/clients/orders/{job_id}/submit", {
        "application_id": app_id, "action": "submit", "share": "anonymised", "breakdown": "1", "expires": "14",
        "contact_id": contact_id, f"note_{app_id}": "Rated 30 banks; sharp writer.",
        "message": "Our strongest credit profile this month."}, follow_redirects=True).data.decode()
    link = re.search(r"Share link created: https?://[^/\s]+(/s/[\w-]+)", done).group(1)
    assert len(link.rsplit("/", 1)[-1]) >= 32  # 24 random bytes: far beyond guessing
    with app.app_context():
        mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == "priya@northwind.example.com")
                                  ).one()
        assert link in mail.body
        assert link.rsplit("/", 1)[-1] not in str([s.token_hash for s in db.session.scalars(select(Submittal))])
    client.post("/auth/logout")
    shared = client.get(link).data.decode()  # the client contact, no login
    assert "Candidate 1" in shared and "Rated 30 banks; sharp writer." in shared and "Why this score" in shared
    assert "Asha Menon" not in shared and "asha@example.com" not in shared  # anonymised: chosen by the consultant
    item_id = int(re.search(r'name="item_id" value="(\d+)"', shared).group(1))
    client.post(link, {"item_id": item_id, "decision": "interested", "comment": "Please set up an interview."})
    with app.app_context():
        submittal = db.session.scalars(select(Submittal)).one()
        assert submittal.views == 1
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "submittal.view")) == 1
        feedback = db.session.scalars(select(Activity).where(Activity.kind == "client_feedback")).one()
        assert feedback.application_id == app_id
        assert feedback.summary == ("Northwind Asset Management (Priya Shah): Interested — "
                                    "“Please set up an interview.”")
        submittal_id = submittal.id
    login("recruiter")
    assert "Please set up an interview." in client.get(f"/candidates/{asha}").data.decode()
    # Not twice to the same job order.
    again = client.post(f"/clients/orders/{job_id}/submit", {"application_id": app_id, "action": "submit",
                                                             "share": "full", "expires": "7"},
                        follow_redirects=True).data.decode()
    assert "has already been submitted to this job order" in again
    # Withdrawn: the link shows nothing at all.
    client.post(f"/clients/submittals/{submittal_id}/revoke")
    client.post("/auth/logout")
    gone = client.get(link)
    assert gone.status_code == 404 and "Candidate 1" not in gone.data.decode() and "Asha" not in gone.data.decode()


def test_expiry_full_resume_conflicts_placement_and_report(app, client, login):
    login("recruiter")
    client_id, job_id = _client_and_order(client, app)
    other = client.post("/clients/new", {"name": "Contoso Research", "status": "active"})
    other_id = int(other.headers["Location"].rstrip("/").split("/")[-1])
    other_job = int(client.post("/jobs/new", {"title": "Bank Analyst", "client_id": str(other_id),
                                              "employment_type": "full_time", "openings": "1", "min_years": "0",
                                              "education": "", "status": "open"}).headers["Location"].rsplit("/", 1)[-1])
    ravi = _candidate(client, "Ravi Kumar", "ravi@example.com", ANALYST)
    for job in (job_id, other_job):
        client.post(f"/candidates/{ravi}/applications", {"job_id": job})
    with app.app_context():
        apps = {a.job_id: a.id for a in db.session.scalars(select(Application))}
    for job in (other_job, job_id):
        client.post(f"/clients/orders/{job}/submit", {"application_id": apps[job], "action": "consent"})
    with app.app_context():
        mails = [m.body for m in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.template_key == "representation_consent"))]
    for body in mails:
        client.post(re.search(r"https?://[^/\s]+(/consent/\S+)", body).group(1), {"answer": "yes"})
    client.post(f"/clients/orders/{other_job}/submit", {"application_id": apps[other_job], "action": "submit",
                                                        "share": "full", "expires": "7"})
    page = client.post(f"/clients/orders/{job_id}/submit", {"application_id": apps[job_id], "action": "submit",
                                                            "share": "full", "expires": "7"},
                       follow_redirects=True).data.decode()
    link = re.findall(r"(/s/[\w-]+)", page)[-1]  # the earlier submittal's unread message is on the page too
    with app.app_context():
        item = db.session.scalars(select(SubmittalItem).where(SubmittalItem.application_id == apps[job_id])).one()
        assert item.conflict == "Also submitted in the last 90 days to Contoso Research"
    full = client.get(link).data.decode()
    assert "Ravi Kumar" in full and "ICRA" in full  # the full resume was chosen
    with app.app_context():
        submittal = db.session.get(Submittal, item.submittal_id)
        submittal.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()

    assert client.get(link).status_code == 404
    client.post(f"/clients/applications/{apps[job_id]}/placement", {"start_date": "2027-02-01", "rate": "95000",
                                                                    "rate_unit": "month", "margin_percent": "18"})
    with app.app_context():
        application = db.session.get(Application, apps[job_id])
        assert application.stage == "hired"
        from recruit.services import clients

        report = clients.report(client_id)
        assert (report["submitted"], report["interviewed"], report["hired"], len(report["placements"])) == (1, 1, 1, 1)
        assert report["submit_to_interview"] == 1.0 and report["orders"] == 1
    detail = client.get(f"/clients/{client_id}").data.decode()
    assert "95,000 month" in detail and "18.0%" in detail and "Priya Shah" in detail


def test_client_documents_are_checked_by_content(app, client, login):
    login("recruiter")
    client_id, _ = _client_and_order(client, app)
    client.post(f"/clients/{client_id}/documents", {"kind": "contract",
                                                    "document": (io.BytesIO(b"Master services agreement\nTerms...\n"),
                                                                 "msa.txt")}, content_type="multipart/form-data")
    bad = client.post(f"/clients/{client_id}/documents", {"kind": "sla", "document": (
        io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 64), "sla.pdf")}, content_type="multipart/form-data",
        follow_redirects=True).data.decode()
    assert "PNG image" in bad
    page = client.get(f"/clients/{client_id}").data.decode()
    assert "msa.txt" in page and "Contract" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 0


def test_a_document_over_the_limit_is_refused_not_cut(app, client, login, monkeypatch):
    from recruit.clients import routes as client_routes
    from recruit.models import ClientDocument

    login("recruiter")
    client_id, _ = _client_and_order(client, app)
    monkeypatch.setattr(client_routes, "DOCUMENT_LIMIT", 1024 * 1024)
    page = client.post(f"/clients/{client_id}/documents", {"kind": "contract", "document": (
        io.BytesIO(b"Master services agreement\n" * 50_000), "msa.txt")}, content_type="multipart/form-data",
        follow_redirects=True).data.decode()
    assert "larger than the 1 MB limit" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ClientDocument)) == 0


def test_pool_puts_placed_people_with_good_feedback_first_when_asked(app, client, login):
    """A consultant asking for proven people sees a previously placed worker with good feedback first."""
    login("recruiter")
    client_id, job_id = _client_and_order(client, app)
    strong = _candidate(client, "Strong Match", "strong@example.com", ANALYST)
    proven = _candidate(client, "Proven Worker", "proven@example.com",
                        ANALYST.replace("Credit analysis, Financial modelling, ", "Credit analysis, "))
    with app.app_context():
        from recruit.models import Interview, InterviewAssignment, Job, Placement, User

        old = Job(title="Earlier order", slug="earlier-order", client_id=client_id, status="closed")
        db.session.add(old)
        db.session.flush()
        past = Application(candidate_id=proven, job_id=old.id, stage="hired", source="manual")
        db.session.add(past)
        db.session.flush()
        reviewer = db.session.scalars(select(User)).first()
        interview = Interview(application_id=past.id, title="Interview", starts_at=utcnow() - timedelta(days=200),
                              uid="past@recruit")
        interview.assignments = [InterviewAssignment(interviewer_id=reviewer.id, recommendation="strong_yes",
                                                     ratings={"analysis": 5}, submitted_at=utcnow())]
        db.session.add_all([interview, Placement(application_id=past.id, client_id=client_id,
                                                 start_date=utcnow().date(), rate=90000)])
        db.session.commit()
        from recruit.services import clients

        plain = [r["candidate"].id for r in clients.match_pool(job_id)]
        preferred = clients.match_pool(job_id, prefer_placed=True)
    assert set(plain[:2]) == {strong, proven}
    assert preferred[0]["candidate"].id == proven and preferred[0]["placed_before"]
    assert not next(r for r in preferred if r["candidate"].id == strong)["placed_before"]


def test_is_a_consultant_told_what_is_wrong_with_a_client_or_a_contact(app, client, login):
    """A client with no name, an unknown status or a name already taken, a contact with no name, an email or a
    phone that cannot be read: is each problem named, and nothing saved?"""
    login("recruiter")
    assert client.post("/clients/new", {"name": "Northwind Research", "status": "active"}).status_code == 302
    for answers, message in [({"name": "  "}, "A client needs a company name."),
                             ({"name": "Contoso", "status": "dormant"}, "Choose a status."),
                             ({"name": "northwind  research"}, "There is already a client with this name.")]:
        response = client.post("/clients/new", {"industry": "Market research", **answers})
        assert response.status_code == 400 and message in response.data.decode(), answers
    with app.app_context():
        (firm,) = db.session.scalars(select(Client)).all()
        client_id = firm.id
    for answers, message in [({"name": ""}, "A contact needs a name."),
                             ({"email": "priya@"}, "This email address is not valid"),
                             ({"phone": "12"}, "This phone number is not valid")]:
        contact = {"name": "Priya Shah", "role": "Head of research", **answers}
        page = client.post(f"/clients/{client_id}/contacts", contact, follow_redirects=True).data.decode()
        assert message in page, answers
    with app.app_context():
        assert db.session.get(Client, client_id).contacts == []


def test_is_a_consultant_told_what_is_wrong_with_a_placement(app, client, login):
    """A placement without a start date, with a rate that is no number or not above zero, an unknown unit or a
    margin out of range: is each problem named, with nothing recorded and the applicant not moved?"""
    from recruit.models import Placement
    from tests.factories import ApplicationFactory, ClientFactory, JobFactory

    login("recruiter")
    with app.app_context():
        application = ApplicationFactory(job=JobFactory(title="Equity Research Analyst", client=ClientFactory()))
        application_id, stage = application.id, application.stage
    good = {"start_date": "2027-02-01", "rate": "95000", "rate_unit": "month", "margin_percent": "18"}
    for answers, message in [({"start_date": ""}, "Give the start date."), ({"rate": "a lot"}, "The rate is a number."),
                             ({"rate": "0"}, "The rate is more than zero."),
                             ({"rate_unit": "fortnight"}, "Choose what the rate is per."),
                             ({"margin_percent": "some"}, "The margin is a percentage."),
                             ({"margin_percent": "140"}, "The margin is a percentage between -100 and 100.")]:
        page = client.post(f"/clients/applications/{application_id}/placement", {**good, **answers},
                           follow_redirects=True).data.decode()
        assert message in page, answers
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Placement)) == 0
        assert db.session.get(Application, application_id).stage == stage
