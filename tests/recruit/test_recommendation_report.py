"""The recommendation report on a client's job order: drafted from the evidence, edited, issued in versions that
never change, read as PDF and DOCX with nobody named when anonymised, opened by the client's link and answered,
every view and issue audited, and erasure honoured."""
import html
import io
import re
from datetime import timedelta

import pytest
from docx import Document
from pdfminer.high_level import extract_text
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import (Activity, AuditEvent, IssuedVersionChanged, OutboxMessage, RecommendationReport,
                            ReportDecision, ReportShare, ReportVersion)
from recruit.models.base import utcnow
from recruit.services import privacy
from tests.conftest import DATA
from tests.recruit.test_sharing import INDIAN, LIVECAREER, _add, _identifying, _order

SECOND = INDIAN.replace("Lakshmi Iyer", "Rohan Mehta").replace("lakshmi.iyer", "rohan.mehta").replace(
    "lakshmi-iyer", "rohan-mehta").replace("98400 22222", "98200 33333").replace("Crisil", "Genpact").replace(
    "Osmania University", "Jamnalal Bajaj Institute").replace("Chennai", "Mumbai").replace("Valuation, ", "")


def _draft(app, client, *, share="anonymised", people=(INDIAN, SECOND)) -> tuple[int, int, int]:
    """A client's job order with real resumes (the Indian analysts and a livecareer PDF) and a drafted report;
    (client id, job id, report id)."""
    client_id, job_id = _order(client)
    names = ["Lakshmi Iyer", "Rohan Mehta"]
    for n, text in enumerate(people):
        _add(client, job_id, text.encode(), f"cv{n}.txt", names[n], names[n].lower().replace(" ", ".") + "@example.com",
             "+91 98400 22222" if n == 0 else "+91 98200 33333")
    path = LIVECAREER[0]
    _add(client, job_id, (DATA / "livecareer" / path).read_bytes(), "cv.pdf", "Person Number0", "person0@example.com")
    response = client.post("/recommendations/new", {"job_id": str(job_id), "share": share})
    assert response.status_code == 302, response.data[:300]
    report_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    return client_id, job_id, report_id


def _content(app, report_id: int, number: int | None = None) -> dict:
    with app.app_context():
        report = db.session.get(RecommendationReport, report_id)
        version = report.latest if number is None else next(v for v in report.versions if v.number == number)
        return version.content


def _issue(client, report_id: int) -> None:
    response = client.post(f"/recommendations/{report_id}/issue")
    assert response.status_code == 302


