"""Candidates: create by hand with a resume, edit, archive, list with filters, add to jobs."""
from __future__ import annotations

import os
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from recruit.extensions import db
from recruit.models import SOURCES, Application, Candidate, Job, JobStatus, Resume
from recruit.models.base import utcnow
from recruit.services import applications
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import Conflict, InvalidInput, NotFound
from recruit.services.lookup import get_or_raise
from recruit.services.identity import (  # noqa: F401 (candidates.normalise_email and friends are read widely)
    find_duplicate, find_same_person, lock_identity, normalise_email, normalise_phone, retry_when_locked)
from recruit.services.parsing import queue_parse
from recruit.services.resumes import forget_file_if_unused, new_resume
from recruit.services.search import index_candidate, mark_archived
from recruit.services.text import squash

EDITABLE = ("name", "email", "phone", "location", "headline")


def _clean(values: dict) -> dict:
    out = {k: values[k] for k in EDITABLE if k in values}
    if "name" in out:
        out["name"] = squash(out["name"])
        if not out["name"]:
            raise InvalidInput("A candidate needs a name.", field="name")
    if "email" in out:
        out["email"] = normalise_email(out["email"])
    if "phone" in out:
        out["phone"] = normalise_phone(out["phone"])
    for key in ("location", "headline"):
        if key in out:
            out[key] = (out[key] or "").strip() or None
    return out


def get_candidate(candidate_id: int) -> Candidate:
    return get_or_raise(Candidate, candidate_id, "candidate")


