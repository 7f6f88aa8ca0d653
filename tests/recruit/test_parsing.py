"""Resumes become profiles on the worker; recruiters see the evidence and their corrections stick."""
import io

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Activity, AuditEvent, Candidate, Resume
from recruit.services import parsing
from tests.factories import CandidateFactory
from tests.files import image_only_pdf, livecareer_pdf

RESUME = """Meera Nair
Pune, Maharashtra | meera.nair@example.com | +91 98450 12345

WORK EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2019 - Present
- Built financial models and wrote initiation reports on Indian banks.

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2019

SKILLS
Financial modelling, Valuation, Bloomberg, Excel
"""


def _add(client, data: bytes, filename: str, **fields):
    form = {"name": fields.get("name", "Meera Nair"), "email": fields.get("email", ""), "phone": "",
            "location": "", "headline": "", "source": "manual", "job_id": "0",
            "resume": (io.BytesIO(data), filename)}
    response = client.post("/candidates/new", form, content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_upload_is_parsed_into_a_profile_with_evidence(app, client, login):
    """Does an uploaded resume become a profile whose values point at the words they came from?"""
    login("recruiter")
    candidate_id = _add(client, RESUME.encode(), "meera.txt")
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert candidate.email == "meera.nair@example.com"  # filled from the resume, field was empty
        assert candidate.phone == "+919845012345"
        assert candidate.headline == "Equity Research Analyst at Crisil"
        profile = parsing.profile_for(candidate_id)
        resume = candidate.resumes[0]
        assert resume.parser_version.startswith("recruit-nlp/")
    assert {"Financial modelling", "Valuation", "Bloomberg Terminal", "Microsoft Excel"} <= {
        s["name"] for s in profile["skills"]}
    page = client.get(f"/candidates/{candidate_id}/profile").data.decode()
    assert '<mark id="ev-experience-0-employer" class="ev ev-experience" title="experience.0.employer">Crisil</mark>' \
        in page
    assert 'href="#ev-name"' in page


def test_typed_contact_details_are_not_overwritten(app, client, login):
    login("recruiter")
    candidate_id = _add(client, RESUME.encode(), "meera.txt", email="meera@personal.example.com")
    with app.app_context():
        assert db.session.get(Candidate, candidate_id).email == "meera@personal.example.com"


def test_corrections_are_kept_when_the_resume_is_parsed_again(app, client, login):
    login("recruiter")
    candidate_id = _add(client, RESUME.encode(), "meera.txt")
    response = client.post(f"/candidates/{candidate_id}/profile", {
        "f:name": "Meera K. Nair", "f:experience.0.title": "Senior Equity Research Analyst",
        "f:skills": "Financial modelling, Valuation, Credit analysis", "f:location": "Pune, Maharashtra",
    }, follow_redirects=True)
    assert b"Saved 3 corrections." in response.data
    with app.app_context():
        resume_id = db.session.scalar(select(Resume.id).where(Resume.candidate_id == candidate_id))
    client.post(f"/candidates/{candidate_id}/resumes/{resume_id}/parse")  # runs at once in tests
    with app.app_context():
        profile = parsing.profile_for(candidate_id)
        assert profile["name"] == "Meera K. Nair"
        assert profile["experience"][0]["title"] == "Senior Equity Research Analyst"
        assert profile["experience"][0]["employer"] == "Crisil"  # untouched fields still come from the parse
        assert [s["name"] for s in profile["skills"]] == ["Financial modelling", "Valuation", "Credit analysis"]
        assert set(profile["corrected"]) == {"name", "experience.0.title", "skills"}
        audit = [e.details["field"] for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "profile.correct"))]
        assert sorted(audit) == ["experience.0.title", "name", "skills"]
        kinds = [a.kind for a in db.session.scalars(select(Activity).where(Activity.candidate_id == candidate_id))]
        assert kinds.count("parsed") == 2 and "profile_corrected" in kinds


def test_bad_correction_is_refused(client, login):
    login("recruiter")
    candidate_id = _add(client, RESUME.encode(), "meera.txt")
    response = client.post(f"/candidates/{candidate_id}/profile", {"f:experience.0.start": "last spring"},
                           follow_redirects=True)
    assert b"Write dates as YYYY or YYYY-MM" in response.data
    response = client.post(f"/candidates/{candidate_id}/profile", {"f:password": "x"}, follow_redirects=True)
    assert b"cannot be corrected" in response.data


def test_unreadable_resume_is_marked_failed_with_the_reason(app, client, login):
    """Is a scanned PDF kept, marked as unreadable with the reason, and the candidate still created?"""
    login("recruiter")
    candidate_id = _add(client, image_only_pdf(), "scan.pdf")
    with app.app_context():
        resume = db.session.scalar(select(Resume).where(Resume.candidate_id == candidate_id))
        assert resume.parse_status == "failed" and "no text layer" in resume.parse_error
    page = client.get(f"/candidates/{candidate_id}").data
    assert b"could not be read" in page and b"no text layer" in page
    assert b"The resume could not be read" in client.get(f"/candidates/{candidate_id}/profile").data


def test_real_pdf_profile(app, client, login):
    login("recruiter")
    candidate_id = _add(client, livecareer_pdf("ACCOUNTANT", 3).read_bytes(), "accountant.pdf")
    with app.app_context():
        profile = parsing.profile_for(candidate_id)
    assert profile["experience"] and profile["skills"] and profile["sections"]


def test_outdated_parses_are_queued_again(app):
    with app.app_context():
        candidate = CandidateFactory()
        from recruit.services.candidates import add_resume

        resume = add_resume(candidate.id, RESUME.encode(), "cv.txt", actor_id=None)
        resume.parser_version = "recruit-nlp/0.0.1"
        db.session.commit()
        assert parsing.reparse_outdated() == 1
        assert db.session.get(Resume, resume.id).parser_version == parsing.parser_version()
        assert parsing.reparse_outdated() == 0


def test_a_job_without_dates_shows_as_such(app, client, login):
    login("recruiter")
    text = "Krishna Prasad\nPatna, Bihar\n\nWORK EXPERIENCE\n\nData Entry Operator\n\nMicrosoft\n\nSKILLS\nExcel\n"
    candidate_id = _add(client, text.encode(), "krishna.txt", name="Krishna Prasad")
    page = client.get(f"/candidates/{candidate_id}/profile").data.decode()
    assert "Data Entry Operator" in page and "no dates given" in page and "? – ?" not in page
