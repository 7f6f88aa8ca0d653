"""Background work, declared where it is done: ``@task`` marks a service function a worker may run, and
``enqueue_after_commit(task, *args)`` is the one way to queue it.

A task is defined at module level next to the function it runs, and queued by passing the task itself (not a
name), so a misspelt task is an import error. Queued tasks wait on the database session and are sent only
when the transaction commits (dropped if it rolls back), so a worker never looks for rows that are not there
yet or never will be. ``recruit.tasks`` gives each app its Huey instance and registers every task with it.
"""
from __future__ import annotations

import functools
from typing import Callable

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from recruit.extensions import db

TASKS: dict[str, "Task"] = {}  # every task, by its queue name; ``recruit.tasks.init_app`` registers them all


class Task:
    """A service function a worker may run: called directly, it runs here and now; queued with
    ``enqueue_after_commit``, a worker runs it (inside an app context) once the transaction commits."""

    def __init__(self, fn: Callable, name: str, retries: int, retry_delay: int):
        functools.update_wrapper(self, fn)
        self.fn, self.name, self.retries, self.retry_delay = fn, name, retries, retry_delay

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<task {self.name}>"


def task(name: str | None = None, *, retries: int = 1, retry_delay: int = 5) -> Callable[[Callable], Task]:
    """Mark a service function as a task queued under ``name`` (the function's name by default); it must be
    idempotent, since a worker killed mid-task runs it again."""
    def decorate(fn: Callable) -> Task:
        queued_as = name or fn.__name__
        if queued_as in TASKS:
            raise RuntimeError(f"two tasks are queued as {queued_as!r}")
        TASKS[queued_as] = Task(fn, queued_as, retries, retry_delay)
        return TASKS[queued_as]
    return decorate


_PARKED, _COMMITTED = "recruit_tasks_after_commit", "recruit_tasks_committed"


def enqueue_after_commit(work: Task, *args) -> None:
    """Queue ``work(*args)`` for a worker once the current database transaction commits (dropped if it rolls
    back). Call it before the commit that makes its rows visible."""
    if not isinstance(work, Task):
        raise TypeError(f"{work!r} is not a task (mark it with @task)")
    db.session.info.setdefault(_PARKED, []).append((work, args))


def _send(work: Task, args: tuple) -> None:
    current_app.extensions["recruit_tasks"][work.name](*args)


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
    for work, args in session.info.pop(_COMMITTED, []):
        _send(work, args)
