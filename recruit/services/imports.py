"""Bulk import: many resumes from a zip, a folder or a multi-file upload become candidates on workers.

Each file is one ``ImportItem``. Files are stored (once per SHA-256) when the batch starts, then one
task per item parses it and creates or matches the candidate. A task is idempotent: an item is claimed
with one conditional UPDATE, and the candidate, the resume and the item's final status are committed
together, so a worker killed mid-item leaves nothing half-made; ``recover_stalled`` (at worker start
and every few minutes) queues such items again, and a finished item is never processed twice.
"""
from __future__ import annotations

import io
import logging
import os
import socket
import threading
import uuid
import zipfile
from collections.abc import Iterator
from datetime import datetime, timezone

from flask import current_app
from sqlalchemy import func, select, update

from nlp.errors import ResumeError
from recruit.extensions import db
from recruit.models import Candidate, ImportBatch, ImportItem, Job, Resume, StoredFile
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services import applications
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput
from recruit.services.lookup import get_or_raise
from recruit.services.identity import find_duplicate, find_same_person, lock_identity, normalise_email, normalise_phone
from recruit.services.parsing import parse_file, store_parse
from recruit.services.resumes import clean_filename, max_resume_bytes, store_file
from recruit.services.review import queue
from recruit.services.scoring import rescore_candidate
from recruit.services.search import index_candidate
from recruit.services.text import squash

FINISHED = ("done", "duplicate", "failed", "cancelled")
MAX_ENTRIES = 20_000
MAX_RATIO = 200  # uncompressed / compressed size of one zip entry; more looks like a decompression bomb
SKIP = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_docx(data: bytes) -> bool:
    """Whether zip bytes are a Word document (a zip holding ``word/document.xml``), judged by content."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _hostile_path(raw: str) -> bool:
    """A member path that climbs out of the archive or names a place of its own (``../x``, ``..\\x``,
    ``/etc/x``, ``C:\\x``). Nothing is ever written under it; such a member is refused with its reason."""
    path = raw.replace("\\", "/")
    return path.startswith("/") or (len(path) > 1 and path[1] == ":") or ".." in path.split("/") \
        or any(ord(ch) < 32 for ch in path)


def _is_link(entry: zipfile.ZipInfo) -> bool:
    return entry.create_system == 3 and (entry.external_attr >> 16) & 0o170000 == 0o120000


def _refusal(entry: zipfile.ZipInfo, limit: int) -> str | None:
    """Why a zip member is not opened, judged from its header before a byte of it is expanded."""
    if _hostile_path(entry.filename):
        shown = "".join(ch if ch.isprintable() else "?" for ch in entry.filename)[:200]
        return f"The file's path inside the zip ({shown}) points outside the archive; it is not opened."
    if _is_link(entry):
        return "This is a link inside the zip, not a file; it is not followed."
    if entry.flag_bits & 0x1:
        return "The file is encrypted inside the zip."
    if entry.file_size > limit:
        return f"The file is larger than the {limit // 1048576} MB limit."
    if entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO:
        return "The file expands far beyond its compressed size; not opened."
    return None


def expand(name: str, fileobj) -> Iterator[tuple[str, bytes | None, str | None]]:
    """The files in an upload: ``(name, bytes, None)`` for each, or ``(name, None, reason)`` when one
    cannot be taken. A Word document (a zip by structure) is one file. Any other zip is opened one level:
    each member is checked for its path, kind, encryption and declared size before it is read, read with a
    cap, and judged by its content (a DOCX renamed ``.pdf`` is still a DOCX); every member refused becomes a
    failed item with its reason, never a silent drop. Yields one file at a time, so a large zip is never held
    in memory whole."""
    limit = max_resume_bytes()
    head = fileobj.read(4)
    fileobj.seek(0)
    if not _is_zip(head):
        data = fileobj.read(limit + 1)
        yield (name, None, f"The file is larger than the {limit // 1048576} MB limit.") if len(data) > limit \
            else (name, data, None)
        return
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        yield name, None, "The zip file is damaged and cannot be opened."
        return
    with archive:
        members = archive.infolist()
        if "word/document.xml" in (m.filename for m in members):  # a Word file is a zip too
            fileobj.seek(0)
            data = fileobj.read(limit + 1)
            yield (name, None, f"The file is larger than the {limit // 1048576} MB limit.") if len(data) > limit \
                else (name, data, None)
            return
        most = current_app.config.get("IMPORT_MAX_FILES", MAX_ENTRIES)
        if len(members) > most:
            yield name, None, f"The zip holds {len(members)} files; import at most {most} at once."
            return
        budget = int(current_app.config.get("IMPORT_MAX_MB", 500) * 1024 * 1024) * 4  # all members, expanded
        for entry in members:
            base = os.path.basename(entry.filename.replace("\\", "/"))
            hostile = _hostile_path(entry.filename)
            if not hostile and (entry.is_dir() or any(s in entry.filename for s in SKIP) or base.startswith(".")):
                continue  # folders and the junk archivers add (__MACOSX, .DS_Store)
            # Only the base name is kept: a path like ../../etc/passwd names nothing on our side.
            entry_name = f"{name}/{''.join(ch for ch in base if ch.isprintable()) or 'unnamed'}"
            reason = _refusal(entry, limit)
            if reason is None and entry.file_size > budget:
                reason = "The zip expands past what one import may hold; the rest of it is not opened."
            if reason:
                yield entry_name, None, reason
                continue
            try:
                with archive.open(entry) as fh:
                    data = fh.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
                yield entry_name, None, "The file is damaged inside the zip."
                continue
            budget -= len(data)
            if len(data) > limit:
                yield entry_name, None, f"The file is larger than the {limit // 1048576} MB limit."
            elif _is_zip(data[:4]) and not _is_docx(data):
                yield entry_name, None, "A zip inside a zip is not opened; unpack it and import again."
            else:
                yield entry_name, data, None


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
    queue_items(batch.id)
    db.session.commit()
    return batch


def queue_items(batch_id: int) -> int:
    """Queue a batch's waiting files for the workers (sent when the caller commits); returns how many."""
    ids = list(db.session.scalars(select(ImportItem.id).where(ImportItem.batch_id == batch_id,
                                                               ImportItem.status == "queued")))
    for item_id in ids:
        enqueue_after_commit(process_item, item_id)
    return len(ids)


