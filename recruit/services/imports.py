"""Bulk import: many resumes from a zip, a folder or a multi-file upload become candidates on workers.

Each file is one ``ImportItem``. Files are stored (once per SHA-256) when the batch starts, then one
task per item parses it and creates or matches the candidate. A task is idempotent: an item is claimed
with one conditional UPDATE, and the candidate, the resume and the item's final status are committed
together, so a worker killed mid-item leaves nothing half-made; ``recover_stalled`` (at worker start
and every few minutes) queues such items again, and a finished item is never processed twice.
"""
from __future__ import annotations

import os
import zipfile
from datetime import datetime, timezone

from flask import current_app
from sqlalchemy import func, select, update

from nlp.errors import ResumeError
from recruit.extensions import db
from recruit.models import Application, Candidate, ImportBatch, ImportItem, Job, Resume, StoredFile
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.resumes import clean_filename, max_resume_bytes, store_file
from recruit.services.review import flag

FINISHED = ("done", "duplicate", "failed", "cancelled")
MAX_ENTRIES = 20_000
MAX_RATIO = 200  # uncompressed / compressed size of one zip entry; more looks like a decompression bomb
SKIP = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def expand(name: str, fileobj) -> list[tuple[str, bytes | None, str | None]]:
    """The files in an upload: ``(name, bytes, None)`` for each, or ``(name, None, reason)`` when one
    cannot be taken. A zip is opened (one level; entries checked for size and compression ratio)."""
    limit = max_resume_bytes()
    head = fileobj.read(4)
    fileobj.seek(0)
    if not _is_zip(head):
        data = fileobj.read(limit + 1)
        if len(data) > limit:
            return [(name, None, f"The file is larger than the {limit // 1048576} MB limit.")]
        return [(name, data, None)]
    out: list[tuple[str, bytes | None, str | None]] = []
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile:
        return [(name, None, "The zip file is damaged and cannot be opened.")]
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir() and not any(s in e.filename for s in SKIP)
                   and not os.path.basename(e.filename).startswith(".")]
        if any(e.filename.lower().endswith(".docx") for e in entries) and "word/document.xml" in archive.namelist():
            fileobj.seek(0)
            return [(name, fileobj.read(limit + 1), None)]  # a Word file is a zip too
        if len(entries) > MAX_ENTRIES:
            return [(name, None, f"The zip holds {len(entries)} files; import at most {MAX_ENTRIES} at once.")]
        for entry in entries:
            # Only the base name is kept: a path like ../../etc/passwd names nothing on our side.
            entry_name = f"{name}/{os.path.basename(entry.filename.replace(chr(92), '/'))}"
            if entry.flag_bits & 0x1:
                out.append((entry_name, None, "The file is encrypted inside the zip."))
            elif entry.file_size > limit:
                out.append((entry_name, None, f"The file is larger than the {limit // 1048576} MB limit."))
            elif entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO:
                out.append((entry_name, None, "The file expands far beyond its compressed size; not opened."))
            else:
                try:
                    with archive.open(entry) as fh:
                        data = fh.read(limit + 1)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
                    out.append((entry_name, None, "The file is damaged inside the zip."))
                    continue
                if _is_zip(data[:4]) and not entry.filename.lower().endswith(".docx"):
                    out.append((entry_name, None, "A zip inside a zip is not opened; unpack it and import again."))
                else:
                    out.append((entry_name, data, None))
    return out


def start_batch(uploads, *, actor_id: int | None, job_id: int | None = None, source: str = "web",
                label: str = "") -> ImportBatch:
    """Store the files of ``uploads`` (an iterable of ``(name, file object)``) and queue one task each."""
    if job_id is not None and db.session.get(Job, job_id) is None:
        raise InvalidInput("No such job.", field="job_id")
    batch = ImportBatch(created_by_id=actor_id, job_id=job_id, source=source, label=label[:255])
    db.session.add(batch)
    db.session.flush()
    count = 0
    for name, fileobj in uploads:
        for entry_name, data, reason in expand(name, fileobj):
            item = ImportItem(batch_id=batch.id, filename=entry_name[:512])
            if reason:
                item.status, item.error = "failed", reason
            elif not data or not data.strip():
                item.status, item.error = "failed", "The file is empty."
            else:
                item.file = store_file(data)
            db.session.add(item)
            count += 1
            if count % 100 == 0:
                db.session.flush()
                db.session.expire_all()  # keep memory flat: file bytes are not needed any more
    if count == 0:
        db.session.rollback()
        raise InvalidInput("Choose resume files or a zip of them.", field="files")
    record_audit("import.start", batch, actor_id=actor_id, files=count, job_id=job_id, source=source)
    db.session.commit()
    queue_items(batch.id)
    return batch


def queue_items(batch_id: int) -> int:
    from recruit.tasks import enqueue

    ids = list(db.session.scalars(select(ImportItem.id).where(ImportItem.batch_id == batch_id,
                                                               ImportItem.status == "queued")))
    for item_id in ids:
        enqueue("import_item", item_id)
    return len(ids)


