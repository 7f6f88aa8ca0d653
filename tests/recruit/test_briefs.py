"""Client briefs, the contact log, the rate card and its approvals, partner firms and matching: who may
write to a client, a fee below the floor waiting for an executive, and which firms are eligible and why."""
import io
from datetime import date, timedelta

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import (AuditEvent, BriefProblem, ClientContact, ContactLogEntry, FeeApproval, Job,
                            PartnerFirm, Placement)
from tests.conftest import PASSWORD

ANALYST = """Meera Iyer
meera@example.com

WORK EXPERIENCE
Credit Analyst | ICRA | Mumbai
June 2019 - Present
- Built financial models, assessed credit risk of listed banks and wrote rating reports.

SKILLS
Credit analysis, Financial modelling, Excel
"""
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _id(response) -> int:
    return int(response.headers["Location"].split("#")[0].rstrip("/").split("/")[-1])


def _sign_in(client, email):
    client.post("/auth/logout", {})
    assert client.post("/auth/login", {"email": email, "password": PASSWORD}).status_code == 302


def _client_with_brief(client):
    client_id = _id(client.post("/clients/new", {"name": "Northwind Asset Management", "status": "active"}))
    brief_id = _id(client.post(f"/briefs/clients/{client_id}/new", {"title": "Research support 2027"}))
    return client_id, brief_id


def test_only_the_account_owner_or_an_executive_writes_to_a_clients_contacts_and_log(app, client, make_user):
    """Can another recruiter add a contact or log a call on a client someone else owns? (No, and they are told
    who may.) Can the owner and an executive? Does the owner's dashboard show the next step?"""
    owner_id, owner = make_user("recruiter", name="Olga Owner")
    _, other = make_user("recruiter", name="Ravi Other")
    _, executive = make_user("executive", name="Esha Executive")
    _sign_in(client, owner)
    client_id, _ = _client_with_brief(client)
    client.post(f"/clients/{client_id}/contacts", {"name": "Priya Shah", "email": "priya@northwind.example.com"})

    _sign_in(client, other)
    page = client.post(f"/clients/{client_id}/contacts", {"name": "Intruder"}, follow_redirects=True).data.decode()
    assert "Only Olga Owner or an executive consultant may write to this client" in page
    page = client.post(f"/briefs/clients/{client_id}/log", {"kind": "call", "summary": "Chatted"},
                       follow_redirects=True).data.decode()
    assert "Only Olga Owner or an executive consultant" in page
    assert 'action="/briefs/clients/%d/log"' % client_id not in page  # no form offered to them either
    page = client.post(f"/briefs/clients/{client_id}/owner", {"account_owner_id": ""},
                       follow_redirects=True).data.decode()
    assert "Only the account owner, an executive consultant or an admin may change the owner." in page

    _sign_in(client, executive)
    assert client.post(f"/clients/{client_id}/contacts", {"name": "Sam Lee"}).status_code == 302
    _sign_in(client, owner)
    with app.app_context():
        contact_id = db.session.scalar(select(ClientContact.id).where(ClientContact.name == "Priya Shah"))
    client.post(f"/briefs/clients/{client_id}/log", {"kind": "meeting", "contact_id": str(contact_id),
                                                   "happened_on": "2026-11-30", "summary": "Two research problems",
                                                   "next_step": "Send the capability deck",
                                                   "due_date": "2026-12-04"})
    with app.app_context():
        names = sorted(db.session.scalars(select(ClientContact.name).where(ClientContact.client_id == client_id)))
        entries = list(db.session.scalars(select(ContactLogEntry)))
        assert names == ["Priya Shah", "Sam Lee"]
        assert [(e.kind, e.user_id, e.contact_id) for e in entries] == [("meeting", owner_id, contact_id)]
        from recruit.models import Client

        assert db.session.get(Client, client_id).account_owner_id == owner_id  # the refused hand-over changed nothing
    dashboard = client.get("/").data.decode()
    assert "Your client follow-ups" in dashboard and "Send the capability deck" in dashboard

    _sign_in(client, other)
    assert "Send the capability deck" not in client.get("/").data.decode()


