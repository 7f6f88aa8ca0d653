"""Jobs: create, edit, change status, list with filters."""
from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from recruit.extensions import db
from recruit.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, Application, Client, Job, JobStatus
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit
from recruit.services.audit import record_audit
from recruit.services.errors import InvalidInput
from recruit.services.lookup import get_or_raise
from recruit.services.listing import Sort, sorted_page
from recruit.services.scoring import rescore_job
from recruit.services.text import squash

EDITABLE = ("title", "client_id", "location", "employment_type", "description", "required_skills",
            "preferred_skills", "min_years", "education", "openings", "public",
            "client_requirements", "fee", "due_date")

# Fields the scorer reads: changing one rescores the job's applicants.
SCORED_FIELDS = {"title", "description", "required_skills", "preferred_skills", "min_years", "education"}

SORTS = {
    "newest": Sort("newest", "Newest first", (Job.created_at.desc(), Job.id.desc())),
    "oldest": Sort("oldest", "Oldest first", (Job.created_at.asc(), Job.id.asc())),
    "title": Sort("title", "Title A–Z", (func.lower(Job.title).asc(), Job.id.asc())),
    "status": Sort("status", "Status", (Job.status.asc(), Job.created_at.desc())),
    "openings": Sort("openings", "Most openings", (Job.openings.desc(), Job.id.desc())),
}


def slugify(text: str) -> str:
    """A lowercase ASCII slug for a public URL."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "job"


def _unique_slug(title: str) -> str:
    base = slugify(title)
    slug = base
    while db.session.scalar(select(Job.id).where(Job.slug == slug)) is not None:
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def parse_skills(value) -> list[str]:
    """Skills from a list or from comma/semicolon/newline separated text, trimmed, duplicates dropped."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,;\n]", value or "")
    seen, skills = set(), []
    for item in items:
        skill = squash(item)
        if skill and skill.lower() not in seen:
            seen.add(skill.lower())
            skills.append(skill)
    return skills


def _clean(values: dict) -> dict:
    out = {k: values[k] for k in EDITABLE if k in values}
    if "title" in out:
        out["title"] = (out["title"] or "").strip()
        if not out["title"]:
            raise InvalidInput("A job needs a title.", field="title")
    if "employment_type" in out and out["employment_type"] not in EMPLOYMENT_TYPES:
        raise InvalidInput("Choose an employment type.", field="employment_type")
    if "education" in out:
        out["education"] = out["education"] or ""
        if out["education"] not in EDUCATION_LEVELS:
            raise InvalidInput("Choose an education level.", field="education")
    for key in ("required_skills", "preferred_skills"):
        if key in out:
            out[key] = parse_skills(out[key])
    if "min_years" in out:
        out["min_years"] = float(out["min_years"] or 0)
        if not 0 <= out["min_years"] <= 50:
            raise InvalidInput("Minimum experience must be between 0 and 50 years.", field="min_years")
    if "openings" in out:
        out["openings"] = int(out["openings"] or 1)
        if not 1 <= out["openings"] <= 10000:
            raise InvalidInput("Openings must be between 1 and 10,000.", field="openings")
    if out.get("client_id"):
        if db.session.get(Client, out["client_id"]) is None:
            raise InvalidInput("No such client.", field="client_id")
    elif "client_id" in out:
        out["client_id"] = None
    return out


def get_job(job_id: int) -> Job:
    return get_or_raise(Job, job_id, "job")


def create_job(values: dict, *, actor_id: int, status: str = JobStatus.DRAFT.value) -> Job:
    """Create a job (a draft unless ``status`` says otherwise), owned by the actor unless ``owner_id`` is given."""
    cleaned = _clean(values)
    if "title" not in cleaned:
        raise InvalidInput("A job needs a title.", field="title")
    status = JobStatus(status).value
    job = Job(**cleaned, status=status, owner_id=values.get("owner_id") or actor_id,
              slug=_unique_slug(cleaned["title"]))
    db.session.add(job)
    db.session.flush()
    record_audit("job.create", job, actor_id=actor_id, title=job.title, status=status)
    db.session.commit()
    return job


def update_job(job_id: int, values: dict, *, actor_id: int) -> Job:
    job = get_job(job_id)
    cleaned = _clean(values)
    changes = {}
    for key, value in cleaned.items():
        if getattr(job, key) != value:
            changes[key] = [getattr(job, key), value]
            setattr(job, key, value)
    if "owner_id" in values and values["owner_id"] and values["owner_id"] != job.owner_id:
        changes["owner_id"] = [job.owner_id, values["owner_id"]]
        job.owner_id = values["owner_id"]
    if changes:
        record_audit("job.update", job, actor_id=actor_id, fields=sorted(changes))
        if set(changes) & SCORED_FIELDS:
            enqueue_after_commit(rescore_job, job.id)  # the requirements changed, so every applicant's score may
        db.session.commit()
    return job


def set_status(job_id: int, status: str, *, actor_id: int) -> Job:
    """Open, hold, close or reopen a job; closing records when."""
    job = get_job(job_id)
    new = JobStatus(status).value
    if new == job.status:
        return job
    old, job.status = job.status, new
    job.closed_at = utcnow() if new == JobStatus.CLOSED.value else None
    record_audit("job.status", job, actor_id=actor_id, old=old, new=new)
    db.session.commit()
    return job


def list_jobs(*, q: str = "", status: str = "", client_id: int | None = None, owner_id: int | None = None,
              employment_type: str = "", sort: str = "newest", page: int = 1, per_page: int = 25):
    """A page of jobs matching the filters."""
    stmt = select(Job)
    if q:
        like = f"%{q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(Job.title).like(like), func.lower(Job.location).like(like)))
    if status == "active":
        stmt = stmt.where(Job.status.in_([JobStatus.OPEN.value, JobStatus.ON_HOLD.value, JobStatus.DRAFT.value]))
    elif status:
        stmt = stmt.where(Job.status == status)
    if client_id == 0:
        stmt = stmt.where(Job.client_id.is_(None))
    elif client_id:
        stmt = stmt.where(Job.client_id == client_id)
    if owner_id:
        stmt = stmt.where(Job.owner_id == owner_id)
    if employment_type:
        stmt = stmt.where(Job.employment_type == employment_type)
    return sorted_page(stmt, SORTS, sort, default="newest", page=page, per_page=per_page)


def applicant_counts(job_ids) -> dict[int, int]:
    """How many applications each of the given jobs has."""
    rows = db.session.execute(select(Application.job_id, func.count()).where(Application.job_id.in_(list(job_ids)))
                              .group_by(Application.job_id))
    return dict(rows.all())


def applications_for(job_id: int, *, page: int = 1, per_page: int = 25):
    """A page of a job's applications, best score first, then newest."""
    stmt = (select(Application).where(Application.job_id == job_id)
            .options(joinedload(Application.candidate))
            .order_by(Application.score.desc().nulls_last(), Application.created_at.desc(), Application.id.desc()))
    return db.paginate(stmt, page=max(page, 1), per_page=per_page, error_out=False)


def open_jobs() -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.status == JobStatus.OPEN.value).order_by(Job.title)))


def job_choices() -> list[Job]:
    """Jobs a candidate can be added to: everything not closed."""
    return list(db.session.scalars(
        select(Job).where(Job.status != JobStatus.CLOSED.value).order_by(Job.title)))


def list_clients() -> list[Client]:
    return list(db.session.scalars(select(Client).order_by(Client.name)))
