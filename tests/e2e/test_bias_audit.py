"""In a real browser: the careers page on a phone says an automated tool helps and offers a person instead,
an applicant asks for that and answers the questions, and the admin reads the Local Law 144 audit."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in


def test_notice_on_a_phone_and_the_audit(page, browser, live_app):
    sign_in(page)
    page.goto("/jobs/new")
    page.get_by_label("Title").fill("Market Research Analyst")
    page.get_by_label("Required skills").fill("Market research, SPSS")
    page.get_by_label("Description").fill("Size markets and write reports for consumer brands.")
    page.get_by_label("List on the public careers page while open").check()
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()

    phone = browser.new_context(base_url=live_app.base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    visitor = phone.new_page()
    visitor.goto("/careers/")
    visitor.get_by_role("link", name="Market Research Analyst").click()
    notice = visitor.locator("#automated-tool")
    expect(notice).to_contain_text("An automated tool helps us assess applications")
    notice.scroll_into_view_if_needed()
    screenshot(visitor, "audit-notice-phone")
    # One question about sex, the admin's; the old gender question is gone.
    expect(visitor.get_by_role("group", name="Optional: Sex")).to_have_count(1)
    expect(visitor.get_by_text("How do you describe your gender?")).to_have_count(0)
    visitor.get_by_label("Full name").fill("Farah Khan")
    visitor.get_by_label("Email").fill("farah@example.com")
    visitor.get_by_label("Resume (PDF, DOCX or text").set_input_files(
        files={"name": "cv.txt", "mimeType": "text/plain", "buffer": b"Farah Khan\nMarket research, SPSS\n"})
    visitor.get_by_label("I agree that").check()
    visitor.get_by_label("Please have a person assess my application").check()
    visitor.get_by_label("Female", exact=True).check()
    visitor.get_by_label("Asian", exact=True).check()
    visitor.get_by_role("button", name="Send my application").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Thank")
    phone.close()

    page.goto("/admin/ll144")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Local Law 144")
    expect(page.locator("table.ll144").last).to_contain_text("Female × Asian")
    screenshot(page, "audit-ll144")


def test_admin_adds_a_question_and_a_caste_one_needs_confirming(page, live_app):
    sign_in(page)
    page.goto("/admin/users")
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Self-identification").click()
    expect(page.locator("table.self-id")).to_contain_text("Race/ethnicity")
    page.get_by_label("Question").fill("Caste")
    page.get_by_label("Answers, one a line").fill("General\nOBC\nSC\nST")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_role("alert")).to_contain_text("can itself be discrimination")
    screenshot(page, "self-id-caste-warning")
    page.get_by_label("I confirm we must ask this").check()
    page.get_by_role("button", name="Add the question").click()
    expect(page.locator("table.self-id")).to_contain_text("General, OBC, SC, ST, Prefer not to say")
    page.locator("table.self-id tr", has_text="Race/ethnicity").get_by_role("button", name="Stop asking").click()
    expect(page.locator("table.self-id tr", has_text="Race/ethnicity")).to_contain_text("not asked")
    screenshot(page, "self-id-questions")
