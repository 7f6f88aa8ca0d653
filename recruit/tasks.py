"""Background work on Huey: resume parsing and scoring now, bulk imports and email later.

Each app gets its own Huey instance (``app.extensions["huey"]``): SQLite storage in the instance folder
by default, Redis when ``RECRUIT_REDIS_URL`` is set, and immediate mode (tasks run at once, in process)
when ``HUEY_IMMEDIATE`` is true, as in the tests. Task bodies run inside an app context and call
services; they are idempotent, so a task run twice does no harm.
"""
from __future__ import annotations

import os

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session


def init_app(app) -> None:
    from huey import RedisHuey, SqliteHuey

    name = app.config.get("HUEY_NAME", "recruit")
    if app.config.get("HUEY_IMMEDIATE"):
        huey = SqliteHuey(name, immediate=True)
    elif app.config.get("REDIS_URL"):
        huey = RedisHuey(name, url=app.config["REDIS_URL"])
    else:
        os.makedirs(app.instance_path, exist_ok=True)
        huey = SqliteHuey(name, filename=os.path.join(app.instance_path, "huey.db"))
    app.extensions["huey"] = huey

    @huey.task(retries=2, retry_delay=5, context=False)
    def parse_resume(resume_id: int) -> str:
        with app.app_context():
            from recruit.services import parsing

            return parsing.parse_resume(resume_id)

    @huey.task(retries=1, retry_delay=5, context=False)
    def score_applications(application_ids: list[int]) -> int:
        with app.app_context():
            from recruit.services import scoring

            return scoring.score_applications(application_ids)

    @huey.task(retries=1, retry_delay=5, context=False)
    def rescore_job(job_id: int) -> int:
        with app.app_context():
            from recruit.services import scoring

            return scoring.rescore_job(job_id)

    @huey.task(retries=1, retry_delay=5, context=False)
    def rescore_candidate(candidate_id: int) -> int:
        with app.app_context():
            from recruit.services import scoring

            return scoring.rescore_candidate(candidate_id)

    @huey.task(retries=2, retry_delay=5, context=False)
    def import_item(item_id: int) -> str:
        with app.app_context():
            from recruit.services import imports

            return imports.process_item(item_id)

    @huey.task(retries=3, retry_delay=60, context=False)
    def send_email(message_id: int) -> str:
        with app.app_context():
            from recruit.services import email

            return email.deliver(message_id)

    from huey import crontab

    @huey.on_startup()
    def requeue_lost_work():
        with app.app_context():
            from recruit.services import imports, parsing

            imports.recover_stalled()
            parsing.recover_stalled_parses()

    @huey.periodic_task(crontab(minute="*/5"))
    def requeue_stalled_parses():
        # A resume left "parsing" by a worker that died is taken over once its lease has run out.
        with app.app_context():
            from recruit.services import parsing

            return parsing.recover_stalled_parses()

    @huey.periodic_task(crontab(minute="*/5"))
    def requeue_stalled_imports():
        with app.app_context():
            from recruit.services import imports

            return imports.recover_stalled()

    @huey.periodic_task(crontab(hour="2", minute="30"))
    def purge_expired_candidates():
        # Data past its retention date is erased, as the consent text promised.
        with app.app_context():
            from recruit.services import privacy, resumes

            resumes.forget_unclaimed()  # resumes held for add-candidate forms never sent again
            return privacy.purge_expired()

    @huey.periodic_task(crontab(minute="*/10"))
    def index_unindexed():
        # Candidates missing from search (a database upgraded from before search, a lost task).
        with app.app_context():
            from recruit.services import search

            return search.index_missing(limit=5000)

    app.extensions["recruit_tasks"] = {"parse_resume": parse_resume, "import_item": import_item, "score_applications": score_applications,
                                       "rescore_job": rescore_job, "rescore_candidate": rescore_candidate,
                                       "send_email": send_email}

    @huey.task(retries=3, retry_delay=60, context=False)
    def send_password_reset(email: str) -> bool:
        # Queued for every reset request, known address or not, so the answer does the same work either way.
        with app.app_context():
            from recruit.services import users

            return users.send_reset_link(email)

    app.extensions["recruit_tasks"]["send_password_reset"] = send_password_reset


def enqueue(name: str, *args) -> None:
    """Queue a task by name for the current app (run at once in immediate mode)."""
    current_app.extensions["recruit_tasks"][name](*args)


_PARKED, _COMMITTED = "recruit_tasks_after_commit", "recruit_tasks_committed"


def enqueue_after_commit(name: str, *args) -> None:
    """Queue a task once the current database transaction commits (dropped if it rolls back), so the worker
    never looks for rows that are not there yet or never will be."""
    from recruit.extensions import db

    db.session.info.setdefault(_PARKED, []).append((name, args))


@event.listens_for(Session, "after_commit")
def _commit_parked(session) -> None:
    if _PARKED in session.info:
        session.info.setdefault(_COMMITTED, []).extend(session.info.pop(_PARKED))


@event.listens_for(Session, "after_transaction_end")
def _send_committed(session, transaction) -> None:
    # Sent here, not in after_commit: a task run at once (immediate mode) may use this session again.
    if transaction.parent is not None:
        return
    session.info.pop(_PARKED, None)  # the transaction rolled back
    for name, args in session.info.pop(_COMMITTED, []):
        enqueue(name, *args)
