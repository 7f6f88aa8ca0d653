"""In a real browser: one job run from first applicant to hire, every step on the timeline."""
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in

RESUME = """Kavya Rao
Pune | kavya.rao@example.com | +91 98450 55555

WORK EXPERIENCE
Equity Research Associate | Motilal Oswal | Mumbai
July 2019 - Present
- Built financial models for twelve listed banks and wrote quarterly results previews.

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2019

SKILLS
Financial modelling, Valuation, Bloomberg, Excel, Equity research
"""


def test_first_applicant_to_hire(page, tmp_path):
    resume = tmp_path / "kavya-rao.txt"
    resume.write_text(RESUME)
    sign_in(page)
    page.goto("/jobs/new")
    page.get_by_label("Title").fill("Banking Equity Analyst")
    page.get_by_label("Required skills").fill("Financial modelling, Valuation")
    page.get_by_label("Description").fill("Cover Indian banks for a global asset manager.")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Kavya Rao")
    page.get_by_label("Add to job").select_option(label="Banking Equity Analyst")
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Kavya Rao")).to_be_visible()

    # The board: drag the card from Applied to Screening, then one stage on with the keyboard.
    page.get_by_role("link", name="Banking Equity Analyst").first.click()
    page.get_by_role("link", name="Pipeline").click()
    card = page.locator(".app-card", has_text="Kavya Rao")
    applied, screening = page.locator('.column[data-stage="applied"]'), page.locator('.column[data-stage="screening"]')
    expect(applied.locator("[data-count]")).to_have_text("1")
    card.drag_to(screening)
    expect(page.locator(".board-toast")).to_have_text("Moved 1 to Screening.")
    expect(screening.locator("[data-count]")).to_have_text("1")
    expect(applied.locator("[data-count]")).to_have_text("0")
    card.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator('.column[data-stage="shortlisted"] .app-card', has_text="Kavya Rao")).to_be_visible()
    screenshot(page, "pipeline-board")
    page.reload()  # the moves were saved, not just drawn
    expect(page.locator('.column[data-stage="shortlisted"] [data-count]')).to_have_text("1")

    # Bulk email from the board: tick the card, choose a template, check the preview, send.
    page.locator(".app-card", has_text="Kavya Rao").get_by_role("checkbox").check()
    page.get_by_label("Email").select_option(label="Application received")
    page.get_by_role("button", name="Preview and send").click()
    expect(page.locator("[data-preview]")).to_contain_text("Thank you for applying for Banking Equity Analyst")
    page.get_by_role("button", name="Send to 1").click()
    expect(page.get_by_text("1 email queued")).to_be_visible()

    # An interview with the admin on the panel, then their feedback.
    page.locator(".app-card", has_text="Kavya Rao").get_by_role("link", name="Kavya Rao").click()
    page.get_by_role("link", name="Schedule an interview").click()
    when = (datetime.now() + timedelta(days=2)).replace(hour=11, minute=0)
    page.get_by_label("Date and time").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Time zone").select_option("Asia/Kolkata")
    page.get_by_label("Video link").fill("https://meet.example.com/kavya")
    page.get_by_label("Asha Admin").check()
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Interview scheduled; the invitations are in the outbox.")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Interviews").click()
    page.get_by_role("link", name="Give feedback").click()
    for criterion in ("Analytical thinking", "Domain knowledge", "Written and spoken English",
                      "Tools (Excel, SQL, ...)", "Fit for client work"):
        page.get_by_role("group", name=criterion).get_by_label("4").check()
    page.get_by_label("Strong yes").check()
    page.get_by_label("Notes").fill("Clear on bank valuation; good written English.")
    page.get_by_role("button", name="Submit feedback").click()
    expect(page.get_by_text("Thank you: your feedback is saved.")).to_be_visible()

    # Offer and hire from the application page; the feedback summary is there.
    page.goto("/jobs/")
    page.get_by_role("link", name="Banking Equity Analyst").click()
    page.get_by_role("link", name="Pipeline").click()
    page.locator(".app-card", has_text="Kavya Rao").get_by_role("link", name="Kavya Rao").click()
    expect(page.get_by_text("Strong yes: 1")).to_be_visible()
    for stage in ("Interview", "Offer", "Hired"):
        page.get_by_label("Move to").select_option(label=stage)
        page.get_by_role("button", name="Move", exact=True).click()
        expect(page.get_by_text(f"Moved 1 to {stage}.")).to_be_visible()
    screenshot(page, "application")

    # Everything is on the candidate's timeline; a note with a mention goes there too.
    page.get_by_role("link", name="Open the candidate").click()
    page.get_by_label("Note").fill("Accepted verbally; @admin please prepare the letter.")
    page.get_by_role("button", name="Add note").click()
    timeline = page.locator("ol.timeline")
    for text in ("Applied → Screening", "Screening → Shortlisted", "Offer → Hired", "Email: Your application for",
                 "Interview for Banking Equity Analyst", "Feedback from Asha Admin", "@admin please prepare"):
        expect(timeline).to_contain_text(text)
    screenshot(page, "candidate-timeline")

    # Search finds her by what her resume says; reports count the hire; the outbox kept the emails.
    page.goto("/candidates/?q=bank+valuation&skills=Valuation")
    expect(page.get_by_role("link", name="Kavya Rao")).to_be_visible()
    screenshot(page, "search")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page.get_by_text("over 1 hire")).to_be_visible()
    page.wait_for_function("() => window.Chart && Object.keys(window.Chart.instances).length === 3")
    screenshot(page, "reports")
    page.goto("/admin/outbox")
    expect(page.get_by_role("link", name="Interview for Banking Equity Analyst", exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Your application for Banking Equity Analyst")).to_be_visible()