def _link(app, client, report_id: int, number: int = 1, **form) -> str:
    data = {"expires": "7", **form}
    response = client.post(f"/recommendations/{report_id}/v{number}/send", data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    found = re.search(r"Link created: (\S+/report/[\w-]+)", html.unescape(page))
    assert found, page[:2000]
    return found.group(1).split("localhost", 1)[-1]


def _pdf_text(data: bytes) -> str:
    return extract_text(io.BytesIO(data))


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [doc.core_properties.title or "", doc.core_properties.author or ""]
    return "\n".join(parts)


def test_does_the_draft_say_what_was_asked_who_is_recommended_why_and_how(app, client, login):
    """The first draft holds the client's needs, the recommendations (the best scored, none shortlisted yet)
    with each must-have marked, the evidence quoted from the resume, the criteria and weights, and everyone
    left out with a reason."""
    login("recruiter")
    _, _, report_id = _draft(app, client)
    c = _content(app, report_id)
    assert "Northwind Asset Management asked us for 2 Research Analysts" in c["sections"]["needs"]
    assert "Must have: Financial modelling, Valuation." in c["sections"]["needs"]
    assert [m["label"] for m in c["parts"][0]["musts"]] == ["Financial modelling", "Valuation", "At least 2 years of experience",
                                                "Education: MBA"]
    assert c["considered"] == 3 and len(c["recommendations"]) == 3 and c["left_out"] == []
    lakshmi = next(r for r in c["recommendations"] if r["checks"]["skill:valuation"] == "yes")
    rohan = next(r for r in c["recommendations"] if r is not lakshmi and r["checks"]["skill:financial modelling"]
                 == "yes")
    assert rohan["checks"]["skill:valuation"] == "no"  # his resume does not list it
    assert lakshmi["checks"]["years"] == "yes" and lakshmi["checks"]["education"] == "yes"
    quotes = [q for ev in lakshmi["evidence"] for q in ev["quotes"]]
    assert any("financial models" in q for q in quotes), quotes  # the resume's own words
    assert {"Required skills"} <= {ev["label"] for ev in lakshmi["evidence"]}
    assert sum(k["share"] for k in c["criteria"]) in range(98, 103) and c["criteria"]
    assert "never reads a name" in c["sections"]["method"]
    page = client.get(f"/recommendations/{report_id}").get_data(as_text=True)
    assert "Side by side against the must-haves" in page and "Issue version 1" in page


def test_are_those_left_out_listed_with_the_reason(app, client, login):
    """Shortlisted candidates are the recommendations; the others are left out, unnamed, with why."""
    login("recruiter")
    _, job_id, _ = _draft(app, client)
    from recruit.models import Application

    with app.app_context():
        apps = list(db.session.scalars(select(Application).where(Application.job_id == job_id)
                                       .order_by(Application.score.desc())))
        apps[0].stage = "shortlisted"
        db.session.commit()
    response = client.post("/recommendations/new", {"job_id": str(job_id), "share": "anonymised"})
    c = _content(app, int(response.headers["Location"].split("/")[-1]))
    assert [r["label"] for r in c["recommendations"]] == ["Candidate 1"]
    assert [r["label"] for r in c["left_out"]] == ["Applicant 2", "Applicant 3"]
    assert all("below the recommended candidates" in r["reason"] for r in c["left_out"])


def test_does_an_anonymised_report_name_anyone_in_the_pdf_or_the_docx(app, client, login):
    """Anonymised: the PDF's and the DOCX's text (pdfminer.six, python-docx) hold none of the candidates'
    names, contact details, employers, schools or places, also not where the consultant typed them."""
    login("recruiter")
    _, job_id, report_id = _draft(app, client)
    c = _content(app, report_id)
    keys = [r["key"] for r in c["recommendations"]]
    response = client.post(f"/recommendations/{report_id}/draft", {
        "needs": c["sections"]["needs"], "summary": c["sections"]["summary"], "method": c["sections"]["method"],
        "reasoning": "Lakshmi Iyer led the Crisil bank coverage; Rohan Mehta (rohan.mehta@example.com) knows Genpact.",
        f"note:{keys[0]}": "Met Lakshmi in Chennai last year.", "keep": keys, "keep_sent": "1"})
    assert response.status_code == 302
    saved = _content(app, report_id)
    assert saved["sections"]["reasoning"].startswith("█████ led the █████ bank coverage")
    values = _identifying(app, job_id)
    assert {"Crisil", "Genpact", "Osmania University", "Chennai", "Mumbai"} <= set(values)
    pdf = client.get(f"/recommendations/{report_id}/v1.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    docx = client.get(f"/recommendations/{report_id}/v1.docx")
    assert docx.status_code == 200
    for kind, text in (("pdf", _pdf_text(pdf.data)), ("docx", _docx_text(docx.data))):
        assert "Candidate 1" in text and "Side by side against the must-haves" in text, kind
        assert "led the" in text and "bank coverage" in text, kind  # the reasoning is there, blacked out
        shown = [v for v in values if re.search(r"(?<![^\W_])" + re.escape(v) + r"(?![^\W_])", text, re.I)]
        assert shown == [], (kind, shown)
        for word in ("Lakshmi", "Iyer", "Rohan", "Mehta", "98400", "@example.com"):
            assert word not in text, (kind, word)


def test_does_a_named_report_name_the_candidates_and_need_their_consent(app, client, login):
    """Named (full) report: the candidates are named in the files; it is issued only when each one agreed to
    be put forward to this client."""
    login("recruiter")
    client_id, _, report_id = _draft(app, client, share="full", people=(INDIAN,))
    response = client.post(f"/recommendations/{report_id}/issue", follow_redirects=True)
    assert "not agreed to be put forward to Northwind" in html.unescape(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.get(RecommendationReport, report_id).latest.issued_at is None
        from recruit.models import RepresentationConsent

        for rec in _content(app, report_id)["recommendations"]:
            db.session.add(RepresentationConsent(candidate_id=rec["candidate_id"], client_id=client_id,
                                                 token_hash=f"{rec['candidate_id']:064d}", status="granted"))
        db.session.commit()
    _issue(client, report_id)
    text = _docx_text(client.get(f"/recommendations/{report_id}/v1.docx").data)
    assert "Lakshmi Iyer" in text and "Crisil" in text


def test_does_an_issued_version_stay_exactly_as_issued(app, client, login):
    """Issued: an edit makes version 2 and leaves version 1 as it was; changing or deleting version 1 directly
    fails; its PDF still reads the issued words."""
    login("recruiter")
    _, _, report_id = _draft(app, client)
    _issue(client, report_id)
    issued = _content(app, report_id, 1)
    c = dict(issued["sections"], reasoning="Second thoughts after the call.")
    response = client.post(f"/recommendations/{report_id}/draft", {**c, "keep_sent": "1",
                                                                    "keep": [r["key"] for r in
                                                                             issued["recommendations"]][:1]})
    assert response.status_code == 302
    assert _content(app, report_id, 1) == issued
    second = _content(app, report_id, 2)
    assert second["sections"]["reasoning"] == "Second thoughts after the call."
    assert len(second["recommendations"]) == 1 and len(issued["recommendations"]) == 3
    assert "Second thoughts" not in _pdf_text(client.get(f"/recommendations/{report_id}/v1.pdf").data)
    with app.app_context():
        version = db.session.scalars(select(ReportVersion).where(ReportVersion.report_id == report_id,
                                                                 ReportVersion.number == 1)).one()
        version.content = {**version.content, "sections": {**version.content["sections"], "summary": "changed"}}
        with pytest.raises(IssuedVersionChanged):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(ReportVersion, version.id))
        with pytest.raises(IssuedVersionChanged):
            db.session.commit()
        db.session.rollback()
    assert _content(app, report_id, 1) == issued
    response = client.post(f"/recommendations/{report_id}/issue")
    assert _content(app, report_id, 2) == second  # issuing version 2 changes nothing in it either
    with app.app_context():
        assert [v.issued_at is not None for v in db.session.get(RecommendationReport, report_id).versions] == [True,
                                                                                                                True]


def test_can_the_client_open_the_link_and_accept_a_recommendation(app, client, login):
    """Sent by link (and by email with the PDF and DOCX attached): the client opens it without signing in, reads
    no name, accepts one recommendation; that is on the candidate's timeline and in the audit log, with the
    views and the issue."""
    login("recruiter")
    client_id, job_id, report_id = _draft(app, client)
    client.post(f"/clients/{client_id}/contacts", {"name": "Asha Rao", "role": "Head of research",
                                                   "email": "asha.rao@northwind.example", "phone": ""})
    _issue(client, report_id)
    with app.app_context():
        contact_id = db.session.get(RecommendationReport, report_id).client.contacts[0].id
    link = _link(app, client, report_id, contact_id=str(contact_id), send_email="y", attach="y")
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.to_address == "asha.rao@northwind.example")).one()
        assert link.split("/report/")[1] in message.body
        assert sorted(a["filename"].rsplit(".", 1)[1] for a in message.attachments) == ["docx", "pdf"]
    values = _identifying(app, job_id)
    client.get("/")
    client.post("/auth/logout")
    page = html.unescape(client.get(link).get_data(as_text=True))
    assert "Side by side against the must-haves" in page and "Accept" in page
    shown = [v for v in values if re.search(r"(?<![^\W_])" + re.escape(v) + r"(?![^\W_])", page, re.I)]
    assert shown == []
    assert client.get(link + "/report.pdf").status_code == 200
    key = _content(app, report_id)["recommendations"][0]["key"]
    response = client.post(link, {"key": key, "decision": "accepted", "comment": "Let us meet this one."})
    assert response.status_code == 302
    assert "You accepted this recommendation" in client.get(link).get_data(as_text=True)
    with app.app_context():
        answer = db.session.scalars(select(ReportDecision)).one()
        assert (answer.key, answer.decision, answer.comment) == (key, "accepted", "Let us meet this one.")
        candidate_id = int(key.split(":")[1])
        timeline = [a.summary for a in db.session.scalars(select(Activity).where(Activity.candidate_id ==
                                                                                 candidate_id))]
        assert any("(Asha Rao) accepted the recommendation of Candidate 1" in s for s in timeline), timeline
        actions = [a.action for a in db.session.scalars(select(AuditEvent).where(AuditEvent.action.startswith(
            "report.")).order_by(AuditEvent.id))]
        assert {"report.create", "report.issue", "report.share", "report.decision"} <= set(actions)
        assert actions.count("report.view") >= 4  # the consultant's pages and downloads, the client's views
        share = db.session.scalars(select(ReportShare)).one()
        assert share.views == 3 and share.token_hash not in link
    assert client.post(link, {"key": "candidate:999999", "decision": "accepted"}).status_code == 302


