"""Recommendation reports a consultant writes for a client: versions (drafts, then issued and frozen), the
links a client opens them by, and the client's answer on each recommendation."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

REPORT_DECISIONS = {"accepted": "Accepted", "declined": "Declined"}


class IssuedVersionChanged(Exception):
    """Something tried to change or delete a report version after it was issued."""


class RecommendationReport(db.Model):
    """A report for one client about one job order or one brief: its versions, newest last."""

    __tablename__ = "recommendation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("client_briefs.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    anonymise: Mapped[bool] = mapped_column(default=True)  # follows the share settings of submittals
    show_breakdown: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    client: Mapped["Client"] = relationship()  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821
    brief: Mapped["ClientBrief | None"] = relationship()  # noqa: F821
    created_by: Mapped["User | None"] = relationship()  # noqa: F821
    versions: Mapped[list["ReportVersion"]] = relationship(back_populates="report", order_by="ReportVersion.number")

    @property
    def latest(self) -> "ReportVersion":
        return self.versions[-1]


class ReportVersion(db.Model):
    """One version of a report. A draft is edited in place; once issued its content never changes (a later
    edit starts the next version). ``erasure_note`` is the one thing written later: that a candidate it
    names has since been erased."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("recommendation_reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(default=1)
    content: Mapped[dict] = mapped_column(JSON)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    erasure_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    report: Mapped[RecommendationReport] = relationship(back_populates="versions")
    issued_by: Mapped["User | None"] = relationship()  # noqa: F821
    shares: Mapped[list["ReportShare"]] = relationship(back_populates="version", order_by="ReportShare.created_at")
    decisions: Mapped[list["ReportDecision"]] = relationship(back_populates="version")

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


FROZEN = ("content", "number", "report_id", "issued_at", "issued_by_id", "created_at", "updated_at")


@event.listens_for(Session, "before_flush")
def _keep_issued_versions(session, flush_context, instances) -> None:
    """An issued version's content is kept as issued: changing or deleting it fails before it reaches the
    database."""
    for obj in session.dirty:
        if not isinstance(obj, ReportVersion):
            continue
        state = inspect(obj)
        history = state.attrs.issued_at.history
        before = (list(history.deleted) or list(history.unchanged) or [None])[0]
        if before is not None and any(state.attrs[name].history.has_changes() for name in FROZEN):
            raise IssuedVersionChanged(f"Version {obj.number} was issued; it cannot change.")
    for obj in session.deleted:
        if isinstance(obj, ReportVersion) and obj.issued_at is not None:
            raise IssuedVersionChanged(f"Version {obj.number} was issued; it cannot be deleted.")


class ReportShare(db.Model):
    """A link by which a client contact opens one issued version without signing in; only its token's
    hash is kept. Expires, can be withdrawn, counts its views (each one is in the audit log)."""

    __tablename__ = "report_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("report_versions.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("client_contacts.id", ondelete="SET NULL"))
    emailed: Mapped[bool] = mapped_column(default=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    views: Mapped[int] = mapped_column(default=0)
    last_viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[ReportVersion] = relationship(back_populates="shares")
    contact: Mapped["ClientContact | None"] = relationship()  # noqa: F821


class ReportDecision(db.Model):
    """The client's answer on one recommendation of an issued version (``key`` as in its content)."""

    __tablename__ = "report_decisions"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("report_versions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    decision: Mapped[str] = mapped_column(String(20))  # accepted, declined
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[ReportVersion] = relationship(back_populates="decisions")
