"""In a real browser: students sign up on a phone, one cancels and the waitlist moves up, the recruiter
checks a student in by QR token, the student becomes an applicant, and then asks for erasure."""
import re
from datetime import datetime, timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import OutboxMessage, Registration
from tests.e2e.conftest import screenshot, sign_in

RESUME = """{name}
{email} | +91 98450 3333{n}

EDUCATION
B.Com (Finance), Christ University, 2026, CGPA 8.{n}

SKILLS
Excel, Financial modelling, Accounting, Report writing, Market research
"""
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _mail_link(app, to: str, pattern: str) -> str:
    with app.app_context():
        bodies = [m.body for m in db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == to)
                                                     .order_by(OutboxMessage.id))]
    return re.search(pattern, "\n".join(bodies)).group(0)


def _student_signs_up(browser, live_app, code, name, email, n, tmp_path):
    context = browser.new_context(base_url=live_app.base_url, **PHONE)
    phone = context.new_page()
    resume = tmp_path / f"{name.split()[0].lower()}.txt"
    resume.write_text(RESUME.format(name=name, email=email, n=n))
    phone.goto(f"/e/{code}")
    expect(phone.get_by_text("CGPA of at least 7 (out of 10)")).to_be_visible()
    phone.get_by_label("Full name").fill(name)
    phone.get_by_label("Email").fill(email)
    phone.get_by_label("Degree").fill("B.Com")
    phone.get_by_label("Branch").fill("Finance")
    phone.get_by_label("Graduation year").fill("2026")
    phone.get_by_label("CGPA (out of 10)").fill(f"8.{n}")
    phone.get_by_label(re.compile(r"^Resume")).set_input_files(str(resume))
    phone.get_by_label(re.compile("I agree that")).check()
    # The admin's self-identification questions (not the old gender one) and the automated-tool notice.
    expect(phone.get_by_text("How do you describe your gender?")).to_have_count(0)
    phone.get_by_role("group", name="Optional: Sex").get_by_label("Prefer not to say").check()
    expect(phone.locator("#automated-tool")).to_contain_text("An automated tool helps us assess applications")
    if n == 4:
        phone.get_by_label("Please have a person assess my application").check()
    screenshot(phone, f"campus-signup-phone-{n}")
    phone.get_by_role("button", name="Sign me up").click()
    expect(phone.get_by_role("heading", name="Thank you for signing up")).to_be_visible()
    return context, phone


def test_campus_signup_waitlist_checkin_and_erasure(page, browser, live_app, tmp_path):
    sign_in(page)
    page.goto("/jobs/new")
    page.get_by_label("Title").fill("Graduate Research Analyst")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campus").click()
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title").fill("Analyst hiring day")
    page.get_by_label("School").fill("Christ University")
    page.get_by_label("Starts").fill((datetime.now() + timedelta(days=7)).strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Venue").fill("Main auditorium")
    page.get_by_label("Capacity").fill("1")
    page.get_by_label("Degrees").fill("B.Com, BBA")
    page.get_by_label("Minimum CGPA").fill("7")
    page.get_by_label("Graduate Research Analyst").check()
    page.get_by_role("button", name="Save event").click()
    page.get_by_role("button", name="Publish").click()
    code = page.get_by_label("Public sign-up link").input_value().rstrip("/").rsplit("/", 1)[-1]

    first_ctx, first = _student_signs_up(browser, live_app, code, "Nisha Verma", "nisha@example.com", 4, tmp_path)
    screenshot(first, "campus-signup-phone-done")
    second_ctx, second = _student_signs_up(browser, live_app, code, "Rahul Iyer", "rahul@example.com", 6, tmp_path)

    # Nisha cannot come after all: her place goes to Rahul, who was first on the waitlist.
    first.goto(_mail_link(live_app, "nisha@example.com", r"/r/[\w-]+"))
    expect(first.get_by_text("you have a place")).to_be_visible()
    first.once("dialog", lambda d: d.accept())
    first.get_by_role("button", name="I cannot come: cancel").click()
    expect(first.get_by_text("This registration is cancelled.")).to_be_visible()
    rahul_link = _mail_link(live_app, "rahul@example.com", r"/r/[\w-]+")
    second.goto(rahul_link)
    expect(second.get_by_text("Rahul Iyer, you have a place.")).to_be_visible()
    expect(second.locator("figure.qr svg")).to_be_visible()
    screenshot(second, "campus-registration-phone")

    # The recruiter sees the registration with the parsed resume and checks Rahul in by his QR token.
    page.reload()
    page.get_by_role("link", name="Rahul Iyer").click()
    page.get_by_role("link", name="Parsed profile").click()
    expect(page.get_by_text("Financial modelling").first).to_be_visible()
    page.go_back()
    page.go_back()
    page.get_by_role("link", name="Check-in").click()
    # A week early: the page says so, and checking in needs the recruiter to confirm it.
    expect(page.locator("[data-early]")).to_contain_text(re.compile(r"in \d+ days: check-in is for the day itself"))
    page.get_by_role("link", name="Check students in early anyway").click()
    page.get_by_label("QR code").fill(live_app.base_url + rahul_link)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.get_by_text("Rahul Iyer checked in.")).to_be_visible()
    page.get_by_label("Or find by name, email or phone").fill("Rahul")
    page.get_by_role("button", name="Find").click()
    expect(page.locator(".checkin-list")).to_contain_text(re.compile(r"Checked in (\d\d \w+ \d{4}, )?\d\d:\d\d"))
    screenshot(page, "campus-checkin")
    page.get_by_role("link", name="Analyst hiring day").click()
    page.get_by_role("button", name="Make attendees applicants to the event's jobs").click()
    expect(page.get_by_text("1 application added")).to_be_visible()
    expect(page.locator("table.funnel")).to_contain_text("Attended")
    screenshot(page, "campus-event")
    page.goto("/jobs/")
    page.get_by_role("link", name="Graduate Research Analyst").click()
    page.get_by_role("link", name="Pipeline").click()
    expect(page.locator(".app-card", has_text="Rahul Iyer")).to_contain_text("Campus")

    # Rahul asks, through the link in his email, for his data to be erased.
    second.goto(_mail_link(live_app, "rahul@example.com", r"/privacy/[\w.-]+"))
    second.get_by_label(re.compile("I understand that erasing")).check()
    second.get_by_role("button", name="Erase my data").click()
    expect(second.get_by_text("Your personal data and files are erased.")).to_be_visible()
    page.reload()
    expect(page.locator(".app-card", has_text="Erased candidate")).to_be_visible()
    expect(page.locator(".app-card", has_text="Rahul Iyer")).to_have_count(0)
    with live_app.app_context():
        assert db.session.scalars(select(Registration).where(Registration.name == "Rahul Iyer")).first() is None
    first_ctx.close()
    second_ctx.close()
