"""Clients and job orders: the consultant as go-between.

Clients and their contacts and documents; representation consent asked by email before a resume goes
out; submittals sent as share links (random token of 192 bits, only its hash stored, expiring,
revocable, every view logged) on which the client marks each candidate; placements; talent-pool
matching with the shortlisting scorer; and per-client reports.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from statistics import median

from flask import current_app
from sqlalchemy import func, or_, select

from nlp.errors import ResumeError
from nlp.filetype import detect_type
from nlp.score import Scorer
from recruit.extensions import db
from recruit.models import (Activity, Application, AuditEvent, Candidate, Client, ClientContact, ClientDocument,
                            Interview, InterviewAssignment, Job, JobStatus, Placement,
                            RepresentationConsent, Resume, StageChange, StoredFile, Submittal, SubmittalItem)
from recruit.models.base import as_utc, utcnow
from recruit.services import applications, email, pipeline, search, sharing, stored_features
from recruit.services.audit import record_activity, record_audit
from recruit.services.catalogue import check_client_writer
from recruit.services.errors import Conflict, InvalidInput, NotFound
from recruit.services.lookup import get_or_raise
from recruit.services.jobs import get_job
from recruit.services.resumes import clean_filename, store_file
from recruit.services.scoring import job_profile
from recruit.services.stages import stage_order
from recruit.services.text import squash
from recruit.services.urls import public_url
from recruit.services.webhooks import emit, iso

DECISIONS = {"interested": "Interested", "not_interested": "Not interested"}
RATE_UNITS = {"hour": "per hour", "day": "per day", "month": "per month", "year": "per year", "fixed": "fixed fee"}


def _hash(token: str) -> str:
    return sharing.token_hash(token)


# ------------------------------------------------------------------ clients and contacts

def clients(*, status: str | None = None) -> list[Client]:
    stmt = select(Client).order_by(Client.name)
    if status:
        stmt = stmt.where(Client.status == status)
    return list(db.session.scalars(stmt))


def get_client(client_id: int) -> Client:
    return get_or_raise(Client, client_id, "client")


def save_client(values: dict, *, actor_id: int, client_id: int | None = None) -> Client:
    """Create or change a client from checked ``values`` (``clients.forms.ClientForm``); no two clients share a
    name."""
    name = values["name"]
    # SQLite's lower() folds ASCII only: the name as typed is compared too, so "Ç" twice is a clash, not a 500.
    clash = db.session.scalars(select(Client).where(or_(func.lower(Client.name) == name.lower(),
                                                        Client.name == name))).first()
    if clash is not None and clash.id != client_id:
        raise Conflict("There is already a client with this name.")
    client = get_client(client_id) if client_id else Client(name=name, account_owner_id=actor_id)
    for key, value in values.items():
        setattr(client, key, value)
    client.name = name[:200]
    db.session.add(client)
    db.session.flush()
    record_audit("client.update" if client_id else "client.create", client, actor_id=actor_id, name=name)
    db.session.commit()
    return client


def add_contact(client_id: int, values: dict, *, actor_id: int) -> ClientContact:
    """A contact at the client, from checked ``values`` (``clients.forms.ContactForm``); only the account
    owner or an executive consultant may add one."""
    client = check_client_writer(client_id, actor_id)
    contact = ClientContact(client_id=client.id, **values)
    db.session.add(contact)
    db.session.flush()
    record_audit("client.contact_add", client, actor_id=actor_id, contact_id=contact.id)
    db.session.commit()
    return contact


def add_document(client_id: int, data: bytes, filename: str, kind: str, *, actor_id: int) -> ClientDocument:
    """Keep a contract or SLA (PDF, DOCX or text, checked by content, stored once per SHA-256)."""
    client = get_client(client_id)
    if kind not in ("contract", "sla", "other"):
        raise InvalidInput("Choose what kind of document it is.", field="kind")
    try:
        file_type = detect_type(data)
    except ResumeError as exc:
        raise InvalidInput(str(exc), field="document")
    stored = store_file(data)
    document = ClientDocument(client_id=client.id, sha256=stored.sha256, filename=clean_filename(filename, file_type),
                              kind=kind, mimetype=Resume.MIME_TYPES[file_type], size=len(data), uploaded_by_id=actor_id)
    db.session.add(document)
    db.session.flush()
    record_audit("client.document_add", client, actor_id=actor_id, document_id=document.id, kind=kind)
    db.session.commit()
    return document


def get_document(client_id: int, document_id: int) -> ClientDocument:
    return get_or_raise(ClientDocument, document_id, "document", client_id=client_id)


def documents(client_id: int) -> list[ClientDocument]:
    return list(db.session.scalars(select(ClientDocument).where(ClientDocument.client_id == client_id)
                                   .order_by(ClientDocument.uploaded_at.desc())))


def document_data(document: ClientDocument) -> bytes:

    return db.session.get(StoredFile, document.sha256).data


def activity(client_id: int, limit: int = 30) -> list:
    """The latest timeline entries on the client's job orders."""
    return list(db.session.scalars(select(Activity).join(Job, Job.id == Activity.job_id)
                                   .where(Job.client_id == client_id)
                                   .order_by(Activity.created_at.desc()).limit(limit)))