def test_is_a_withdrawn_or_expired_link_closed_and_a_draft_never_shared(app, client, login):
    """A link shows nothing once withdrawn or expired; a draft cannot be sent; an unknown token is a 404."""
    login("recruiter")
    _, _, report_id = _draft(app, client)
    response = client.post(f"/recommendations/{report_id}/v1/send", {"expires": "7"}, follow_redirects=True)
    assert "Issue the draft before sending it." in html.unescape(response.get_data(as_text=True))
    _issue(client, report_id)
    link = _link(app, client, report_id)
    link2 = _link(app, client, report_id)
    with app.app_context():
        first, second = db.session.scalars(select(ReportShare).order_by(ReportShare.id)).all()
        second.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        first_id = first.id
    client.post(f"/recommendations/links/{first_id}/revoke")
    client.post("/auth/logout")
    for url in (link, link2, link + "/report.pdf", "/report/not-a-token"):
        assert client.get(url).status_code == 404, url


def test_does_erasing_a_candidate_remove_them_from_drafts_and_mark_issued_reports(app, client, login):
    """Erasure: a draft loses the candidate (recommendation and the consultant's words about them); an issued
    version stays as issued, marked as naming someone since erased."""
    login("recruiter")
    _, _, issued_id = _draft(app, client)
    _issue(client, issued_id)
    c = _content(app, issued_id)
    link = _link(app, client, issued_id)
    with app.app_context():
        report = db.session.get(RecommendationReport, issued_id)
        job_id = report.job_id
        from recruit.models import Candidate

        person_key = "candidate:%d" % db.session.scalars(select(Candidate.id).where(
            Candidate.name == "Person Number0")).one()
    client.post(link, {"key": person_key, "decision": "declined", "comment": "Not Person Number0, thanks."})
    response = client.post("/recommendations/new", {"job_id": str(job_id), "share": "full"})  # names kept as typed
    draft_id = int(response.headers["Location"].split("/")[-1])
    draft = _content(app, draft_id)
    client.post(f"/recommendations/{draft_id}/draft", {**draft["sections"], "summary": "Person Number0 is the pick."})
    with app.app_context():
        from recruit.models import Candidate

        person = db.session.scalars(select(Candidate).where(Candidate.name == "Person Number0")).one()
        key = f"candidate:{person.id}"
        assert key in [r["key"] for r in c["recommendations"]]
        privacy.erase(person.id, actor_id=None, reason="asked")
    after = _content(app, draft_id)
    assert key not in [r["key"] for r in after["recommendations"] + after["left_out"]]
    assert after["sections"]["summary"] == "(erased) is the pick."
    assert _content(app, issued_id) == c
    with app.app_context():
        assert "was erased" in db.session.get(RecommendationReport, issued_id).latest.erasure_note
        answer = db.session.scalars(select(ReportDecision)).one()
        assert (answer.key, answer.decision, answer.comment) == (key, "declined", None)
    assert "was erased" in client.get(f"/recommendations/{issued_id}").get_data(as_text=True)