def create_candidate(values: dict, *, actor_id: int | None, source: str = "manual",
                     resume: tuple[bytes, str] | None = None, job_id: int | None = None,
                     consent: bool = False) -> Candidate:
    """Create a candidate, with an optional resume ``(bytes, filename)`` and application to a job.

    All or nothing: a bad resume or a duplicate leaves nothing stored. With a resume the name may be left
    empty: the candidate is named after the file until the parse finds the person's name.
    """
    name_from_resume = resume is not None and not squash(values.get("name"))
    if name_from_resume:
        values = {**values, "name": _name_from_file(resume[1])}
    cleaned = _clean(values)
    if "name" not in cleaned:
        raise InvalidInput("A candidate needs a name.", field="name")
    if source not in SOURCES:
        raise InvalidInput("Unknown source.", field="source")
    lock_identity(cleaned.get("email"), cleaned.get("phone"))
    duplicate = find_duplicate(cleaned.get("email"), cleaned.get("phone"))
    if duplicate is not None:
        raise Conflict("A candidate with this email or phone number already exists.", existing_id=duplicate.id)
    job = _job_for_application(job_id) if job_id else None
    try:
        candidate = Candidate(**cleaned, source=source, created_by_id=actor_id, name_from_resume=name_from_resume)
        if consent:
            record_consent(candidate)
        db.session.add(candidate)
        if resume is not None:
            candidate.resumes.append(new_resume(None, resume[0], resume[1], actor_id=actor_id))
        db.session.flush()
        how = "Added by a recruiter" if source == "manual" else f"Added from {SOURCES[source].lower()}"
        record_activity(candidate.id, "created", how, actor_id=actor_id)
        for r in candidate.resumes:
            record_activity(candidate.id, "resume_added", f"Resume uploaded: {r.filename}", actor_id=actor_id,
                            data={"resume_id": r.id})
        if job is not None:
            applications.create(candidate.id, job.id, source=source, actor_id=actor_id)
        record_audit("candidate.create", candidate, actor_id=actor_id, source=source,
                     resume=bool(candidate.resumes), job_id=job_id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise

    index_candidate(candidate.id)
    for resume_id in [r.id for r in candidate.resumes]:
        queue_parse(resume_id)
    return candidate


def _name_from_file(filename: str) -> str:
    stem = os.path.splitext(os.path.basename((filename or "").replace("\\", "/")))[0]
    return squash(stem.replace("_", " ").replace("-", " "))[:200] or "Unnamed candidate"


def record_consent(candidate: Candidate) -> None:
    """Consent given now: the data is kept for the retention period from today."""
    candidate.consent_at = utcnow()
    candidate.retain_until = date.today() + timedelta(days=current_app.config["RETENTION_DAYS"])


def recognise_or_create(person: dict, *, source: str, actor_id: int | None, created: str,
                        returned: str | None = None) -> tuple[Candidate, bool]:
    """For the public front doors: the candidate already known by this email or phone, or a new one, and
    whether they were known.

    Never doubles a person, even when many sign-ups with one email arrive at once (the match holds a lock
    on the email and phone until the caller commits). ``created`` (and ``returned``, for someone known) go
    on the timeline; consent is recorded. ``person`` holds cleaned ``name``, ``email`` and ``phone``.
    The caller commits.
    """
    lock_identity(person["email"], person["phone"])
    candidate = find_duplicate(person["email"], person["phone"])
    known = candidate is not None
    if candidate is None:
        candidate = Candidate(name=person["name"], email=person["email"], phone=person["phone"], source=source,
                              created_by_id=actor_id)
        db.session.add(candidate)
        db.session.flush()
        record_activity(candidate.id, "created", created, actor_id=actor_id)
    elif returned:
        record_activity(candidate.id, "returned", returned, actor_id=actor_id)
    record_consent(candidate)
    return candidate, known


def attach_version(candidate: Candidate, resume: Resume, *, held_from: str | None = None) -> bool:
    """Add a resume unless the candidate already has this exact file; returns whether it was added.

    ``held_from`` (``careers``, ``campus``): sent through that public form by a visitor nobody has verified,
    for a candidate the firm already holds. It is kept as a version awaiting a recruiter's acceptance and is
    never the profile's source until then.
    """
    if any(r.sha256 == resume.sha256 for r in candidate.resumes):
        return False
    if held_from:
        resume.acceptance = held_from
    candidate.resumes.append(resume)
    return True


def decide_resume(candidate_id: int, resume_id: int, *, accept: bool, actor_id: int) -> Resume | None:
    """A recruiter's answer on a resume sent through a public form: accepted, it becomes the candidate's
    newest version (parsed, then the profile and scores follow it); rejected, the file is removed.
    Returns the accepted resume, None when rejected."""
    candidate = get_candidate(candidate_id)
    resume = db.session.get(Resume, resume_id)
    if resume is None or resume.candidate_id != candidate.id or resume.acceptance is None:
        raise NotFound("No such resume awaiting review.")
    filename, sha, where = resume.filename, resume.sha256, resume.held_from
    if accept:
        resume.acceptance = None
        record_activity(candidate.id, "resume_accepted", f"Resume sent through {where} accepted: {filename}",
                        actor_id=actor_id, data={"resume_id": resume.id})
    else:
        db.session.delete(resume)
        db.session.flush()
        forget_file_if_unused(sha)
        record_activity(candidate.id, "resume_rejected", f"Resume sent through {where} rejected: {filename}",
                        actor_id=actor_id)
    record_audit("resume.accept" if accept else "resume.reject", candidate, actor_id=actor_id, resume_id=resume_id)
    db.session.commit()
    if accept:
        queue_parse(resume.id)
        return resume
    return None


def update_candidate(candidate_id: int, values: dict, *, actor_id: int, commit: bool = True) -> Candidate:
    candidate = get_candidate(candidate_id)
    cleaned = _clean(values)
    lock_identity(cleaned.get("email"), cleaned.get("phone"))
    duplicate = find_duplicate(cleaned.get("email"), cleaned.get("phone"), exclude_id=candidate.id)
    if duplicate is not None:
        raise Conflict("Another candidate has this email or phone number.", existing_id=duplicate.id)
    changed = sorted(k for k, v in cleaned.items() if getattr(candidate, k) != v)
    for key in changed:
        setattr(candidate, key, cleaned[key])
    if "name" in changed:
        candidate.name_from_resume = False  # a person named them: the parse no longer does
    if changed:
        record_activity(candidate.id, "edited", "Profile edited: " + ", ".join(changed), actor_id=actor_id,
                        data={"fields": changed})
        record_audit("candidate.update", candidate, actor_id=actor_id, fields=changed)
        if commit:
            db.session.commit()

            index_candidate(candidate.id)
    return candidate


def add_resume(candidate_id: int, data: bytes, filename: str, *, actor_id: int) -> Resume:
    """Attach another resume to a candidate; the same file twice is refused."""
    candidate = get_candidate(candidate_id)
    resume = new_resume(candidate.id, data, filename, actor_id=actor_id)
    if any(r.sha256 == resume.sha256 for r in candidate.resumes):
        db.session.rollback()
        raise Conflict("This candidate already has this exact file.")
    db.session.add(resume)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("This candidate already has this exact file.")
    record_activity(candidate.id, "resume_added", f"Resume uploaded: {resume.filename}", actor_id=actor_id,
                    data={"resume_id": resume.id})
    record_audit("resume.create", resume, actor_id=actor_id, candidate_id=candidate.id, sha256=resume.sha256)
    db.session.commit()
    queue_parse(resume.id)
    return resume


def set_archived(candidate_id: int, archived: bool, *, actor_id: int) -> Candidate:
    candidate = get_candidate(candidate_id)
    if archived == (candidate.archived_at is not None):
        return candidate
    candidate.archived_at = utcnow() if archived else None
    verb = "archived" if archived else "restored"
    record_activity(candidate.id, verb, f"Candidate {verb}", actor_id=actor_id)
    record_audit("candidate.archive" if archived else "candidate.restore", candidate, actor_id=actor_id)
    mark_archived(candidate.id, archived, commit=False)
    db.session.commit()
    return candidate


def _job_for_application(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None:
        raise InvalidInput("No such job.", field="job_id")
    if job.status == JobStatus.CLOSED.value:
        raise InvalidInput("This job is closed.", field="job_id")
    return job


def add_to_job(candidate_id: int, job_id: int, *, actor_id: int, source: str = "manual") -> Application:
    """Consider a candidate for a job; each candidate at most once per job."""
    candidate = get_candidate(candidate_id)
    job = _job_for_application(job_id)
    if db.session.scalar(select(Application.id).where(Application.candidate_id == candidate.id,
                                                      Application.job_id == job.id)):
        raise Conflict("This candidate is already in this job's pipeline.")
    application = applications.create(candidate.id, job.id, source=source, actor_id=actor_id)
    db.session.commit()
    return application