def test_a_fee_below_the_floor_waits_for_an_executive_and_the_approval_is_kept(app, client, make_user, login):
    """Is a quote under the rate card's floor held back from becoming a job order until an executive approves,
    is a recruiter refused the approval, and are who approved and when kept and shown?"""
    login("admin")
    client.post("/catalogue/service-lines", {"name": "Credit research"})
    with app.app_context():
        from recruit.models import ServiceLine

        line_id = db.session.scalar(select(ServiceLine.id))
    page = client.post(f"/catalogue/service-lines/{line_id}/rates", {"unit": "hour", "currency": "USD",
                                                                     "standard_rate": "30", "floor_rate": "40"},
                       follow_redirects=True).data.decode()
    assert "The floor cannot be above the standard rate." in page
    client.post(f"/catalogue/service-lines/{line_id}/rates", {"unit": "hour", "currency": "USD",
                                                              "standard_rate": "40", "floor_rate": "30"})
    _, recruiter = make_user("recruiter", name="Rita Recruiter")
    _, executive = make_user("executive", name="Esha Executive")
    _sign_in(client, recruiter)
    client_id, brief_id = _client_with_brief(client)
    client.post(f"/briefs/{brief_id}/problems", {"title": "Credit research on Asian banks",
                                                 "service_line_id": str(line_id), "skills": "Credit analysis",
                                                 "required_standards": "ISO 27001"})
    with app.app_context():
        problem_id = db.session.scalar(select(BriefProblem.id))
    page = client.post(f"/briefs/problems/{problem_id}/quote", {"amount": "25", "unit": "hour",
                                                              "reason": "Three-year deal"},
                       follow_redirects=True).data.decode()
    assert "waits for an executive consultant" in page and "Below the floor" in page
    page = client.post(f"/briefs/problems/{problem_id}/job-order", {}, follow_redirects=True).data.decode()
    assert "an executive&#39;s approval is still pending" in page
    with app.app_context():
        approval = db.session.scalars(select(FeeApproval)).one()
        assert (approval.amount, approval.floor, approval.status) == (25, 30, "pending")
        assert db.session.scalar(select(Job.id)) is None
    assert client.post(f"/catalogue/approvals/{approval.id}", {"decision": "approve"}).status_code == 403

    _sign_in(client, executive)
    assert "Three-year deal" in client.get("/catalogue/approvals").data.decode()
    client.post(f"/catalogue/approvals/{approval.id}", {"decision": "approve", "note": "Strategic client"})
    _sign_in(client, recruiter)
    assert "Esha Executive" in client.get(f"/briefs/{brief_id}").data.decode()
    response = client.post(f"/briefs/problems/{problem_id}/job-order", {})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        approval = db.session.get(FeeApproval, approval.id)
        assert (job.client_id, job.required_skills) == (client_id, ["Credit analysis"])
        assert (job.fee_amount, job.fee_currency, job.fee_unit, job.service_line_id) == (25, "USD", "hour", line_id)
        assert db.session.scalars(select(FeeApproval)).one().id == approval.id  # the quote's approval, not a new one
        assert "ISO 27001" in job.client_requirements
        assert approval.status == "approved" and approval.approved_by.name == "Esha Executive"
        assert approval.decided_at is not None and approval.job_id == job.id
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "fee.approved"))
        # A quote at the floor needs nobody's approval.
        from recruit.services import briefs

        assert briefs.quote(problem_id, 30, "hour", None, actor_id=job.owner_id) is None


