"""Background work on Huey: each app's queue, the tasks it runs and the periodic upkeep.

Each app gets its own Huey instance (``app.extensions["huey"]``): SQLite storage in the instance folder
by default, Redis when ``RECRUIT_REDIS_URL`` is set, and immediate mode (tasks run at once, in process)
when ``HUEY_IMMEDIATE`` is true, as in the tests. The tasks themselves are service functions marked
``@task`` (``recruit.queue``), queued with ``enqueue_after_commit``; here every one is registered with the
app's Huey and run inside an app context. They are idempotent, so a task run twice does no harm.
"""
from __future__ import annotations

import os

from huey import RedisHuey, SqliteHuey, crontab

# Imported for their tasks as well as for the upkeep below: every ``@task`` must be known before a worker starts.
from recruit.queue import TASKS
from recruit.services import email, imports, parsing, privacy, resumes, scoring, search, users, webhooks  # noqa: F401


def init_app(app) -> None:
    """Create the app's Huey instance and register every task, the startup recovery and the periodic upkeep."""
    name = app.config.get("HUEY_NAME", "recruit")
    if app.config.get("HUEY_IMMEDIATE"):
        huey = SqliteHuey(name, immediate=True)
    elif app.config.get("REDIS_URL"):
        huey = RedisHuey(name, url=app.config["REDIS_URL"])
    else:
        os.makedirs(app.instance_path, exist_ok=True)
        huey = SqliteHuey(name, filename=os.path.join(app.instance_path, "huey.db"))
    app.extensions["huey"] = huey
    app.extensions["recruit_tasks"] = {
        work.name: huey.task(retries=work.retries, retry_delay=work.retry_delay, context=False,
                             name=work.name)(_in_context(app, work.fn))
        for work in TASKS.values()}
    huey.on_startup()(_in_context(app, requeue_lost_work))
    every_five = crontab(minute="*/5")
    huey.periodic_task(every_five, name="requeue_stalled_parses")(_in_context(app, parsing.recover_stalled_parses))
    huey.periodic_task(every_five, name="requeue_stalled_imports")(_in_context(app, imports.recover_stalled))
    huey.periodic_task(crontab(hour="2", minute="30"), name="purge_expired_candidates")(
        _in_context(app, purge_expired_candidates))
    huey.periodic_task(crontab(minute="*/10"), name="index_unindexed")(_in_context(app, index_unindexed))
    huey.periodic_task(crontab(), name="deliver_due_webhooks")(_in_context(app, webhooks.deliver_due))
    huey.periodic_task(crontab(hour="3", minute="10"), name="purge_webhook_log")(_in_context(app, webhooks.purge_log))


def _in_context(app, fn):
    def run(*args):
        with app.app_context():
            return fn(*args)
    run.__name__ = fn.__name__
    return run


def requeue_lost_work() -> None:
    """(On worker start.) Take over the imports, parses and webhook deliveries a worker that died left half done."""
    imports.recover_stalled()
    parsing.recover_stalled_parses()
    webhooks.deliver_due()


def purge_expired_candidates() -> int:
    """(Nightly.) Erase data past its retention date, as the consent text promised."""
    resumes.forget_unclaimed()  # resumes held for add-candidate forms never sent again
    return privacy.purge_expired()


def index_unindexed() -> int:
    """(Every ten minutes.) Index candidates missing from search (an upgraded database, a lost task)."""
    return search.index_missing(limit=5000)