@task("import_item", retries=2, retry_delay=5)
def process_item(item_id: int) -> str:
    """Parse one imported file and create or match its candidate; safe to run again.

    The item is held under a lease this worker renews while it works, so a slow parse is never taken over
    by another worker; only a lease left to run out (a worker that died) is. Whatever the parse raises
    becomes the item's recorded reason, and a file that stopped its worker ``IMPORT_MAX_ATTEMPTS`` times
    ends failed, so every batch finishes.
    """
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not _claim(item_id, owner):
        item = db.session.get(ImportItem, item_id)
        return item.status if item else "missing"
    item = db.session.get(ImportItem, item_id)
    if item.attempts > max_attempts():
        item.status, item.lease_owner, item.lease_until = "failed", None, None
        item.error = (f"The file stopped the import worker {item.attempts - 1} times while being read "
                      f"(it may be malformed or too heavy to read); not tried again."
                      + (f" Last: {item.error}" if item.error else ""))
        db.session.commit()
        return item.status
    lease = _Lease(item_id, owner)
    try:
        return _process(item, owner)
    except Exception as exc:
        db.session.rollback()
        _stopped(item_id, owner, exc)
        raise
    finally:
        lease.stop()


def max_attempts() -> int:
    return int(current_app.config.get("IMPORT_MAX_ATTEMPTS", 3))


def _lease_seconds() -> int:
    return int(current_app.config.get("IMPORT_STALE_SECONDS", 300))


