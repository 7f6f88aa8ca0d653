"""In a real browser: a resume is parsed into a profile, the evidence is highlighted, a correction sticks."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.files import livecareer_pdf


def test_recruiter_reads_the_evidence_and_corrects_a_field(page, tmp_path):
    sign_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Farhan Qureshi")
    page.get_by_label("Resume").set_input_files(str(livecareer_pdf("FINANCE", 4)))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_text("parsed", exact=True)).to_be_visible()
    page.get_by_role("link", name="Parsed profile").click()
    expect(page.get_by_role("heading", name="Parsed profile")).to_be_visible()
    expect(page.locator("mark.ev").nth(5)).to_be_attached()
    first_job = page.locator("a.evidence-link[href^='#ev-experience-0']").first
    first_job.click()
    expect(page).to_have_url(re.compile(r"#ev-experience-0-"))
    screenshot(page, "profile-evidence")

    page.get_by_role("link", name="Correct fields").click()
    page.get_by_label("Years of experience").fill("11")
    page.get_by_label("Skills, comma separated").fill("Financial analysis, Forecasting, SAP")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text("Saved 2 corrections.")).to_be_visible()
    expect(page.get_by_text("11 years")).to_be_visible()
    page.get_by_role("button", name="Parse again").click()
    expect(page.get_by_text("queued for parsing")).to_be_visible()
    expect(page.locator("p.chips a.chip")).to_have_text(["Financial analysis", "Forecasting", "SAP"])
    screenshot(page, "profile-corrected")


def test_the_grade_is_shown_apart_from_the_school_and_can_be_corrected(page):
    """Does a US resume's education read 'NEW YORK UNIVERSITY' with 'GPA 3.93' beside it, each linked to its
    words, and can a recruiter correct the grade?"""
    from tests.files import LIVECAREER

    resume = LIVECAREER / "FINANCE" / "16426777.pdf"
    if not resume.exists():
        pytest.skip(f"test data not found at {resume}")
    sign_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Dana Whitfield")
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_text("parsed", exact=True)).to_be_visible()
    page.get_by_role("link", name="Parsed profile").click()
    entry = page.locator(".entry", has_text="Bachelor of Arts")
    expect(entry).to_contain_text("NEW YORK UNIVERSITY")
    expect(entry).to_contain_text("GPA 3.93")
    expect(entry).not_to_contain_text("UNCF")
    expect(entry.locator("a.evidence-link[href='#ev-education-1-grade']")).to_be_attached()
    expect(page.locator(".entry", has_text="Scholarship")).to_have_count(0)
    screenshot(page, "profile-education-grade")
    page.get_by_role("link", name="Correct fields").click()
    page.locator("input[name='f:education.1.grade']").fill("GPA 3.9")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text("Saved 1 correction.")).to_be_visible()
    expect(page.locator(".entry", has_text="Bachelor of Arts")).to_contain_text("GPA 3.9")
