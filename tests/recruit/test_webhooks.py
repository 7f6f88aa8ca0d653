"""Webhooks: a receiver on 127.0.0.1 gets signed events from the services, retried after a failure, a timeout or a
dead worker; a change that rolls back sends nothing; admins manage endpoints and read the delivery log."""
import hashlib
import os
import signal
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from recruit import create_app
from recruit.extensions import db
from recruit.models import Registration, Submittal, SubmittalItem, WebhookDelivery, WebhookEvent
from recruit.models.base import utcnow
from recruit.services import applications, clients, interviews, pipeline, webhooks
from tests.conftest import make_config
from tests.factories import ApplicationFactory, CandidateFactory, ClientFactory, JobFactory, UserFactory
from tests.recruit.test_campus import RESUME, _event, _signup, _student
from tests.recruit.test_import_crash import _worker  # a real `recruit worker -w 1` process
from tests.webhook_receiver import Receiver, verify

LOCAL = {"WEBHOOK_ALLOW_PRIVATE": True, "WEBHOOK_BACKOFF": "0,0,0", "WEBHOOK_TIMEOUT": 1.0}


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


def _endpoint(app, url, events=("application.created",), **values):
    with app.app_context():
        endpoint = webhooks.save_endpoint({"url": url, "events": list(events), **values}, actor_id=None)
        return endpoint.id, endpoint.secret


def _apply(app, name="Farah Khan"):
    """Put a candidate forward through the one service that does it; the caller's commit sends the events."""
    with app.app_context():
        candidate, job = CandidateFactory(name=name, email="farah@example.com"), JobFactory(title="Equity Analyst")
        application = applications.create(candidate.id, job.id, source="manual", actor_id=None)
        db.session.commit()
        return application.id, candidate.id, job.id


