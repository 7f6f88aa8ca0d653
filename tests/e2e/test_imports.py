"""In a real browser: a zip dropped on the import page becomes candidates, failures listed with reasons."""
import io
import zipfile

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.files import corrupt_pdf, livecareer_pdf


def test_zip_import_page(page, tmp_path):
    archive = tmp_path / "campus-drive.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for i in range(3):
            zf.writestr(f"cv{i}.pdf", livecareer_pdf("HR", i).read_bytes())
        zf.writestr("broken.pdf", corrupt_pdf())
    archive.write_bytes(buffer.getvalue())
    sign_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Imports").click()
    page.get_by_role("link", name="Import resumes").first.click()
    page.get_by_label("Files or zip archives").set_input_files(str(archive))
    page.get_by_role("button", name="Start import").click()
    expect(page.get_by_role("heading", name="Import #")).to_be_visible()
    expect(page.locator("[data-count=done]")).to_have_text("3")
    expect(page.locator("[data-count=failed]")).to_have_text("1")
    expect(page.get_by_text("The PDF is damaged and cannot be read.")).to_be_visible()
    expect(page.locator(".progress-fill")).to_have_attribute("data-width", "100.0")
    screenshot(page, "import-batch")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Candidates").click()
    expect(page.get_by_role("cell", name="Bulk import")).to_have_count(3)

    # The anonymised resumes have no name or contact: they wait in the review queue.
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Review")).to_contain_text("3")
    nav.get_by_role("link", name="Review").click()
    expect(page.get_by_role("cell", name="No name found.")).to_have_count(3)
    page.get_by_role("link", name="Start reviewing").click()
    expect(page.get_by_role("heading", name="Check cv0.pdf")).to_be_visible()
    expect(page.locator("mark.ev-experience").first).to_be_visible()  # the evidence, highlighted
    screenshot(page, "review-resume")
    name = page.get_by_label("Name", exact=True)
    name.fill("Asha Menon")
    name.press("Enter")  # confirms and opens the next one
    expect(page.get_by_text("Confirmed Asha Menon, 1 field corrected.")).to_be_visible()
    expect(page.get_by_role("heading", name="Check cv1.pdf")).to_be_visible()
    expect(nav.get_by_role("link", name="Review")).to_contain_text("2")
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.locator(".stat").filter(has_text="checked")).to_contain_text("2")
    screenshot(page, "review-queue")