def test_is_an_in_house_job_refused_a_report(app, client, login):
    """A report is for a client: an in-house job is refused with the reason, and nothing is made."""
    login("recruiter")
    response = client.post("/jobs/new", {"title": "Analyst", "employment_type": "full_time", "openings": "1",
                                         "min_years": "0", "education": "", "required_skills": "Excel",
                                         "preferred_skills": "", "description": "x", "status": "open"})
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    response = client.post("/recommendations/new", {"job_id": str(job_id)}, follow_redirects=True)
    assert "this job is in-house" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(RecommendationReport)).all() == []


def test_who_can_open_a_report(app, client, login):
    """Only staff and the link open a report: an interviewer is refused the page and the files, a visitor is sent
    to sign in, and a link keeps showing the version it was made for after a newer one is issued."""
    login("recruiter")
    _, _, report_id = _draft(app, client)
    _issue(client, report_id)
    link = _link(app, client, report_id)
    client.post(f"/recommendations/{report_id}/draft", {**_content(app, report_id)["sections"],
                                                         "summary": "Version two says this."})
    _issue(client, report_id)
    client.post("/auth/logout")
    for url in (f"/recommendations/{report_id}", f"/recommendations/{report_id}/v1.pdf"):
        assert "/auth/login" in client.get(url).headers["Location"]
    assert "Version two says this." not in client.get(link).get_data(as_text=True)
    login("interviewer")
    for url in (f"/recommendations/{report_id}", f"/recommendations/{report_id}/v2", f"/recommendations/{report_id}/v1.pdf",
                f"/recommendations/{report_id}/v1.docx"):
        assert client.get(url).status_code == 403, url