def process_item(item_id: int) -> str:
    """Parse one imported file and create or match its candidate; safe to run again."""
    from nlp.pipeline import PARSER_VERSION
    from recruit.services.parsing import parse_file
    from recruit.services.candidates import find_duplicate, find_same_person, normalise_email, normalise_phone
    from recruit.services.errors import InvalidInput as BadValue

    if not _claim(item_id):
        item = db.session.get(ImportItem, item_id)
        return item.status if item else "missing"
    item = db.session.get(ImportItem, item_id)
    batch = item.batch
    if batch.cancelled_at is not None:
        item.status = "cancelled"
        db.session.commit()
        return item.status
    existing = db.session.scalars(select(Resume).where(Resume.sha256 == item.sha256).limit(1)).first()
    if existing is not None:
        item.status, item.candidate_id, item.resume_id = "duplicate", existing.candidate_id, existing.id
        item.note = "The same file was imported or uploaded before."
        _apply(batch, existing.candidate_id)
        db.session.commit()
        return item.status
    data = db.session.get(StoredFile, item.sha256).data
    try:
        parsed = parse_file(data)  # within the parse limits, in a child process
    except ResumeError as exc:
        item.status, item.error = "failed", str(exc)
        db.session.commit()
        return item.status

    def valid(normalise, values):
        for value in values:
            try:
                return normalise(value)
            except BadValue:
                continue
        return None

    email, phone = valid(normalise_email, parsed.emails), valid(normalise_phone, parsed.phones)
    candidate = find_duplicate(email, phone)
    matched_by = ("email" if email and candidate.email == email else "phone") if candidate else None
    if candidate is None:
        candidate = find_same_person(parsed.name, parsed.text)
        matched_by = "name and resume text" if candidate else None
    from nlp.filetype import detect_type

    kind = detect_type(data)
    resume = Resume(sha256=item.sha256, filename=clean_filename(os.path.basename(item.filename), kind),
                    file_type=kind, size=len(data), uploaded_by_id=batch.created_by_id, parse_status="done",
                    parser_version=PARSER_VERSION, parsed_at=utcnow())
    payload = parsed.to_dict()
    resume.extracted_text = payload.pop("text")
    resume.parsed = payload
    if candidate is not None:
        # Never merged silently: the file becomes a new resume version and the match is flagged.
        item.note = f"Matched an existing candidate by {matched_by}."
        flag(resume, parsed, extra_reasons=[item.note + " Check it is the same person."])
        candidate.resumes.append(resume)
        db.session.flush()
        record_activity(candidate.id, "resume_added", f"New resume version from import #{batch.id}: "
                        f"{resume.filename} (check it is the same person)", actor_id=batch.created_by_id,
                        data={"resume_id": resume.id, "import_item": item.id})
    else:
        stem = os.path.splitext(os.path.basename(item.filename))[0].replace("_", " ").replace("-", " ")
        candidate = Candidate(name=(parsed.name or stem or "Unnamed candidate")[:200], email=email, phone=phone,
                              location=(parsed.location or "")[:200] or None, source="import",
                              created_by_id=batch.created_by_id)
        candidate.resumes.append(resume)
        db.session.add(candidate)
        db.session.flush()
        record_activity(candidate.id, "created", f"Added from bulk import #{batch.id}", actor_id=batch.created_by_id,
                        data={"import_item": item.id})
        flag(resume, parsed)
        if not parsed.name:
            item.note = "No name found in the resume; named after the file."
    item.needs_review = resume.review_status == "pending"
    item.status, item.candidate_id, item.resume_id = "done", candidate.id, resume.id
    _apply(batch, candidate.id)
    from recruit.services.scoring import rescore_candidate
    from recruit.services.search import index_candidate

    index_candidate(candidate.id, commit=False)
    db.session.commit()  # candidate, resume, search entry and item status land together, in one write
    rescore_candidate(candidate.id)
    return item.status


def _stale_before() -> datetime:
    from datetime import timedelta

    return utcnow() - timedelta(seconds=current_app.config.get("IMPORT_STALE_SECONDS", 300))


def _claim(item_id: int) -> bool:
    """Take an item for this worker: queued ones, or ones a dead worker left parsing for too long.

    One UPDATE with a condition, so two workers given the same item (a message queued twice after a
    restart) never both work on it.
    """
    claimed = db.session.execute(
        update(ImportItem)
        .where(ImportItem.id == item_id,
               (ImportItem.status == "queued")
               | ((ImportItem.status == "parsing") & (ImportItem.updated_at < _stale_before())))
        .values(status="parsing", updated_at=utcnow())).rowcount
    db.session.commit()
    return claimed == 1


