"""Parsing stored resumes into profiles, and keeping recruiters' corrections across re-parses."""
from __future__ import annotations

import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from nlp.errors import ResumeError
from recruit.extensions import db
from recruit.models import Candidate, ProfileCorrection, Resume
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.identity import find_duplicate, normalise_email, normalise_phone
from recruit.services.profiles import (  # noqa: F401 (parsing.profile_for is read widely; it lives in profiles)
    ENTRY_FIELDS, ENTRY_NAMES, REMOVED, apply_correction, corrections, latest_parsed_resume, profile_for)
from recruit.services.resumes import max_expanded_bytes, max_resume_bytes, resume_bytes
from recruit.services.scoring import rescore_candidate
from recruit.services.search import index_candidate
from recruit.services.webhooks import emit, iso

# Fields a recruiter may correct, with how a typed value becomes stored data.
LIST_FIELDS = ("languages", "certifications")
CONTACT_FIELDS = ("emails", "phones")
TEXT_FIELDS = ("name", "location")
DATE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2]))?|present)$")


def parser_version() -> str:
    from nlp.pipeline import PARSER_VERSION

    return PARSER_VERSION


def queue_parse(resume_id: int) -> None:
    """Ask a worker to parse a resume (never parsed inside a web request): queued, and sent as this commits."""
    enqueue_after_commit(parse_resume, resume_id)
    db.session.commit()


def parse_limits():
    """The limits one parse runs within (``nlp.bounded.Limits``), from the ``PARSE_*`` settings."""
    from nlp.bounded import Limits

    cfg = current_app.config
    return Limits(max_bytes=max_resume_bytes(), max_chars=int(cfg["PARSE_MAX_CHARS"]),
                  seconds=float(cfg["PARSE_SECONDS"]), memory_mb=int(cfg["PARSE_MEMORY_MB"]),
                  max_expanded=max_expanded_bytes())


def parse_file(data: bytes, kind: str | None = None):
    """A resume file's ``ParsedResume``, read within the parse limits (in a child process unless
    ``PARSE_IN_CHILD`` is off); raises ``ResumeError`` with the reason to record, and nothing else."""
    limits = parse_limits()
    if current_app.config["PARSE_IN_CHILD"]:
        from nlp.bounded import parse_bounded

        return parse_bounded(data, kind=kind, limits=limits)
    from nlp.pipeline import parse_bytes

    return parse_bytes(data, kind=kind, max_bytes=limits.max_bytes, time_budget=limits.seconds,
                       max_chars=limits.max_chars, max_expanded=limits.max_expanded)


def lease_seconds() -> float:
    """How long a parse may be "parsing" before its worker is taken for dead: its budget, the grace before
    the parser is stopped, and time for a fresh parsing process to start."""
    return 2 * float(current_app.config["PARSE_SECONDS"]) + 180


@task(retries=2, retry_delay=5)
def parse_resume(resume_id: int) -> str:
    """Parse one stored resume and fill its candidate's profile; returns the resulting status.

    Idempotent: parsing the same resume again replaces the parsed data and re-applies corrections.
    A file that cannot be read is marked failed with the reason; nothing else is touched. Each start is
    counted: a file that has already stopped ``PARSE_MAX_ATTEMPTS`` workers is failed, not tried again.
    """
    resume = db.session.get(Resume, resume_id)
    if resume is None:
        return "missing"
    if resume.acceptance is not None:
        return "awaiting"  # a visitor's file for a known candidate: parsed once a recruiter accepts it
    attempts = int(current_app.config["PARSE_MAX_ATTEMPTS"])
    if resume.parse_status == "parsing" and (resume.parse_attempts or 0) >= attempts:
        return _failed(resume, f"The parser stopped {resume.parse_attempts} times while reading this file "
                               "(it may be built to crash or exhaust the parser); it was not tried again.")
    resume.parse_status, resume.parse_started_at = "parsing", utcnow()
    resume.parse_attempts = (resume.parse_attempts or 0) + 1
    db.session.commit()
    try:
        parsed = parse_file(resume_bytes(resume), kind=resume.file_type)
    except ResumeError as exc:
        return _failed(resume, str(exc))
    store_parse(resume, parsed)
    _fill_candidate(resume.candidate, profile_for(resume.candidate_id, resume))
    record_activity(resume.candidate_id, "parsed",
                    f"Resume {resume.filename} parsed: {_count(len(parsed.skills), 'skill')}, "
                    f"{_count(len(parsed.experience), 'job')}, {_count(len(parsed.education), 'degree')}",
                    actor_id=None, data={"resume_id": resume.id, "parser_version": resume.parser_version})
    db.session.commit()

    index_candidate(resume.candidate_id)
    rescore_candidate(resume.candidate_id)  # already on the worker
    return "done"


