"""Adding candidates with resumes: storage by content, clear errors, nothing half-stored."""
import io
import re

import pytest
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Activity, Application, AuditEvent, Candidate, Resume, StoredFile
from tests.factories import CandidateFactory, JobFactory
from tests.files import PNG, corrupt_pdf, encrypted_pdf, livecareer_pdf, make_docx


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _new(client, data, file=None):
    fields = {"name": "Priya Raman", "email": "priya.raman@example.com", "phone": "098450 12345",
              "location": "Pune", "headline": "Market research analyst", "source": "manual", "job_id": "0"}
    fields.update(data)
    if file is not None:
        fields["resume"] = (io.BytesIO(file[0]), file[1])
    return client.post("/candidates/new", fields, content_type="multipart/form-data")


def test_add_candidate_with_pdf_resume_and_download_it(app, client, login):
    """Can a recruiter add a candidate with a real PDF resume and download the same bytes back?"""
    login("recruiter")
    pdf = livecareer_pdf().read_bytes()
    response = _new(client, {}, (pdf, "Priya CV.pdf"))
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"Priya Raman" in page.data and b"Priya CV.pdf" in page.data
    assert b"+919845012345" in page.data  # phone stored in E.164
    with app.app_context():
        candidate = db.session.scalar(select(Candidate))
        resume = candidate.resumes[0]
        # Parsed by the background task (run at once in tests) right after the upload.
        assert (resume.file_type, resume.size, resume.parse_status) == ("pdf", len(pdf), "done")
        url = f"/candidates/{candidate.id}/resumes/{resume.id}"
        kinds = [a.kind for a in db.session.scalars(select(Activity).where(Activity.candidate_id == candidate.id))]
    assert sorted(kinds) == ["created", "parsed", "resume_added"]
    download = client.get(url)
    assert download.data == pdf
    assert download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]


@pytest.mark.parametrize("data,name,kind", [
    (make_docx(["Rahul Iyer", "Equity research, Bloomberg"], table=[["Skill", "Years"], ["Excel", "4"]]),
     "rahul.docx", "docx"),
    ("Anjali Menon\nLegal research\n".encode("utf-8"), "anjali.txt", "txt"),
    ("Anjali Menon\nLegal research\n".encode("utf-8"), "anjali.pdf", "txt"),  # mislabelled: content wins
])
def test_docx_and_text_resumes(app, client, login, data, name, kind):
    login("recruiter")
    assert _new(client, {}, (data, name)).status_code == 302
    with app.app_context():
        resume = db.session.scalar(select(Resume))
        assert resume.file_type == kind
        assert resume.filename.endswith("." + kind)


@pytest.mark.parametrize("data,message", [
    (b"", b"Choose a file"),  # an empty upload field is no resume at all, but an empty file is:
    (b"   ", b"The file is empty."),
    (PNG, b"PNG image"),
    (corrupt_pdf(), b"The PDF is damaged"),
    (encrypted_pdf(), b"password-protected"),
])
def test_bad_resume_keeps_the_form_and_stores_nothing(app, client, login, data, message):
    """Does a bad resume get a clear message, keep what was typed, and store no candidate or file?"""
    login("recruiter")
    if not data:
        # No file chosen is fine: the candidate is created without a resume.
        assert _new(client, {}, None).status_code == 302
        assert _count(app, Resume) == 0
        return
    response = _new(client, {}, (data, "resume.pdf"))
    assert response.status_code == 200
    assert message in response.data
    assert b'value="Priya Raman"' in response.data and b'value="Pune"' in response.data
    assert _count(app, Candidate) == 0
    assert _count(app, StoredFile) == 0


@pytest.mark.parametrize("app_config", [{"MAX_RESUME_MB": 0.01}], indirect=True)
def test_oversized_resume(app, client, login):
    login("recruiter")
    response = _new(client, {}, (b"Jane Analyst\n" * 2000, "big.txt"))
    assert response.status_code == 200
    assert b"larger than the" in response.data or b"limit is" in response.data
    assert _count(app, Candidate) == 0


@pytest.mark.parametrize("app_config", [{"MAX_CONTENT_LENGTH": 50_000}], indirect=True)
def test_request_far_too_large_gets_413_page(app, client, login):
    login("recruiter")
    response = _new(client, {}, (b"x" * 100_000, "huge.txt"))
    assert response.status_code == 413
    assert b"too large" in response.data.lower()


def test_same_file_is_stored_once(app, client, login):
    """Is one file uploaded for two candidates kept once, keyed by its SHA-256?"""
    login("recruiter")
    pdf = livecareer_pdf("BANKING").read_bytes()
    _new(client, {}, (pdf, "a.pdf"))
    _new(client, {"name": "Other Person", "email": "other@example.com", "phone": ""}, (pdf, "b.pdf"))
    assert _count(app, Resume) == 2
    assert _count(app, StoredFile) == 1


