"""Fairness records: the admin's self-identification questions, the answers (kept apart from everything a
reviewer or the scorer reads), and the append-only log of human decisions an auditor reads."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

PREFER_NOT = "Prefer not to say"


class SelfIdQuestion(db.Model):
    """One voluntary question an admin asks on the careers form and the campus sign-up; always optional,
    always with "Prefer not to say" (added by the service, never stored in ``options``)."""

    __tablename__ = "self_id_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    options: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sensitive_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)  # e.g. caste: added on purpose
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SelfIdAnswer(db.Model):
    """An applicant's answer to one question for one application, or a student's for one campus registration
    (copied to each application made when the attendee is converted); erased with either."""

    __tablename__ = "self_id_answers"
    __table_args__ = (UniqueConstraint("application_id", "question_key"),
                      UniqueConstraint("registration_id", "question_key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"),
                                                       index=True)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"),
                                                        index=True)
    question_key: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DecisionLogEntry(db.Model):
    """One human decision (shortlist, override, reject, hire, ...) with who, when, why and the score the
    person saw; appended to, never rewritten by rescoring. Kept at least the configured period."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"),
                                                       index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    decision: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    score: Mapped[float | None]
    scorer_version: Mapped[str | None] = mapped_column(String(40))
    score_snapshot: Mapped[dict | None] = mapped_column(JSON)  # weights and features the score read
    human_review: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class AuditPublication(db.Model):
    """A bias audit the firm chose to publish: a snapshot of the overall counts, rates and ratios, with the
    data's period and the date the scorer version came into use. Only the latest is shown publicly."""

    __tablename__ = "audit_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    summary: Mapped[dict] = mapped_column(JSON)
