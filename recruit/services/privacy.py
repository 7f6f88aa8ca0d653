"""A candidate's rights over their data: a copy on request, erasure on request, and a retention limit.

Every email carries a personal link (a signed token, no login) to a page where the candidate asks for
a copy of what we hold or for its erasure. Erasure removes personal data and files and keeps only what
counts anonymously (applications' stages and sources, attendance); a daily task erases candidates
past their retention date. All of it is audited, without personal details in the audit log.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from flask import current_app

from sqlalchemy import String, cast, delete, func, or_, select, update

from recruit.extensions import db
from recruit.models import (Activity, Application, AuditEvent, Candidate, DecisionLogEntry, DemographicResponse,
                            ImportItem, Interview, InterviewAssignment, Mention, OutboxMessage, ProfileCorrection,
                            Registration, RegistrationDemographic, Resume, SelfIdAnswer, StageChange, Submittal,
                            SubmittalItem)
from recruit.models.base import utcnow
from recruit.services import bias_audit, email, recommendations
from recruit.services.audit import record_audit
from recruit.services.privacy_links import (  # noqa: F401 (privacy.token_for and friends are read widely)
    TOKEN_DAYS, candidate_for, footer, token_for)
from recruit.services.profiles import profile_for
from recruit.services.resumes import forget_file_if_unused
from recruit.services.search import remove

# ------------------------------------------------------------------ a copy

def export(candidate: Candidate) -> dict:
    """Everything personal we hold about a candidate, as plain data."""
    return {
        "exported_at": utcnow().isoformat(),
        "candidate": {"name": candidate.name, "email": candidate.email, "phone": candidate.phone,
                      "location": candidate.location, "headline": candidate.headline, "source": candidate.source,
                      "added": candidate.created_at.isoformat(),
                      "consent_given": candidate.consent_at.isoformat() if candidate.consent_at else None,
                      "kept_until": candidate.retain_until.isoformat() if candidate.retain_until else None},
        "profile": profile_for(candidate.id),
        "resumes": [{"file": r.filename, "uploaded": r.uploaded_at.isoformat()} for r in candidate.resumes],
        "applications": [{"job": a.job.title, "stage": a.stage, "applied": a.created_at.isoformat(),
                          "source": a.source} for a in candidate.applications],
        "campus_registrations": [{"event": r.event.title, "school": r.event.school, "status": r.status,
                                  "degree": r.degree, "branch": r.branch, "graduation_year": r.graduation_year,
                                  "cgpa": r.cgpa, "percentage": r.percentage, "attended": bool(r.checked_in_at)}
                                 for r in db.session.scalars(select(Registration).where(
                                     Registration.candidate_id == candidate.id))],
        "timeline": [{"when": a.created_at.isoformat(), "what": a.summary} for a in db.session.scalars(
            select(Activity).where(Activity.candidate_id == candidate.id).order_by(Activity.created_at))],
        "emails": [{"when": m.created_at.isoformat(), "subject": m.subject} for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.candidate_id == candidate.id))],
    }


def send_copy(candidate: Candidate) -> OutboxMessage:
    data = json.dumps(export(candidate), indent=2, ensure_ascii=False, default=str)
    message = email.queue_message(
        candidate, subject="A copy of your data", actor_id=None,
        body=f"Dear {candidate.name.split()[0]},\n\nAs you asked, attached is everything we hold about you "
             f"(as JSON). Your resumes are kept as you sent them; ask us if you want those too.",
        attachments=[{"filename": "your-data.json", "mimetype": "application/json", "content": data}])
    record_audit("privacy.copy", candidate, actor_id=None)
    db.session.commit()
    return message


# ------------------------------------------------------------------ erasure

def erase(candidate_id: int, *, actor_id: int | None, reason: str) -> bool:
    """Remove a candidate's personal data and files; keep anonymous counts. Returns False if already done."""
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None or candidate.erased_at:
        return False
    hashes = {r.sha256 for r in candidate.resumes}
    recommendations.forget_candidate(candidate.id, _needles(candidate))
    _redact_records(candidate)
    candidate.name, candidate.email, candidate.phone = f"Erased candidate {candidate.id}", None, None
    candidate.location = candidate.headline = None
    candidate.consent_at, candidate.retain_until = None, None
    candidate.erased_at = candidate.archived_at = utcnow()
    candidate.tags = []
    db.session.execute(delete(Resume).where(Resume.candidate_id == candidate.id))
    db.session.execute(delete(ProfileCorrection).where(ProfileCorrection.candidate_id == candidate.id))

    remove(candidate.id, commit=False)
    activity_ids = select(Activity.id).where(Activity.candidate_id == candidate.id)
    db.session.execute(delete(Mention).where(Mention.activity_id.in_(activity_ids)))
    db.session.execute(delete(Activity).where(Activity.candidate_id == candidate.id))
    db.session.execute(update(OutboxMessage).where(OutboxMessage.candidate_id == candidate.id)
                       .values(to_address="erased", subject="(erased)", body="(erased)", attachments=None))
    db.session.execute(update(Application).where(Application.candidate_id == candidate.id)
                       .values(score_breakdown=None, stage_reason=None, override_reason=None))
    interview_ids = select(Interview.id).join(Application).where(Application.candidate_id == candidate.id)
    db.session.execute(update(InterviewAssignment).where(InterviewAssignment.interview_id.in_(interview_ids))
                       .values(notes=None))
    db.session.execute(update(Registration).where(Registration.candidate_id == candidate.id)
                       .values(name="Erased", email=None, phone=None, degree=None, branch=None, cgpa=None,
                               percentage=None))
    db.session.execute(update(ImportItem).where(ImportItem.candidate_id == candidate.id)
                       .values(filename="(erased)", note=None, sha256=None))
    db.session.flush()

    for sha in hashes:  # the file itself goes when no other resume or import points at it
        forget_file_if_unused(sha)
    record_audit("privacy.erase", ("candidate", candidate.id), actor_id=actor_id, reason=reason)
    db.session.commit()
    return True


