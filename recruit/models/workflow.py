"""The recruiter's daily work: pipeline stages and their history, email, tags and lists, interviews."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, Float, ForeignKey, Integer, String, Table, Text, UniqueConstraint, false
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

# ------------------------------------------------------------------ pipeline

STAGE_KINDS = ("open", "hired", "closed")  # closed stages (rejected, withdrawn) need a reason


class PipelineStage(db.Model):
    """A column of the pipeline board. Admins add, rename, reorder and retire them; ``applied``,
    ``shortlisted``, ``hired``, ``rejected`` and ``withdrawn`` cannot be retired because the shortlist
    and the reports count on them."""

    __tablename__ = "pipeline_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(30), unique=True)
    label: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10), default="open")
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def needs_reason(self) -> bool:
        return self.kind == "closed"

    @property
    def fixed(self) -> bool:
        return self.key in ("applied", "shortlisted", "hired", "rejected", "withdrawn")


class RejectionReason(db.Model):
    """One of the reasons admins offer for rejecting an application (the recruiter may also write their own)."""

    __tablename__ = "rejection_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class StageChange(db.Model):
    """One move of an application between stages: who, when, why. Time in stage and time to hire
    are read from here."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(30))
    to_stage: Mapped[str] = mapped_column(String(30), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    actor: Mapped["User | None"] = relationship()  # noqa: F821


# ------------------------------------------------------------------ email

class EmailTemplate(db.Model):
    """A message recruiters send often, with ``{{placeholders}}`` filled per candidate."""

    __tablename__ = "email_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


OUTBOX_STATUSES = ("queued", "sent", "kept", "failed")


class OutboxMessage(db.Model):
    """Every email the system sends, kept: queued by a request, delivered by a worker (by SMTP when it
    is configured, otherwise ``kept`` here for an admin to read)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    template_key: Mapped[str | None] = mapped_column(String(40))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list | None] = mapped_column(JSON)  # [{"filename", "mimetype", "content"}] (text)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    candidate: Mapped["Candidate | None"] = relationship()  # noqa: F821
    created_by: Mapped["User | None"] = relationship()  # noqa: F821


# ------------------------------------------------------------------ tags, lists, saved searches

candidate_tags = Table(
    "candidate_tags", db.metadata,
    Column("candidate_id", Integer, ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

list_members = Table(
    "list_members", db.metadata,
    Column("list_id", Integer, ForeignKey("saved_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("candidate_id", Integer, ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class SavedList(db.Model):
    """A named pool of candidates ("Q3 equity research pool")."""

    __tablename__ = "saved_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    candidates: Mapped[list["Candidate"]] = relationship(secondary=list_members)  # noqa: F821


class SavedSearch(db.Model):
    """A search a user runs again: its query string, kept per user."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    query: Mapped[str] = mapped_column(Text)  # the URL query string of the search page
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# ------------------------------------------------------------------ interviews

RECOMMENDATIONS = {"strong_yes": "Strong yes", "yes": "Yes", "no": "No", "strong_no": "Strong no"}
CRITERIA = {"analysis": "Analytical thinking", "domain": "Domain knowledge", "communication": "Written and spoken English",
            "tools": "Tools (Excel, SQL, ...)", "fit": "Fit for client work"}


class Interview(db.Model):
    """An interview of one application: when (with its time zone), where, who interviews."""

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_minutes: Mapped[int] = mapped_column(default=45)
    timezone: Mapped[str] = mapped_column(String(60), default="UTC")
    location: Mapped[str | None] = mapped_column(String(300))
    video_link: Mapped[str | None] = mapped_column(String(500))
    uid: Mapped[str] = mapped_column(String(80), unique=True)  # the calendar event's UID
    sequence: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    application: Mapped["Application"] = relationship()  # noqa: F821
    assignments: Mapped[list["InterviewAssignment"]] = relationship(back_populates="interview",
                                                                    cascade="all, delete-orphan")


class InterviewAssignment(db.Model):
    """One interviewer on one interview, and their feedback (only they can write or read it before
    the recruiter sees the summary)."""

    __tablename__ = "interview_assignments"
    __table_args__ = (UniqueConstraint("interview_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    ratings: Mapped[dict | None] = mapped_column(JSON)  # criterion -> 1..5
    recommendation: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    interview: Mapped[Interview] = relationship(back_populates="assignments")
    interviewer: Mapped["User"] = relationship()  # noqa: F821


class Mention(db.Model):
    """A user named with @ in a note; it shows on their dashboard until they open it."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    activity: Mapped["Activity"] = relationship()  # noqa: F821


# ------------------------------------------------------------------ search

class SearchDocument(db.Model):
    """What candidate search reads: one row per candidate, rebuilt when the candidate, their parsed
    resume, corrections or tags change. ``body`` is indexed for full-text search (FTS5 on SQLite, a
    GIN index over ``to_tsvector`` on PostgreSQL); the other columns serve the filters.
    List columns are stored ``|a|b|`` (lower case) so a filter is one indexed-free LIKE per value."""

    __tablename__ = "search_documents"

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="|")
    degrees: Mapped[str] = mapped_column(String(200), default="|")
    institutions: Mapped[str] = mapped_column(Text, default="|")
    years: Mapped[float | None] = mapped_column(index=True)
    # The candidate's location, lower-cased, so the location filter narrows the text matches in this table
    # (a trigram index on PostgreSQL) instead of joining every match to candidates first.
    location: Mapped[str | None] = mapped_column(String(200))
    # The name, lower-cased, for the search box's name suggestions (a prefix is one index range).
    name: Mapped[str | None] = mapped_column(String(200), index=True)
    # Whether the candidate is archived (a copy of ``candidates.archived_at IS NOT NULL``, kept by
    # ``index_candidate`` and ``mark_archived``), so a search whose filters all read this table ranks and pages
    # its matches without joining them to candidates.
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class CandidateFeatures(db.Model):
    """What the shortlisting scorer reads of a candidate's profile (``nlp.score.features_to_dict`` of the latest
    parsed resume with the recruiters' corrections), stored when the candidate is indexed so that matching the
    talent pool scores hundreds of candidates from these rows instead of parsing their resumes again. ``data`` is
    None when the candidate has no parsed resume; a row of another ``format`` (an older scorer) counts as
    missing. Removed with the search document (erasure)."""

    __tablename__ = "candidate_features"

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True)
    format: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SearchTerm(db.Model):
    """A skill or job title some candidate's profile has, for the search box's suggestions as the recruiter
    types (``folded`` is the lower-cased value, so a prefix is one index range). Added by
    ``recruit.services.search.index_candidate``; never removed (a term nobody has any more finds nobody)."""

    __tablename__ = "search_terms"

    folded: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)  # skill, title
    value: Mapped[str] = mapped_column(String(200))


# SQLite keeps the full-text index in an FTS5 table beside search_documents (rowid = candidate id).
FTS_TABLE = "search_fts"
CREATE_FTS = f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, tokenize='porter unicode61')"
db.event.listen(SearchDocument.__table__, "after_create", db.DDL(CREATE_FTS).execute_if(dialect="sqlite"))
db.event.listen(SearchDocument.__table__, "after_drop",
                db.DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"))
# PostgreSQL: the document's tsvector, stored (a generated column, so ranking never re-parses the text), in
# one GIN index with the location's trigrams: words and location are then found by one index scan that yields
# only the documents with both (twice as fast at 100,000 as two indexes ANDed, and the same for words alone;
# benchmarks/RESULTS.md, issue 24). Made here, not in the metadata, because the ORM never writes the column.
PG_SEARCH_DDL = (
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_tsv_location ON search_documents "
    "USING gin (tsv, location gin_trgm_ops)",
)
for _statement in PG_SEARCH_DDL:
    db.event.listen(SearchDocument.__table__, "after_create", db.DDL(_statement).execute_if(dialect="postgresql"))
# SQLite: what the usual filters read, beside the candidate id, in an index, so checking each full-text match
# against them reads a narrow index entry instead of the whole document row (benchmarks/RESULTS.md, issue 24).
# PostgreSQL needs none: there the text and the location are one index scan, the rest filters its rows.
SQLITE_FILTER_INDEX = ("CREATE INDEX IF NOT EXISTS ix_search_documents_filters ON search_documents "
                       "(candidate_id, archived, years, location)")
db.event.listen(SearchDocument.__table__, "after_create", db.DDL(SQLITE_FILTER_INDEX).execute_if(dialect="sqlite"))
SQLITE_FILTER_HINT = "INDEXED BY ix_search_documents_filters"
# SQLite: the same three filters again, in a narrow table of their own keyed by the candidate id (its rowid), which
# a word search whose filters are all there joins instead of the index above: one integer-key seek per full-text
# match in a table of ~25-byte rows, half what the index's seek and range compare cost (benchmarks/RESULTS.md,
# issue 24, s30). Triggers copy every write of search_documents into it, whoever makes the write (indexing,
# archiving, erasure, a cascade from candidates, a bulk load), so it cannot go stale. A batch migration that
# rebuilds search_documents drops its triggers: make them again there (``SQLITE_SEARCH_FILTERS``).
SEARCH_FILTERS = "search_filters"
_COPY_FILTERS = ("INSERT OR REPLACE INTO search_filters (candidate_id, archived, years, location) "
                 "VALUES (new.candidate_id, new.archived, new.years, new.location);")
SQLITE_SEARCH_FILTERS = (
    "CREATE TABLE IF NOT EXISTS search_filters (candidate_id INTEGER PRIMARY KEY, "
    "archived BOOLEAN NOT NULL DEFAULT 0, years FLOAT, location VARCHAR(200))",
    "CREATE TRIGGER IF NOT EXISTS search_filters_insert AFTER INSERT ON search_documents BEGIN "
    f"{_COPY_FILTERS} END",
    "CREATE TRIGGER IF NOT EXISTS search_filters_update AFTER UPDATE OF candidate_id, archived, years, location "
    "ON search_documents BEGIN DELETE FROM search_filters WHERE candidate_id = old.candidate_id; "
    f"{_COPY_FILTERS} END",
    "CREATE TRIGGER IF NOT EXISTS search_filters_delete AFTER DELETE ON search_documents BEGIN "
    "DELETE FROM search_filters WHERE candidate_id = old.candidate_id; END",
)
for _statement in SQLITE_SEARCH_FILTERS:
    db.event.listen(SearchDocument.__table__, "after_create", db.DDL(_statement).execute_if(dialect="sqlite"))
db.event.listen(SearchDocument.__table__, "after_drop",
                db.DDL(f"DROP TABLE IF EXISTS {SEARCH_FILTERS}").execute_if(dialect="sqlite"))
search_filters = sa_table(SEARCH_FILTERS, sa_column("candidate_id", Integer), sa_column("archived", Boolean),
                          sa_column("years", Float), sa_column("location", String))


@compiles(Table, "sqlite")
def _sqlite_table(table, compiler, **kw):
    """SQLAlchemy drops a ``with_hint`` on SQLite; render it after the table's name (``INDEXED BY ...``), since
    without statistics SQLite would read the whole row by its id rather than the narrower index."""
    sql = compiler.visit_table(table, **kw)
    hint = (kw.get("fromhints") or {}).get(table) if kw.get("asfrom") else None
    return f"{sql} {hint}" if hint else sql


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's comparisons: the FTS5 tables and the expression index are made by hand."""
    if type_ == "table" and name and (name.startswith(FTS_TABLE) or name == SEARCH_FILTERS):
        return False
    if type_ == "index" and name in ("ix_search_documents_fts", "ix_search_documents_tsv_location",
                                           "ix_search_documents_filters"):
        return False
    if type_ == "column" and name == "tsv" and getattr(getattr(obj, "table", None), "name", "") == "search_documents":
        return False
    return True
