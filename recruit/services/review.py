"""The review queue: parsed resumes a person should check, and the corrections that measure the parser.

A resume enters the queue when ``nlp.confidence`` doubts a key field (no name, no contact, text that
looks scanned or empty, dates that do not parse) or when an import attached it to a candidate who was
already known. A recruiter confirms it, correcting fields on the way; every correction is kept as a
``ProfileCorrection`` (re-applied on later parses) and counted on the resume.
"""
from __future__ import annotations

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Candidate, ImportItem, ProfileCorrection, Resume
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit
from recruit.services import candidates as candidate_service, parsing, profiles
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import NotFound
from recruit.services.scoring import rescore_candidate
from recruit.services.search import index_candidate

# The candidate's own fields a reviewer may set from the queue (they are not parse corrections).
CONTACT_FIELDS = ("email", "phone")


def pending_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Resume).where(Resume.review_status == "pending")) or 0


def queue(*, page: int = 1, per_page: int = 50, batch_id: int | None = None):
    """Pending resumes, oldest first (the order they arrived), optionally those of one import batch."""
    stmt = (select(Resume).join(Candidate).where(Resume.review_status == "pending")
            .order_by(Resume.uploaded_at, Resume.id))
    if batch_id:
        stmt = stmt.where(Resume.id.in_(select(ImportItem.resume_id).where(ImportItem.batch_id == batch_id)))
    return db.paginate(stmt, page=max(page, 1), per_page=per_page, error_out=False, count=True)


def next_pending(after: Resume) -> Resume | None:
    """The pending resume after this one in queue order, wrapping round to the oldest."""
    base = select(Resume).where(Resume.review_status == "pending", Resume.id != after.id)
    later = base.where((Resume.uploaded_at > after.uploaded_at)
                       | ((Resume.uploaded_at == after.uploaded_at) & (Resume.id > after.id)))
    return (db.session.scalars(later.order_by(Resume.uploaded_at, Resume.id).limit(1)).first()
            or db.session.scalars(base.order_by(Resume.uploaded_at, Resume.id).limit(1)).first())


def get_for_review(resume_id: int) -> Resume:
    resume = db.session.get(Resume, resume_id)
    if resume is None:
        raise NotFound("No such resume.")
    if resume.parse_status != "done":
        raise NotFound("This resume has not been parsed.")
    return resume


def confirm(resume_id: int, changes: dict[str, str], contact: dict[str, str], *, actor_id: int) -> list[str]:
    """Confirm a queued resume, applying the reviewer's corrections; returns the fields changed.

    ``changes`` are profile field paths (as on the profile page); ``contact`` the candidate's email
    and phone. All or nothing: an invalid value leaves the resume in the queue, nothing saved.
    """
    resume = get_for_review(resume_id)
    candidate = resume.candidate
    contact = {k: v for k, v in contact.items() if k in CONTACT_FIELDS}
    before = {k: getattr(candidate, k) for k in contact}
    try:
        changed = parsing.correct_profile(candidate.id, changes, actor_id=actor_id, commit=False, resume=resume)
        if contact:
            candidate_service.update_candidate(candidate.id, contact, actor_id=actor_id, commit=False)
    except Exception:
        db.session.rollback()
        raise
    contact_changed = [k for k in contact if getattr(candidate, k) != before[k]]
    if "name" in changed:
        name = profiles.profile_for(candidate.id, resume).get("name")
        if name and name != candidate.name:
            candidate.name = name[:200]
    resume.review_status, resume.reviewed_by_id, resume.reviewed_at = "confirmed", actor_id, utcnow()
    resume.review_corrections = len(changed) + len(contact_changed)
    for item in db.session.scalars(select(ImportItem).where(ImportItem.resume_id == resume.id,
                                                            ImportItem.needs_review)):
        item.needs_review = False
    fields = changed + contact_changed
    record_activity(candidate.id, "reviewed",
                    f"Parsed resume {resume.filename} checked" + (": corrected " + ", ".join(fields) if fields
                                                                  else ", nothing to correct"),
                    actor_id=actor_id, data={"resume_id": resume.id, "fields": fields})
    record_audit("resume.review", resume, actor_id=actor_id, candidate_id=candidate.id, corrected=fields)
    if changed:
        enqueue_after_commit(rescore_candidate, candidate.id)
    db.session.commit()

    index_candidate(candidate.id)
    return fields


def stats() -> dict:
    """What the queue and its corrections say about the parser in real use."""
    reviewed = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Resume.review_corrections), 0),
               func.count().filter(Resume.review_corrections > 0))
        .where(Resume.review_status == "confirmed")).one()
    # Candidates per field: three corrected jobs of one person (experience.0.title, experience.2.end, ...)
    # are one candidate whose experience was corrected.
    people: dict[str, set[int]] = {}
    for field, candidate_id in db.session.execute(select(ProfileCorrection.field, ProfileCorrection.candidate_id)):
        people.setdefault(field.split(".")[0], set()).add(candidate_id)
    by_field = {root: len(ids) for root, ids in people.items()}
    parsed = db.session.scalar(select(func.count()).select_from(Resume).where(Resume.parse_status == "done")) or 0
    return {"pending": pending_count(), "reviewed": reviewed[0], "corrections": int(reviewed[1]),
            "reviewed_with_corrections": reviewed[2], "parsed": parsed,
            "by_field": sorted(by_field.items(), key=lambda kv: (-kv[1], kv[0]))}

