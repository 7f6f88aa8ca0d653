"""In a real browser: the recruiter's forms keep what was given, and say so."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.factories import JobFactory
from tests.recruit.test_candidate_forms import resume_pdf


def test_a_failed_add_candidate_form_keeps_the_resume_and_says_so(page, tmp_path):
    """Attach a PDF, leave the name empty and mistype the email: does the page come back saying the file
    is kept, and does fixing the email save the candidate with the resume and the name read from it?"""
    path = tmp_path / "resume.pdf"
    path.write_bytes(resume_pdf())
    sign_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Resume").set_input_files(str(path))
    page.get_by_label("Email").fill("kavya@")
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_text("resume.pdf is kept; you need not choose it again.")).to_be_visible()
    screenshot(page, "add-candidate-file-kept")
    page.get_by_label("Email").fill("")
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Kavya Iyer")).to_be_visible()
    expect(page.get_by_text("No resume yet")).to_have_count(0)
    expect(page.get_by_text("resume.pdf").first).to_be_visible()
    screenshot(page, "add-candidate-named-from-resume")


def test_the_careers_form_asks_an_experienced_applicant_about_their_current_job(page, live_app):
    """Does the apply form of a 3-year role show employer, notice period and CTC, not the campus questions,
    and a text box for "Prefer to self-describe"?"""
    with live_app.app_context():
        JobFactory(title="Senior Equity Research Analyst", slug="senior-era", public=True, min_years=3)
    page.goto("/careers/senior-era")
    expect(page.get_by_label("Current employer")).to_be_visible()
    expect(page.get_by_label("Notice period")).to_be_visible()
    expect(page.get_by_label("Current CTC (lakh ₹ a year)")).to_be_visible()
    expect(page.get_by_label("Expected CTC (lakh ₹ a year)")).to_be_visible()
    expect(page.get_by_label("Active backlogs")).to_have_count(0)
    expect(page.get_by_label("In your own words (if you chose to self-describe)")).to_be_visible()
    screenshot(page, "careers-experienced-form")