def test_does_scrubbing_leave_the_clients_own_words(app, client, login):
    """The job order's city is also a candidate's: saving an anonymised draft keeps it in the client's needs,
    and still blacks out the candidate's employer typed beside it."""
    login("recruiter")
    client_id, job_id, report_id = _draft(app, client)
    with app.app_context():
        from recruit.models import Job

        db.session.get(Job, job_id).location = "Chennai"
        db.session.commit()
    sections = dict(_content(app, report_id)["sections"], needs="Analysts in Chennai, like the Crisil team.")
    client.post(f"/recommendations/{report_id}/draft", sections)
    assert _content(app, report_id)["sections"]["needs"] == "Analysts in Chennai, like the █████ team."


def _brief_matches(app, client, login) -> tuple[int, list[dict]]:
    """A brief with two problems, two known workers (real parsed resumes) and two partner firms, one missing a
    standard; the matches in the shape ``briefs.match_problem`` documents."""
    from recruit.models import BriefProblem, Candidate, ClientBrief

    _, job_id = _order(client)
    _add(client, job_id, INDIAN.encode(), "cv0.txt", "Lakshmi Iyer", "lakshmi.iyer@example.com", "+91 98400 22222")
    _add(client, job_id, SECOND.encode(), "cv1.txt", "Rohan Mehta", "rohan.mehta@example.com", "+91 98200 33333")
    with app.app_context():
        from recruit.models import Client

        northwind = db.session.scalars(select(Client)).one()
        brief = ClientBrief(client_id=northwind.id, title="Research support for 2027")
        brief.problems = [
            BriefProblem(title="Bank equity research", work="Initiation reports on Indian banks.",
                         skills=["Financial modelling", "Valuation"], required_standards=["ISO 27001"], min_years=2,
                         volume="2 analysts", timeline="From March 2027"),
            BriefProblem(title="Market sizing", work="Market sizes for fintech products.", skills=["Excel"],
                         required_standards=[], min_years=0)]
        db.session.add(brief)
        db.session.commit()
        people = {c.name: c.id for c in db.session.scalars(select(Candidate))}
        problems = [p.id for p in brief.problems]
        brief_id = brief.id
    worker = lambda name, score: {  # noqa: E731
        "candidate_id": people[name], "name": name, "score": score, "feedback_rating": 4.5, "rank_score": score,
        "placements": [{"placement_id": 1, "client": "Other Client Ltd", "start_date": None, "rating": 5,
                        "feedback": "Excellent"}],
        "breakdown": [{"criterion": "Required skills", "points": 20.0,
                       "explanation": "1 of 2; Financial modelling: shown in work; missing Valuation"
                       if name == "Rohan Mehta" else "2 of 2; Financial modelling: shown in work; Valuation: listed"}],
        "why": [f"placed with Other Client Ltd; {name}"]}
    firm = lambda n, name, eligible: {  # noqa: E731
        "firm_id": n, "name": name, "eligible": eligible,
        "not_eligible_because": [] if eligible else ["does not hold ISO 27001"], "fit": 70.0 - n,
        "service_line_match": True, "skills_covered": ["Financial modelling"], "skills_missing": ["Valuation"],
        "standards": {"eligible": eligible, "held": ["ISO 27001"] if eligible else [], "missing": [], "expired": [],
                      "no_certificate": [], "reasons": []},
        "average_rating": 4.0, "engagements": 2, "locations": ["Pune"], "time_zones": ["Asia/Kolkata"],
        "capacity": 12, "why": ["offers Equity research", "holds ISO 27001 in date" if eligible else "no ISO 27001"]}
    method = {"workers": "People placed before, ranked by the scorer and their clients' ratings.",
              "firms": "Firms missing a required standard are not eligible.",
              "worker_weights": {"scorer": 0.7, "feedback": 0.3}, "firm_weights": {"service_line": 30,
                                                                                    "capabilities": 50, "ratings": 20}}
    matches = [{"problem": {"id": problems[0]}, "workers": [worker("Lakshmi Iyer", 80.0), worker("Rohan Mehta", 60.0)],
                "firms": [firm(1, "Acme Research", True), firm(2, "Beta Analytics", False)], "method": method},
               {"problem": {"id": problems[1]}, "workers": [worker("Rohan Mehta", 55.0), worker("Lakshmi Iyer", 8.0)],
                "firms": [],
                "method": method}]
    return brief_id, matches


