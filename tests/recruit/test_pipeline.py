"""The pipeline: one service moves applications, checks the transition, and records who, when and why."""
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Activity, Application, AuditEvent, PipelineStage, StageChange
from recruit.services import pipeline
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory


def _apps(app, n=3, **job):
    with app.app_context():
        job = JobFactory(**job)
        ids = [ApplicationFactory(job=job, candidate=CandidateFactory(), score=50 + i).id for i in range(n)]
        return job.id, ids


def _stage(app, application_id):
    with app.app_context():
        return db.session.get(Application, application_id).stage


def test_moving_records_history_timeline_and_audit(app, client, login):
    login("recruiter")
    job_id, (a, b, c) = _apps(app)
    response = client.post(f"/jobs/{job_id}/board/move", {"application_id": [a, b], "to_stage": "screening"})
    assert response.status_code == 302
    assert (_stage(app, a), _stage(app, b), _stage(app, c)) == ("screening", "screening", "applied")
    with app.app_context():
        change = db.session.scalars(select(StageChange).where(StageChange.application_id == a)).one()
        assert (change.from_stage, change.to_stage, change.actor.role) == ("applied", "screening", "recruiter")
        activity = db.session.scalars(select(Activity).where(Activity.application_id == a,
                                                              Activity.kind == "stage_changed")).one()
        assert activity.summary.endswith("Applied → Screening")
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "application.stage")) == 2


def test_closed_stages_need_a_reason_and_hiring_needs_an_offer(app, client, login):
    login("recruiter")
    job_id, (a, b, _) = _apps(app)
    page = client.post(f"/jobs/{job_id}/board/move", {"application_id": a, "to_stage": "rejected"},
                       follow_redirects=True).data.decode()
    assert "Not moved: moving to Rejected needs a reason." in page and _stage(app, a) == "applied"
    client.post(f"/jobs/{job_id}/board/move", {"application_id": a, "to_stage": "rejected",
                                               "reason": "No finance background"})
    assert _stage(app, a) == "rejected"
    with app.app_context():
        assert db.session.get(Application, a).stage_reason == "No finance background"

    moved = client.post(f"/jobs/{job_id}/board/move", {"application_id": b, "to_stage": "hired"},
                        headers={"Accept": "application/json"}).json
    assert moved["moved"] == [] and moved["skipped"] == [{"id": b, "why": "only candidates at the Offer stage can be hired"}]
    for stage in ("offer", "hired"):
        assert client.post(f"/jobs/{job_id}/board/move", {"application_id": b, "to_stage": stage},
                           headers={"Accept": "application/json"}).json["moved"] == [b]
    back = client.post(f"/jobs/{job_id}/board/move", {"application_id": b, "to_stage": "interview"},
                       headers={"Accept": "application/json"}).json
    assert back["skipped"][0]["why"] == "a hired candidate can only be marked withdrawn"


def test_moves_stay_within_the_job(app, client, login):
    login("recruiter")
    job_id, _ = _apps(app, 1)
    _, (other,) = _apps(app, 1)
    response = client.post(f"/jobs/{job_id}/board/move", {"application_id": other, "to_stage": "screening"})
    assert response.status_code == 404 and _stage(app, other) == "applied"


def test_board_shows_columns_counts_and_blind_labels(app, client, login):
    login("recruiter")
    job_id, ids = _apps(app, 3, blind_review=True, blind_until_stage="interview")
    client.post(f"/jobs/{job_id}/board/move", {"application_id": ids[0], "to_stage": "interview"})
    page = client.get(f"/jobs/{job_id}/board").data.decode()
    assert page.index('data-stage="applied"') < page.index('data-stage="interview"') < page.index('data-stage="hired"')
    assert page.count('class="app-card') == 3
    assert all(f'href="/jobs/{job_id}/applications/{i}" class="name"' in page for i in ids)  # each card's review
    assert f"Applicant A-{ids[1]:05d}" in page and f"Applicant A-{ids[0]:05d}" not in page  # revealed at interview
    with app.app_context():
        name = db.session.get(Application, ids[0]).candidate.name
        hidden = db.session.get(Application, ids[1]).candidate.name
    assert name in page and hidden not in page