def job_orders(client_id: int) -> list[Job]:
    return list(db.session.scalars(select(Job).where(Job.client_id == client_id).order_by(Job.created_at.desc())))


# ------------------------------------------------------------------ representation consent

def _consent(candidate_id: int, client_id: int) -> RepresentationConsent | None:
    return db.session.scalars(select(RepresentationConsent).where(RepresentationConsent.candidate_id == candidate_id,
                                                                  RepresentationConsent.client_id == client_id)).first()


def consent_statuses(candidate_ids: list[int], client_id: int) -> dict[int, str]:
    """Each candidate's answer (requested, granted, declined) for this client, in one query; unasked ones
    are missing."""
    if not candidate_ids:
        return {}
    return dict(db.session.execute(select(RepresentationConsent.candidate_id, RepresentationConsent.status).where(
        RepresentationConsent.client_id == client_id, RepresentationConsent.candidate_id.in_(candidate_ids))).all())


def ask_consent(application_ids: list[int], *, actor_id: int, sender_name: str | None = None) -> tuple[int, list[str]]:
    """Email each candidate a one-click question: may we put you forward to this client? Returns how many
    were asked and why others were not."""
    asked, problems, queued = 0, [], []
    for application in db.session.scalars(select(Application).where(Application.id.in_(application_ids))):
        client, candidate = application.job.client, application.candidate
        if client is None:
            problems.append(f"{application.job.title} is not a client's job order")
            continue
        if not candidate.email:
            problems.append(f"{candidate.name} has no email address")
            continue
        row = _consent(candidate.id, client.id)
        if row is not None and row.status == "granted":
            continue
        token = secrets.token_urlsafe(24)
        if row is None:
            row = RepresentationConsent(candidate_id=candidate.id, client_id=client.id)
            db.session.add(row)
        row.token_hash, row.status, row.requested_at, row.requested_by_id = _hash(token), "requested", utcnow(), actor_id
        row.answered_at = None
        link = public_url("public.representation", token=token)
        body = (f"Dear {candidate.name.split()[0]},\n\nWe would like to put you forward to {client.name} for the role "
                f"of {application.job.title}. We only share your profile with a client when you agree.\n\n"
                f"Yes or no, in one click: {link}\n\nKind regards,\n{sender_name or current_app.config['COMPANY_NAME']}")
        queued.append(email.queue_message(candidate, subject=f"May we put you forward to {client.name}?", body=body,
                                          actor_id=actor_id, application=application,
                                          template_key="representation_consent"))
        record_audit("consent.request", row, actor_id=actor_id, client_id=client.id, candidate_id=candidate.id)
        asked += 1
    db.session.commit()
    return asked, problems


def consent_by_token(token: str) -> RepresentationConsent | None:
    if not token:
        return None
    return db.session.scalars(select(RepresentationConsent).where(RepresentationConsent.token_hash == _hash(token))).first()


def answer_consent(token: str, granted: bool) -> RepresentationConsent:
    row = consent_by_token(token)
    if row is None:
        raise NotFound("This link is not valid.")
    row.status, row.answered_at = ("granted" if granted else "declined"), utcnow()
    record_activity(row.candidate_id, "consent", f"{'Agreed' if granted else 'Declined'} to be put forward to "
                    f"{row.client.name}", actor_id=None, data={"client_id": row.client_id})
    record_audit("consent.answer", row, actor_id=None, granted=granted)
    db.session.commit()
    return row


# ------------------------------------------------------------------ submittals

def conflict_days() -> int:
    return int(current_app.config.get("SUBMITTAL_CONFLICT_DAYS", 90))


