"""In a real browser: the recruiter's forms keep what was given, and say so."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.factories import JobFactory
from tests.recruit.test_candidate_forms import resume_pdf


def test_a_failed_add_candidate_form_keeps_the_resume_and_says_so(page, tmp_path):
    """Attach a PDF, leave the name empty and mistype the email: does the page come back saying the file
    is kept, and does fixing the email save the candidate with the resume and the name read from it?"""
    path = tmp_path / "resume.pdf"
    path.write_bytes(resume_pdf())
    sign_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Resume").set_input_files(str(path))
    page.get_by_label("Email").fill("kavya@")
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_text("resume.pdf is kept; you need not choose it again.")).to_be_visible()
    screenshot(page, "add-candidate-file-kept")
    page.get_by_label("Email").fill("")
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Kavya Iyer")).to_be_visible()
    expect(page.get_by_text("No resume yet")).to_have_count(0)
    expect(page.get_by_text("resume.pdf").first).to_be_visible()
    screenshot(page, "add-candidate-named-from-resume")


def test_the_careers_form_asks_an_experienced_applicant_about_their_current_job(page, live_app):
    """Does the apply form of a 3-year role show employer, notice period and CTC, not the campus questions,
    and the admin's self-identification questions (not the old gender one)?"""
    with live_app.app_context():
        JobFactory(title="Senior Equity Research Analyst", slug="senior-era", public=True, min_years=3)
    page.goto("/careers/senior-era")
    expect(page.get_by_label("Current employer")).to_be_visible()
    expect(page.get_by_label("Notice period")).to_be_visible()
    expect(page.get_by_label("Current CTC (lakh ₹ a year)")).to_be_visible()
    expect(page.get_by_label("Expected CTC (lakh ₹ a year)")).to_be_visible()
    expect(page.get_by_label("Active backlogs")).to_have_count(0)
    expect(page.get_by_role("group", name="Optional: Sex")).to_be_visible()
    expect(page.get_by_label("In your own words (if you chose to self-describe)")).to_have_count(0)
    screenshot(page, "careers-experienced-form")


def _job_with_applicants(live_app, *names):
    from recruit.extensions import db
    from tests.factories import ApplicationFactory, CandidateFactory

    with live_app.app_context():
        job = JobFactory(title="Credit Research Analyst")
        ids = [ApplicationFactory(job=job, candidate=CandidateFactory(
            name=name, email=f"{name.split()[0].lower()}@example.com")).id for name in names]
        db.session.commit()
        return job.id, ids


def _stage_and_reason(live_app, application_id):
    from recruit.extensions import db
    from recruit.models import Application

    with live_app.app_context():
        app = db.session.get(Application, application_id)
        return app.stage, app.stage_reason


def _outbox(live_app):
    from sqlalchemy import select

    from recruit.extensions import db
    from recruit.models import OutboxMessage

    with live_app.app_context():
        return sorted(m.to_address for m in db.session.scalars(select(OutboxMessage)
                                                               .where(OutboxMessage.template_key == "rejection")))


def test_rejecting_on_the_board_asks_in_a_dialog_with_the_reasons_and_the_email(page, live_app):
    """Dragging a card to Rejected, and rejecting two from the bulk bar: is there a dialog (no prompt())
    with the admins' reasons and an offer to send the rejection email, and does each do what it says?"""
    job_id, (one, two, three) = _job_with_applicants(live_app, "Rohan Mehta", "Sana Sheikh", "Tara Rao")
    prompts = []
    page.on("dialog", lambda d: (prompts.append(d.message), d.dismiss()))
    sign_in(page)
    page.goto(f"/jobs/{job_id}/board")
    card = page.locator(f'.app-card[data-application="{one}"]')
    card.drag_to(page.locator('.column[data-stage="rejected"]'))
    dialog = page.locator("#reason-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Reject Rohan Mehta")
    dialog.get_by_label("Reason").select_option("Notice period too long")
    dialog.get_by_label("Details (optional)").fill("90 days, cannot buy out")
    dialog.get_by_label("Send the rejection message").check()
    screenshot(page, "reject-dialog-board")
    dialog.get_by_role("button", name="Reject").click()
    expect(page.locator(".board-toast")).to_have_text("Moved 1 to Rejected. Rejection email queued for 1.")
    expect(dialog).to_be_hidden()
    assert _stage_and_reason(live_app, one) == ("rejected", "Notice period too long — 90 days, cannot buy out")
    assert _outbox(live_app) == ["rohan@example.com"]

    # Cancelling moves nothing.
    page.locator(f'.app-card[data-application="{three}"]').drag_to(page.locator('.column[data-stage="rejected"]'))
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.locator(".board-toast")).to_have_text("Not moved.")
    assert _stage_and_reason(live_app, three)[0] == "applied"

    # Bulk: two selected, Rejected in the bar, Move.
    page.locator(f'input[name=application_id][value="{two}"]').check()
    page.locator(f'input[name=application_id][value="{three}"]').check()
    page.locator("#bulk select[name=to_stage]").select_option("rejected")
    page.locator("#bulk").get_by_role("button", name="Move").click()
    expect(dialog.get_by_role("heading")).to_have_text("Reject 2 candidates")
    dialog.get_by_label("Reason").select_option("Position filled")
    dialog.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("Moved 2 to Rejected.")).to_be_visible()
    assert _stage_and_reason(live_app, two) == ("rejected", "Position filled")
    assert _outbox(live_app) == ["rohan@example.com"]  # the box was not ticked this time
    assert prompts == []


