"""Storing resume files: checked by content, kept once per SHA-256, served back for download."""
from __future__ import annotations

import hashlib
import os

from flask import current_app

from nlp.errors import ResumeError
from nlp.filetype import check_opens, detect_type
from recruit.extensions import db
from recruit.models import Resume, StoredFile
from recruit.services.errors import InvalidInput, NotFound

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
    """The stored file for these bytes, created if this content was never stored before. The caller commits."""
    digest = hashlib.sha256(data).hexdigest()
    stored = db.session.get(StoredFile, digest)
    if stored is None:
        stored = StoredFile(sha256=digest, size=len(data), data=data)
        db.session.add(stored)
    return stored


def new_resume(candidate_id: int | None, data: bytes, filename: str, *, actor_id: int | None) -> Resume:
    """Validate and store a resume for a candidate (who may not be flushed yet). The caller commits."""
    kind = validate_resume(data)
    stored = store_file(data)
    return Resume(candidate_id=candidate_id, sha256=stored.sha256, file=stored,
                  filename=clean_filename(filename, kind), file_type=kind, size=len(data),
                  uploaded_by_id=actor_id, parse_status="pending")


def get_resume(resume_id: int, *, candidate_id: int | None = None) -> Resume:
    resume = db.session.get(Resume, resume_id)
    if resume is None or (candidate_id is not None and resume.candidate_id != candidate_id):
        raise NotFound("No such resume.")
    return resume


def resume_bytes(resume: Resume) -> bytes:
    return db.session.get(StoredFile, resume.sha256).data