def conflicts(candidate_id: int, client_id: int) -> list[str]:
    """Other clients this candidate was submitted to in the last N days."""
    since = utcnow() - timedelta(days=conflict_days())
    rows = db.session.execute(
        select(Client.name, Submittal.created_at).join(Submittal, Submittal.client_id == Client.id)
        .join(SubmittalItem, SubmittalItem.submittal_id == Submittal.id)
        .join(Application, Application.id == SubmittalItem.application_id)
        .where(Application.candidate_id == candidate_id, Submittal.client_id != client_id,
               Submittal.created_at >= since))
    return sorted({name for name, _ in rows})


def create_submittal(job_id: int, application_ids: list[int], *, actor_id: int, notes: dict[int, str],
                     contact_id: int | None, message: str | None, anonymise: bool, show_breakdown: bool,
                     expires_in_days: int, send_email: bool = True) -> tuple[Submittal, str]:
    """A share link for the chosen applications of a client's job order; returns it and its token (shown
    once: only its hash is kept). Refused for anyone without consent for this client or already
    submitted to this job order; those recently submitted to another client are flagged."""
    job = get_job(job_id)
    if job.client is None:
        raise InvalidInput("Submittals are for clients' job orders: this job is in-house.")
    if not application_ids:
        raise InvalidInput("Choose the candidates to send.")
    if not 1 <= expires_in_days <= 90:
        raise InvalidInput("A link lasts between 1 and 90 days.", field="expires")
    contact = db.session.get(ClientContact, contact_id) if contact_id else None
    if contact is not None and contact.client_id != job.client_id:
        raise InvalidInput("That contact works for another client.")
    apps = list(db.session.scalars(select(Application).where(Application.id.in_(application_ids),
                                                             Application.job_id == job.id)
                                   .order_by(Application.score.desc().nulls_last(), Application.id)))
    problems = []
    consent = consent_statuses([a.candidate_id for a in apps], job.client_id)
    for app in apps:
        if consent.get(app.candidate_id) != "granted":
            problems.append(f"{app.candidate.name} has not agreed to be put forward to {job.client.name}")
        if db.session.scalar(select(SubmittalItem.id).where(SubmittalItem.application_id == app.id)):
            problems.append(f"{app.candidate.name} has already been submitted to this job order")
    if problems:
        raise InvalidInput("Not sent: " + "; ".join(problems) + ".")
    token = secrets.token_urlsafe(24)
    submittal = Submittal(job_id=job.id, client_id=job.client_id, contact_id=contact.id if contact else None,
                          token_hash=_hash(token), message=(message or "").strip() or None, anonymise=anonymise,
                          show_breakdown=show_breakdown, expires_at=utcnow() + timedelta(days=expires_in_days),
                          created_by_id=actor_id)
    for position, app in enumerate(apps):
        clash = conflicts(app.candidate_id, job.client_id)
        submittal.items.append(SubmittalItem(application_id=app.id, position=position,
                                             note=(notes.get(app.id) or "").strip() or None,
                                             conflict=("Also submitted in the last "
                                                       f"{conflict_days()} days to " + ", ".join(clash)) if clash
                                             else None))
    db.session.add(submittal)
    db.session.flush()
    for app in apps:
        record_activity(app.candidate_id, "submitted", f"Submitted to {job.client.name} for {job.title}",
                        actor_id=actor_id, job_id=job.id, application_id=app.id, data={"submittal_id": submittal.id})
    record_audit("submittal.create", submittal, actor_id=actor_id, job_id=job.id, applications=[a.id for a in apps],
                 anonymise=anonymise)
    link = public_url("public.shared", token=token)
    queued = []
    if send_email and contact is not None and contact.email:
        queued.append(email.queue_to(
            contact.email, subject=f"Candidates for {job.title}", actor_id=actor_id, template_key="submittal",
            body=f"Dear {contact.name.split()[0]},\n\n{len(apps)} candidate{'s' if len(apps) != 1 else ''} for "
                 f"{job.title}: {link}\n\n" + (submittal.message + "\n\n" if submittal.message else "")
                 + f"The link works until {submittal.expires_at:%d %B %Y}. Mark each candidate interested or "
                   f"not, with a comment, on the page."))
    db.session.commit()
    return submittal, link


def shared(token: str) -> Submittal | None:
    """The submittal behind a share link, only while it is live (not revoked, not expired)."""
    return sharing.live_link(Submittal, token)


