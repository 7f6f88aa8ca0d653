"""In a real browser: a consultant creates a client and a job order, matches the talent pool, gets the
candidate's consent, sends a share link; the client answers on it; a withdrawn link shows nothing."""
import re

from playwright.sync_api import expect
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import OutboxMessage
from tests.e2e.conftest import screenshot, sign_in

RESUME = """Farhan Qureshi
farhan.q@example.com | +91 98450 44444

WORK EXPERIENCE
Credit Analyst | ICRA | Mumbai
June 2019 - Present
- Assessed credit risk of listed banks, built financial models and wrote rating reports.

EDUCATION
MBA in Finance, NMIMS, 2019

SKILLS
Credit analysis, Financial modelling, Excel, Report writing
"""


def test_client_job_order_share_link(page, browser, live_app, tmp_path):
    resume = tmp_path / "farhan.txt"
    resume.write_text(RESUME)
    sign_in(page)
    page.goto("/candidates/new")  # someone already in the database, applied for nothing yet
    page.get_by_label("Full name").fill("Farhan Qureshi")
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_role("button", name="Save candidate").click()

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="New client").click()
    page.get_by_label("Company").fill("Northwind Asset Management")
    page.get_by_label("Industry").fill("Asset management")
    page.get_by_label("Standards and guidelines they require").fill("NDA before any interview.")
    page.get_by_role("button", name="Save client").click()
    contact = page.locator("#contacts")
    contact.get_by_label("Name").fill("Priya Shah")
    contact.get_by_label("Role").fill("Head of research")
    contact.get_by_label("Email").fill("priya@northwind.example.com")
    contact.get_by_role("button", name="Add contact").click()
    page.get_by_role("link", name="New job order").click()
    page.get_by_label("Title").fill("Credit Research Analyst")
    page.get_by_label("Required skills").fill("Credit analysis, Financial modelling")
    page.get_by_label("Fee terms").fill("8.33% of annual CTC")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()

    page.get_by_role("link", name="Match talent pool").click()
    expect(page.get_by_role("link", name="Farhan Qureshi")).to_be_visible()
    screenshot(page, "client-match")
    page.get_by_label("Select Farhan Qureshi").check()
    page.get_by_role("button", name="Add the selected to this job order").click()
    page.get_by_label("Select Farhan Qureshi").check()
    page.get_by_role("button", name="Ask the selected for consent").click()
    expect(page.get_by_text("Consent asked of 1 candidate by email.")).to_be_visible()

    with live_app.app_context():
        body = db.session.scalars(select(OutboxMessage).where(OutboxMessage.template_key == "representation_consent")
                                  ).one().body
    consent_link = re.search(r"/consent/\S+", body).group(0)
    candidate = browser.new_context(base_url=live_app.base_url)
    phone = candidate.new_page()
    phone.goto(consent_link)
    phone.get_by_role("button", name="Yes, put me forward").click()
    expect(phone.get_by_text("We will put you forward to Northwind Asset Management.")).to_be_visible()
    candidate.close()

    page.reload()
    page.get_by_label("Select Farhan Qureshi").check()
    page.get_by_label("Note on Farhan Qureshi").fill("Rated 30 banks; sharp writer.")
    page.get_by_label("To").select_option(label="Priya Shah <priya@northwind.example.com>")
    page.get_by_role("button", name="Create share link").click()
    flash = page.get_by_text(re.compile("Share link created"))
    expect(flash).to_be_visible()
    link = re.search(r"/s/[\w-]+", flash.inner_text()).group(0)
    screenshot(page, "client-submit")

    outside = browser.new_context(base_url=live_app.base_url)  # the client: no account, no login
    client_page = outside.new_page()
    client_page.goto(link)
    expect(client_page.get_by_role("heading", name="Candidates for Credit Research Analyst")).to_be_visible()
    expect(client_page.get_by_text("Rated 30 banks; sharp writer.")).to_be_visible()
    expect(client_page.get_by_text("Farhan Qureshi")).to_have_count(0)  # anonymised
    client_page.get_by_label("Comment for the consultant").fill("Strong. Please book an interview.")
    client_page.get_by_role("button", name="Interested", exact=True).click()
    expect(client_page.get_by_text("Thank you: your answer is with us.")).to_be_visible()
    screenshot(client_page, "client-shared-link")

    page.reload()
    expect(page.get_by_text("Farhan Qureshi: Interested — “Strong. Please book an interview.”")).to_be_visible()
    page.get_by_role("link", name="Farhan Qureshi").first.click()
    page.get_by_role("link", name="Open the candidate").click()
    expect(page.locator("ol.timeline")).to_contain_text("Northwind Asset Management (Priya Shah): Interested")
    page.go_back()
    page.go_back()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Withdraw link").click()
    expect(page.get_by_text("Link withdrawn: it now shows nothing.")).to_be_visible()
    client_page.goto(link)
    expect(client_page.get_by_role("heading", name="This link is not available")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="Northwind Asset Management").click()
    expect(page.locator("#contacts")).to_contain_text("Priya Shah")
    expect(page.get_by_text("Farhan Qureshi: interested")).to_be_visible()
    screenshot(page, "client-detail")
    expect(client_page.get_by_text("Rated 30 banks")).to_have_count(0)
    outside.close()
