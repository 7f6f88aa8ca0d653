"""Applications: a candidate considered for a job, moving through the pipeline stages."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow
from recruit.models.candidate import SOURCES

DEFAULT_STAGES = ("applied", "screening", "shortlisted", "assessment", "interview", "offer", "hired")
CLOSED_STAGES = ("rejected", "withdrawn")  # need a reason


class Application(db.Model):
    """One candidate for one job; at most one per pair."""

    __tablename__ = "applications"
    # The ranking's order read from the index alone (``scoring._ranking``: a job's open applications by override,
    # score and id), so a page of a 2,000-applicant ranking reads no table rows (benchmarks/RESULTS.md, issue 21), and
    # with whether a human review was asked, the suggested shortlist beside it neither (migration 0027).
    __table_args__ = (UniqueConstraint("candidate_id", "job_id"),
                      Index("ix_applications_ranking", "job_id", "stage", "override", "score", "id",
                            "human_review_requested"))

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(30), default="applied", index=True)
    stage_reason: Mapped[str | None] = mapped_column(Text)
    stage_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    score: Mapped[float | None] = mapped_column(index=True)
    score_breakdown: Mapped[dict | None] = mapped_column(JSON)
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A recruiter's promote/demote of the ranking, with the reason, kept for whoever asks why.
    override: Mapped[str | None] = mapped_column(String(10))
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    override_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(20), default="manual")
    # What an experienced applicant says on the careers form; shown to the recruiter, never read by scoring.
    current_employer: Mapped[str | None] = mapped_column(String(200))
    notice_period_days: Mapped[int | None]
    current_ctc_lpa: Mapped[float | None]  # lakh rupees a year
    expected_ctc_lpa: Mapped[float | None]
    # The candidate asked to be assessed by a person: the scorer leaves this application out of the ranking.
    human_review_requested: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    candidate: Mapped["Candidate"] = relationship(back_populates="applications")  # noqa: F821
    job: Mapped["Job"] = relationship(back_populates="applications")  # noqa: F821

    override_by: Mapped["User | None"] = relationship(foreign_keys=[override_by_id])  # noqa: F821

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)

    @property
    def stage_label(self) -> str:
        return self.stage.replace("_", " ").capitalize()


class DemographicResponse(db.Model):
    """A candidate's answer to the old gender question for one application. No longer asked: migration 0019
    copied the answers to ``self_id_answers`` (question "sex"); the rows stay until the candidate is erased.

    Kept in its own table so that no reviewer page ever loads it with the application.
    """

    __tablename__ = "demographic_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    group: Mapped[str] = mapped_column("group_label", String(60))
    self_description: Mapped[str | None] = mapped_column(String(200))  # with "Prefer to self-describe"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