def test_firms_missing_a_standard_or_with_an_expired_certificate_are_not_eligible(app, client, login):
    """Does the match show which firms may take work needing ISO 27001 and SOC 2, and say in words why the
    others may not (missing, expired, no certificate)?"""
    login("recruiter")
    client_id, brief_id = _client_with_brief(client)
    client.post(f"/briefs/{brief_id}/problems", {"title": "Bank research", "skills": "Credit analysis, Excel",
                                                 "required_standards": "ISO 27001, SOC 2"})
    past, future = (date.today() - timedelta(days=1)).isoformat(), (date.today() + timedelta(days=300)).isoformat()
    firms = {}
    for name, held in [("Good Partners", [("ISO 27001", future, True), ("SOC 2", future, True)]),
                       ("Lapsed Partners", [("ISO 27001", past, True), ("SOC 2", future, True)]),
                       ("Missing Partners", [("ISO 27001", future, True)]),
                       ("Unproven Partners", [("ISO 27001", future, True), ("SOC 2", future, False)])]:
        firm_id = _id(client.post("/partners/new", {"name": name, "capabilities": "Credit analysis",
                                                    "locations": "Pune", "time_zones": "Asia/Kolkata"}))
        firms[name] = firm_id
        for standard, expires, with_file in held:
            form = {"standard": standard, "expires_on": expires}
            if with_file:
                form["certificate"] = (io.BytesIO(PDF), "cert.pdf")
            client.post(f"/partners/{firm_id}/standards", form, content_type="multipart/form-data")
    client.post(f"/partners/{firms['Good Partners']}/engagements", {"title": "Rating reports", "rating": "5",
                                                                   "client_id": str(client_id)})
    with app.app_context():
        from recruit.services import briefs

        problem_id = db.session.scalar(select(BriefProblem.id))
        found = {f["name"]: f for f in briefs.match_problem(problem_id)["firms"]}
    assert found["Good Partners"]["eligible"] and found["Good Partners"]["not_eligible_because"] == []
    assert "rated 5 of 5 over 1 past engagement" in found["Good Partners"]["why"]
    assert not found["Lapsed Partners"]["eligible"]
    assert found["Lapsed Partners"]["not_eligible_because"][0].startswith("its ISO 27001 certificate expired on")
    assert found["Missing Partners"]["not_eligible_because"] == ["does not hold SOC 2"]
    assert found["Unproven Partners"]["not_eligible_because"] == ["no SOC 2 certificate has been uploaded"]
    page = client.get(f"/briefs/problems/{problem_id}/match").data.decode()
    assert page.index("Good Partners") < page.index("Lapsed Partners")
    edit = client.get(f"/partners/{firms['Good Partners']}/edit").data.decode()
    assert 'value="Pune"' in edit and 'value="Asia/Kolkata"' in edit and ">Credit analysis</textarea>" in edit
    listed = client.get("/partners/?standard=SOC+2").data.decode()
    assert "Good Partners" in listed and "Missing Partners" not in listed
    assert "Not eligible" in page and "does not hold SOC 2" in page


def test_a_mislabelled_certificate_is_refused_with_its_reason(app, client, login):
    """Is a text file named .pdf, or an image, refused as a certificate with the reason, and nothing kept?"""
    login("recruiter")
    firm_id = _id(client.post("/partners/new", {"name": "Careful Partners"}))
    for data, name, reason in [(b"I am certified, honest\n", "iso.pdf", "named .pdf but its content is plain text"),
                               (b"\x89PNG\r\n\x1a\n" + b"0" * 64, "iso.pdf", "This looks like a PNG image"),
                               (b"", "iso.pdf", "The file is empty.")]:
        page = client.post(f"/partners/{firm_id}/standards", {"standard": "ISO 27001",
                                                              "certificate": (io.BytesIO(data), name)},
                           content_type="multipart/form-data", follow_redirects=True).data.decode()
        assert "Certificate refused" in page and reason in page, reason
    with app.app_context():
        assert db.session.get(PartnerFirm, firm_id).standards == []


