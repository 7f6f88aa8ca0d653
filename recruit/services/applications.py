"""Applications: the one way a candidate is put forward for a job, whoever does it (careers page, campus,
recruiter, import, talent pool, client work)."""
from __future__ import annotations

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Candidate, Job
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import NotFound
from recruit.services.lookup import get_or_raise
from recruit.services.pipeline import record_entry
from recruit.services.scoring import score_applications
from recruit.services.webhooks import emit, iso


def create(candidate_id: int, job_id: int, *, source: str, actor_id: int | None,
           how: str = "") -> Application:
    """A new application at stage applied, on the candidate's timeline (``Added to <job><how>``) and in the
    audit log, scored by a worker once the caller commits. Checking the candidate is not in the job already
    is the caller's (``find``)."""
    candidate, job = db.session.get(Candidate, candidate_id), db.session.get(Job, job_id)
    application = Application(candidate=candidate, job=job, source=source, stage="applied", created_at=utcnow())
    db.session.add(application)
    db.session.flush()
    record_entry(application, actor_id=actor_id)
    record_activity(candidate.id, "applied", f"Added to {job.title}{how}", actor_id=actor_id, job_id=job.id,
                    application_id=application.id)
    record_audit("application.create", application, actor_id=actor_id, job_id=job.id, candidate_id=candidate.id)
    enqueue_after_commit(score_applications, [application.id])
    emit("application.created", {"application_id": application.id, "candidate_id": candidate.id, "job_id": job.id,
                                 "stage": application.stage, "source": source,
                                 "created_at": iso(application.created_at)})
    return application


def find(candidate_id: int, job_id: int) -> int | None:
    """The id of the candidate's application to the job, None when they have none."""
    return db.session.scalar(select(Application.id).where(Application.candidate_id == candidate_id,
                                                          Application.job_id == job_id))


def get(application_id: int, *, job_id: int | None = None) -> Application:
    """The application, raising ``NotFound`` when there is none (or, with ``job_id``, it is another job's)."""
    return get_or_raise(Application, application_id, "application", job_id=job_id)
