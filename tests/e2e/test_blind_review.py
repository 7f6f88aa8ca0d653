"""In a real browser: under blind review a recruiter finds the applicant in the candidate list filtered by
the job and opens the candidate page, and sees neither the name, the email nor the phone, only the label
and a resume with those details blacked out."""
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in

RESUME = """Kavya Raman
Hyderabad | kavya.raman@example.com | +91 99887 66554
EXPERIENCE
Financial Analyst | Evalueserve | Gurugram
July 2019 - Present
- Built financial models and valuation of listed companies; wrote sector reports.
EDUCATION
MBA in Finance, Osmania University, 2019
SKILLS
Financial modelling, Valuation, Excel
"""
SECRETS = ("Kavya", "Raman", "kavya.raman@example.com", "99887", "+919988766554", "Hyderabad")


def test_candidate_list_and_page_under_blind_review(page, browser, live_app):
    with live_app.app_context():
        from recruit.extensions import db
        from recruit.models import Job
        from recruit.services import candidates, users

        admin = users.create_user("lead@example.com", "Lead Admin", "admin", PASSWORD)
        users.create_user("rahul@example.com", "Rahul Recruiter", "recruiter", PASSWORD)
        job = Job(title="Valuation Analyst", slug="valuation-analyst", status="open", blind_review=True,
                  blind_until_stage="interview", required_skills=["Financial modelling", "Valuation"])
        db.session.add(job)
        db.session.commit()
        kavya = candidates.create_candidate(
            {"name": "Kavya Raman", "email": "kavya.raman@example.com", "phone": "+91 99887 66554",
             "location": "Hyderabad", "headline": "Financial analyst"}, actor_id=admin.id,
            resume=(RESUME.encode(), "Kavya_Raman_CV.txt"), job_id=job.id)
        candidate_id, application_id = kavya.id, kavya.applications[0].id
    label = f"Applicant A-{application_id:05d}"
    sign_in(page, "rahul@example.com")
    page.goto("/candidates/")
    page.get_by_label("Job").select_option(label="Valuation Analyst")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**job=*")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(label)
    expect(rows.first).to_contain_text("hidden by blind review")
    for secret in SECRETS:
        expect(page.locator("main")).not_to_contain_text(secret)
    screenshot(page, "candidates-blind")

    rows.first.get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    assert label in page.title()
    expect(page.get_by_text("Blind review: name, contact details and places are hidden")).to_be_visible()
    for secret in SECRETS:
        expect(page.locator("body")).not_to_contain_text(secret)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    screenshot(page, "candidate-blind")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="view", exact=True).click()
    resume = opened.value
    resume.wait_for_load_state()
    text = resume.locator("body").inner_text()
    assert "█" in text and "Built financial models and valuation" in text
    assert not [s for s in SECRETS if s.lower() in text.lower()]
    resume.close()

    page.get_by_role("link", name="Parsed profile").click()
    expect(page.locator("pre.resume")).to_contain_text("█")
    for secret in SECRETS:
        expect(page.locator("body")).not_to_contain_text(secret)
    expect(page.get_by_role("link", name="Correct fields")).to_have_count(0)
    screenshot(page, "profile-blind")
    assert page.url.endswith(f"/candidates/{candidate_id}/profile")


def test_anonymised_share_link_as_the_client_sees_it(browser, live_app):
    """The client opens an anonymised share link: a numbered candidate, reasons in plain words, the resume
    with the name, contacts, employers, schools and places blacked out, and no candidate privacy note."""
    import hashlib
    import secrets
    from datetime import timedelta

    with live_app.app_context():
        from recruit.extensions import db
        from recruit.models import Client, Job, Submittal, SubmittalItem
        from recruit.models.base import utcnow
        from recruit.services import candidates

        northwind = Client(name="Northwind Research")
        db.session.add(northwind)
        db.session.flush()
        job = Job(title="Equity Analyst", slug="equity-analyst", status="open", client_id=northwind.id,
                  required_skills=["Financial modelling", "Valuation", "Bloomberg"], description="Bank research.")
        db.session.add(job)
        db.session.commit()
        person = candidates.create_candidate(
            {"name": "Kavya Raman", "email": "kavya.r@example.com", "phone": "", "location": "", "headline": ""},
            actor_id=None, resume=(RESUME.replace("kavya.raman", "kavya.r").encode(), "cv.txt"), job_id=job.id)
        token = secrets.token_urlsafe(24)
        submittal = Submittal(job_id=job.id, client_id=northwind.id, anonymise=True, show_breakdown=True,
                              token_hash=hashlib.sha256(token.encode()).hexdigest(),
                              expires_at=utcnow() + timedelta(days=7))
        submittal.items = [SubmittalItem(application_id=person.applications[0].id, position=0,
                                         note="Kavya built the Evalueserve bank models.")]
        db.session.add(submittal)
        db.session.commit()
    context = browser.new_context(base_url=live_app.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"/s/{token}")
    page.get_by_text("Why this score").click()
    page.get_by_text("Resume (name, contact details, employers, schools and places blacked out)").click()
    expect(page.get_by_role("heading", name="Candidate 1")).to_be_visible()
    body = page.locator("body")
    for secret in ("Kavya", "Raman", "kavya.r@example.com", "Evalueserve", "Osmania", "Gurugram", "Hyderabad",
                   "text similarity", "against", "keep them for"):
        expect(body).not_to_contain_text(secret)
    expect(body).to_contain_text("match on the required skills")
    expect(page.locator("pre.resume")).to_contain_text("Built financial models and valuation")
    screenshot(page, "share-anonymised")
    context.close()