ERASED = "(erased)"
MIN_DECISION_DAYS = 183  # a shorter RECRUIT_DECISION_RETENTION_DAYS is raised to this


def _needles(candidate: Candidate) -> list[str]:
    """The personal strings to remove wherever they were copied: name, email, phone (as stored and as
    typed locally), every corrected value, and what the candidate gave at campus sign-ups."""
    values = {candidate.name, candidate.email, candidate.phone, candidate.location, candidate.headline}
    if candidate.phone:
        values.add(candidate.phone[-10:])
    for row in db.session.scalars(select(ProfileCorrection).where(ProfileCorrection.candidate_id == candidate.id)):
        if isinstance(row.value, str):
            values.add(row.value)
        elif isinstance(row.value, list):
            values.update(v for v in row.value if isinstance(v, str))
    for reg in db.session.scalars(select(Registration).where(Registration.candidate_id == candidate.id)):
        values.update((reg.name, reg.email, reg.phone))
    # Short values ("Excel", a city) would redact other people's records too; names and numbers are long.
    return sorted((v for v in values if isinstance(v, str) and len(v.strip()) >= 5), key=len, reverse=True)


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _scrub(value, needles: list[str]):
    """``value`` (text, or JSON made of dicts, lists and text) with every needle replaced by ``(erased)``."""
    if isinstance(value, str):
        for needle in needles:
            value = re.sub(re.escape(needle), ERASED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {k: _scrub(v, needles) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, needles) for v in value]
    return value