def _deliveries(app):
    with app.app_context():
        db.session.expire_all()
        return list(db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_a_new_application_reaches_the_receiver_signed_and_without_identity(app, receiver):
    """Does a new application reach a subscribed endpoint, with a signature a receiver can check, an event id, and
    ids instead of the candidate's name or email?"""
    _, secret = _endpoint(app, receiver.url)
    application_id, candidate_id, job_id = _apply(app)
    [got] = receiver.received
    assert verify(secret, got.headers, got.body)
    assert not verify(webhooks.new_secret(), got.headers, got.body)  # another secret does not verify
    assert got.headers["webhook-id"].startswith("evt_") and got.headers["content-type"] == "application/json"
    assert got.json["type"] == "application.created" and got.json["timestamp"].endswith("Z")
    assert got.json["data"] | {"created_at": None} == {
        "application_id": application_id, "candidate_id": candidate_id, "job_id": job_id, "stage": "applied",
        "source": "manual", "created_at": None}
    assert b"Farah" not in got.body and b"farah@example.com" not in got.body
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("delivered", 1, 200)
    assert delivery.response_ms is not None and delivery.delivered_at is not None


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_an_endpoint_answering_500_gets_the_event_again_until_it_takes_it(app, receiver):
    """When the receiver first answers 500, is the same event (same id) sent again and then marked delivered?"""
    receiver.answers = [500]
    _, secret = _endpoint(app, receiver.url)
    _apply(app)
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("pending", 1, 500)
    assert "HTTP 500" in delivery.last_error and delivery.next_attempt_at is not None
    with app.app_context():
        assert webhooks.deliver_due() == 1  # the worker's sweep (scheduled retries do the same on a real worker)
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts, delivery.status_code, delivery.last_error) == ("delivered", 2, 200, None)
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] and first.body == second.body
    assert verify(secret, second.headers, second.body)


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_an_endpoint_that_never_answers_well_is_given_up_after_its_attempts(app, receiver):
    """After the last retry fails, is the delivery marked failed (kept for a redelivery) rather than retried forever?"""
    receiver.answers = [503] * 4
    endpoint_id, _ = _endpoint(app, receiver.url)
    _apply(app)
    with app.app_context():
        for _ in range(5):
            webhooks.deliver_due()
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts) == ("failed", 4) and len(receiver.received) == 4
    with app.app_context():
        webhooks.redeliver(delivery.id, actor_id=None, endpoint_id=endpoint_id)
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts) == ("delivered", 1) and len(receiver.received) == 5


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_disabling_an_endpoint_stops_its_retries(app, receiver):
    """Is a delivery still waiting for a retry when its endpoint is disabled left undelivered, and marked so?"""
    receiver.answers = [500]
    endpoint_id, _ = _endpoint(app, receiver.url)
    _apply(app)
    with app.app_context():
        webhooks.save_endpoint({"url": receiver.url, "events": ["application.created"], "active": False},
                               actor_id=None, endpoint_id=endpoint_id)
        webhooks.deliver_due()
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.last_error) == ("failed", "the endpoint is disabled")
    assert len(receiver.received) == 1


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_a_change_that_rolls_back_sends_nothing(app, receiver):
    """Is an application whose transaction rolls back never announced, now or by a later sweep?"""
    _endpoint(app, receiver.url)
    with app.app_context():
        candidate, job = CandidateFactory(), JobFactory()
        applications.create(candidate.id, job.id, source="manual", actor_id=None)
        db.session.rollback()
        db.session.commit()
        assert webhooks.deliver_due() == 0
        assert db.session.scalar(select(func.count()).select_from(WebhookEvent)) == 0
    assert receiver.received == []


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_a_slow_endpoint_fails_its_attempt_and_holds_up_no_other(app, receiver):
    """An endpoint that takes longer than the timeout: does that attempt fail alone (another endpoint gets the
    event), and does the next attempt deliver it?"""
    slow = Receiver(answers=[("wait", 3, 200)]).start()
    try:
        _endpoint(app, slow.url)
        _endpoint(app, receiver.url)
        _apply(app)
        to_slow, to_fast = _deliveries(app)
        assert to_slow.status == "pending" and "timed out" in to_slow.last_error and to_slow.status_code is None
        assert to_fast.status == "delivered" and len(receiver.received) == 1
        with app.app_context():
            assert webhooks.deliver_due() == 1
        to_slow, _ = _deliveries(app)
        assert (to_slow.status, to_slow.attempts) == ("delivered", 2)
    finally:
        slow.stop()


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_moves_and_hires_are_announced_to_the_endpoints_that_chose_them(app, receiver):
    """Does moving an application send application.stage_changed, and hiring also candidate.hired, only to an
    endpoint subscribed to them (and a disabled endpoint gets nothing)?"""
    _endpoint(app, receiver.url, events=("application.stage_changed", "candidate.hired"))
    disabled = Receiver().start()
    try:
        _endpoint(app, disabled.url, events=webhooks.SUBSCRIBABLE, active=False)
        with app.app_context():
            application_id = ApplicationFactory(stage="offer").id
            pipeline.move([application_id], "hired", actor_id=None)
        assert [r.json["type"] for r in receiver.received] == ["application.stage_changed", "candidate.hired"]
        moved = receiver.received[0].json["data"]
        assert (moved["application_id"], moved["from_stage"], moved["to_stage"]) == (application_id, "offer", "hired")
        assert disabled.received == []
    finally:
        disabled.stop()


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_parses_signups_client_decisions_and_interviews_are_announced(app, client, login, receiver):
    """Do a campus sign-up with a resume (its parse too), a client's answer on a submitted candidate and a booked
    interview each reach an endpoint subscribed to every event, with the ids of what they are about?"""
    _endpoint(app, receiver.url, events=webhooks.SUBSCRIBABLE)
    login("recruiter")
    _, code, _ = _event(client, app)
    _signup(client, code, _student(1), resume=RESUME)
    with app.app_context():
        registration = db.session.scalars(select(Registration)).one()
        registration_id, candidate_id = registration.id, registration.candidate_id
        application = ApplicationFactory(job=JobFactory(client=ClientFactory()))
        submittal = Submittal(job_id=application.job_id, client_id=application.job.client_id,
                              token_hash=hashlib.sha256(b"a-share-token").hexdigest(),
                              expires_at=utcnow() + timedelta(days=3))
        submittal.items = [SubmittalItem(application_id=application.id)]
        db.session.add(submittal)
        db.session.commit()
        clients.decide("a-share-token", submittal.items[0].id, "interested", "Please set up an interview.")
        interviewer = UserFactory()
        interview = interviews.schedule(application.id, starts_local=datetime.now() + timedelta(days=2),
                                        tz="Asia/Kolkata", duration_minutes=45, location="Room 2", video_link=None,
                                        interviewer_ids=[interviewer.id], actor_id=None, notify=False)
        ids = {"application_id": application.id, "submittal_id": submittal.id, "interview_id": interview.id,
               "interviewer_id": interviewer.id}
    by_type = {}
    for got in receiver.received:
        by_type.setdefault(got.json["type"], got.json["data"])
    assert {"registration.created", "resume.parsed", "submittal.decided", "interview.scheduled"} <= set(by_type)
    assert by_type["registration.created"]["registration_id"] == registration_id
    assert by_type["registration.created"]["status"] == "confirmed"
    assert by_type["resume.parsed"]["candidate_id"] == candidate_id
    decided = by_type["submittal.decided"]
    assert (decided["submittal_id"], decided["application_id"], decided["decision"]) == (
        ids["submittal_id"], ids["application_id"], "interested")
    booked = by_type["interview.scheduled"]
    assert booked["interview_id"] == ids["interview_id"] and booked["interviewer_ids"] == [ids["interviewer_id"]]
    assert booked["starts_at"].endswith("Z")
    assert not any(b"Student 1" in r.body or b"student1@example.com" in r.body for r in receiver.received)


