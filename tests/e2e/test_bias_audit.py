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
