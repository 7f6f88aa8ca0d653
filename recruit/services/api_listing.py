"""Lists for the JSON API: keyset pages in id order (a cursor is the last id seen), with the filters the API
offers (``updated_after``, ``stage``, ``job_id``). The pages' own lists sort and count; these only walk."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Candidate, InterviewAssignment, Job, PipelineStage, Submittal
from recruit.services.stages import stages


def _page(stmt, model, *, after: int | None, limit: int, records: bool = True) -> tuple[list, bool]:
    """A page in id order after ``after``, and whether more follow: records, or rows (``records=False``) when
    ``stmt`` selects columns."""
    if after:
        stmt = stmt.where(model.id > after)
    stmt = stmt.order_by(model.id).limit(limit + 1)
    rows = list(db.session.scalars(stmt) if records else db.session.execute(stmt))
    return rows[:limit], len(rows) > limit


def jobs_page(*, after: int | None, limit: int, updated_after: datetime | None = None,
              status: str | None = None, client_id: int | None = None) -> tuple[list[Job], bool]:
    """Jobs; with ``client_id``, that client's job orders."""
    stmt = select(Job)
    if client_id:
        stmt = stmt.where(Job.client_id == client_id)
    if updated_after:
        stmt = stmt.where(Job.updated_at > updated_after)
    if status:
        stmt = stmt.where(Job.status == status)
    return _page(stmt, Job, after=after, limit=limit)


# What the API's candidate list shows of each: read as plain rows (a page of 100 whole records spent a quarter of
# the request building them; benchmarks/RESULTS.md, "JSON API under load").
LISTED = (Candidate.id, Candidate.name, Candidate.email, Candidate.phone, Candidate.location, Candidate.headline,
          Candidate.source, Candidate.created_at, Candidate.updated_at)


def candidates_page(*, after: int | None, limit: int, updated_after: datetime | None = None,
                    job_id: int | None = None, stage: str | None = None) -> tuple[list, bool]:
    """Candidates not erased, as rows of ``LISTED``; with ``job_id`` or ``stage``, those with an application
    there."""
    stmt = select(*LISTED).where(Candidate.erased_at.is_(None))
    if updated_after:
        stmt = stmt.where(Candidate.updated_at > updated_after)
    if job_id or stage:
        inner = select(Application.candidate_id)
        if job_id:
            inner = inner.where(Application.job_id == job_id)
        if stage:
            inner = inner.where(Application.stage == stage)
        stmt = stmt.where(Candidate.id.in_(inner))
    return _page(stmt, Candidate, after=after, limit=limit, records=False)


def applications_page(*, after: int | None, limit: int, updated_after: datetime | None = None,
                      job_id: int | None = None, stage: str | None = None,
                      candidate_id: int | None = None) -> tuple[list[Application], bool]:
    stmt = select(Application)
    if updated_after:
        stmt = stmt.where(Application.updated_at > updated_after)
    if job_id:
        stmt = stmt.where(Application.job_id == job_id)
    if stage:
        stmt = stmt.where(Application.stage == stage)
    if candidate_id:
        stmt = stmt.where(Application.candidate_id == candidate_id)
    return _page(stmt, Application, after=after, limit=limit)


def assignments_page(user_id: int, *, after: int | None, limit: int) -> tuple[list[InterviewAssignment], bool]:
    """The interviewer's own assignments: all an interviewer's token may see."""
    stmt = select(InterviewAssignment).where(InterviewAssignment.interviewer_id == user_id)
    return _page(stmt, InterviewAssignment, after=after, limit=limit)


def submittals_page(job_id: int, *, after: int | None, limit: int) -> tuple[list[Submittal], bool]:
    """A job order's submittals (share links sent to the client)."""
    return _page(select(Submittal).where(Submittal.job_id == job_id), Submittal, after=after, limit=limit)


def pipeline_stages() -> list[PipelineStage]:
    return stages(include_retired=True)
