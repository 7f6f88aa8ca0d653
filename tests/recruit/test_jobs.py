"""Posting and running jobs."""
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import AuditEvent, Job
from tests.factories import ClientFactory, JobFactory

FORM = {"title": "Equity Research Analyst", "client_id": "0", "location": "Bengaluru",
        "employment_type": "full_time", "openings": "2", "min_years": "1.5", "education": "mba",
        "required_skills": "Financial modelling, Excel\nValuation, excel", "preferred_skills": "CFA",
        "description": "Cover US banks.", "status": "open"}


def test_create_job(app, client, login):
    """Does a new job keep every field, clean its skills, get a slug and an owner?"""
    user_id = login("recruiter")
    with app.app_context():
        client_id = ClientFactory(name="Northwind Capital").id
    response = client.post("/jobs/new", {**FORM, "client_id": str(client_id)}, follow_redirects=True)
    assert b"created" in response.data and b"Northwind Capital" in response.data
    with app.app_context():
        job = db.session.scalar(select(Job))
        assert job.required_skills == ["Financial modelling", "Excel", "Valuation"]
        assert (job.min_years, job.openings, job.education, job.status) == (1.5, 2, "mba", "open")
        assert job.slug == "equity-research-analyst" and job.owner_id == user_id
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "job")) == "job.create"


def test_invalid_job_keeps_the_form(app, client, login):
    login("recruiter")
    response = client.post("/jobs/new", {**FORM, "title": "", "openings": "0"})
    assert response.status_code == 200
    assert b"This field is required." in response.data
    assert b"Cover US banks." in response.data
    with app.app_context():
        assert db.session.scalar(select(Job)) is None


def test_edit_job_and_slugs_stay_unique(app, client, login):
    login("recruiter")
    client.post("/jobs/new", FORM)
    client.post("/jobs/new", FORM)
    with app.app_context():
        jobs = list(db.session.scalars(select(Job).order_by(Job.id)))
        assert len({j.slug for j in jobs}) == 2
        job_id = jobs[0].id
    page = client.get(f"/jobs/{job_id}/edit").data
    assert b"Financial modelling, Excel, Valuation" in page
    response = client.post(f"/jobs/{job_id}/edit", {**FORM, "title": "Senior Equity Research Analyst",
                                                     "openings": "3"}, follow_redirects=True)
    assert b"Senior Equity Research Analyst" in response.data
    with app.app_context():
        assert db.session.get(Job, job_id).openings == 3


def test_status_changes(app, client, login):
    login("recruiter")
    with app.app_context():
        job_id = JobFactory(status="draft").id
    for status, word in (("open", b"Job opened"), ("on_hold", b"on hold"), ("closed", b"Job closed")):
        response = client.post(f"/jobs/{job_id}/status", {"status": status}, follow_redirects=True)
        assert word in response.data
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.status == "closed" and job.closed_at is not None
    assert b"Unknown status" in client.post(f"/jobs/{job_id}/status", {"status": "deleted"},
                                            follow_redirects=True).data


def test_list_filters_sort_pages(app, client, login):
    user_id = login("recruiter")
    with app.app_context():
        northwind = ClientFactory(name="Northwind")
        for i in range(28):
            JobFactory(title=f"Analyst {i:02d}", status="closed" if i < 4 else "open",
                       client=northwind if i % 4 == 0 else None, owner_id=user_id if i < 2 else None,
                       location="Pune" if i == 7 else "Mumbai")
        northwind_id = northwind.id
    page = client.get("/jobs/?sort=title").data
    assert b"Analyst 00" in page and b"Analyst 25" not in page and b"of 28" in page
    assert b"Analyst 27" in client.get("/jobs/?sort=title&page=2").data
    assert b"Showing 1\xe2\x80\x934 of 4" in client.get("/jobs/?status=closed").data
    assert b"Showing 1\xe2\x80\x937 of 7" in client.get(f"/jobs/?client={northwind_id}").data
    assert b"Showing 1\xe2\x80\x9321 of 21" in client.get("/jobs/?client=0").data
    assert b"Showing 1\xe2\x80\x932 of 2" in client.get("/jobs/?mine=1").data
    assert b"Showing 1\xe2\x80\x931 of 1" in client.get("/jobs/?q=pune").data
    assert b"No jobs match" in client.get("/jobs/?q=nothing-like-this").data


def test_empty_state(client, login):
    login("recruiter")
    assert b"No jobs yet" in client.get("/jobs/").data