def _redact_records(candidate: Candidate) -> None:
    """What others wrote or logged about the candidate, made anonymous: audit details about them (corrected
    values, reasons), stage-change reasons, client comments and consultants' notes on their submittals, and
    any copy of their name, email or phone in the audit log, submittals and messages about them. The audit
    rows stay (who did what, when), so the history of the record, and of its erasure, is kept."""
    needles = _needles(candidate)
    app_ids = list(db.session.scalars(select(Application.id).where(Application.candidate_id == candidate.id)))
    db.session.execute(update(StageChange).where(StageChange.application_id.in_(app_ids)).values(reason=None))
    # The decision stays (who, when, what) for the auditor; why, in free text, may name the candidate.
    db.session.execute(update(DecisionLogEntry).where(DecisionLogEntry.application_id.in_(app_ids))
                       .values(reason=None))
    reg_ids = list(db.session.scalars(select(Registration.id).where(Registration.candidate_id == candidate.id)))
    db.session.execute(delete(SelfIdAnswer).where(or_(SelfIdAnswer.application_id.in_(app_ids),
                                                      SelfIdAnswer.registration_id.in_(reg_ids))))
    # The old gender question's answers (no longer asked; copied to self_id_answers by migration 0019).
    db.session.execute(delete(DemographicResponse).where(DemographicResponse.application_id.in_(app_ids)))
    db.session.execute(delete(RegistrationDemographic).where(RegistrationDemographic.registration_id.in_(reg_ids)))
    item_ids = list(db.session.scalars(select(SubmittalItem.id).where(SubmittalItem.application_id.in_(app_ids))))
    db.session.execute(update(SubmittalItem).where(SubmittalItem.id.in_(item_ids))
                       .values(note=None, comment=None, conflict=None))
    linked = {("candidate", candidate.id), *(("application", i) for i in app_ids),
              *(("submittalitem", i) for i in item_ids),
              *(("resume", r.id) for r in candidate.resumes),
              *(("registration", i) for i in reg_ids)}
    by_type: dict[str, list[str]] = {}
    for kind, ident in linked:
        by_type.setdefault(kind, []).append(str(ident))
    about = [(AuditEvent.object_type == kind) & AuditEvent.object_id.in_(ids) for kind, ids in by_type.items()]
    about.append(AuditEvent.details["candidate_id"].as_integer() == candidate.id)
    for event in db.session.scalars(select(AuditEvent).where(or_(*about))):
        if not isinstance(event.details, dict):
            continue  # no details (a JSON null)
        # Ids, counts, flags and field names say what happened; any text may be what the candidate wrote
        # or what a recruiter corrected it to.
        event.details = {k: v if v is None or isinstance(v, (bool, int, float)) or k in ("field", "fields")
                         else ERASED for k, v in event.details.items()}
    if not needles:
        return
    # JSON keeps non-ASCII text escaped (\u00e9 for an e acute), so each needle is looked for in both spellings.
    spellings = sorted({_like(spelling.lower()) for n in needles for spelling in (n, json.dumps(n)[1:-1])})

    def matches(column):
        return or_(*(func.lower(cast(column, String)).like(f"%{n}%", escape="\\") for n in spellings))

    for event in db.session.scalars(select(AuditEvent).where(matches(AuditEvent.details))):
        event.details = _scrub(event.details, needles)
    submittals = select(SubmittalItem.submittal_id).where(SubmittalItem.id.in_(item_ids))
    for submittal in db.session.scalars(select(Submittal).where(Submittal.id.in_(submittals),
                                                                matches(Submittal.message))):
        submittal.message = _scrub(submittal.message, needles)
    for message in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.application_id.in_(app_ids) | OutboxMessage.candidate_id.is_(None),
            matches(OutboxMessage.subject) | matches(OutboxMessage.body) | matches(OutboxMessage.attachments))):
        message.subject, message.body = _scrub(message.subject, needles), _scrub(message.body, needles)
        # A file sent as base64 (a report's PDF) is not text to scrub: recommendations.forget_candidate redraws it.
        message.attachments = [a if a.get("encoding") == "base64" else _scrub(a, needles)
                               for a in message.attachments or []] or None


def purge_expired(today: date | None = None) -> int:
    """Erase every candidate whose retention date has passed, and delete the decision-log entries older than
    ``DECISION_RETENTION_DAYS`` (at least six months: EU AI Act Art. 26(6)); run daily by the worker. Returns
    how many candidates were erased."""
    today = today or date.today()
    days = max(int(current_app.config.get("DECISION_RETENTION_DAYS", MIN_DECISION_DAYS)), MIN_DECISION_DAYS)
    bias_audit.purge_decisions(utcnow() - timedelta(days=days))
    ids = list(db.session.scalars(select(Candidate.id).where(Candidate.retain_until.isnot(None),
                                                              Candidate.retain_until < today,
                                                              Candidate.erased_at.is_(None))))
    for candidate_id in ids:
        erase(candidate_id, actor_id=None, reason="retention period ended")
    return len(ids)
