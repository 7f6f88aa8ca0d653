"""In a real browser: people apply on the careers page (two answer the voluntary "Sex" question one way,
two the other), the admin turns blind review on, a recruiter ranks and shortlists without seeing who is who,
and the bias audit shows the selection rates that followed, with the four-fifths rule flagged."""
import csv

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.files import livecareer_pdf

APPLICANTS = (("Asha Rao", "Female", ("ACCOUNTANT", 1)), ("Bina Shah", "Female", ("ACCOUNTANT", 2)),
              ("Chetan Iyer", "Male", ("CHEF", 1)), ("Dev Menon", "Male", ("CHEF", 2)))


def _apply(browser, base_url, job_title, name, group, pdf):
    """A candidate on the public careers page: no login, the voluntary question answered."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/careers/")
    page.get_by_role("link", name=job_title).click()
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(f"{name.split()[0].lower()}@example.com")
    page.get_by_label("Resume (PDF, DOCX or text").set_input_files(str(pdf))
    page.get_by_label("I agree that").check()
    page.get_by_label(group, exact=True).check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank")
    context.close()


def test_blind_ranking_shortlist_and_bias_audit(page, browser, live_app):
    sign_in(page)
    page.goto("/jobs/new")
    page.get_by_label("Title").fill("Accounts Payable Analyst")
    page.get_by_label("Required skills").fill("Accounts payable, Reconciliation, General ledger")
    page.get_by_label("Description").fill("Process invoices, reconcile vendor accounts and post journal entries.")
    page.get_by_label("List on the public careers page while open").check()
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    job_url = page.url

    page.get_by_role("link", name="Scoring settings").click()
    page.get_by_label("Hide names, contact details, places and personal details from reviewers").check()
    page.get_by_label("until the stage").select_option("interview")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Blind review is on")).to_be_visible()

    for name, group, (category, index) in APPLICANTS:
        _apply(browser, live_app.base_url, "Accounts Payable Analyst", name, group, livecareer_pdf(category, index))

    with live_app.app_context():
        from recruit.services import users

        users.create_user("rita@example.com", "Rita Recruiter", "recruiter", PASSWORD)
    context = browser.new_context(base_url=live_app.base_url, viewport={"width": 1280, "height": 900})
    recruiter = context.new_page()
    sign_in(recruiter, "rita@example.com")
    recruiter.goto(job_url)
    recruiter.get_by_role("link", name="Ranking & shortlist").click()
    rows = recruiter.locator("table.ranking tbody tr")
    expect(rows).to_have_count(4)
    for name, group, _ in APPLICANTS:  # no names, and never the voluntary answers
        expect(recruiter.locator("main")).not_to_contain_text(name)
        expect(recruiter.locator("main")).not_to_contain_text(group)
    expect(rows.first).to_contain_text("Applicant A-")
    expect(rows.first.locator("p.reasons")).to_contain_text("required skills")
    screenshot(recruiter, "ranking-blind")
    with recruiter.expect_download() as download:
        recruiter.get_by_role("link", name="Download the ranking (CSV)").click()
    sheet = list(csv.reader(open(download.value.path(), encoding="utf-8")))
    assert sheet[0][:4] == ["Rank", "Applicant", "Score", "Reasons"]
    assert [row[1] for row in sheet[1:]] == rows.locator("td:nth-child(3) > a").all_inner_texts()  # same order
    cells = {cell for row in sheet for cell in row}
    assert not any(name in cell for name, _, _ in APPLICANTS for cell in cells) and not cells & {"Female", "Male"}

    rows.first.get_by_role("link").first.click()
    expect(recruiter.get_by_role("heading", name="Resume (identity blacked out)")).to_be_visible()
    expect(recruiter.locator("pre.resume")).to_contain_text("█")
    screenshot(recruiter, "review-blind")
    recruiter.go_back()

    # The recruiter asks for a suggestion of two: it ticks the top two (both accountants), who are shortlisted.
    expect(recruiter.locator("input[name=application_id]:checked")).to_have_count(4)  # the top 10 by default
    recruiter.get_by_label("Top N").fill("2")
    recruiter.get_by_role("button", name="Suggest").click()
    expect(recruiter.get_by_text("Now: the top 2.")).to_be_visible()
    expect(recruiter.locator("input[name=application_id]:checked")).to_have_count(2)
    recruiter.get_by_role("button", name="Move ticked applicants to Shortlisted").click()
    expect(recruiter.get_by_text("2 applicants moved to the shortlisted stage.")).to_be_visible()
    context.close()

    # The admin, who set the rule, sees who is who, and the audit of what was decided.
    page.goto(job_url)
    page.get_by_role("link", name="Ranking & shortlist").click()
    expect(page.locator("table.ranking")).to_contain_text("Asha Rao")
    page.get_by_role("link", name="Bias audit").click()
    expect(page.get_by_text("4 applicants, 2 selected.")).to_be_visible()
    table = page.locator("table.list")
    woman = table.locator("tr", has_text="Female")
    man = table.locator("tr", has_text="Male").filter(has_not_text="Female")
    expect(woman).to_contain_text("100.0%")
    expect(man).to_contain_text("0.0%")
    expect(man).to_contain_text("below 0.80")
    expect(page.get_by_text("Flagged: Male.")).to_be_visible()
    screenshot(page, "bias-audit")

    # Across all jobs: this job is listed first among those to look at, linked to its own audit.
    page.get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Bias audit").click()
    by_job = page.locator("table.bias-jobs tbody tr").first
    expect(by_job).to_contain_text("Accounts Payable Analyst")
    expect(by_job).to_contain_text("below 0.80: Male")
    screenshot(page, "bias-overall")
    by_job.get_by_role("link", name="Accounts Payable Analyst").click()
    expect(page.get_by_role("heading", name="Bias audit")).to_be_visible()