def test_rejecting_on_the_application_page_uses_the_same_dialog(page, live_app):
    job_id, (one,) = _job_with_applicants(live_app, "Uma Pillai")
    sign_in(page)
    page.goto(f"/jobs/{job_id}/applications/{one}")
    page.locator("#to_stage").select_option("rejected")
    page.get_by_role("button", name="Move", exact=True).click()
    dialog = page.locator("#reason-dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Reject Uma Pillai")
    dialog.get_by_role("button", name="Reject").click()  # the first reason on the list is chosen
    expect(page.get_by_text("Moved 1 to Rejected.")).to_be_visible()
    assert _stage_and_reason(live_app, one) == ("rejected", "Skills do not match the role")
    screenshot(page, "reject-dialog-application-done")


def _candidate_with_queued_resume(live_app) -> tuple[int, int]:
    """A candidate whose resume is stored and waits for a worker (none runs here); their and its ids."""
    from recruit.extensions import db
    from recruit.models import Candidate
    from recruit.services import resumes
    from tests.recruit.test_corrections import RESUME

    with live_app.app_context():
        candidate = Candidate(name="Meera Nair", source="manual")
        db.session.add(candidate)
        db.session.flush()
        resume = resumes.new_resume(candidate.id, RESUME.encode(), "meera.txt", actor_id=None)
        db.session.add(resume)
        db.session.commit()
        return candidate.id, resume.id


def test_the_candidate_page_refreshes_with_a_summary_when_the_parse_finishes(page, live_app):
    """Open a candidate whose resume is still queued: does the page show that it is being read, and then,
    without a reload by hand, the summary (latest job, years, skills, degree) once the worker is done?"""
    from recruit.services import parsing

    candidate_id, resume_id = _candidate_with_queued_resume(live_app)
    sign_in(page)
    page.goto(f"/candidates/{candidate_id}")
    expect(page.get_by_text("Reading meera.txt… this page updates itself when it is done.")).to_be_visible()
    with live_app.app_context():
        parsing.parse_resume(resume_id)  # what the worker does
    summary = page.locator("section.candidate-summary")
    expect(summary.locator(".summary-line")).to_contain_text("Equity Research Analyst at Crisil", timeout=10000)
    expect(summary).to_contain_text("MBA in Finance")
    expect(summary.locator(".chip").first).to_have_text("Financial modelling")
    expect(page.get_by_text("this page updates itself")).to_have_count(0)
    screenshot(page, "candidate-summary-after-parse")


def test_a_wrong_degree_is_struck_out_in_the_correction_form(page, live_app):
    """In the browser: tick "Remove this entry" on a bogus degree and save; is it gone from the profile
    (no "Degree not found"), listed as removed, and can it be put back?"""
    from recruit.services import parsing

    candidate_id, resume_id = _candidate_with_queued_resume(live_app)
    with live_app.app_context():
        parsing.parse_resume(resume_id)
    sign_in(page)
    page.goto(f"/candidates/{candidate_id}/profile?edit=1")
    page.locator('input[name="f:education.1.removed"]').check()
    page.get_by_label("Phones, comma separated").fill("+91 98450 12345, 022 2345 6789")
    screenshot(page, "profile-correct-remove-entry")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text("Saved 2 corrections.")).to_be_visible()
    expect(page.locator(".profile-fields .entry").filter(has_text="University of Pune")).to_have_count(0)
    expect(page.get_by_text("Degree not found")).to_have_count(0)
    expect(page.locator(".removed-entries")).to_contain_text("Bachelor of Commerce · University of Pune")
    expect(page.get_by_text("+912223456789")).to_be_visible()
    screenshot(page, "profile-entry-removed")

    page.goto("/admin/rejection-reasons")
    expect(page.get_by_role("heading", name="Rejection reasons")).to_be_visible()
    screenshot(page, "admin-rejection-reasons")
