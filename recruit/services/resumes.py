"""Storing resume files: checked by content, kept once per SHA-256, served back for download."""
from __future__ import annotations

import hashlib
import os

from flask import current_app
from sqlalchemy import delete, select

from nlp.errors import ResumeError
from nlp.filetype import check_opens, detect_type
from recruit.extensions import db
from recruit.models import ClientDocument, ImportItem, Resume, StoredFile
from recruit.models.base import utcnow
from recruit.services.errors import InvalidInput
from recruit.services.lookup import dialect_insert, get_or_raise

MAX_FILENAME = 255


def max_resume_bytes() -> int:
    return int(current_app.config["MAX_RESUME_MB"] * 1024 * 1024)


def max_expanded_bytes() -> int:
    """The most a compressed part of a resume (DOCX parts together, one PDF stream) may unpack to."""
    return int(current_app.config["PARSE_MAX_EXPANDED_MB"] * 1024 * 1024)


def read_upload(storage, *, limit: int | None = None, field: str = "resume") -> tuple[bytes, str] | None:
    """The bytes and name of an uploaded file (a werkzeug ``FileStorage``), or None when none was chosen.
    The limit is the resume limit unless another is given.

    Reads at most one byte past the limit, so a huge upload is refused without being held in memory.
    """
    if storage is None or not getattr(storage, "filename", ""):
        return None
    limit = limit or max_resume_bytes()
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"The file is larger than the {limit // 1048576} MB limit.", field=field)
    return data, storage.filename


def validate_resume(data: bytes) -> str:
    """The file type (``pdf``, ``docx``, ``txt``) of acceptable resume bytes, else ``InvalidInput``."""
    try:
        kind = detect_type(data, max_bytes=max_resume_bytes())
        check_opens(data, kind, max_expanded=max_expanded_bytes())  # sizes checked before anything unpacks
    except ResumeError as exc:
        raise InvalidInput(str(exc), field="resume") from exc
    return kind


def clean_filename(filename: str, kind: str) -> str:
    """A display name for the file: no path parts, no control characters, the extension its content has."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "resume"
    stem, _ = os.path.splitext(name)
    return f"{stem[:MAX_FILENAME - 6] or 'resume'}.{kind}"


def store_file(data: bytes) -> StoredFile:
    """The stored file for these bytes, created if this content was never stored before. The caller commits.

    Inserted with ``ON CONFLICT DO NOTHING``, so the same file arriving in two requests at once is stored once
    and neither request fails.
    """
    digest = hashlib.sha256(data).hexdigest()
    stored = db.session.get(StoredFile, digest)
    if stored is None:
        db.session.execute(dialect_insert(StoredFile).values(sha256=digest, size=len(data), data=data, created_at=utcnow())
                           .on_conflict_do_nothing(index_elements=["sha256"]))
        stored = db.session.get(StoredFile, digest)
    return stored


def forget_file_if_unused(sha256: str) -> None:
    """Delete stored bytes once no resume or import item points at them (after an erasure or a rejection).
    The caller has flushed the deletions that free the file, and commits."""
    if not (db.session.scalar(select(Resume.id).where(Resume.sha256 == sha256).limit(1))
            or db.session.scalar(select(ImportItem.id).where(ImportItem.sha256 == sha256).limit(1))):
        db.session.execute(delete(StoredFile).where(StoredFile.sha256 == sha256))


def new_resume(candidate_id: int | None, data: bytes, filename: str, *, actor_id: int | None) -> Resume:
    """Validate and store a resume for a candidate (who may not be flushed yet). The caller commits."""
    kind = validate_resume(data)
    stored = store_file(data)
    return Resume(candidate_id=candidate_id, sha256=stored.sha256, file=stored,
                  filename=clean_filename(filename, kind), file_type=kind, size=len(data),
                  uploaded_by_id=actor_id, parse_status="pending")


def get_resume(resume_id: int, *, candidate_id: int | None = None) -> Resume:
    return get_or_raise(Resume, resume_id, "resume", candidate_id=candidate_id)


def resume_bytes(resume: Resume) -> bytes:
    return db.session.get(StoredFile, resume.sha256).data


def hold_upload(data: bytes, filename: str) -> tuple[str, str]:
    """Keep a checked resume from a form that failed for another reason, so the retry need not send it
    again: its bytes are stored (content-addressed, once) and ``(sha256, display name)`` returned for the
    form to carry. ``InvalidInput`` when the file is no resume (then nothing is kept)."""
    kind = validate_resume(data)
    stored = store_file(data)
    db.session.commit()
    return stored.sha256, clean_filename(filename, kind)


HOLD_HOURS = 24  # a held resume nobody claimed is forgotten after this


def forget_unclaimed(*, hours: int = HOLD_HOURS) -> int:
    """Delete stored files older than ``hours`` that no resume, import item or client document uses: the
    resumes held for forms never sent again (personal data kept for no one). Returns how many."""
    from datetime import timedelta

    from sqlalchemy import delete, select


    used = [select(model.sha256).where(model.sha256.isnot(None)) for model in (Resume, ImportItem, ClientDocument)]
    stmt = delete(StoredFile).where(StoredFile.created_at < utcnow() - timedelta(hours=hours),
                                    *(StoredFile.sha256.notin_(q) for q in used))
    count = db.session.execute(stmt).rowcount
    db.session.commit()
    return count


def held_upload(sha256: str, filename: str) -> tuple[bytes, str] | None:
    """The bytes and name of a held resume, or None when no such file is stored."""
    stored = db.session.get(StoredFile, sha256) if sha256 else None
    return (stored.data, filename) if stored is not None else None


def held_summary(resume: Resume) -> str:
    """The timeline line for a resume a visitor sent for a known candidate, kept until a recruiter decides."""
    return f"New resume sent through {resume.held_from}, awaiting review: {resume.filename}"
