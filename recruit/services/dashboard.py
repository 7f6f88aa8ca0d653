"""Figures for the start page."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Activity, Application, Candidate, Job, JobStatus
from recruit.models.base import utcnow


def summary(owner_id: int | None = None) -> dict:
    """Counts a recruiter looks at first: open jobs, candidates, this week's arrivals, recent activity."""
    week_ago = utcnow() - timedelta(days=7)
    count = lambda stmt: db.session.scalar(stmt) or 0  # noqa: E731
    my_jobs = []
    if owner_id:
        my_jobs = list(db.session.scalars(
            select(Job).where(Job.owner_id == owner_id, Job.status.in_([JobStatus.OPEN.value, JobStatus.ON_HOLD.value,
                                                                       JobStatus.DRAFT.value]))
            .order_by(Job.created_at.desc()).limit(8)))
    return {
        "open_jobs": count(select(func.count()).select_from(Job).where(Job.status == JobStatus.OPEN.value)),
        "candidates": count(select(func.count()).select_from(Candidate).where(Candidate.archived_at.is_(None))),
        "new_candidates": count(select(func.count()).select_from(Candidate).where(Candidate.created_at >= week_ago)),
        "applications": count(select(func.count()).select_from(Application)),
        "my_jobs": my_jobs,
        "recent": list(db.session.scalars(select(Activity).order_by(Activity.created_at.desc(), Activity.id.desc())
                                          .limit(12))),
    }
