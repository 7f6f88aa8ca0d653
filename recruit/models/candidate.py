"""Candidates, their resumes, and the content-addressed files behind them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

SOURCES = {
    "manual": "Added by a recruiter",
    "careers": "Careers page",
    "campus": "Campus event",
    "import": "Bulk import",
    "referral": "Referral",
    "api": "API",
    "pool": "Talent pool",
}

PARSE_STATUSES = ("pending", "parsing", "done", "failed")
# Resume.acceptance of a file an unverified visitor sent for a known candidate (kept, never the profile's source
# until a recruiter accepts it): the public form it came through.
HELD_FROM = {"careers": "the careers page", "campus": "a campus sign-up page"}


class Candidate(db.Model):
    """A person who may be hired. Contact fields are personal data, erased on request."""

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)  # E.164
    location: Mapped[str | None] = mapped_column(String(200))
    headline: Mapped[str | None] = mapped_column(String(200))
    # Added with a resume and no name: the name is the file's until the parse finds the person's own.
    name_from_resume: Mapped[bool] = mapped_column(default=False, server_default=false())
    source: Mapped[str] = mapped_column(String(20), default="manual", index=True)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    retain_until: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # personal data removed on request

    resumes: Mapped[list["Resume"]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="Resume.uploaded_at.desc()"
    )
    applications: Mapped[list["Application"]] = relationship(  # noqa: F821
        back_populates="candidate", cascade="all, delete-orphan"
    )
    created_by: Mapped["User | None"] = relationship()  # noqa: F821
    tags: Mapped[list["Tag"]] = relationship(secondary="candidate_tags", order_by="Tag.name")  # noqa: F821

    @property
    def latest_resume(self) -> "Resume | None":
        """The newest resume the firm holds (one sent by an unverified visitor only once accepted)."""
        return next((r for r in self.resumes if r.acceptance is None), None)

    @property
    def awaiting_resumes(self) -> list["Resume"]:
        """Resumes sent through a public form for this known candidate, not yet accepted by a recruiter."""
        return [r for r in self.resumes if r.acceptance is not None]

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)

    def __repr__(self) -> str:
        return f"<Candidate {self.id}>"


class StoredFile(db.Model):
    """The bytes of an uploaded file, stored once however often it is uploaded."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Resume(db.Model):
    """One resume file of a candidate, with what the parser made of it."""

    __tablename__ = "resumes"
    __table_args__ = (UniqueConstraint("candidate_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    file_type: Mapped[str] = mapped_column(String(10))  # pdf, docx, txt (detected from content)
    size: Mapped[int]
    extracted_text: Mapped[str | None] = deferred(mapped_column(Text))
    parsed: Mapped[dict | None] = deferred(mapped_column(JSON))
    parse_status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    parse_error: Mapped[str | None] = mapped_column(Text)
    # A parse in progress holds a lease; one whose lease ran out belonged to a worker that died and is
    # taken over, until it has been tried parse_attempts times (then it fails with a reason).
    parse_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    parse_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    parser_version: Mapped[str | None] = mapped_column(String(40))
    parsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # How far the parse can be trusted (nlp.confidence), and the review queue it may put the resume in.
    confidence: Mapped[dict | None] = mapped_column(JSON)
    review_status: Mapped[str | None] = mapped_column(String(20), index=True)  # pending, confirmed
    review_reasons: Mapped[list | None] = mapped_column(JSON)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_corrections: Mapped[int | None]  # fields the reviewer changed
    # None: the firm's own version. A key of HELD_FROM: sent through that public form with the email or phone
    # of a known candidate; a recruiter accepts it (then None) or rejects it (then it is deleted).
    acceptance: Mapped[str | None] = mapped_column(String(20), index=True)

    candidate: Mapped[Candidate] = relationship(back_populates="resumes")
    file: Mapped[StoredFile] = relationship()
    reviewed_by: Mapped["User | None"] = relationship(foreign_keys=[reviewed_by_id])  # noqa: F821

    MIME_TYPES = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "txt": "text/plain; charset=utf-8",
    }

    @property
    def held_from(self) -> str | None:
        """Where a resume awaiting acceptance came from, in words ("the careers page"); None for the firm's own."""
        return HELD_FROM.get(self.acceptance, self.acceptance) if self.acceptance else None

    @property
    def mimetype(self) -> str:
        return self.MIME_TYPES[self.file_type]


class ProfileCorrection(db.Model):
    """A recruiter's correction of one parsed field (``name``, ``skills``, ``experience.0.title``),
    applied on top of every later parse of the candidate's resumes."""

    __tablename__ = "profile_corrections"
    __table_args__ = (UniqueConstraint("candidate_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(80))
    value: Mapped[object | None] = mapped_column(JSON)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ImportBatch(db.Model):
    """A bulk import: many resume files dropped at once, from the web page or the command line."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(20), default="web")  # web, cli
    label: Mapped[str] = mapped_column(String(255), default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    items: Mapped[list["ImportItem"]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                                     order_by="ImportItem.id")
    created_by: Mapped["User | None"] = relationship()  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821


ITEM_STATUSES = ("queued", "parsing", "done", "duplicate", "failed", "cancelled")


class ImportItem(db.Model):
    """One file of a batch and what became of it."""

    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))
    resume_id: Mapped[int | None] = mapped_column(ForeignKey("resumes.id", ondelete="SET NULL"))
    needs_review: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    # The worker holding the item while it parses, and until when: it renews the lease while alive, and the
    # item is taken over only once the lease has run out. Each claim counts an attempt.
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    batch: Mapped[ImportBatch] = relationship(back_populates="items")
    candidate: Mapped["Candidate | None"] = relationship()
    resume: Mapped["Resume | None"] = relationship()
    file: Mapped[StoredFile | None] = relationship()