def test_second_resume_and_duplicate_file(app, client, login):
    login("recruiter")
    with app.app_context():
        candidate_id = CandidateFactory().id
    url = f"/candidates/{candidate_id}/resumes"
    upload = lambda data, name: client.post(url, {"resume": (io.BytesIO(data), name)},  # noqa: E731
                                            content_type="multipart/form-data", follow_redirects=True)
    assert b"Resume cv.txt uploaded" in upload(b"Version one\nExcel\n", "cv.txt").data
    assert b"Resume cv2.txt uploaded" in upload(b"Version two\nExcel, SQL\n", "cv2.txt").data
    assert b"already has this exact file" in upload(b"Version one\nExcel\n", "again.txt").data
    assert b"PNG image" in upload(PNG, "photo.pdf").data
    assert _count(app, Resume) == 2


def test_duplicate_email_or_phone_points_to_existing(app, client, login):
    login("recruiter")
    with app.app_context():
        existing = CandidateFactory(email="priya.raman@example.com", phone="+919845012345")
        existing_id = existing.id
    response = _new(client, {"email": "PRIYA.RAMAN@example.com"})
    assert b"already exists" in response.data
    assert f"/candidates/{existing_id}".encode() in response.data
    response = _new(client, {"email": "new@example.com", "phone": "+91 98450 12345"})
    assert b"already exists" in response.data
    assert _count(app, Candidate) == 1


@pytest.mark.parametrize("phone,stored", [
    ("+44 20 7946 0958", "+442079460958"),
    ("(0)98450-12345", "+919845012345"),
    ("+1 (415) 555-2671", "+14155552671"),
])
def test_phone_numbers_are_e164(app, client, login, phone, stored):
    login("recruiter")
    assert _new(client, {"phone": phone}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Candidate.phone)) == stored


def test_invalid_phone_and_email(client, login):
    login("recruiter")
    assert b"not a phone number" in _new(client, {"phone": "call me maybe"}).data
    assert b"phone number is not valid" in _new(client, {"phone": "12345"}).data
    assert b"email address is not valid" in _new(client, {"email": "priya@"}).data


def test_add_to_job_on_create_and_later(app, client, login):
    login("recruiter")
    with app.app_context():
        first, second = JobFactory().id, JobFactory().id
        third = JobFactory(title="Credit & Risk Analyst").id
    response = _new(client, {"job_id": str(first)})
    candidate_url = response.headers["Location"]
    candidate_id = int(candidate_url.rstrip("/").split("/")[-1])
    # The page offers the jobs the candidate is not in yet, titles escaped.
    offered = re.search(r'<select id="job_id" name="job_id">(.*?)</select>',
                        client.get(f"/candidates/{candidate_id}").get_data(as_text=True)).group(1)
    assert f'value="{second}"' in offered and f'<option value="{third}">Credit &amp; Risk Analyst</option>' in offered
    assert f'value="{first}"' not in offered
    response = client.post(f"/candidates/{candidate_id}/applications", {"job_id": str(second)},
                           follow_redirects=True)
    assert b"Added to Research Analyst" in response.data
    with app.app_context():
        jobs = set(db.session.scalars(select(Application.job_id).where(Application.candidate_id == candidate_id)))
    assert jobs == {first, second}
    job_page = client.get(f"/jobs/{first}")
    assert b"Priya Raman" in job_page.data


def test_edit_and_archive(app, client, login):
    login("recruiter")
    with app.app_context():
        candidate_id = CandidateFactory(name="Old Name").id
    response = client.post(f"/candidates/{candidate_id}/edit", {"name": "New Name", "email": "new@example.com",
                                                                "phone": "", "location": "", "headline": ""},
                           follow_redirects=True)
    assert b"New Name" in response.data and b"Profile edited" in response.data
    client.post(f"/candidates/{candidate_id}/archive", {"archived": "1"})
    assert b"New Name" not in client.get("/candidates/").data
    assert b"New Name" in client.get("/candidates/?archived=1").data
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"candidate.update", "candidate.archive"} <= actions


def test_list_filters_sort_and_pages(app, client, login):
    """Does the candidate list search, filter by source and job, sort by name, and page?"""
    login("recruiter")
    with app.app_context():
        job = JobFactory()
        for i in range(30):
            c = CandidateFactory(name=f"Analyst {i:02d}", source="referral" if i % 3 == 0 else "manual",
                                 location="Chennai" if i < 5 else "Mumbai")
            if i % 2 == 0:
                db.session.add(Application(candidate=c, job=job))
        db.session.commit()
        job_id = job.id
        from recruit.services import search

        assert search.index_missing() == 30  # factories write rows directly; the services index as they go
    page1 = client.get("/candidates/?sort=name").data
    # The names as links in the table (the job filter's options may hold a factory job's "... Analyst 25").
    assert b">Analyst 00</a>" in page1 and b">Analyst 24</a>" in page1 and b">Analyst 25</a>" not in page1
    assert b"Showing 1\xe2\x80\x9325 of 30" in page1
    page2 = client.get("/candidates/?sort=name&page=2").data
    assert b">Analyst 25</a>" in page2 and b">Analyst 00</a>" not in page2
    chennai = client.get("/candidates/?q=chennai").data
    assert chennai.count(b"<td>Chennai</td>") == 5
    referral = client.get("/candidates/?source=referral").data
    assert b"Showing 1\xe2\x80\x9310 of 10" in referral
    by_job = client.get(f"/candidates/?job={job_id}").data
    assert b"Showing 1\xe2\x80\x9315 of 15" in by_job
    assert b"No candidates match" in client.get("/candidates/?q=zzzz").data