def store_parse(resume: Resume, parsed, *, extra_reasons: list[str] = ()) -> bool:
    """Keep a parse on its resume (text, profile data, parser version, done) and rate it for review, whether
    the worker parsed a stored resume or an import made one; returns whether it needs a person's review."""
    data = parsed.to_dict()
    resume.extracted_text = data.pop("text")
    resume.parsed = data
    resume.parse_status, resume.parse_error = "done", None
    resume.parse_started_at, resume.parse_attempts = None, 0
    resume.parser_version = parser_version()
    resume.parsed_at = utcnow()
    needs_review = flag(resume, parsed, extra_reasons=extra_reasons)
    db.session.flush()  # the resume's id, for the event
    emit("resume.parsed", {"resume_id": resume.id, "candidate_id": resume.candidate_id, "parse_status": "done",
                           "parser_version": resume.parser_version, "needs_review": needs_review,
                           "skills": len(data.get("skills") or []), "parsed_at": iso(resume.parsed_at)})
    return needs_review


def flag(resume: Resume, parsed, *, extra_reasons: list[str] = ()) -> bool:
    """Rate a freshly parsed resume and queue it for review when it needs a person; returns whether."""
    from nlp.confidence import assess

    verdict = assess(parsed)
    resume.confidence = verdict["fields"]
    reasons = list(extra_reasons) + verdict["reasons"]
    if resume.review_status == "confirmed" and not extra_reasons:
        resume.review_reasons = reasons or None  # a person has looked; a re-parse does not undo that
        return False
    resume.review_reasons = reasons or None
    resume.review_status = "pending" if reasons else None
    return bool(reasons)


def _failed(resume: Resume, reason: str) -> str:
    """Record that a resume could not be read, and why, on the resume and the candidate's timeline."""
    resume.parse_status, resume.parse_error = "failed", reason
    resume.parser_version = parser_version()
    resume.parse_started_at, resume.parse_attempts = None, 0
    record_activity(resume.candidate_id, "parse_failed", f"Resume {resume.filename} could not be read: {reason}",
                    actor_id=None, data={"resume_id": resume.id})
    db.session.commit()
    return "failed"


def recover_stalled_parses() -> int:
    """Queue again every resume left "parsing" by a worker that died (its lease ran out); returns how many.

    The parse task counts its starts, so a file that kills every worker ends failed with a reason.
    """
    cutoff = utcnow() - timedelta(seconds=lease_seconds())
    ids = list(db.session.scalars(select(Resume.id).where(
        Resume.parse_status == "parsing",
        (Resume.parse_started_at.is_(None)) | (Resume.parse_started_at < cutoff))))
    for resume_id in ids:
        queue_parse(resume_id)
    return len(ids)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _fill_candidate(candidate: Candidate, profile: dict) -> None:
    """Copy parsed contact details into empty candidate fields; what a person typed is never overwritten.
    A candidate added with a resume and no name takes the parsed name (else keeps the file's)."""
    if candidate.name_from_resume:
        if profile.get("name"):
            candidate.name = profile["name"][:200]
        candidate.name_from_resume = False
    if not candidate.email and profile.get("emails"):
        candidate.email = profile["emails"][0]
    if not candidate.phone and profile.get("phones"):
        candidate.phone = profile["phones"][0]
    if not candidate.location and profile.get("location"):
        candidate.location = profile["location"][:200]
    if not candidate.headline and profile.get("experience"):
        latest = profile["experience"][0]
        if latest.get("title"):
            candidate.headline = " at ".join(x for x in (latest["title"], latest.get("employer")) if x)[:200]