def test_does_a_brief_report_recommend_workers_and_firms_per_problem(app, client, login):
    """A brief's report has a part per problem: its must-haves (skills, standards, years) side by side for the
    known workers and eligible firms; a firm missing a standard is left out saying so; nobody is named in the PDF
    or the DOCX, nor another client; the client accepts the firm, and that is in the audit log."""
    from recruit.services import recommendations

    user_id = login("recruiter")
    brief_id, matches = _brief_matches(app, client, login)
    with app.app_context():
        report = recommendations.draft_for_brief(brief_id, matches, actor_id=user_id)
        report_id = report.id
    c = _content(app, report_id)
    assert [p["title"] for p in c["parts"]] == ["Bank equity research", "Market sizing"]
    assert [m["label"] for m in c["parts"][0]["musts"]] == ["Financial modelling", "Valuation", "Holds ISO 27001",
                                                            "At least 2 years of experience"]
    assert [(r["label"], r["part"]) for r in c["recommendations"]] == [  # Rohan is Candidate 2 in both parts
        ("Candidate 1", c["parts"][0]["key"]), ("Candidate 2", c["parts"][0]["key"]),
        ("Candidate 2", c["parts"][1]["key"])]
    assert [f["label"] for f in c["firms"]] == ["Acme Research"]
    # A worker the scorer finds little of the problem in is left out, saying so, not recommended at 8 of 100.
    assert "too little of it shows" in next(r["reason"] for r in c["left_out"]
                                            if r["key"].endswith(f":{c['parts'][1]['key']}"))
    assert "For Market sizing: Candidate 2 (55 of 100)." in c["sections"]["summary"]
    assert c["firms"][0]["checks"] == {"skill:financial modelling": "yes", "skill:valuation": "no",
                                       "standard:iso 27001": "yes"}
    assert c["recommendations"][1]["checks"]["skill:valuation"] == "no"
    assert {"label": "Beta Analytics for Bank equity research",
            "reason": "Not eligible: does not hold ISO 27001."}.items() <= next(
        r for r in c["left_out"] if r["label"].startswith("Beta")).items()
    assert "Standards the work must meet: ISO 27001." in c["sections"]["needs"]
    _issue(client, report_id)
    pdf = _pdf_text(client.get(f"/recommendations/{report_id}/v1.pdf").data)
    docx = _docx_text(client.get(f"/recommendations/{report_id}/v1.docx").data)
    for kind, text in (("pdf", pdf), ("docx", docx)):
        assert "Bank equity research" in text and "Acme Research" in text and "Holds ISO 27001" in text, kind
        for secret in ("Lakshmi", "Iyer", "Rohan", "Mehta", "Crisil", "Genpact", "Osmania", "Other Client Ltd",
                       "98400", "@example.com"):
            assert secret not in text, (kind, secret)
    link = _link(app, client, report_id)
    client.post("/auth/logout")
    key = c["firms"][0]["key"]
    assert client.post(link, {"key": key, "decision": "accepted"}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(ReportDecision)).one().key == key
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report.decision")).one()
        assert db.session.get(RecommendationReport, report_id).brief_id == brief_id