def log_view(submittal: Submittal) -> None:
    from flask import request

    submittal.views += 1
    submittal.last_viewed_at = utcnow()
    record_audit("submittal.view", submittal, actor_id=None,
                 agent=(request.headers.get("User-Agent") or "")[:200] if request else None)
    db.session.commit()


def decide(token: str, item_id: int, decision: str, comment: str) -> SubmittalItem:
    """The client's answer on one candidate, on the share link; it goes onto the application's timeline."""
    submittal = shared(token)
    if submittal is None:
        raise NotFound("This link has expired or been withdrawn.")
    return _decide(submittal, item_id, decision, comment, actor_id=None)


def record_decision(submittal_id: int, item_id: int, decision: str, comment: str, *, actor_id: int) -> SubmittalItem:
    """The client's answer given to the consultant (by phone, by email) and recorded by them, as on the link."""
    return _decide(get_submittal(submittal_id), item_id, decision, comment, actor_id=actor_id)


def _decide(submittal: Submittal, item_id: int, decision: str, comment: str, *, actor_id: int | None) -> SubmittalItem:
    item = next((i for i in submittal.items if i.id == item_id), None)
    if item is None:
        raise NotFound("No such candidate in this list.")
    if decision not in DECISIONS:
        raise InvalidInput("Choose interested or not interested.")
    item.decision, item.comment, item.decided_at = decision, (comment or "").strip()[:2000] or None, utcnow()
    who = submittal.contact.name if submittal.contact else submittal.client.name
    application = item.application
    record_activity(application.candidate_id, "client_feedback",
                    f"{submittal.client.name} ({who}): {DECISIONS[decision]}" + (f" — “{item.comment}”" if item.comment
                                                                                  else ""),
                    actor_id=actor_id, job_id=application.job_id, application_id=application.id,
                    data={"submittal_id": submittal.id, "decision": decision})
    record_audit("submittal.decision", item, actor_id=actor_id, decision=decision)
    emit("submittal.decided", {"submittal_id": submittal.id, "submittal_item_id": item.id, "client_id": submittal.client_id,
                               "job_id": application.job_id, "application_id": application.id,
                               "candidate_id": application.candidate_id, "decision": decision,
                               "comment": item.comment, "decided_at": iso(item.decided_at)})
    db.session.commit()
    return item


def get_submittal(submittal_id: int) -> Submittal:
    return get_or_raise(Submittal, submittal_id, "submittal")


def submitted_application_ids(job_id: int) -> set[int]:
    return set(db.session.scalars(select(SubmittalItem.application_id).join(Submittal)
                                  .where(Submittal.job_id == job_id)))


def revoke(submittal_id: int, *, actor_id: int) -> Submittal:
    submittal = get_submittal(submittal_id)
    if submittal.revoked_at is None:
        submittal.revoked_at = utcnow()
        record_audit("submittal.revoke", submittal, actor_id=actor_id)
        db.session.commit()
    return submittal


def submittals_for(*, client_id: int | None = None, job_id: int | None = None) -> list[Submittal]:
    stmt = select(Submittal).order_by(Submittal.created_at.desc())
    if client_id:
        stmt = stmt.where(Submittal.client_id == client_id)
    if job_id:
        stmt = stmt.where(Submittal.job_id == job_id)
    return list(db.session.scalars(stmt))


def view_log(submittal_id: int, limit: int = 50) -> list:

    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "submittal.view",
                                                            AuditEvent.object_type == "submittal",
                                                            AuditEvent.object_id == str(submittal_id))
                                   .order_by(AuditEvent.created_at.desc()).limit(limit)))


# ------------------------------------------------------------------ placements

def placement_for(application_id: int) -> Placement | None:
    return db.session.scalars(select(Placement).where(Placement.application_id == application_id)).first()


def place(application_id: int, *, start: date, rate: float, unit: str, margin: float | None,
          actor_id: int) -> Placement:
    """Record that the candidate starts with the job's client, from checked values
    (``clients.forms.PlacementForm``); the application moves on to hired."""
    application = applications.get(application_id)
    placement = placement_for(application.id) or Placement(application_id=application.id, created_by_id=actor_id)
    placement.client_id, placement.start_date, placement.rate = application.job.client_id, start, rate
    placement.rate_unit, placement.margin_percent = unit, margin
    db.session.add(placement)
    record_activity(application.candidate_id, "placed",
                    f"Placed{' with ' + application.job.client.name if application.job.client else ''} as "
                    f"{application.job.title}, starting {start:%d %b %Y}", actor_id=actor_id,
                    job_id=application.job_id, application_id=application.id)
    record_audit("placement.save", application, actor_id=actor_id, start=start.isoformat(), rate=rate, unit=unit,
                 margin=margin)
    db.session.commit()
    if application.stage != "hired":
        if application.stage != "offer":
            pipeline.move([application.id], "offer", actor_id=actor_id, reason="Placement recorded")
        pipeline.move([application.id], "hired", actor_id=actor_id, reason="Placement recorded")
    return placement