def _skills(raw, current: list[dict]) -> list[dict]:
    """The typed skill list: a skill the profile had keeps its name and category; a new one is named and
    categorised as the taxonomy (and so the scorer) knows it, else kept as typed in "other"."""
    from nlp.score import canonical_skill

    known = {s["name"].lower(): {"name": s["name"], "category": s.get("category") or "other"} for s in current}
    out: dict[str, dict] = {}
    for typed in (s.strip() for s in re.split(r"[,\n;]", raw or "")):
        if not typed:
            continue
        skill = known.get(typed.lower())
        if skill is None:
            _, name, category = canonical_skill(typed)
            skill = known.get((name or "").lower()) or {"name": name or typed, "category": category or "other"}
        out.setdefault(skill["name"].lower(), skill)
    return list(out.values())


def _contacts(path: str, raw, current: list[str]) -> list[str]:
    """Typed email addresses or phone numbers: each new one checked, phones in E.164 as everywhere else;
    one the profile already has is kept as it is (an unchanged field never blocks a save)."""
    normalise = normalise_email if path == "emails" else normalise_phone
    out = []
    for typed in (s.strip() for s in re.split(r"[,;\n]" if path == "phones" else r"[,;\s]", raw or "")):
        if typed in current:
            out.append(typed)
        elif typed:
            try:
                out.append(normalise(typed))
            except InvalidInput as exc:
                raise InvalidInput(f"{typed}: {exc}", field=path) from exc
    return list(dict.fromkeys(out))


def _clean(path: str, raw, profile: dict) -> object:
    parts = path.split(".")
    if parts[0] == "skills" and len(parts) == 1:
        return _skills(raw, profile.get("skills") or [])
    if parts[0] in CONTACT_FIELDS and len(parts) == 1:
        return _contacts(path, raw, profile.get(path) or [])
    if parts[0] in ENTRY_FIELDS and len(parts) == 3 and parts[2] == REMOVED and parts[1].isdigit():
        return raw in ("1", "on", "true", True)
    if parts[0] in LIST_FIELDS:
        return list(dict.fromkeys(s.strip() for s in re.split(r"[,\n;]", raw or "") if s.strip()))
    if parts[0] in TEXT_FIELDS:
        return (raw or "").strip() or None
    if parts[0] == "total_experience_years":
        if raw in (None, ""):
            return None
        try:
            years = float(raw)
        except ValueError:
            raise InvalidInput("Years of experience must be a number.", field=path)
        if not 0 <= years <= 60:
            raise InvalidInput("Years of experience must be between 0 and 60.", field=path)
        return years
    if parts[0] in ENTRY_FIELDS and len(parts) == 3 and parts[2] in ENTRY_FIELDS[parts[0]]:
        value = (raw or "").strip() or None
        if value and parts[2] in ("start", "end") and not DATE.match(value.lower()):
            raise InvalidInput("Write dates as YYYY or YYYY-MM, or 'present'.", field=path)
        return value.lower() if value and parts[2] in ("start", "end") else value
    raise InvalidInput(f"{path} cannot be corrected.", field=path)


