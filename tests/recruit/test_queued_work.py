"""Work queued for the workers: every new application is scored, and only the new ones; work waits for its
commit and is queued as a task, never by name."""
import pytest
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application
from recruit.queue import enqueue_after_commit
from recruit.services import scoring
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory
from tests.recruit.test_campus import RESUME, _event, _signup, _student
from tests.recruit.test_careers_privacy import CV, _apply


def test_a_returning_applicant_is_scored_for_the_second_job_too(app, client):
    """The same resume sent for two jobs: is the second application scored, like the first?"""
    with app.app_context():
        for n in (1, 2):
            JobFactory(title=f"Market Research Analyst {n}", slug=f"mra-{n}", public=True,
                       required_skills=["Market research", "SPSS"])
    assert _apply(client, "mra-1").status_code == 302
    assert _apply(client, "mra-2", addr="10.3.0.9").status_code == 302  # same file: no new parse
    with app.app_context():
        scores = [a.score for a in db.session.scalars(select(Application).order_by(Application.id))]
    assert len(scores) == 2 and None not in scores and scores[0] == scores[1]


def test_converting_one_event_scores_only_that_events_applicants(app, client, login):
    """Does turning one event's attendees into applicants leave another event's applications alone?"""
    login("recruiter")
    event_id, code, job_id = _event(client, app)
    _signup(client, code, _student(1), resume=RESUME)
    client.post(f"/campus/{event_id}/checkin", {"registration_id": "1", "early": "1"})
    with app.app_context():
        # An application from another drive, not scored yet (its resume is still waiting for a parser).
        elsewhere = ApplicationFactory(candidate=CandidateFactory(), job=JobFactory(), source="campus").id
    client.post(f"/campus/{event_id}/convert")
    with app.app_context():
        converted = db.session.scalars(select(Application).where(Application.job_id == job_id)).one()
        other = db.session.get(Application, elsewhere)
        assert converted.score is not None and converted.scored_at is not None
        assert other.scored_at is None



@pytest.mark.parametrize("app_config", [{"HUEY_IMMEDIATE": False}], indirect=True)
def test_work_is_sent_to_the_workers_only_when_its_transaction_commits(app):
    """Is a task queued in a transaction that rolls back never sent, and one whose transaction commits sent
    once, under the queue name the workers know?"""
    huey = app.extensions["huey"]
    with app.app_context():
        job_id = JobFactory().id
        enqueue_after_commit(scoring.rescore_job, job_id)
        assert huey.pending() == []  # nothing is sent before the commit
        db.session.rollback()
        db.session.commit()
        assert huey.pending() == []  # the rolled-back one is dropped, not sent by a later commit
        enqueue_after_commit(scoring.rescore_job, job_id)
        db.session.commit()
    pending = huey.pending()
    assert [(t.name, t.args) for t in pending] == [("rescore_job", (job_id,))]
    huey.execute(pending[0])  # the worker's side: it runs in an app context, as the task's own function
    huey.flush()


def test_work_is_queued_by_passing_the_task_so_a_wrong_name_cannot_slip_through(app):
    """Is queueing anything but a task (a name, a plain function) refused at once, instead of failing later
    in a worker?"""
    with app.app_context():
        with pytest.raises(TypeError):
            enqueue_after_commit("rescore_job", 1)
        with pytest.raises(TypeError):
            enqueue_after_commit(scoring.suggested_shortlist, 1)
    assert {"parse_resume", "import_item", "score_applications", "rescore_job", "rescore_candidate",
            "send_email", "send_password_reset"} <= set(app.extensions["recruit_tasks"])
