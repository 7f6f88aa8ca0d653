"""The review queue: doubtful parses wait for a person, who confirms or corrects them; corrections count."""
import io
import re

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import AuditEvent, Candidate, ImportItem, ProfileCorrection, Resume
from recruit.services import imports, parsing, review
from tests.recruit.test_imports import MEERA, _zip
from tests.recruit.test_parsing import RESUME
from tests.recruit.test_parsing import _add as _add_file

# No name at the top, no email or phone: the parser cannot be trusted on who this is.
ANONYMOUS = """Professional Summary
Analyst with six years of equity research on Indian banks and insurers, building financial models
and writing initiation reports read by fund managers.

WORK EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2019 - Present
- Built financial models and wrote initiation reports on Indian banks.
Research Associate | Motilal Oswal | Mumbai
2017 - 2019

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2017

SKILLS
Financial modelling, Valuation, Bloomberg, Excel
"""


def _add(client, data: bytes, filename: str, **fields):
    return _add_file(client, data, filename, **fields)


def _resume_id(app, candidate_id):
    with app.app_context():
        return db.session.scalars(select(Resume.id).where(Resume.candidate_id == candidate_id)).one()


def test_only_doubtful_parses_enter_the_queue(app, client, login):
    login("recruiter")
    sound = _add(client, RESUME.encode(), "meera.txt")
    doubtful = _add(client, ANONYMOUS.encode(), "cv-0042.txt", name="Applicant 42")
    with app.app_context():
        assert db.session.get(Resume, _resume_id(app, sound)).review_status is None
        resume = db.session.get(Resume, _resume_id(app, doubtful))
        assert resume.review_status == "pending"
        assert resume.confidence["contact"] == 0.0 and resume.confidence["name"] == 0.0
        assert "No email address or phone number found." in resume.review_reasons
        assert review.pending_count() == 1
    page = client.get("/review/").data.decode()
    assert "Applicant 42" in page and "No email address or phone number found." in page
    assert "cv-0042.txt" in page and "meera.txt" not in page
    assert re.search(r'Review <span class="badge" aria-label="1 waiting">1</span>', page)


def test_confirming_with_corrections_keeps_and_counts_them(app, client, login):
    login("recruiter")
    first = _add(client, ANONYMOUS.encode(), "cv-0042.txt", name="Applicant 42")
    second = _add(client, ANONYMOUS.replace("Crisil", "ICRA").encode(), "cv-0043.txt", name="Applicant 43")
    resume_id = _resume_id(app, first)
    page = client.get(f"/review/{resume_id}").data.decode()
    assert '<mark id="ev-experience-0-employer" class="ev ev-experience" title="experience.0.employer">Crisil</mark>' \
        in page
    assert 'class="doubt low"' in page and 'name="c:email"' in page and 'name="f:experience.0.title"' in page

    skills = re.search(r'name="f:skills"[^>]*>([^<]*)</textarea>', page).group(1)
    assert "Financial modelling" in skills
    response = client.post(f"/review/{resume_id}", {
        "f:name": "Kavya Rao", "c:email": "kavya.rao@example.com", "c:phone": "",
        "f:experience.0.title": "Senior Equity Research Analyst", "f:experience.0.employer": "Crisil",
        "f:skills": skills, "next": "1",
    })
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/review/{_resume_id(app, second)}")  # straight to the next
    with app.app_context():
        resume = db.session.get(Resume, resume_id)
        candidate = resume.candidate
        assert resume.review_status == "confirmed" and resume.reviewed_at is not None
        assert resume.review_corrections == 3  # name, title, email; unchanged skills are not corrections
        assert (candidate.name, candidate.email) == ("Kavya Rao", "kavya.rao@example.com")
        assert parsing.profile_for(candidate.id)["experience"][0]["title"] == "Senior Equity Research Analyst"
        assert {c.field for c in db.session.scalars(select(ProfileCorrection))} == {"name", "experience.0.title"}
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "resume.review")) == 1
        stats = review.stats()
        assert (stats["pending"], stats["reviewed"], stats["reviewed_with_corrections"], stats["corrections"]) == \
            (1, 1, 1, 3)
        assert dict(stats["by_field"]) == {"name": 1, "experience": 1}
    page = client.get("/review/").data.decode()
    assert "Corrections by field" in page and "cv-0043.txt" in page and "cv-0042.txt" not in page


def test_an_invalid_value_saves_nothing(app, client, login):
    login("recruiter")
    resume_id = _resume_id(app, _add(client, ANONYMOUS.encode(), "cv.txt", name="Applicant 42"))
    page = client.post(f"/review/{resume_id}", {"f:name": "Kavya Rao", "c:email": "kavya@example.com",
                                                "f:experience.0.start": "June-ish"}, follow_redirects=True)
    assert "Not saved: Write dates as YYYY or YYYY-MM" in page.data.decode()
    with app.app_context():
        resume = db.session.get(Resume, resume_id)
        assert resume.review_status == "pending" and resume.candidate.email is None
        assert resume.candidate.name == "Applicant 42"
        assert db.session.scalar(select(func.count()).select_from(ProfileCorrection)) == 0


def test_imported_match_is_queued_and_review_clears_the_batch_flag(app, client, login):
    """A file for someone already known becomes a new version, queued for a person to confirm it is them."""
    login("recruiter")
    _add(client, RESUME.encode(), "meera.txt")
    response = client.post("/imports/new", {"files": (io.BytesIO(_zip({"m.txt": MEERA + b"Python\n" * 30})), "a.zip")},
                           content_type="multipart/form-data")
    batch_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        item = db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id)).one()
        assert item.needs_review and item.note == "Matched an existing candidate by email."
        assert item.resume.review_status == "pending"
        assert item.resume.review_reasons[0].startswith("Matched an existing candidate by email")
        resume_id = item.resume_id
    page = client.get(f"/imports/{batch_id}").data.decode()
    assert f'/review/{resume_id}"' in page and f"/review/?batch={batch_id}" in page
    assert "Meera Nair" in client.get(f"/review/?batch={batch_id}").data.decode()
    client.post(f"/review/{resume_id}", {"f:name": "Meera Nair"})
    with app.app_context():
        assert imports.progress(batch_id)["review"] == 0
        assert db.session.get(Resume, resume_id).review_status == "confirmed"


def test_same_name_and_resume_without_contact_is_matched_not_doubled(app, client, login):
    """An updated resume of a known person, with no email or phone, is attached as a new version."""
    login("recruiter")
    text = "Kavya Rao\n" + ANONYMOUS
    response = client.post("/imports/new", {"files": (io.BytesIO(_zip({
        "kavya-2024.txt": text.encode(),
        "other.txt": ("Kavya Rao\n" + "Nurse at Apollo Hospitals, Chennai. Patient care, triage, ICU.\n" * 8).encode(),
    })), "first.zip")}, content_type="multipart/form-data")
    assert response.status_code == 302
    updated = text.replace("Bloomberg, Excel", "Bloomberg, Excel, Power BI")
    response = client.post("/imports/new", {"files": (io.BytesIO(_zip({"kavya-2025.txt": updated.encode()})),
                                                      "second.zip")}, content_type="multipart/form-data")
    batch_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 2  # two people, one name
        item = db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id)).one()
        assert item.note == "Matched an existing candidate by name and resume text."
        assert len(item.candidate.resumes) == 2 and "Power BI" in item.candidate.resumes[0].extracted_text