def test_is_a_brief_report_drafted_from_the_real_matching(app, client, login):
    """From the client's page, a report on a brief asks briefs.match_problem for each problem: the placed workers
    and the firm holding the standard are recommended, the firm whose certificate expired is left out saying so."""
    from datetime import date

    from recruit.models import Application, FirmStandard, PartnerFirm, Placement
    from recruit.services.resumes import store_file

    login("recruiter")
    brief_id, _ = _brief_matches(app, client, login)
    with app.app_context():
        for app_ in db.session.scalars(select(Application)):
            db.session.add(Placement(application_id=app_.id, client_id=app_.job.client_id, start_date=date(2025, 1, 6),
                                     rate=90000, rate_unit="month", feedback_rating=5))
        certificate = store_file(b"%PDF-1.4 certificate\n").sha256
        good = PartnerFirm(name="Acme Research", capabilities=["Financial modelling", "Valuation", "Excel"])
        good.standards = [FirmStandard(standard="ISO 27001", expires_on=date(2099, 1, 1), certificate_sha256=certificate)]
        stale = PartnerFirm(name="Beta Analytics", capabilities=["Financial modelling"])
        stale.standards = [FirmStandard(standard="ISO 27001", expires_on=date(2020, 1, 1),
                                        certificate_sha256=certificate)]
        db.session.add_all([good, stale])
        db.session.commit()
        client_id = db.session.scalars(select(Application)).first().job.client_id
    page = client.get(f"/clients/{client_id}").get_data(as_text=True)
    assert f'value="brief:{brief_id}"' in page
    response = client.post("/recommendations/new", {"subject": f"brief:{brief_id}", "share": "anonymised"})
    assert response.status_code == 302, response.data[:300]
    c = _content(app, int(response.headers["Location"].split("/")[-1]))
    first, second = (p["key"] for p in c["parts"])
    assert [f["label"] for f in c["firms"] if f["part"] == first] == ["Acme Research"]
    assert "Beta Analytics" in [f["label"] for f in c["firms"] if f["part"] == second]  # no standard asked there
    stale_row = next(r for r in c["left_out"] if r["label"] == "Beta Analytics for Bank equity research")
    assert "certificate expired on 01 Jan 2020" in stale_row["reason"]
    assert len([r for r in c["recommendations"] if r["part"] == c["parts"][0]["key"]]) == 2
    assert all(r["label"].startswith("Candidate ") for r in c["recommendations"])


def test_is_a_report_open_only_to_staff_with_access_to_its_client(app, client, make_user):
    """A report is opened, edited, issued, downloaded, sent and withdrawn only by staff with access to its client
    (the account owner, executives, admins, a consultant on its job orders or briefs): another recruiter gets 403 on
    every one of them, sees no link to it on the client's page and cannot draft one; the others get in."""
    from tests.recruit.test_briefs import _sign_in
    from tests.recruit.test_sharing import _order

    _, owner = make_user("recruiter", name="Olga Owner")
    _, outsider = make_user("recruiter", name="Ravi Outsider")
    on_order_id, on_order = make_user("recruiter", name="Jaya Onorder")
    _sign_in(client, owner)
    client_id, job_id = _order(client)
    report_id = int(client.post("/recommendations/new", {"job_id": str(job_id)}).headers["Location"].split("/")[-1])
    with app.app_context():
        version = db.session.get(RecommendationReport, report_id).latest
        share = ReportShare(version_id=version.id, token_hash="2" * 64, expires_at=utcnow() + timedelta(days=3))
        db.session.add(share)
        db.session.commit()
        share_id = share.id
    refused = [("get", f"/recommendations/{report_id}", {}), ("get", f"/recommendations/{report_id}/v1", {}),
               ("get", f"/recommendations/{report_id}/v1.pdf", {}), ("get", f"/recommendations/{report_id}/v1.docx", {}),
               ("post", f"/recommendations/{report_id}/draft", {"summary": "Mine now"}),
               ("post", f"/recommendations/{report_id}/issue", {}),
               ("post", f"/recommendations/{report_id}/v1/send", {"expires": "7"}),
               ("post", f"/recommendations/links/{share_id}/revoke", {}),
               ("post", "/recommendations/new", {"job_id": str(job_id)})]

    _sign_in(client, outsider)
    for method, url, data in refused:
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 403, url
    page = client.get(f"/clients/{client_id}").data.decode()
    assert f"/recommendations/{report_id}" not in page and "Reports on Northwind Asset Management are open to" in page
    with app.app_context():
        assert db.session.get(ReportShare, share_id).revoked_at is None
        assert len(db.session.get(RecommendationReport, report_id).versions) == 1
        assert db.session.scalars(select(RecommendationReport)).all()[0].id == report_id  # no second draft either

    with app.app_context():  # a consultant who owns one of the client's job orders has access
        from recruit.models import Job

        db.session.add(Job(title="Second order", slug="second-order", client_id=client_id, owner_id=on_order_id))
        db.session.commit()
    allowed = [make_user("executive")[1], make_user("admin")[1], on_order, owner]
    for email in allowed:
        _sign_in(client, email)
        for url in (f"/recommendations/{report_id}", f"/recommendations/{report_id}/v1.docx"):
            assert client.get(url).status_code == 200, (email, url)
        assert f"/recommendations/{report_id}" in client.get(f"/clients/{client_id}").data.decode()
    assert client.post(f"/recommendations/{report_id}/draft", {"summary": "The owner's words."}).status_code == 302
    assert _content(app, report_id)["sections"]["summary"] == "The owner's words."


