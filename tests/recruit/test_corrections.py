"""Corrections on the parsed profile (they change only what the recruiter changed, can strike out a wrong
entry, correct emails and phones, and survive the next parse) and the summary of it on the candidate page."""
import io

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Candidate, Resume
from recruit.services import parsing
from tests.factories import JobFactory
from tests.recruit.test_parsing import RESUME as BASE_RESUME

# test_parsing's resume with a second, bogus-looking degree and two more skills, one of them junk.
RESUME = BASE_RESUME.replace(
    "2019\n\nSKILLS\nFinancial modelling, Valuation, Bloomberg, Excel",
    "2019\nBachelor of Commerce, University of Pune, 2017, CGPA 3.93\n\n"
    "SKILLS\nFinancial modelling, Valuation, Bloomberg, Excel, Equity research, Credit analysis, Mockito")


def _candidate_for_job(app, client, **job):
    with app.app_context():
        job = JobFactory(title="Equity Research Analyst", **job)
        job_id = job.id
    response = client.post("/candidates/new", {
        "name": "Meera Nair", "email": "", "phone": "", "location": "", "headline": "", "source": "manual",
        "job_id": str(job_id), "resume": (io.BytesIO(RESUME.encode()), "meera.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _score(app, candidate_id):
    with app.app_context():
        return db.session.scalar(select(Application.score).where(Application.candidate_id == candidate_id))


def _profile(app, candidate_id):
    with app.app_context():
        return parsing.profile_for(candidate_id)


def test_removing_junk_and_adding_a_required_skill_raises_the_score_and_keeps_categories(app, client, login):
    """Does a skills correction that strikes a junk skill and adds a required one keep every kept skill's
    category and raise the score (it fell about 8 points when every category became "corrected")?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client, required_skills=["Financial modelling", "Valuation",
                                                                    "Power BI"])
    before = _profile(app, candidate_id)
    categories = {s["name"]: s["category"] for s in before["skills"]}
    assert "Mockito" in categories and "Power BI" not in categories
    score_before = _score(app, candidate_id)
    kept = [s["name"] for s in before["skills"] if s["name"] != "Mockito"]
    response = client.post(f"/candidates/{candidate_id}/profile",
                           {"f:skills": ", ".join(kept + ["Power BI"])}, follow_redirects=True)
    assert b"Saved 1 correction." in response.data
    after = _profile(app, candidate_id)
    assert {s["name"]: s["category"] for s in after["skills"] if s["name"] in kept} == \
        {name: categories[name] for name in kept}
    assert "corrected" not in {s["category"] for s in after["skills"]}
    score_after = _score(app, candidate_id)
    assert score_after > score_before, (score_before, score_after)


def test_a_typed_skill_takes_its_taxonomy_name_and_category(app, client, login):
    """Is "excel" typed by a recruiter read as the scorer reads it (Microsoft Excel, office), not "corrected"?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    client.post(f"/candidates/{candidate_id}/profile", {"f:skills": "Valuation, excel, Night shifts"})
    skills = _profile(app, candidate_id)["skills"]
    assert [(s["name"], s["category"]) for s in skills] == [
        ("Valuation", "finance"), ("Microsoft Excel", "office"), ("Night shifts", "other")]


def test_a_bogus_degree_can_be_removed_and_stays_removed_after_reparsing(app, client, login):
    """Can a recruiter strike out a wrong education entry, so the page no longer shows "Degree not found",
    and does it stay struck out when the resume is parsed again? Can it be put back?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    education = _profile(app, candidate_id)["education"]
    assert len(education) == 2
    client.post(f"/candidates/{candidate_id}/profile", {"f:education.1.removed": "1"})
    page = client.get(f"/candidates/{candidate_id}/profile").data.decode()
    assert "University of Pune" not in page.split("Removed by a recruiter")[0]
    assert "Removed by a recruiter" in page
    with app.app_context():
        resume_id = db.session.scalar(select(Resume.id).where(Resume.candidate_id == candidate_id))
    client.post(f"/candidates/{candidate_id}/resumes/{resume_id}/parse")
    profile = _profile(app, candidate_id)
    assert [e["institution"] for e in profile["education"]] == [education[0]["institution"]]
    # The kept entry's evidence still points at its own words.
    with app.app_context():
        text = db.session.get(Resume, resume_id).extracted_text
    a, b = profile["evidence"]["education.0.institution"]
    assert text[a:b] == education[0]["institution"]
    edit = client.get(f"/candidates/{candidate_id}/profile?edit=1").data.decode()
    assert 'name="f:education.1.removed" value="0"' in edit  # "Put it back"
    client.post(f"/candidates/{candidate_id}/profile", {"f:education.1.removed": "0"})
    assert len(_profile(app, candidate_id)["education"]) == 2


def test_blanking_an_entry_removes_it(app, client, login):
    """Does blanking a bogus degree's degree, field and institution remove the entry, grade and all, instead
    of leaving "Degree not found / Institution not found · 3.93"?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    client.post(f"/candidates/{candidate_id}/profile", {"f:education.1.degree": "", "f:education.1.field": "",
                                                        "f:education.1.institution": ""})
    page = client.get(f"/candidates/{candidate_id}/profile").data.decode()
    assert "Degree not found" not in page and "Institution not found" not in page
    assert len(_profile(app, candidate_id)["education"]) == 1


def test_a_job_entry_can_be_removed(app, client, login):
    """Can a wrong work-history entry be struck out too?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    client.post(f"/candidates/{candidate_id}/profile", {"f:experience.0.removed": "1"})
    assert _profile(app, candidate_id)["experience"] == []
    assert "No jobs found." in client.get(f"/candidates/{candidate_id}/profile").data.decode()


def test_emails_and_phones_can_be_corrected(app, client, login):
    """Can a recruiter correct the parsed email and phone (the phone kept in E.164, a bad address refused),
    does the candidate record follow what it took from the parse, and does it survive a re-parse?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    edit = client.get(f"/candidates/{candidate_id}/profile?edit=1").data.decode()
    assert 'name="f:emails" value="meera.nair@example.com"' in edit and 'name="f:phones"' in edit
    response = client.post(f"/candidates/{candidate_id}/profile", {"f:emails": "meera@example", "f:phones": ""},
                           follow_redirects=True)
    assert b"Not saved" in response.data and b"meera@example" in response.data
    assert _profile(app, candidate_id)["emails"] == ["meera.nair@example.com"]
    response = client.post(f"/candidates/{candidate_id}/profile",
                           {"f:emails": "Meera.Nair@Example.org", "f:phones": "098450 54321"}, follow_redirects=True)
    assert b"Saved 2 corrections." in response.data
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert (candidate.email, candidate.phone) == ("meera.nair@example.org", "+919845054321")
        resume_id = db.session.scalar(select(Resume.id).where(Resume.candidate_id == candidate_id))
    client.post(f"/candidates/{candidate_id}/resumes/{resume_id}/parse")
    profile = _profile(app, candidate_id)
    assert (profile["emails"], profile["phones"]) == (["meera.nair@example.org"], ["+919845054321"])


# ------------------------------------------------------------------ the summary at the top of the candidate page

def test_the_candidate_page_summarises_the_profile_and_its_corrections(app, client, login):
    """Does the candidate page say, without opening the parsed profile, the latest job, the years, the top
    skills and the highest degree, as corrected?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    client.post(f"/candidates/{candidate_id}/profile", {"f:total_experience_years": "6.5"})
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    summary = page.split('<section class="card candidate-summary"')[1].split("</section>")[0]
    assert "<strong>Equity Research Analyst</strong> at Crisil" in summary and "current job" in summary
    assert "6.5 years in all" in summary
    assert '<span class="chip">Financial modelling</span>' in summary and "and 1 more" in summary
    assert "MBA in Finance, Symbiosis Institute of Business Management" in summary
    assert "data-parse-status-url" not in summary  # nothing is waiting, so the page does not poll


def test_the_summary_names_no_employer_or_school_under_blind_review(app, client, login):
    """For a recruiter reviewing a blind job, are the employer and school left out of the summary?"""
    login("recruiter")
    candidate_id = _candidate_for_job(app, client, blind_review=True, blind_until_stage="interview")
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    summary = page.split('<section class="card candidate-summary"')[1].split("</section>")[0]
    assert "Equity Research Analyst" in summary and "MBA in Finance" in summary
    assert "Crisil" not in summary and "Symbiosis" not in summary
    assert "employer hidden by blind review" in summary


def test_the_parse_status_endpoint_says_when_nothing_is_waiting(app, client, login):
    login("recruiter")
    candidate_id = _candidate_for_job(app, client)
    with app.app_context():
        resume = db.session.scalars(select(Resume).where(Resume.candidate_id == candidate_id)).one()
        resume_id = resume.id
        resume.parse_status = "pending"
        db.session.commit()
    assert client.get(f"/candidates/{candidate_id}/parse-status").json == {
        "waiting": 1, "done": False, "statuses": {str(resume_id): "pending"}}
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    assert f'data-parse-status-url="/candidates/{candidate_id}/parse-status"' in page
    assert "js/parse_status.js" in page
    with app.app_context():
        parsing.parse_resume(resume_id)
    assert client.get(f"/candidates/{candidate_id}/parse-status").json["done"] is True
