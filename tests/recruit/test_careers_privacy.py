"""The careers page (public jobs, JobPosting markup, feeds, applications that recognise returning people)
and privacy (a copy or erasure through the link in any email, retention purge)."""
import io
import json
import re
from datetime import date, timedelta

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import (Application, AuditEvent, Candidate, OutboxMessage, Resume, SearchDocument, StoredFile)
from tests.factories import JobFactory

CV = b"""Farah Khan
farah.khan@example.com | +91 98450 22222

WORK EXPERIENCE
Market Research Analyst | Kantar | Mumbai
May 2021 - Present
- Designed consumer surveys and wrote market sizing reports.

SKILLS
Market research, SPSS, Excel, Report writing
"""


def _jobs(app):
    with app.app_context():
        public = JobFactory(title="Market Research Analyst", slug="market-research-analyst", public=True,
                            description="Size markets and write reports for consumer brands.", location="Mumbai")
        JobFactory(title="Internal Only", slug="internal-only", public=False)
        JobFactory(title="Closed Public", slug="closed-public", public=True, status="closed")
        return public.id


def _apply(client, slug, cv=CV, filename="cv.txt", addr="10.3.0.1", **fields):
    form = {"name": "Farah Khan", "email": "farah.khan@example.com", "phone": "+91 98450 22222", "consent": "1",
            "resume": (io.BytesIO(cv), filename)}
    form.update(fields)
    return client.post(f"/careers/{slug}", form, content_type="multipart/form-data",
                       environ_base={"REMOTE_ADDR": addr})


def test_careers_page_markup_and_feeds(app, client):
    _jobs(app)
    listing = client.get("/careers/").data.decode()
    assert "Market Research Analyst" in listing and "Internal Only" not in listing and "Closed Public" not in listing
    page = client.get("/careers/market-research-analyst").data.decode()
    posting = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert posting["@type"] == "JobPosting" and posting["title"] == "Market Research Analyst"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Mumbai" and posting["hiringOrganization"]["name"]
    assert client.get("/careers/internal-only").status_code == 404
    feed = client.get("/careers/jobs.json").json
    assert [j["title"] for j in feed["jobs"]] == ["Market Research Analyst"]
    xml = client.get("/careers/jobs.xml")
    assert xml.mimetype == "application/xml" and b"<title>Market Research Analyst</title>" in xml.data


def test_applying_twice_is_recognised_and_never_doubled(app, client):
    job_id = _jobs(app)
    first = _apply(client, "market-research-analyst")
    assert first.status_code == 302
    again = _apply(client, "market-research-analyst", cv=CV + b"\nPower BI\n", filename="cv-v2.txt",
                   email="FARAH.KHAN@example.com", addr="10.3.0.2")
    assert again.headers["Location"] == first.headers["Location"]  # the same thank-you page either way
    with app.app_context():
        candidate = db.session.scalars(select(Candidate)).one()
        assert candidate.source == "careers" and len(candidate.resumes) == 2  # a new version, one person
        apps = list(db.session.scalars(select(Application)))
        assert len(apps) == 1 and apps[0].source == "careers" and apps[0].job_id == job_id
        ack = db.session.scalars(select(OutboxMessage)).one()  # acknowledged once
        assert ack.subject == "Your application for Market Research Analyst" and "/privacy/" in ack.body
    referred = _apply(client, "market-research-analyst", email="dev@example.com", phone="", addr="10.3.0.4",
                      ref="Asha Menon", cv=CV.replace(b"Farah Khan", b"Dev Patel"))
    assert referred.status_code == 302
    with app.app_context():
        dev = db.session.scalars(select(Candidate).where(Candidate.email == "dev@example.com")).one()
        assert dev.source == "referral" and dev.applications[0].source == "referral"
    bad = _apply(client, "market-research-analyst", cv=b"\x89PNG\r\n\x1a\n" + b"0" * 100, filename="cv.pdf",
                 email="other@example.com", addr="10.3.0.3")
    assert bad.status_code == 400 and "PNG image" in bad.data.decode()


def test_copy_and_erasure_through_the_email_link(app, client):
    _jobs(app)
    _apply(client, "market-research-analyst")
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage)).one().body
        link = re.search(r"https?://[^/\s]+(/privacy/\S+)", body).group(1)
        candidate_id = db.session.scalars(select(Candidate.id)).one()
        sha = db.session.scalars(select(Resume.sha256)).one()
    page = client.get(link).data.decode()
    assert "Farah Khan, here you can get a copy" in page
    client.post(link, {"action": "copy"})
    with app.app_context():
        copy = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject == "A copy of your data")).one()
        exported = json.loads(copy.attachments[0]["content"])
        assert exported["candidate"]["email"] == "farah.khan@example.com"
        assert exported["applications"][0]["job"] == "Market Research Analyst"
    refused = client.post(link, {"action": "erase"}, follow_redirects=True).data.decode()
    assert "Tick the box" in refused
    done = client.post(link, {"action": "erase", "confirm": "1"}).data.decode()
    assert "Your personal data and files are erased" in done
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        assert candidate.erased_at and candidate.email is None and candidate.phone is None
        assert candidate.name == f"Erased candidate {candidate_id}"
        assert db.session.scalar(select(func.count()).select_from(Resume)) == 0
        assert db.session.get(StoredFile, sha) is None
        assert db.session.get(SearchDocument, candidate_id) is None
        assert db.session.scalar(select(func.count()).select_from(Application)) == 1  # the anonymous count stays
        assert all(m.body == "(erased)" for m in db.session.scalars(select(OutboxMessage)))
        audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.erase")).one()
        assert "Farah" not in json.dumps(audit.details)
    assert "no longer valid" in client.get(link).data.decode()


def test_retention_purge_erases_expired_candidates(app, client):
    _jobs(app)
    _apply(client, "market-research-analyst")
    _apply(client, "market-research-analyst", email="zoya@example.com", phone="", name="Zoya Ali", addr="10.3.0.9",
           cv=CV.replace(b"Farah Khan", b"Zoya Ali"))
    with app.app_context():
        from recruit.services import privacy

        farah = db.session.scalars(select(Candidate).where(Candidate.email == "farah.khan@example.com")).one()
        farah.retain_until = date.today() - timedelta(days=1)
        db.session.commit()
        assert privacy.purge_expired() == 1
        names = sorted(c.name for c in db.session.scalars(select(Candidate)))
        assert names[1] == "Zoya Ali" and names[0].startswith("Erased candidate")
