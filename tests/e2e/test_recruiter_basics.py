"""In a real browser: sign in, post a job, add a candidate with a resume, find both in the lists."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.files import PNG, livecareer_pdf


def nav(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def test_anonymous_visitor_gets_sign_in(page):
    page.goto("/jobs/")
    assert "/auth/login" in page.url
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(page, "sign-in")


def test_recruiter_posts_job_adds_candidate_and_finds_them(page):
    """Can a recruiter post a job, add a candidate with a PDF resume, and find both by searching?"""
    sign_in(page)
    nav(page, "Jobs").click()
    expect(page.get_by_text("No jobs yet")).to_be_visible()
    page.get_by_role("link", name="New job").click()
    page.get_by_label("Title").fill("Financial Research Analyst")
    page.get_by_label("Location").fill("Gurugram")
    page.get_by_label("Minimum years of experience").fill("2")
    page.get_by_label("Education").select_option("mba")
    page.get_by_label("Required skills").fill("Financial modelling, Excel, Equity research")
    page.get_by_label("Description").fill("Research listed banks and write earnings notes for a UK client.")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    expect(page.get_by_role("heading", name=re.compile("Financial Research Analyst"))).to_be_visible()
    expect(page.get_by_text("Financial modelling")).to_be_visible()
    screenshot(page, "job-detail")

    page.get_by_role("link", name="Add a candidate").click()
    page.get_by_label("Full name").fill("Meera Krishnan")
    page.get_by_label("Email").fill("meera.krishnan@example.com")
    page.get_by_label("Phone").fill("98450 12345")
    page.get_by_label("Location").fill("Noida")
    page.get_by_label("Resume").set_input_files(str(livecareer_pdf("FINANCE", 1)))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Meera Krishnan")).to_be_visible()
    expect(page.get_by_text("+919845012345")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"\.pdf$"))).to_be_visible()
    expect(page.get_by_role("link", name="Financial Research Analyst")).to_be_visible()
    screenshot(page, "candidate-detail")

    nav(page, "Candidates").click()
    page.get_by_role("combobox", name="Search").fill("krishnan")  # a search box with suggestions is a combobox
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name="Meera Krishnan")).to_be_visible()
    expect(page.get_by_text("Showing 1–1 of 1")).to_be_visible()
    screenshot(page, "candidate-list")

    nav(page, "Jobs").click()
    page.get_by_role("searchbox", name="Search").fill("financial")
    page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row", name=re.compile("Financial Research Analyst"))
    expect(row).to_contain_text("Gurugram")
    screenshot(page, "job-list")


def test_bad_upload_keeps_what_was_typed(page, tmp_path):
    sign_in(page)
    fake = tmp_path / "photo.pdf"
    fake.write_bytes(PNG)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Arjun Mehta")
    page.get_by_label("Location").fill("Chennai")
    page.get_by_label("Resume").set_input_files(str(fake))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_text("This looks like a PNG image")).to_be_visible()
    assert page.get_by_label("Full name").input_value() == "Arjun Mehta"
    assert page.get_by_label("Location").input_value() == "Chennai"
    screenshot(page, "bad-upload")


def test_admin_invites_a_user(page, browser, live_app):
    sign_in(page)
    nav(page, "Admin").click()
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("Name").fill("Kabir Sethi")
    page.get_by_label("Email").fill("kabir@example.com")
    page.get_by_label("Role").select_option("interviewer")
    page.get_by_role("button", name="Create invitation").click()
    link = page.get_by_label("Invitation link").input_value()
    context = browser.new_context(base_url=live_app.base_url)
    other = context.new_page()
    other.goto(link)
    other.get_by_label("New password", exact=True).fill("kabir's long password")
    other.get_by_label("Repeat the new password").fill("kabir's long password")
    other.get_by_role("button", name="Set password and sign in").click()
    expect(other.get_by_text("Welcome, Kabir Sethi")).to_be_visible()
    # An interviewer sees no jobs, candidates or admin in the navigation.
    expect(other.get_by_role("navigation", name="Main").get_by_role("link")).to_have_text(["Dashboard", "Interviews"])
    context.close()
