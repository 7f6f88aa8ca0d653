"""The demo data: does a new user, after `recruit demo`, see every page with something true on it?"""
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import (Application, CampusEvent, Candidate, InterviewAssignment, OutboxMessage, Registration,
                            Resume, StageChange, Submittal)
from recruit.models.base import utcnow
from recruit.services import reports


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_shows_the_product_and_loads_nothing_twice(app, client):
    """After `recruit demo` (run twice): jobs on the careers page, varied scores, months of history with hires,
    campus drives with sign-ups and check-ins, a share link a client answered, interviews with feedback, emails."""
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--candidates", "30"])
    assert first.exit_code == 0, first.output
    assert "share link" in first.output
    with app.app_context():
        counts = {m: _count(m) for m in (Candidate, Application, Resume, StageChange, OutboxMessage, Registration)}
    again = runner.invoke(args=["demo", "--candidates", "30"])
    assert again.exit_code == 0, again.output
    assert "0 candidates" in again.output and "share link" not in again.output

    careers = client.get("/careers/")
    assert careers.status_code == 200
    for title in (b"Market Research Analyst", b"Data Analyst, Analytics KPO", b"Accounts Payable Specialist"):
        assert title in careers.data

    with app.app_context():
        assert {m: _count(m) for m in counts} == counts  # the second run created nothing
        assert _count(Resume) == 30 + 5  # and five from the bulk import (its empty file stores nothing)
        scores = list(db.session.scalars(select(Application.score).where(Application.score.is_not(None))))
        assert len(scores) >= 30 and len(set(scores)) >= 25, sorted(scores)
        assert max(scores) - min(scores) > 40

        hiring = reports.time_to_hire()
        assert hiring["hires"] >= 2 and hiring["median_days"] > 7
        stays = {row["key"]: row for row in reports.time_in_stage()}
        assert stays["applied"]["moved_on"] > 5 and stays["applied"]["median_days"] >= 1
        oldest = db.session.scalar(select(func.min(Application.created_at)))
        assert (utcnow() - oldest).days > 60  # history spread over months, not "just now"

        events = {e.status: e for e in db.session.scalars(select(CampusEvent))}
        assert set(events) == {"published", "completed"}
        assert events["published"].starts_at > utcnow() > events["completed"].starts_at
        assert _count(Registration, Registration.event_id == events["published"].id) >= 5
        assert _count(Registration, Registration.event_id == events["completed"].id,
                      Registration.checked_in_at.is_not(None)) >= 5

        submittal = db.session.scalar(select(Submittal))
        assert submittal.client.name == "Northwind Capital" and len(submittal.items) >= 1
        assert any(item.decision == "interested" for item in submittal.items)
        assert _count(InterviewAssignment, InterviewAssignment.submitted_at.is_not(None)) >= 3
        assert _count(OutboxMessage) >= 20