def placement_feedback(placement_id: int, rating: int | None, feedback: str | None, *, actor_id: int) -> Placement:
    """Record the client's word on a placed worker (1 to 5, and what they said); matching a brief reads it."""
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound("No such placement.")
    if rating is not None and not 1 <= rating <= 5:
        raise InvalidInput("A rating is from 1 to 5.", field="feedback_rating")
    placement.feedback_rating, placement.feedback = rating, feedback
    record_activity(placement.application.candidate_id, "placement_feedback",
                    f"Client feedback on the placement: {rating or 'no'} of 5" + (f", “{feedback}”" if feedback else ""),
                    actor_id=actor_id, job_id=placement.application.job_id, application_id=placement.application_id)
    record_audit("placement.feedback", placement, actor_id=actor_id, rating=rating)
    db.session.commit()
    return placement


# ------------------------------------------------------------------ talent pool

POOL_SIZE = 400  # candidates scored for a match; the best 50 are shown


def good_history(candidate_ids: list[int]) -> set[int]:
    """Candidates placed before whose interview feedback was good (an interviewer said yes or strong yes)."""
    if not candidate_ids:
        return set()
    placed = set(db.session.scalars(select(Application.candidate_id).join(Placement, Placement.application_id ==
                                                                          Application.id)
                                    .where(Application.candidate_id.in_(candidate_ids))))
    good = set()
    for candidate_id, recommendation in db.session.execute(
            select(Application.candidate_id, InterviewAssignment.recommendation)
            .join(Interview, Interview.application_id == Application.id)
            .join(InterviewAssignment, InterviewAssignment.interview_id == Interview.id)
            .where(Application.candidate_id.in_(list(placed)), InterviewAssignment.submitted_at.isnot(None))):
        if recommendation in ("yes", "strong_yes"):
            good.add(candidate_id)
    return good


def pool_candidates(job: Job, pool_size: int) -> list[int]:
    """The candidates worth scoring for a job, best text matches first: those whose resumes name everything the
    job asks for (its required and preferred skills and its title), then the required skills with the title, the
    preferred ones with the title, all the skills, the required ones, then (only while the pool is not full) each
    phrase alone, as the pool was picked before (the title weighs most in the score, as much as all the skills).
    Each step is one search, and only the first, narrowest one is ranked, so a million candidates are not ranked
    for one common skill (benchmarks/RESULTS.md, issue 24, s30)."""
    required = list(dict.fromkeys(s for s in job.required_skills or [] if s.strip()))
    preferred = [s for s in dict.fromkeys(job.preferred_skills or []) if s.strip() and s not in required]
    # The title's words as the scorer reads them (from a letter on): "Credit Analyst 2" is a credit analyst.
    title = " ".join(w for w in search.WORD.findall(job.title or "") if w[0].isalpha())
    title = [title] if title else []
    steps = [required + preferred + title, required + title, preferred + title, required + preferred, required,
             *([phrase] for phrase in title + required + preferred)]
    found: dict[int, None] = {}
    for n, step in enumerate(dict.fromkeys(tuple(step) for step in steps if step)):
        # Only the first, narrowest step is ranked (by text relevance, when it alone fills the pool); the broader
        # ones, which at a million can match tens of thousands, only fill the rest, unranked: the scorer ranks the
        # pool. Each is asked for as many more as the pool lacks past those already found (its matches mostly
        # include the earlier steps').
        words, wanted = " ".join(step), len(found) + pool_size
        ids = search.matching_ids(search.Query(q=words, sort="relevance"), limit=wanted) if n == 0 else \
            search.some_matching_ids(words, limit=wanted)
        found.update(dict.fromkeys(ids))
        if len(found) >= pool_size:
            break
    return list(found)[:pool_size]