def recover_stalled() -> int:
    """Queue again the items whose task was lost: a worker killed mid-item, or a queue that lost its
    messages. Runs when a worker starts and every few minutes; claiming makes repeats harmless."""
    from recruit.tasks import enqueue

    ids = list(db.session.scalars(
        select(ImportItem.id).join(ImportBatch).where(
            ImportBatch.cancelled_at.is_(None),
            (ImportItem.status == "queued")
            | ((ImportItem.status == "parsing") & (ImportItem.updated_at < _stale_before())))))
    for item_id in ids:
        enqueue("import_item", item_id)
    return len(ids)


def _apply(batch: ImportBatch, candidate_id: int) -> None:
    if batch.job_id is None:
        return
    taken = db.session.scalar(select(Application.id).where(Application.candidate_id == candidate_id,
                                                           Application.job_id == batch.job_id))
    if taken is None:
        from recruit.services.pipeline import record_entry

        application = Application(candidate_id=candidate_id, job_id=batch.job_id, source="import", stage="applied",
                                  created_at=utcnow())
        db.session.add(application)
        db.session.flush()
        record_entry(application, actor_id=batch.created_by_id)
        record_activity(candidate_id, "applied", f"Added to {batch.job.title} by import #{batch.id}",
                        actor_id=batch.created_by_id, job_id=batch.job_id, application_id=application.id)


def get_batch(batch_id: int) -> ImportBatch:
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound("No such import.")
    return batch


def progress(batch_id: int) -> dict:
    """Counts per status, how far along, speed and time left."""
    batch = get_batch(batch_id)
    counts = dict(db.session.execute(select(ImportItem.status, func.count()).where(
        ImportItem.batch_id == batch_id).group_by(ImportItem.status)).all())
    total = sum(counts.values())
    finished = sum(counts.get(s, 0) for s in FINISHED)
    last = db.session.scalar(select(func.max(ImportItem.updated_at)).where(ImportItem.batch_id == batch_id,
                                                                             ImportItem.status.in_(FINISHED)))
    created = batch.created_at
    elapsed = ((last or created) - created).total_seconds() if last else 0
    rate = finished / elapsed if elapsed > 0 else None
    left = total - finished
    return {"batch": batch.id, "total": total, "finished": finished, "counts": counts,
            "percent": round(100 * finished / total, 1) if total else 100.0,
            "per_second": round(rate, 2) if rate else None,
            "seconds_left": round(left / rate) if rate and left else (0 if not left else None),
            "review": db.session.scalar(select(func.count()).select_from(ImportItem).where(
                ImportItem.batch_id == batch_id, ImportItem.needs_review)) or 0,
            "cancelled": batch.cancelled_at is not None, "done": left == 0}


def failed_items(batch_id: int) -> list[ImportItem]:
    return list(db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id,
                                                             ImportItem.status == "failed").order_by(ImportItem.id)))


def review_items(batch_id: int, limit: int = 50) -> list[ImportItem]:
    """The first items of a batch still waiting for a person's check (the rest are in the review queue)."""
    return list(db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id,
                                                             ImportItem.needs_review).order_by(ImportItem.id)
                                    .limit(limit)))


def cancel(batch_id: int, *, actor_id: int) -> int:
    """Stop a batch: items not yet started are cancelled; returns how many."""
    batch = get_batch(batch_id)
    batch.cancelled_at = datetime.now(timezone.utc)
    items = db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id,
                                                        ImportItem.status == "queued")).all()
    for item in items:
        item.status = "cancelled"
    record_audit("import.cancel", batch, actor_id=actor_id, cancelled=len(items))
    db.session.commit()
    return len(items)


def retry_failed(batch_id: int, *, actor_id: int) -> int:
    """Queue the failed files of a batch again (those stored; a file refused at upload cannot be)."""
    get_batch(batch_id)
    items = db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id,
                                                        ImportItem.status == "failed",
                                                        ImportItem.sha256.is_not(None))).all()
    for item in items:
        item.status, item.error = "queued", None
    record_audit("import.retry", ("importbatch", batch_id), actor_id=actor_id, items=len(items))
    db.session.commit()
    from recruit.tasks import enqueue

    for item in items:
        enqueue("import_item", item.id)
    return len(items)


def list_batches(limit: int = 50) -> list[ImportBatch]:
    return list(db.session.scalars(select(ImportBatch).order_by(ImportBatch.created_at.desc()).limit(limit)))


def import_request_limit() -> int:
    return int(current_app.config.get("IMPORT_MAX_MB", 500) * 1024 * 1024)


def open_paths(paths: list[str]):
    """``(name, file object)`` for every file under the given files and folders (for the CLI)."""
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in sorted(os.walk(path)):
                for filename in sorted(files):
                    if not filename.startswith("."):
                        full = os.path.join(root, filename)
                        with open(full, "rb") as fh:
                            yield os.path.relpath(full, path), fh
        else:
            with open(path, "rb") as fh:
                yield os.path.basename(path), fh