def test_known_workers_are_ranked_by_the_scorer_and_their_placement_feedback(app, client, login):
    """Is someone placed before matched to a problem with their score, the client's rating and reasons in words,
    and is someone never placed left out?"""
    login("recruiter")
    placed_id = _id(client.post("/candidates/new", {"name": "Meera Iyer", "email": "meera@example.com", "phone": "",
                                                     "location": "", "headline": "", "source": "manual", "job_id": "0",
                                                     "resume": (io.BytesIO(ANALYST.encode()), "cv.txt")},
                                content_type="multipart/form-data"))
    client.post("/candidates/new", {"name": "Never Placed", "email": "never@example.com", "phone": "", "location": "",
                                    "headline": "", "source": "manual", "job_id": "0",
                                    "resume": (io.BytesIO(ANALYST.replace("Meera Iyer", "Never Placed")
                                                          .replace("meera@", "never@").encode()), "cv.txt")},
                content_type="multipart/form-data")
    client_id, brief_id = _client_with_brief(client)
    client.post(f"/briefs/{brief_id}/problems", {"title": "Credit Analyst", "skills": "Credit analysis, Financial "
                                                 "modelling", "work": "Credit research on listed banks"})
    with app.app_context():
        from recruit.models import Application
        from recruit.services import briefs

        old = Job(title="Earlier order", slug="earlier-order", client_id=client_id, status="closed")
        db.session.add(old)
        db.session.flush()
        past = Application(candidate_id=placed_id, job_id=old.id, stage="hired", source="manual")
        db.session.add(past)
        db.session.flush()
        placement = Placement(application_id=past.id, client_id=client_id, start_date=date(2025, 1, 6), rate=9000)
        db.session.add(placement)
        db.session.commit()
        placement_id = placement.id
    page = client.post(f"/clients/placements/{placement_id}/feedback", {"feedback_rating": "7"},
                       follow_redirects=True).data.decode()
    assert "A rating is from 1 to 5." in page
    client.post(f"/clients/placements/{placement_id}/feedback", {"feedback_rating": "4", "feedback": "Reliable, fast"})
    with app.app_context():
        problem_id = db.session.scalar(select(BriefProblem.id))
        workers = briefs.match_problem(problem_id)["workers"]
    assert [w["candidate_id"] for w in workers] == [placed_id]
    worker = workers[0]
    assert worker["score"] > 0 and worker["feedback_rating"] == 4
    assert "placed 1 time before (with Northwind Asset Management)" in worker["why"]
    assert "clients rated their work 4 of 5 on average" in worker["why"]
    assert worker["why"][0].startswith(f"scores {worker['score']:.0f} of 100 against the problem")
    assert "Meera Iyer" in client.get(f"/briefs/problems/{problem_id}/match").data.decode()


def _equity_rate_card(app, client, login) -> int:
    """An admin's service line, Equity research, at USD 5,000 a month with its floor at 4,000; its id."""
    login("admin")
    client.post("/catalogue/service-lines", {"name": "Equity research"})
    with app.app_context():
        from recruit.models import ServiceLine

        line_id = db.session.scalar(select(ServiceLine.id))
    client.post(f"/catalogue/service-lines/{line_id}/rates", {"unit": "month", "currency": "USD",
                                                              "standard_rate": "5000", "floor_rate": "4000"})
    return line_id


def _job_order(client, client_id, line_id, **fee):
    """A job order for the client through the job form, asked to open at once; its id."""
    response = client.post("/jobs/new", {"title": "Equity research analyst", "client_id": str(client_id),
                                         "employment_type": "contract", "openings": "2", "min_years": "2",
                                         "education": "", "required_skills": "Equity research", "status": "open",
                                         "service_line_id": str(line_id), **fee})
    assert response.status_code == 302, response.data[:2000]
    return _id(response)