def correct_profile(candidate_id: int, changes: dict[str, str], *, actor_id: int, commit: bool = True,
                    resume: Resume | None = None) -> list[str]:
    """Record corrections (field path -> typed value) that differ from the current profile.

    They are kept per candidate and applied on top of every later parse. Returns the changed paths.
    Every value is checked before anything is stored. With ``commit=False`` the caller commits (and
    rescores).
    """
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("No such candidate.")
    profile = profile_for(candidate_id, resume, keep_removed=True) or {}
    existing = corrections(candidate_id)
    changed = []
    cleaned = {path: _clean(path, raw, profile) for path, raw in changes.items()}
    for path, value in cleaned.items():
        if _same(_current(profile, path), value):
            continue
        row = existing.get(path) or ProfileCorrection(candidate_id=candidate_id, field=path)
        old = row.value if path in existing else _current(profile, path)
        row.value, row.corrected_by_id, row.corrected_at = value, actor_id, utcnow()
        db.session.add(row)
        changed.append(path)
        record_audit("profile.correct", candidate, actor_id=actor_id, field=path, old=old, new=value)
    if set(changed) & set(CONTACT_FIELDS):
        _follow_contacts(candidate, profile, cleaned)
    if changed:
        record_activity(candidate_id, "profile_corrected", "Profile corrected: " + ", ".join(changed),
                        actor_id=actor_id, data={"fields": changed})
    if changed and commit:
        enqueue_after_commit(rescore_candidate, candidate_id)
        db.session.commit()

        index_candidate(candidate_id)
    return changed


def _follow_contacts(candidate: Candidate, profile: dict, cleaned: dict) -> None:
    """A contact detail the candidate record took from the parse follows its correction (one typed by a
    person stays); a number or address another candidate has is left for a person to merge."""
    for path, attr in (("emails", "email"), ("phones", "phone")):
        if path not in cleaned or getattr(candidate, attr) not in (profile.get(path) or []):
            continue
        value = next(iter(cleaned[path]), None)
        email, phone = (value, None) if attr == "email" else (None, value)
        if value and find_duplicate(email, phone, exclude_id=candidate.id):
            continue
        setattr(candidate, attr, value)


def _same(current, value) -> bool:
    """Whether a typed value says what the profile already says (skills compare by name only)."""
    if isinstance(value, list) and value and isinstance(value[0], dict) and isinstance(current, list):
        return [s.get("name") for s in current] == [s["name"] for s in value]
    return current == value


def _current(profile: dict, path: str):
    parts = path.split(".")
    if len(parts) == 1:
        return profile.get(parts[0])
    if parts[2] == REMOVED:
        return path in profile.get("struck", [])
    entries = profile.get(parts[0]) or []
    index = int(parts[1])
    return entries[index].get(parts[2]) if index < len(entries) else None


def reparse_outdated(limit: int | None = None) -> int:
    """Queue every resume parsed by another parser version (or never parsed); returns how many."""
    stmt = select(Resume.id).where((Resume.parser_version.is_(None)) | (Resume.parser_version != parser_version()))
    ids = list(db.session.scalars(stmt.limit(limit) if limit else stmt))
    for resume_id in ids:
        queue_parse(resume_id)
    return len(ids)


def evidence_segments(text: str, evidence: dict[str, list[int]], skip: set[str] = frozenset()):
    """The resume text cut into ``(text, field path or None)`` pieces, for highlighting the evidence.

    Overlapping spans keep the first; fields in ``skip`` (corrected ones) and job descriptions are not
    highlighted.
    """
    spans = sorted(((a, b, path) for path, (a, b) in evidence.items()
                    if path not in skip and path.split(".")[0] not in skip and 0 <= a < b <= len(text)
                    and not path.endswith(".description")),  # whole paragraphs would drown the rest
                   key=lambda s: (s[0], -(s[1] - s[0])))
    pieces, pos = [], 0
    for a, b, path in spans:
        if a < pos:
            continue
        if a > pos:
            pieces.append((text[pos:a], None))
        pieces.append((text[a:b], path))
        pos = b
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces
