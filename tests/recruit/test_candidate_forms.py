"""The recruiter's add-candidate form: a resume is never silently dropped, and the name may come from it."""
import io

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Candidate, StoredFile
from tests.conftest import PASSWORD, BrowserLikeClient
from tests.factories import CandidateFactory
from tests.files import pdf_with_lines


def resume_pdf() -> bytes:
    """A resume PDF whose first line is the person's name."""
    lines = ["Kavya Iyer", "Bengaluru | kavya.iyer@example.com | +91 98860 11223", "WORK EXPERIENCE",
             "Research Analyst | Evalueserve | Gurugram", "June 2020 - Present", "SKILLS",
             "Financial modelling, Excel"]
    return pdf_with_lines([[(72, 720 - 18 * i, text) for i, text in enumerate(lines)]])


def _form(**fields):
    form = {"name": "", "email": "", "phone": "", "location": "", "headline": "", "source": "manual",
            "job_id": "0"}
    form.update(fields)
    return form


def test_a_resume_without_a_name_creates_the_candidate_named_from_the_parse(app, client, login):
    """Attach a PDF, leave the name empty: is the candidate created, with name, email and phone read from
    the resume, and what the recruiter typed (the phone) kept?"""
    login("recruiter")
    response = client.post("/candidates/new", _form(phone="+91 99000 12345",
                                                    resume=(io.BytesIO(resume_pdf()), "resume.pdf")),
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:500]
    candidate_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert (candidate.name, candidate.email, candidate.phone) == (
            "Kavya Iyer", "kavya.iyer@example.com", "+919900012345")
        assert candidate.resumes[0].parse_status == "done"
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    assert "No resume yet" not in page and "resume.pdf" in page


def test_no_name_and_no_resume_is_refused_with_a_clear_message(app, client, login):
    login("recruiter")
    response = client.post("/candidates/new", _form(), content_type="multipart/form-data")
    assert response.status_code == 200
    assert b"Give the candidate&#39;s name, or attach a resume to read it from." in response.data


def test_a_form_that_fails_keeps_the_resume_for_the_retry(app, client, login):
    """A duplicate email with a resume attached: does the page say the file is kept, and does the retry
    (with no file chosen again) save the candidate with that resume, not "No resume yet"?"""
    login("recruiter")
    with app.app_context():
        CandidateFactory(name="Kavya I.", email="taken@example.com")
    response = client.post("/candidates/new", _form(name="Kavya Iyer", email="taken@example.com",
                                                    resume=(io.BytesIO(resume_pdf()), "resume.pdf")),
                           content_type="multipart/form-data")
    page = response.data.decode()
    assert response.status_code == 200 and "already exists" in page
    assert "<strong>resume.pdf</strong> is kept; you need not choose it again." in page
    token = page.split('name="held_resume" type="hidden" value="')[1].split('"')[0]
    with app.app_context():
        assert db.session.get(StoredFile, token) is not None
    response = client.post("/candidates/new", _form(name="Kavya Iyer", email="kavya@example.com",
                                                    held_resume=token), content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:500]
    candidate_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert [r.filename for r in candidate.resumes] == ["resume.pdf"]
        assert candidate.name == "Kavya Iyer"  # typed, not replaced by the parse


def test_a_held_resume_belongs_to_the_session_that_sent_it(app, client, login, make_user):
    """Can another user (another session) claim a held file by its hash? (They must not.)"""
    login("recruiter")
    response = client.post("/candidates/new", _form(email="not an email",
                                                    resume=(io.BytesIO(resume_pdf()), "resume.pdf")),
                           content_type="multipart/form-data")
    assert b"is kept; you need not choose it again" in response.data
    token = response.data.decode().split('name="held_resume" type="hidden" value="')[1].split('"')[0]
    other = BrowserLikeClient(app)
    _, email = make_user("recruiter")
    assert other.post("/auth/login", {"email": email, "password": PASSWORD}).status_code == 302
    response = other.post("/candidates/new", _form(name="Somebody Else", held_resume=token),
                          content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        somebody = db.session.scalars(select(Candidate).where(Candidate.name == "Somebody Else")).one()
        assert somebody.resumes == []


def test_a_file_that_is_no_resume_is_not_held(app, client, login):
    login("recruiter")
    with app.app_context():
        files_before = db.session.scalar(select(func.count()).select_from(StoredFile))
    response = client.post("/candidates/new", _form(name="Kavya Iyer",
                                                    resume=(io.BytesIO(b"\x00\x01binary junk"), "resume.pdf")),
                           content_type="multipart/form-data")
    assert response.status_code == 200 and b"is kept" not in response.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == files_before
