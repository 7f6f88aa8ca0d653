"""Rejecting: the admins' list of reasons, and a rejection that may send the rejection email."""
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, OutboxMessage
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory


def _apps(app, *emails):
    with app.app_context():
        job = JobFactory(title="Equity Research Analyst")
        ids = [ApplicationFactory(job=job, candidate=CandidateFactory(email=email)).id for email in emails]
        return job.id, ids


def test_an_admin_edits_the_list_recruiters_choose_from(app, client, login):
    """Can an admin add, rename, reorder and remove reasons, and does the board's dialog offer that list?"""
    login("admin")
    page = client.get("/admin/rejection-reasons").data.decode()
    assert "Skills do not match the role" in page and "Notice period too long" in page
    client.post("/admin/rejection-reasons", {"action": "add", "label": "  Failed the  written test "})
    response = client.post("/admin/rejection-reasons", {"action": "add", "label": "failed the written test"},
                           follow_redirects=True)
    assert b"That reason is already on the list." in response.data
    from recruit.models import RejectionReason

    with app.app_context():
        reasons = {r.label: r.id for r in db.session.scalars(select(RejectionReason))}
    assert "Failed the written test" in reasons
    client.post("/admin/rejection-reasons", {"action": "rename", "reason_id": reasons["Position filled"],
                                             "label": "Role filled"})
    client.post("/admin/rejection-reasons", {"action": "remove", "reason_id": reasons["Location does not suit"]})
    client.post("/admin/rejection-reasons", {"action": "up", "reason_id": reasons["Failed the written test"]})
    job_id, _ = _apps(app, "a@example.com")
    board = client.get(f"/jobs/{job_id}/board").data.decode()
    dialog = board.split('<dialog id="reason-dialog"')[1].split("</dialog>")[0]
    assert "Role filled" in dialog and "Position filled" not in dialog and "Location does not suit" not in dialog
    options = [part.split('"')[0] for part in dialog.split('<option value="')[1:]]
    assert options[-3:] == ["Failed the written test", "Candidate withdrew interest", ""]
    assert "Send the rejection message (the “Rejection” template" in dialog


def test_only_admins_edit_the_reasons(app, client, login):
    login("recruiter")
    assert client.get("/admin/rejection-reasons").status_code == 403


def test_rejecting_with_the_email_queues_the_rejection_template_to_each_one_moved(app, client, login):
    """Does a bulk rejection with "send the rejection email" queue the rejection template for each candidate
    with an address, say who had none, and store the reason?"""
    login("recruiter")
    job_id, (a, b) = _apps(app, "priya@example.com", None)
    response = client.post(f"/jobs/{job_id}/board/move",
                           {"application_id": [a, b], "to_stage": "rejected", "send_email": "1",
                            "reason": "Skills do not match the role — no Excel modelling"},
                           headers={"Accept": "application/json"})
    body = response.json
    assert sorted(body["moved"]) == sorted([a, b]) and body["emailed"] == 1
    assert len(body["email_problems"]) == 1 and "has no email address" in body["email_problems"][0]
    with app.app_context():
        assert db.session.get(Application, a).stage_reason == "Skills do not match the role — no Excel modelling"
        messages = db.session.scalars(select(OutboxMessage)).all()
        assert [(m.to_address, m.template_key) for m in messages] == [("priya@example.com", "rejection")]
        assert "Equity Research Analyst" in messages[0].subject


def test_rejecting_without_the_email_sends_nothing(app, client, login):
    login("recruiter")
    job_id, (a,) = _apps(app, "priya@example.com")
    response = client.post(f"/jobs/{job_id}/board/move", {"application_id": [a], "to_stage": "rejected",
                                                          "reason": "Position filled"}, follow_redirects=True)
    assert b"Moved 1 to Rejected." in response.data and b"Rejection email" not in response.data
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage)).all() == []
