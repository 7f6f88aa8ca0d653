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


def test_the_review_panel_follows_the_live_counter(page, live_app):
    """While an import runs, does the 'To review' panel list what the counter beside it counts (it stayed
    'To review (0) Nothing to check' while the counter said 9)?"""
    from recruit.extensions import db
    from recruit.models import Candidate, ImportBatch, ImportItem, Resume
    from recruit.services.resumes import store_file

    with live_app.app_context():
        batch = ImportBatch(source="web", label="still running")
        stored = store_file(b"Unnamed resume text without contact details")
        person = Candidate(name="Doubtful Parse", source="import")
        db.session.add_all([batch, person])
        db.session.flush()
        resume = Resume(candidate_id=person.id, sha256=stored.sha256, filename="doubtful.txt", file_type="txt",
                        size=44, parse_status="done")
        db.session.add(resume)
        db.session.flush()
        db.session.add_all([ImportItem(batch_id=batch.id, filename="waiting.txt", status="queued"),
                            ImportItem(batch_id=batch.id, filename="doubtful.txt", status="done",
                                       candidate_id=person.id, resume_id=resume.id)])
        db.session.commit()
        batch_id, resume_id = batch.id, resume.id
    sign_in(page)
    page.goto(f"/imports/{batch_id}")
    panel = page.locator("[data-review-panel]")
    expect(panel).to_contain_text("To review (0)")
    with live_app.app_context():  # the parser finishes that file and doubts it, while the page is open
        flagged = db.session.get(Resume, resume_id)
        flagged.review_status, flagged.review_reasons = "pending", ["No email address or phone number found."]
        db.session.commit()
    expect(page.locator("[data-field=review]")).to_have_text("1", timeout=10000)
    expect(panel).to_contain_text("To review (1)", timeout=10000)
    expect(panel.get_by_role("link", name="Doubtful Parse")).to_be_visible()
    expect(panel).to_contain_text("No email address or phone number found.")