def match_pool(job_id: int, *, limit: int = 50, prefer_placed: bool = False, pool_size: int = POOL_SIZE) -> list[dict]:
    """Candidates already in the database ranked for a job by the shortlisting scorer: past applicants,
    campus sign-ups, imports. Full-text search over the job's skills and title picks the pool
    (``pool_candidates``); each is then scored against the job, best first (placed people with good feedback
    first when asked)."""
    job = get_job(job_id)
    ids = pool_candidates(job, pool_size)
    if not ids:
        return []
    taken = set(db.session.scalars(select(Application.candidate_id).where(Application.job_id == job.id)))
    ids = [i for i in ids if i not in taken]
    ids = list(db.session.scalars(select(Candidate.id).where(Candidate.id.in_(ids), Candidate.erased_at.is_(None),
                                                             Candidate.archived_at.is_(None))))
    scorer = Scorer(job_profile(job))
    scored = {candidate_id: scorer.score(feats) for candidate_id, feats in pool_features(ids).items()}
    history = good_history(list(scored)) if prefer_placed else set()
    order = sorted(scored, key=lambda i: (prefer_placed and i not in history, -round(scored[i].score, 1), i))[:limit]
    shown = {c.id: c for c in db.session.scalars(select(Candidate).where(Candidate.id.in_(order)))}
    return [{"candidate": shown[i], "score": round(scored[i].score, 1), "placed_before": i in history,
             "top": sorted(scored[i].breakdown, key=lambda c: -c.contribution)[:3]} for i in order]


def pool_features(candidate_ids: list[int]) -> dict:
    """What the scorer reads of each candidate (``scoring._features``: the latest parsed resume with the
    recruiters' corrections), from the features stored when each was indexed; computed for those with none stored
    by this scorer version (before ``recruit search reindex --features`` after an upgrade). Candidates without a
    parsed resume are left out."""
    pool, missing = stored_features.read(candidate_ids)
    if missing:
        pool.update((i, feats) for i, feats in stored_features.compute_many(missing).items() if feats is not None)
    return pool


def add_from_pool(job_id: int, candidate_ids: list[int], *, actor_id: int) -> int:

    job = get_job(job_id)
    added = []
    for candidate in db.session.scalars(select(Candidate).where(Candidate.id.in_(candidate_ids))):
        if db.session.scalar(select(Application.id).where(Application.candidate_id == candidate.id,
                                                          Application.job_id == job.id)):
            continue
        added.append(applications.create(candidate.id, job.id, source="pool", actor_id=actor_id).id)
    db.session.commit()
    return len(added)


# ------------------------------------------------------------------ reports

def report(client_id: int) -> dict:
    """Open orders, time to submit, submit-to-interview and interview-to-hire ratios, placements."""
    orders = job_orders(client_id)
    open_orders = [j for j in orders if j.status == JobStatus.OPEN.value]
    firsts = dict(db.session.execute(select(Submittal.job_id, func.min(Submittal.created_at))
                                     .where(Submittal.client_id == client_id).group_by(Submittal.job_id)).all())
    days = []
    for job in orders:
        first = firsts.get(job.id)
        if first is not None:
            days.append(max(0.0, (as_utc(first) - job.created_at).total_seconds() / 86400))
    submitted = list(db.session.scalars(select(Application.id).join(SubmittalItem, SubmittalItem.application_id ==
                                                                    Application.id)
                                        .join(Submittal, Submittal.id == SubmittalItem.submittal_id)
                                        .where(Submittal.client_id == client_id)))
    order = stage_order()

    def reached(stage: str, among: list[int]) -> list[int]:
        if not among or stage not in order:
            return []
        later = order[order.index(stage):]
        return list(db.session.scalars(select(func.distinct(StageChange.application_id)).where(
            StageChange.application_id.in_(among), StageChange.to_stage.in_(later))))

    interviewed = reached("interview", submitted)
    hired = reached("hired", interviewed)
    placements = list(db.session.scalars(select(Placement).where(Placement.client_id == client_id)
                                         .order_by(Placement.start_date.desc())))
    return {"orders": len(orders), "open_orders": len(open_orders),
            "positions_open": sum(j.openings for j in open_orders),
            "median_days_to_submit": round(median(days), 1) if days else None,
            "submitted": len(submitted), "interviewed": len(interviewed), "hired": len(hired),
            "submit_to_interview": round(len(interviewed) / len(submitted), 2) if submitted else None,
            "interview_to_hire": round(len(hired) / len(interviewed), 2) if interviewed else None,
            "placements": placements}
