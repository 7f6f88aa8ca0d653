"""In a real browser: applicants ranked with reasons, one overridden with a reason, the top shortlisted."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.files import livecareer_pdf


def _add(page, job_title, name, pdf):
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Add to job").select_option(label=job_title)
    page.get_by_label("Resume").set_input_files(str(pdf))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def test_rank_override_and_shortlist(page):
    sign_in(page)
    page.goto("/jobs/new")
    page.get_by_label("Title").fill("Accounts Payable Analyst")
    page.get_by_label("Required skills").fill("Accounts payable, Reconciliation, General ledger")
    page.get_by_label("Description").fill("Process invoices, reconcile vendor accounts and post journal entries.")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    _add(page, "Accounts Payable Analyst", "Asha Accountant", livecareer_pdf("ACCOUNTANT", 5))
    _add(page, "Accounts Payable Analyst", "Chetan Chef", livecareer_pdf("CHEF", 5))

    page.goto("/jobs/")
    page.get_by_role("link", name="Accounts Payable Analyst").click()
    page.get_by_role("link", name="Ranking & shortlist").click()
    rows = page.locator("table.ranking tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Asha Accountant")
    screenshot(page, "ranking")

    rows.nth(1).get_by_role("link", name="Chetan Chef").click()
    expect(page.get_by_role("heading", name="Why this score")).to_be_visible()
    screenshot(page, "review")
    page.get_by_label("Reason (kept with the ranking)").fill("Ran the restaurant's books for five years")
    page.get_by_role("button", name="Promote").click()
    expect(page.get_by_text("Promoted in the ranking.")).to_be_visible()
    page.get_by_role("link", name="Ranking", exact=True).click()
    expect(rows.first).to_contain_text("Chetan Chef")
    expect(rows.first).to_contain_text("promoted")
    page.get_by_role("button", name="Move ticked applicants to Shortlisted").click()
    expect(page.get_by_text("2 applicants moved to the shortlisted stage.")).to_be_visible()
    expect(rows.first).to_contain_text("Shortlisted")


def test_ranking_fits_a_phone(browser, live_app):
    """At 390 px the ranking is one block per applicant with the reasons in words: nothing runs off the side."""
    from nlp.pipeline import parse_text
    from nlp.score import score
    from recruit.extensions import db
    from recruit.models import Application, Job
    from tests.factories import CandidateFactory
    from tests.nlp.test_score import JOB, PEOPLE, RESUME

    result = score(JOB, parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30")).to_dict()
    with live_app.app_context():
        job = Job(title="Equity Research Analyst (phone)", slug="era-phone", status="open")
        db.session.add(job)
        db.session.commit()
        for i in range(3):
            db.session.add(Application(candidate=CandidateFactory(name=f"Phone Person {i}"), job_id=job.id,
                                       stage="applied", score=result["score"] - i, score_breakdown=result))
        db.session.commit()
        job_id = job.id
    context = browser.new_context(base_url=live_app.base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page)
        page.goto(f"/jobs/{job_id}/ranking")
        rows = page.locator("table.ranking tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.first.locator("p.reasons")).to_be_visible()
        expect(rows.first.locator(".bar").first).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, "ranking-phone")
    finally:
        context.close()