def test_admin_configures_stages(app, client, login):
    login("admin")
    job_id, (a, *_) = _apps(app)
    client.post("/admin/stages", {"action": "add", "label": "Client interview", "after": "interview"})
    with app.app_context():
        order = pipeline.stage_order()
        assert order.index("interview") + 1 == order.index("client_interview")
    client.post("/admin/stages", {"action": "rename", "key": "assessment", "label": "Modelling test"})
    client.post("/admin/stages", {"action": "up", "key": "client_interview"})
    page = client.post("/admin/stages", {"action": "retire", "key": "rejected"}, follow_redirects=True).data.decode()
    assert "cannot be retired" in page
    client.post("/admin/stages", {"action": "retire", "key": "screening"})
    board = client.get(f"/jobs/{job_id}/board").data.decode()
    assert "Modelling test" in board and 'data-stage="screening"' not in board
    assert board.index('data-stage="client_interview"') < board.index('data-stage="interview"')
    refused = client.post(f"/jobs/{job_id}/board/move", {"application_id": a, "to_stage": "screening"},
                          headers={"Accept": "application/json"}).json
    assert refused["skipped"][0]["why"] == "the Screening stage is retired"
    with app.app_context():
        assert not db.session.scalars(select(PipelineStage).where(PipelineStage.key == "screening")).one().active
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.startswith("pipeline."))) == 4


def test_shortlisting_goes_through_the_pipeline(app, client, login):
    login("recruiter")
    job_id, (a, b, _) = _apps(app)
    client.post(f"/jobs/{job_id}/shortlist", {"application_id": [a, b]})
    assert (_stage(app, a), _stage(app, b)) == ("shortlisted", "shortlisted")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StageChange).where(
            StageChange.to_stage == "shortlisted")) == 2


def _board_before(job_id: int, per_column: int, expand: str | None) -> list[tuple]:
    """The board's cards as the query before the candidate join moved out chose them (joined first)."""
    from recruit.models import Candidate
    place = func.row_number().over(partition_by=Application.stage,
                                   order_by=(Application.score.desc().nulls_last(), Application.id)).label("place")
    ranked = (select(Application.id, Application.candidate_id, Application.stage, Application.score,
                     Application.override, Candidate.name, place)
              .join(Candidate, Candidate.id == Application.candidate_id)
              .where(Application.job_id == job_id).subquery())
    return [tuple(row) for row in db.session.execute(
        select(ranked.c.stage, ranked.c.id, ranked.c.candidate_id, ranked.c.name, ranked.c.score, ranked.c.override)
        .where((ranked.c.place <= per_column) | (ranked.c.stage == (expand or "")))
        .order_by(ranked.c.stage, ranked.c.place))]


def test_board_cards_are_the_same_as_before_the_join_moved(app):
    """Same stages, cards, order and names as the join-first query, with tied and missing scores and columns
    longer than the cut, on both databases."""
    with app.app_context():
        job, other, viewer = JobFactory(), JobFactory(), UserFactory(role="recruiter")
        stages = ["applied", "screening", "interview", "applied", "rejected"]
        for i in range(23):
            ApplicationFactory(job=job, candidate=CandidateFactory(), stage=stages[i % 5],
                               score=None if i % 7 == 0 else float(40 + i % 4),
                               override="promote" if i == 5 else None)
            ApplicationFactory(job=other, candidate=CandidateFactory(), score=90.0)
        for per_column, expand, shown in ((3, None, 12), (3, "applied", 18), (50, None, 23)):
            data = pipeline.board(job, viewer, per_column=per_column, expand=expand)
            after = [(column["stage"].key, card.application_id, card.candidate_id, card.name, card.score,
                      card.override) for column in data["columns"] for card in column["cards"]]
            before = _board_before(job.id, per_column, expand)
            by_stage = sorted(before, key=lambda row: [c["stage"].key for c in data["columns"]].index(row[0]))
            assert after == by_stage and len(after) == shown