def test_does_erasure_reach_the_report_files_waiting_or_sent_in_the_outbox(app, client, login):
    """A named report emailed with its PDF and DOCX: once a candidate it names is erased, the files still waiting
    in the outbox are drawn again without them (the text extracted from both no longer names them, the others
    stay), and the files already sent lose our copy and are marked; the issued version stays as issued."""
    import base64

    login("recruiter")
    client_id, _, report_id = _draft(app, client, share="full")
    client.post(f"/clients/{client_id}/contacts", {"name": "Asha Rao", "email": "asha.rao@northwind.example"})
    with app.app_context():
        from recruit.models import Candidate, RepresentationConsent

        for rec in _content(app, report_id)["recommendations"]:
            db.session.add(RepresentationConsent(candidate_id=rec["candidate_id"], client_id=client_id,
                                                 token_hash=f"{rec['candidate_id']:064d}", status="granted"))
        db.session.commit()
        contact_id = db.session.get(RecommendationReport, report_id).client.contacts[0].id
    _issue(client, report_id)
    issued = _content(app, report_id, 1)
    for _ in range(2):
        _link(app, client, report_id, contact_id=str(contact_id), send_email="y", attach="y")
    with app.app_context():
        waiting, sent = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.template_key == "recommendation_report").order_by(OutboxMessage.id)).all()
        sent.status, sent.sent_at = "sent", utcnow()
        db.session.commit()
        waiting_id, sent_id = waiting.id, sent.id
        files = {a["filename"].rsplit(".", 1)[1]: base64.b64decode(a["content"]) for a in waiting.attachments}
        assert "Lakshmi Iyer" in _pdf_text(files["pdf"]) and "Lakshmi Iyer" in _docx_text(files["docx"])
        lakshmi = db.session.scalars(select(Candidate).where(Candidate.name == "Lakshmi Iyer")).one()
        privacy.erase(lakshmi.id, actor_id=None, reason="asked")
    with app.app_context():
        waiting, sent = db.session.get(OutboxMessage, waiting_id), db.session.get(OutboxMessage, sent_id)
        files = {a["filename"].rsplit(".", 1)[1]: base64.b64decode(a["content"]) for a in waiting.attachments}
        texts = [_pdf_text(files["pdf"]), _docx_text(files["docx"])]
        for text in texts:
            assert "Lakshmi" not in text and "lakshmi.iyer" not in text and "98400 22222" not in text
            assert "Rohan Mehta" in text and "left out of this copy" in " ".join(text.split())
        assert [a.get("content") for a in sent.attachments] == [None, None]
        assert all("our copy was removed" in a["erased"] for a in sent.attachments)
        assert sorted(a["filename"].rsplit(".", 1)[1] for a in sent.attachments) == ["docx", "pdf"]
    assert _content(app, report_id, 1) == issued
    client.post("/auth/logout")
    login("admin")
    assert "our copy was removed" in client.get(f"/admin/outbox/{sent_id}").get_data(as_text=True)
