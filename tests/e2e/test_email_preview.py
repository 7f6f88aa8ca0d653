"""In a real browser: a bulk interview invitation is previewed for a real recipient before it goes, and whoever
would get an empty 'When:' is named with the reason and skipped."""
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory


def test_bulk_invitation_preview_names_who_would_get_gaps(page, live_app):
    from recruit.services import interviews

    with live_app.app_context():
        job = JobFactory(title="Preview Research Analyst")
        booked = ApplicationFactory(job=job, candidate=CandidateFactory(name="Booked Person",
                                                                        email="booked@example.com"))
        ApplicationFactory(job=job, candidate=CandidateFactory(name="Waiting Person", email="waiting@example.com"))
        panel = UserFactory(role="interviewer", email="panel-preview@example.com")
        when = (datetime.now() + timedelta(days=4)).replace(hour=15, minute=30, second=0, microsecond=0)
        interviews.schedule(booked.id, starts_local=when, tz="Asia/Kolkata", duration_minutes=45,
                            location="Pune office, 4th floor", video_link=None, interviewer_ids=[panel.id],
                            actor_id=None, notify=False)
        job_id = job.id
    sign_in(page)
    page.goto(f"/jobs/{job_id}/board")
    for name in ("Booked Person", "Waiting Person"):
        page.locator(".app-card", has_text=name).get_by_role("checkbox").check()
    page.get_by_label("Email").select_option(label="Interview invitation")
    page.get_by_role("button", name="Preview and send").click()

    preview = page.locator("[data-preview]")
    expect(preview).to_contain_text("As Booked Person will read it")
    expect(preview).to_contain_text("Where: Pune office, 4th floor")
    expect(preview).to_contain_text("Attached: interview.ics")
    expect(page.locator("[data-skipped]")).to_contain_text(
        "Waiting Person would get an empty {{ interview_when }} and {{ interview_where }}: no interview booked")
    screenshot(page, "email-bulk-preview")

    page.get_by_label("Preview for").select_option(label="Waiting Person (will not be sent)")
    page.get_by_role("button", name="Show").click()
    expect(preview).to_contain_text("As Waiting Person will read it")
    expect(preview).to_contain_text("Not sent to Waiting Person")
    screenshot(page, "email-bulk-preview-gaps")

    page.get_by_role("button", name="Send to 1").click()
    expect(page.get_by_text("1 email queued")).to_be_visible()
    expect(page.get_by_text("Not sent: Waiting Person would get an empty {{ interview_when }}")).to_be_visible()