class _Lease:
    """Renews a worker's lease on an item from a thread of its own, every third of the lease, while the
    worker is alive and busy (a parse may take longer than the lease)."""

    def __init__(self, item_id: int, owner: str):
        self.item_id, self.owner, self.seconds = item_id, owner, _lease_seconds()
        self.engine = db.engine
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"lease-{item_id}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from datetime import timedelta

        while not self.done.wait(max(self.seconds / 3, 0.05)):
            try:
                with self.engine.begin() as conn:
                    conn.execute(update(ImportItem.__table__)
                                 .where(ImportItem.id == self.item_id, ImportItem.lease_owner == self.owner,
                                        ImportItem.status == "parsing")
                                 .values(lease_until=utcnow() + timedelta(seconds=self.seconds)))
            except Exception:  # a dropped connection: try again next beat; the lease has slack for that
                logging.getLogger(__name__).warning("could not renew the lease on import item %s", self.item_id,
                                                    exc_info=True)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _stopped(item_id: int, owner: str, exc: Exception) -> None:
    """Record why an attempt stopped and give the item up at once, so the retry need not wait out the lease."""
    from datetime import timedelta

    try:
        db.session.execute(update(ImportItem).where(ImportItem.id == item_id, ImportItem.lease_owner == owner)
                           .values(error=_reason(exc), lease_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    except Exception:
        db.session.rollback()  # the database itself is gone: the lease runs out and recovery retries


def _reason(exc: Exception) -> str:
    """A failure as the person reading the import page should see it: what went wrong, briefly."""
    if isinstance(exc, ResumeError):
        return str(exc)
    detail = squash(exc)[:300]
    return f"The file could not be read ({type(exc).__name__}{': ' + detail if detail else ''})."


def _process(item: ImportItem, owner: str) -> str:
    batch = item.batch
    if batch.cancelled_at is not None:
        item.status = "cancelled"
        return _finish(item, owner)
    existing = db.session.scalars(select(Resume).where(Resume.sha256 == item.sha256).limit(1)).first()
    if existing is not None:
        item.status, item.candidate_id, item.resume_id = "duplicate", existing.candidate_id, existing.id
        item.note = "The same file was imported or uploaded before."
        _apply(batch, existing.candidate_id)
        return _finish(item, owner)
    data = db.session.get(StoredFile, item.sha256).data
    db.session.commit()  # no transaction held open while the parse runs
    try:
        parsed = parse_file(data)  # within the parse limits, in a child process
    except Exception as exc:  # whatever a hostile file makes the parser raise is this item's failure alone
        item.status, item.error = "failed", _reason(exc)
        return _finish(item, owner)

    def valid(normalise, values):
        for value in values:
            try:
                return normalise(value)
            except InvalidInput:
                continue
        return None

    email, phone = valid(normalise_email, parsed.emails), valid(normalise_phone, parsed.phones)
    lock_identity(email, phone)
    candidate = find_duplicate(email, phone)
    matched_by = ("email" if email and candidate.email == email else "phone") if candidate else None
    if candidate is None:
        candidate = find_same_person(parsed.name, parsed.text)
        matched_by = "name and resume text" if candidate else None
    from nlp.filetype import detect_type

    kind = detect_type(data)
    resume = Resume(sha256=item.sha256, filename=clean_filename(os.path.basename(item.filename), kind),
                    file_type=kind, size=len(data), uploaded_by_id=batch.created_by_id)
    if candidate is not None:
        # Never merged silently: the file becomes a new resume version and the match is flagged.
        item.note = f"Matched an existing candidate by {matched_by}."
        candidate.resumes.append(resume)
        db.session.flush()
        store_parse(resume, parsed, extra_reasons=[item.note + " Check it is the same person."])  # with its id
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
        store_parse(resume, parsed)
        if not parsed.name:
            item.note = "No name found in the resume; named after the file."
    item.needs_review = resume.review_status == "pending"
    item.status, item.candidate_id, item.resume_id = "done", candidate.id, resume.id
    _apply(batch, candidate.id)

    index_candidate(candidate.id, commit=False)
    status = _finish(item, owner)  # candidate, resume, search entry and item status land together, in one write
    if status == "done":
        rescore_candidate(candidate.id)
    return status


def _finish(item: ImportItem, owner: str) -> str:
    """Commit the item's outcome, only while this worker still holds it: if its lease ran out and another
    worker took the item over, everything this worker made is rolled back (never one file twice)."""
    item_id, status = item.id, item.status
    held = db.session.execute(update(ImportItem).where(ImportItem.id == item_id, ImportItem.lease_owner == owner)
                              .values(lease_owner=None, lease_until=None, updated_at=utcnow())).rowcount
    if not held:
        db.session.rollback()
        return db.session.get(ImportItem, item_id).status
    db.session.commit()
    return status


def _stale_before() -> datetime:
    from datetime import timedelta

    return utcnow() - timedelta(seconds=_lease_seconds())


def _lapsed():
    """Items left "parsing" by a worker whose lease ran out (or, from before leases, untouched too long)."""
    now = utcnow()
    return (ImportItem.status == "parsing") & (
        (ImportItem.lease_until < now) | (ImportItem.lease_until.is_(None) & (ImportItem.updated_at < _stale_before())))


def _claim(item_id: int, owner: str) -> bool:
    """Take an item for this worker: queued ones, or ones whose worker's lease ran out (a dead worker).

    One UPDATE with a condition, so two workers given the same item (a message queued twice after a
    restart) never both work on it; each claim counts an attempt.
    """
    from datetime import timedelta

    claimed = db.session.execute(
        update(ImportItem)
        .where(ImportItem.id == item_id, (ImportItem.status == "queued") | _lapsed())
        .values(status="parsing", lease_owner=owner, lease_until=utcnow() + timedelta(seconds=_lease_seconds()),
                attempts=ImportItem.attempts + 1, updated_at=utcnow())).rowcount
    db.session.commit()
    return claimed == 1


def recover_stalled() -> int:
    """Queue again the items whose task was lost: a worker killed mid-item, or a queue that lost its
    messages. Runs when a worker starts and every few minutes; claiming makes repeats harmless."""
    ids = list(db.session.scalars(
        select(ImportItem.id).join(ImportBatch).where(
            ImportBatch.cancelled_at.is_(None), (ImportItem.status == "queued") | _lapsed())))
    for item_id in ids:
        enqueue_after_commit(process_item, item_id)
    db.session.commit()
    return len(ids)


def _apply(batch: ImportBatch, candidate_id: int) -> None:
    if batch.job_id is None:
        return
    if applications.find(candidate_id, batch.job_id) is None:
        applications.create(candidate_id, batch.job_id, source="import", actor_id=batch.created_by_id,
                            how=f" by import #{batch.id}")


def get_batch(batch_id: int) -> ImportBatch:
    return get_or_raise(ImportBatch, batch_id, "import")


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
            "review": review_items(batch_id, limit=1)[0],
            "cancelled": batch.cancelled_at is not None, "done": left == 0}


def failed_items(batch_id: int) -> list[ImportItem]:
    return list(db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch_id,
                                                             ImportItem.status == "failed").order_by(ImportItem.id)))


def review_items(batch_id: int, limit: int = 50) -> tuple[int, list[Resume]]:
    """How many of a batch's resumes wait for a person's check, and the first ``limit`` of them: the review
    queue's own query for this batch, so the import page and the queue always agree."""
    page = queue(per_page=limit, batch_id=batch_id)
    return page.total or 0, list(page.items)


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
        item.status, item.error, item.attempts = "queued", None, 0
    record_audit("import.retry", ("importbatch", batch_id), actor_id=actor_id, items=len(items))
    for item in items:
        enqueue_after_commit(process_item, item.id)
    db.session.commit()
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