def test_a_job_order_fee_below_the_floor_is_held_until_an_executive_approves(app, client, make_user, login):
    """Is a job order's own fee (typed in its form) compared with the rate card's floor as a brief's quote is:
    below it, is the order held (not open) and an approval asked, is a recruiter refused the approval and the
    opening, and are who approved and when kept and shown? Does a changed fee ask again?"""
    line_id = _equity_rate_card(app, client, login)
    recruiter_id, recruiter = make_user("recruiter", name="Rita Recruiter")
    _, executive = make_user("executive", name="Esha Executive")
    _sign_in(client, recruiter)
    client_id, _ = _client_with_brief(client)
    job_id = _job_order(client, client_id, line_id, fee_amount="3500", fee_currency="", fee_unit="month",
                        fee="Paid quarterly", fee_reason="Pilot for a new desk")
    page = client.get(f"/jobs/{job_id}").data.decode()
    assert "Below the floor" in page and "Waiting for an executive" in page and "Paid quarterly" in page
    with app.app_context():
        job = db.session.get(Job, job_id)
        approval = db.session.scalars(select(FeeApproval)).one()
        assert job.status == "on_hold" and (job.fee_amount, job.fee_currency, job.fee_unit) == (3500, "USD", "month")
        assert (approval.job_id, approval.amount, approval.floor, approval.floor_currency, approval.status,
                approval.requested_by_id, approval.reason) == (job_id, 3500, 4000, "USD", "pending", recruiter_id,
                                                              "Pilot for a new desk")
    page = client.post(f"/jobs/{job_id}/status", {"status": "open"}, follow_redirects=True).data.decode()
    assert "opens once an executive consultant approves it" in page
    assert client.post(f"/catalogue/approvals/{approval.id}", {"decision": "approve"}).status_code == 403
    with app.app_context():
        assert db.session.get(Job, job_id).status == "on_hold"

    _sign_in(client, executive)
    assert "Pilot for a new desk" in client.get("/catalogue/approvals").data.decode()
    client.post(f"/catalogue/approvals/{approval.id}", {"decision": "approve", "note": "New desk"})
    _sign_in(client, recruiter)
    page = client.get(f"/jobs/{job_id}").data.decode()
    assert "Esha Executive" in page and "New desk" in page
    client.post(f"/jobs/{job_id}/status", {"status": "open"})
    with app.app_context():
        approval = db.session.get(FeeApproval, approval.id)
        assert db.session.get(Job, job_id).status == "open"
        assert approval.approved_by.name == "Esha Executive" and approval.decided_at is not None

    # Saving the order again with the approved fee asks nobody; a lower fee asks again and holds the open order.
    form = {"title": "Equity research analyst", "client_id": str(client_id), "employment_type": "contract",
            "openings": "2", "min_years": "2", "education": "", "service_line_id": str(line_id),
            "fee_amount": "3500", "fee_currency": "USD", "fee_unit": "month"}
    client.post(f"/jobs/{job_id}/edit", form)
    with app.app_context():
        assert db.session.get(Job, job_id).status == "open" and len(db.session.scalars(select(FeeApproval)).all()) == 1
    client.post(f"/jobs/{job_id}/edit", {**form, "fee_amount": "3000"})
    with app.app_context():
        latest = db.session.scalars(select(FeeApproval).order_by(FeeApproval.id.desc())).first()
        assert db.session.get(Job, job_id).status == "on_hold"
        assert (latest.amount, latest.status, latest.job_id) == (3000, "pending", job_id)


def test_a_job_order_fee_typed_as_text_or_in_another_currency_is_compared_too(app, client, make_user, login):
    """A fee typed only as terms ("USD 3,200 per month") is read and compared; a fee in another currency than the
    rate card's cannot be compared, so it waits for an executive too; one at the floor, a percentage of salary or
    an executive's own below-floor fee (approved as theirs at once) does not wait."""
    line_id = _equity_rate_card(app, client, login)
    _, recruiter = make_user("recruiter")
    executive_id, executive = make_user("executive", name="Esha Executive")
    _sign_in(client, recruiter)
    client_id, _ = _client_with_brief(client)
    typed = _job_order(client, client_id, line_id, fee="USD 3,200 per month")
    other = _job_order(client, client_id, line_id, fee_amount="300000", fee_currency="INR", fee_unit="month")
    at_floor = _job_order(client, client_id, line_id, fee_amount="4000", fee_unit="month")
    percent = _job_order(client, client_id, line_id, fee="8.33% of annual CTC")
    assert "In another currency than the rate card" in client.get(f"/jobs/{other}").data.decode()
    assert "not compared with the rate card" in client.get(f"/jobs/{percent}").data.decode()
    _sign_in(client, executive)
    own = _job_order(client, client_id, line_id, fee_amount="2500", fee_unit="month")
    with app.app_context():
        jobs = {j: db.session.get(Job, j) for j in (typed, other, at_floor, percent, own)}
        held = {a.job_id: a for a in db.session.scalars(select(FeeApproval))}
        assert (jobs[typed].fee_amount, jobs[typed].fee_currency, jobs[typed].fee, jobs[typed].status) == (
            3200, "USD", "USD 3,200 per month", "on_hold")
        assert (held[other].currency, held[other].floor_currency, held[other].status) == ("INR", "USD", "pending")
        assert jobs[other].status == "on_hold"
        assert (jobs[at_floor].status, jobs[percent].status, jobs[percent].fee_amount) == ("open", "open", None)
        assert at_floor not in held and percent not in held
        assert (held[own].status, held[own].approved_by_id, jobs[own].status) == ("approved", executive_id, "open")
