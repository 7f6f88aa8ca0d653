"""Jobs: create, edit, change status, list with filters."""
from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from recruit.extensions import db
from recruit.models import (EDUCATION_LEVELS, EMPLOYMENT_TYPES, RATE_CARD_UNITS, Application, Client, Job, JobStatus,
                            ServiceLine)
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit
from recruit.services import catalogue
from recruit.services.audit import record_audit
from recruit.services.errors import InvalidInput, PermissionDenied
from recruit.services.lookup import get_or_raise, hold
from recruit.services.listing import Sort, sorted_page
from recruit.services.scoring import rescore_job
from recruit.services.text import squash

EDITABLE = ("title", "client_id", "location", "employment_type", "description", "required_skills",
            "preferred_skills", "min_years", "education", "openings", "public",
            "client_requirements", "fee", "due_date", "service_line_id", "fee_amount", "fee_currency", "fee_unit")
# The fee as the rate card writes it: a change is checked against the floor (``catalogue.check_fee``).
FEE_FIELDS = ("service_line_id", "fee_amount", "fee_currency", "fee_unit")

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
    return _clean_fee(out)


def _clean_fee(out: dict) -> dict:
    """The fee's parts checked: a service line that exists, an amount above zero with a unit of the rate card
    and a three-letter currency (the rate card's when none is given, else USD). With no amount but terms that
    read as one ("INR 1,20,000 per month"), the amount, currency and unit are taken from the terms, so a fee
    typed as text is compared with the floor too."""
    if "fee" in out:
        out["fee"] = (out["fee"] or "").strip()[:120] or None
    if out.get("service_line_id"):
        if db.session.get(ServiceLine, out["service_line_id"]) is None:
            raise InvalidInput("No such service line.", field="service_line_id")
    elif "service_line_id" in out:
        out["service_line_id"] = None
    if "fee_amount" not in out:
        if not out.get("fee"):
            return out
        out["fee_amount"] = None  # terms given as text alone are the fee: read them, as the form does
    amount = out["fee_amount"]
    if amount in (None, "") and out.get("fee"):
        read = catalogue.parse_fee(out["fee"])
        if read:
            out.update(fee_amount=read["amount"], fee_currency=read["currency"], fee_unit=read["unit"])
            return out
    if amount in (None, ""):
        out.update(fee_amount=None, fee_currency=None, fee_unit=None)
        return out
    out["fee_amount"] = float(amount)
    if out["fee_amount"] <= 0:
        raise InvalidInput("A fee must be above zero.", field="fee_amount")
    if out.get("fee_unit") not in RATE_CARD_UNITS:
        raise InvalidInput("Choose what the fee is per.", field="fee_unit")
    currency = (out.get("fee_currency") or "").strip().upper()
    if not currency:
        entry = catalogue.rate_for(out.get("service_line_id"), out["fee_unit"])
        currency = entry.currency if entry else "USD"
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise InvalidInput("A currency is three letters: USD, EUR, INR.", field="fee_currency")
    out["fee_currency"] = currency
    return out


def fee_standing(job: Job) -> dict:
    """Where the job order's fee stands against the rate card (``catalogue.fee_standing``): below the floor it
    must be approved by an executive before the order opens."""
    return catalogue.fee_standing(service_line_id=job.service_line_id, unit=job.fee_unit, currency=job.fee_currency,
                                  amount=job.fee_amount, job_id=job.id)


def fee_standings(orders: list[Job]) -> dict[int, dict]:
    """``fee_standing`` for a page of job orders at once, by job id (``catalogue.job_fee_standings``)."""
    return catalogue.job_fee_standings(orders)


def _hold_fee(job: Job, *, actor_id: int, reason: str | None = None, problem_id: int | None = None) -> dict:
    """Check the job order's fee against the floor and ask for an executive's approval when it is below (a fee
    already approved for the brief's problem it came from counts). A job order whose fee is not cleared does not
    stay open: it is put on hold until an executive approves. The caller commits."""
    if job.fee_amount is not None and job.fee_unit:
        catalogue.check_fee(service_line_id=job.service_line_id, unit=job.fee_unit, amount=job.fee_amount,
                            currency=job.fee_currency, actor_id=actor_id, client_id=job.client_id, job_id=job.id,
                            problem_id=problem_id, reason=reason)
    standing = fee_standing(job)
    if not standing["cleared"] and job.status == JobStatus.OPEN.value:
        job.status = JobStatus.ON_HOLD.value
        record_audit("job.status", job, actor_id=actor_id, old=JobStatus.OPEN.value, new=job.status,
                     reason=catalogue.FEE_HOLD_REASON)
    return standing


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
    _hold_fee(job, actor_id=actor_id, reason=values.get("fee_reason"), problem_id=values.get("problem_id"))
    db.session.commit()
    return job


def update_job(job_id: int, values: dict, *, actor_id: int) -> Job:
    job = get_job(job_id)
    if set(values) & {"fee", *FEE_FIELDS}:
        hold(job)  # a fee change and an executive's decision on the last one are taken one after the other
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
        if set(changes) & set(FEE_FIELDS):
            _hold_fee(job, actor_id=actor_id, reason=values.get("fee_reason"))
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
    if new == JobStatus.OPEN.value and not fee_standing(job)["cleared"]:
        raise PermissionDenied("This job order's fee is below the rate card's floor: it opens once an executive "
                               "consultant approves it.")
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


def job_choices() -> list:
    """Jobs a candidate can be added to (everything not closed), as ``(id, title)`` rows for a menu: the job
    rows themselves are wide (descriptions, requirements) and every candidate search page lists them all."""
    return list(db.session.execute(
        select(Job.id, Job.title).where(Job.status != JobStatus.CLOSED.value).order_by(Job.title)).all())


def list_clients() -> list[Client]:
    return list(db.session.scalars(select(Client).order_by(Client.name)))