@pytest.mark.parametrize("app_config", [{"WEBHOOK_BACKOFF": "0"}], indirect=True)
def test_private_addresses_and_other_schemes_are_refused(app, client, login, receiver):
    """Is a non-http(s) URL refused when registering, and a loopback endpoint never called unless an admin setting
    allows private addresses?"""
    login("admin")
    response = client.post("/admin/webhooks/new", {"url": "file:///etc/passwd", "events": "application.created",
                                                  "active": "1"})
    assert response.status_code == 200 and b"starts with https://" in response.data
    _endpoint(app, receiver.url)
    _apply(app)
    [delivery] = _deliveries(app)
    assert "private or reserved address" in delivery.last_error and receiver.received == []


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_an_admin_registers_pings_and_reads_the_delivery_log(app, client, login, receiver):
    """Can an admin register an endpoint, see its secret, send a test ping, see it in the log and redeliver it?"""
    login("admin")
    response = client.post("/admin/webhooks/new", {"url": receiver.url, "description": "HR system",
                                                  "events": ["application.created", "resume.parsed"], "active": "1"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).data.decode()
    with app.app_context():
        [endpoint] = webhooks.endpoints()
        endpoint_id, secret = endpoint.id, endpoint.secret
        assert endpoint.events == ["application.created", "resume.parsed"]
    assert secret in page and "HR system" in page
    client.post(f"/admin/webhooks/{endpoint_id}/ping")
    [ping] = receiver.received
    assert ping.json["type"] == "ping" and verify(secret, ping.headers, ping.body)
    log = client.get(f"/admin/webhooks/{endpoint_id}").data.decode()
    assert "ping" in log and "delivered" in log and ping.headers["webhook-id"] in log
    [delivery] = _deliveries(app)
    client.post(f"/admin/webhooks/{endpoint_id}/deliveries/{delivery.id}/redeliver")
    assert len(receiver.received) == 2 and receiver.received[1].headers["webhook-id"] == ping.headers["webhook-id"]
    client.post(f"/admin/webhooks/{endpoint_id}/secret")
    client.post(f"/admin/webhooks/{endpoint_id}", {"url": receiver.url, "events": ["resume.parsed"]})  # unticked: off
    with app.app_context():
        endpoint = webhooks.get_endpoint(endpoint_id)
        assert endpoint.secret != secret and endpoint.active is False and endpoint.events == ["resume.parsed"]


@pytest.mark.slow
def test_a_worker_killed_mid_delivery_leaves_the_event_to_the_next_worker(tmp_path, receiver):
    """A real worker is killed while the receiver holds its request open: once its lease runs out, does the next
    worker deliver the same event, signed, exactly once more?"""
    database = f"sqlite:///{tmp_path / 'hooks.db'}"
    settings = {"WEBHOOK_ALLOW_PRIVATE": True, "WEBHOOK_TIMEOUT": 2.0, "WEBHOOK_LEASE_MARGIN": 0.0}
    config = make_config(tmp_path, database, HUEY_IMMEDIATE=False, **settings)
    app = create_app(config)
    with app.app_context():
        db.create_all()
    receiver.answers = [("hold", 200)]
    _, secret = _endpoint(app, receiver.url)
    _apply(app)  # queued on the worker's queue (Huey's SQLite file in the instance folder)
    env = {**os.environ, "RECRUIT_DATABASE_URL": database, "RECRUIT_INSTANCE_PATH": config["INSTANCE_PATH"],
           "RECRUIT_SECRET_KEY": "test-secret", "RECRUIT_WEBHOOK_ALLOW_PRIVATE": "1",
           "RECRUIT_WEBHOOK_TIMEOUT": "2", "RECRUIT_WEBHOOK_LEASE_MARGIN": "0"}
    first = _worker(env)
    try:
        assert receiver.arrived.wait(60), "the first worker never sent the delivery"
        os.killpg(first.pid, signal.SIGKILL)  # the consumer and its worker, while the request is open
        first.wait(timeout=10)
        receiver.release.set()
        [delivery] = _deliveries(app)
        assert (delivery.status, delivery.attempts) == ("pending", 1) and delivery.locked_until is not None
        time.sleep(2.5)  # let the dead worker's lease run out
        second = _worker(env)  # its start takes over due deliveries
        try:
            deadline = time.time() + 60
            while _deliveries(app)[0].status != "delivered" and time.time() < deadline:
                time.sleep(0.2)
        finally:
            os.killpg(second.pid, signal.SIGTERM)
            second.wait(timeout=20)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    [delivery] = _deliveries(app)
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    first_try, second_try = receiver.received
    assert first_try.headers["webhook-id"] == second_try.headers["webhook-id"]
    assert verify(secret, second_try.headers, second_try.body)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _aged(app, days_ago: int, status: str, *, endpoint_id: int) -> int:
    """An event of ``days_ago`` with one delivery of ``status`` that finished (or was last tried) then."""
    with app.app_context():
        then = utcnow() - timedelta(days=days_ago)
        event = WebhookEvent(event_id=f"evt_aged_{status}_{days_ago}", type="application.created", created_at=then,
                             payload={"type": "application.created", "data": {}})
        delivery = WebhookDelivery(endpoint_id=endpoint_id, event=event, status=status, attempts=1, created_at=then,
                                   last_attempt_at=then, delivered_at=then if status == "delivered" else None,
                                   next_attempt_at=then if status == "pending" else None)
        db.session.add_all([event, delivery])
        db.session.commit()
        return event.id


@pytest.mark.parametrize("app_config", [LOCAL | {"WEBHOOK_RETENTION_DAYS": 30}], indirect=True)
def test_old_finished_deliveries_are_purged_and_undelivered_events_never(app, receiver):
    """Does the purge delete delivered and given-up deliveries past the retention with their events, and keep recent
    ones and every event that still has a delivery pending, however old?"""
    endpoint_id, _ = _endpoint(app, receiver.url)
    old_delivered = _aged(app, 40, "delivered", endpoint_id=endpoint_id)
    old_failed = _aged(app, 31, "failed", endpoint_id=endpoint_id)
    old_pending = _aged(app, 400, "pending", endpoint_id=endpoint_id)
    recent = _aged(app, 10, "delivered", endpoint_id=endpoint_id)
    with app.app_context():
        assert webhooks.purge_log() == (2, 2)
        kept = set(db.session.scalars(select(WebhookEvent.id)))
        assert kept == {old_pending, recent}
        assert {d.status for d in db.session.scalars(select(WebhookDelivery))} == {"pending", "delivered"}
        assert webhooks.purge_log() == (0, 0)  # nothing more to do
        assert webhooks.purge_log(5) == (1, 1)  # a shorter retention asked for takes the recent one too
        assert set(db.session.scalars(select(WebhookEvent.id))) == {old_pending}
    assert old_delivered not in kept and old_failed not in kept


@pytest.mark.parametrize("app_config", [LOCAL], indirect=True)
def test_the_purge_command_and_the_nightly_task(app, receiver):
    """Does ``recruit webhooks purge`` delete the old log and say how much, and does the worker run it every night?"""
    endpoint_id, _ = _endpoint(app, receiver.url)
    _aged(app, 100, "delivered", endpoint_id=endpoint_id)
    pending = _aged(app, 100, "pending", endpoint_id=endpoint_id)
    result = app.test_cli_runner().invoke(args=["webhooks", "purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 delivery record(s) and 1 event(s) older than 90 days." in result.output
    with app.app_context():
        assert list(db.session.scalars(select(WebhookEvent.id))) == [pending]
    refused = app.test_cli_runner().invoke(args=["webhooks", "purge", "--days", "0"])
    assert refused.exit_code != 0
    huey = app.extensions["huey"]
    assert "purge_webhook_log" in {t.name for t in huey.read_periodic(datetime(2026, 12, 2, 3, 10))}
    assert "purge_webhook_log" not in {t.name for t in huey.read_periodic(datetime(2026, 12, 2, 4, 10))}
