"""The recruiter's add-candidate form (a resume is never silently dropped, and the name may come from it) and
the careers apply form (what it asks experienced applicants, and where their answers go)."""
import io

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Application, Candidate, SelfIdAnswer, StoredFile
from tests.conftest import PASSWORD, BrowserLikeClient
from tests.factories import CandidateFactory, JobFactory
from tests.recruit.test_careers_privacy import CV
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


# ------------------------------------------------------------------ the careers apply form


def _careers_apply(client, slug, email="farah.khan@example.com", addr="10.7.0.1", **fields):
    form = {"name": "Farah Khan", "email": email, "phone": "", "consent": "1", "resume": (io.BytesIO(CV), "cv.txt")}
    form.update(fields)
    return client.post(f"/careers/{slug}", form, content_type="multipart/form-data", environ_base={"REMOTE_ADDR": addr})


def test_an_experienced_job_asks_about_the_current_job_and_a_fresher_job_the_campus_questions(app, client):
    """Does the apply form for a 3-year role ask current employer, notice period and current and expected CTC
    (and not branch, backlogs or CGPA), while a fresher role keeps the campus questions?"""
    with app.app_context():
        JobFactory(title="Senior Research Analyst", slug="senior", public=True, min_years=3)
        JobFactory(title="Graduate Analyst", slug="graduate", public=True, min_years=0)
    senior = client.get("/careers/senior").data.decode()
    for name in ("current_employer", "notice_period_days", "current_ctc_lpa", "expected_ctc_lpa"):
        assert f'name="{name}"' in senior
    for name in ("branch", "active_backlogs", "cgpa"):
        assert f'name="{name}"' not in senior
    graduate = client.get("/careers/graduate").data.decode()
    assert 'name="cgpa"' in graduate and 'name="active_backlogs"' in graduate
    assert 'name="current_ctc_lpa"' not in graduate
    assert 'name="sid_sex"' in senior and 'name="sid_sex"' in graduate  # the admin's questions, on both
    assert 'name="demographic"' not in senior + graduate  # the old gender question is asked no more


def test_the_answers_reach_the_recruiter_and_never_the_score(app, client, login):
    """Are employer, notice and CTC stored on the application and shown on its page, the self-identification
    answers kept for the bias audit only, and is the score the same whatever the answers?"""
    with app.app_context():
        job = JobFactory(title="Senior Research Analyst", slug="senior", public=True, min_years=3,
                         required_skills=["Market research", "SPSS"])
        job_id = job.id
    response = _careers_apply(client, "senior", current_employer="Kantar", notice_period_days="60",
                              current_ctc_lpa="8.5", expected_ctc_lpa="11", sid_sex="Prefer not to say")
    assert response.status_code == 302, response.data[:400]
    response = _careers_apply(client, "senior", email="farah.k@example.org", addr="10.7.0.2",
                              current_employer="Nielsen", notice_period_days="0", current_ctc_lpa="30",
                              expected_ctc_lpa="60", sid_sex="Female", sid_race_ethnicity="Asian")
    assert response.status_code == 302, response.data[:400]
    with app.app_context():
        apps = db.session.scalars(select(Application).where(Application.job_id == job_id)
                                  .order_by(Application.id)).all()
        first, second = apps
        assert (first.current_employer, first.notice_period_days, first.current_ctc_lpa, first.expected_ctc_lpa) \
            == ("Kantar", 60, 8.5, 11.0)
        assert first.score is not None and first.score == second.score
        answers = {(r.application_id, r.question_key, r.answer) for r in db.session.scalars(select(SelfIdAnswer))}
        assert answers == {(first.id, "sex", "Prefer not to say"), (second.id, "sex", "Female"),
                           (second.id, "race_ethnicity", "Asian")}
        first_id = first.id
    login("recruiter")
    page = client.get(f"/jobs/{job_id}/applications/{first_id}").data.decode()
    assert "Current employer" in page and "Kantar" in page and "60 days" in page
    assert "8.5 lakh ₹ a year" in page and "11 lakh ₹ a year" in page
    assert "Genderqueer" not in page


def test_a_bad_notice_period_is_refused_and_the_answers_kept(app, client):
    with app.app_context():
        JobFactory(title="Senior Research Analyst", slug="senior", public=True, min_years=3)
    response = _careers_apply(client, "senior", current_employer="Kantar", notice_period_days="7",
                              expected_ctc_lpa="11")
    page = response.data.decode()
    assert response.status_code == 400 and "Choose a notice period from the list." in page
    assert 'value="Kantar"' in page and 'value="11"' in page


def test_a_held_resume_nobody_claims_is_forgotten_after_a_day(app, client, login):
    """Is a resume held for a form that was never sent again deleted by the daily clean-up (while stored
    files that resumes use stay), and does a retry after that say the file must be chosen again?"""
    from datetime import timedelta

    from recruit.models.base import utcnow
    from recruit.services import resumes

    login("recruiter")
    response = client.post("/candidates/new", _form(email="not an email",
                                                    resume=(io.BytesIO(resume_pdf()), "resume.pdf")),
                           content_type="multipart/form-data")
    token = response.data.decode().split('name="held_resume" type="hidden" value="')[1].split('"')[0]
    kept = client.post("/candidates/new", _form(name="Asha Rao", resume=(io.BytesIO(b"Asha Rao\nAnalyst\n"), "a.txt")),
                       content_type="multipart/form-data")
    assert kept.status_code == 302
    with app.app_context():
        assert resumes.forget_unclaimed() == 0  # both are new
        for stored in db.session.scalars(select(StoredFile)):
            stored.created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
        assert resumes.forget_unclaimed() == 1
        assert db.session.get(StoredFile, token) is None
        assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 1  # Asha's resume stays
    response = client.post("/candidates/new", _form(name="Kavya Iyer", held_resume=token),
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert b"resume.pdf is no longer kept; choose it again." in response.data
