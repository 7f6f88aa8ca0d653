"""Campus drives: events with eligibility rules, student registrations, rounds and their results."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow



class EventStatus(enum.StrEnum):
    """Where an event stands; stored as its value (``"published"``), so the column holds the same strings."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return EVENT_STATUSES[self.value]


class RegistrationStatus(enum.StrEnum):
    """A student's place: confirmed, on the waitlist, or given up."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class RoundKind(enum.StrEnum):
    """What a drive's round is."""

    APTITUDE = "aptitude"
    GROUP_DISCUSSION = "group_discussion"
    INTERVIEW = "interview"
    OTHER = "other"


EVENT_STATUSES = {EventStatus.DRAFT: "Draft", EventStatus.PUBLISHED: "Open for sign-up",
                  EventStatus.CLOSED: "Sign-up closed", EventStatus.COMPLETED: "Completed",
                  EventStatus.CANCELLED: "Cancelled"}
REGISTRATION_STATUSES = tuple(RegistrationStatus)
ROUND_KINDS = {RoundKind.APTITUDE: "Aptitude test", RoundKind.GROUP_DISCUSSION: "Group discussion",
               RoundKind.INTERVIEW: "Interview", RoundKind.OTHER: "Other"}

event_jobs = Table(
    "campus_event_jobs", db.metadata,
    Column("event_id", Integer, ForeignKey("campus_events.id", ondelete="CASCADE"), primary_key=True),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
)
event_team = Table(
    "campus_event_team", db.metadata,
    Column("event_id", Integer, ForeignKey("campus_events.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class CampusEvent(db.Model):
    """A visit to a school: when and where, who may sign up, for which jobs, and who goes."""

    __tablename__ = "campus_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # the short public URL: /e/<code>
    title: Mapped[str] = mapped_column(String(200))
    school: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Kolkata")
    venue: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(default=100)
    signup_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signup_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default=EventStatus.DRAFT.value, index=True)
    # Eligibility, as campus drives set it; empty means no rule.
    eligible_degrees: Mapped[list] = mapped_column(JSON, default=list)
    eligible_branches: Mapped[list] = mapped_column(JSON, default=list)
    graduation_years: Mapped[list] = mapped_column(JSON, default=list)
    min_cgpa: Mapped[float | None] = mapped_column()
    min_percentage: Mapped[float | None] = mapped_column()
    no_active_backlogs: Mapped[bool] = mapped_column(default=False)
    seats_version: Mapped[int] = mapped_column(default=0)  # bumped under lock by every seat change
    converted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    jobs: Mapped[list["Job"]] = relationship(secondary=event_jobs)  # noqa: F821
    team: Mapped[list["User"]] = relationship(secondary=event_team)  # noqa: F821
    rounds: Mapped[list["DriveRound"]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                      order_by="DriveRound.position")

    @property
    def status_label(self) -> str:
        return EVENT_STATUSES.get(self.status, self.status)


class Registration(db.Model):
    """A student's sign-up for one event (or a walk-in), with their place or waitlist turn and check-in."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("campus_events.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # QR code, cancel link (>= 128 random bits)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    degree: Mapped[str | None] = mapped_column(String(100))
    branch: Mapped[str | None] = mapped_column(String(100))
    graduation_year: Mapped[int | None]
    cgpa: Mapped[float | None]
    percentage: Mapped[float | None]
    active_backlogs: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default=RegistrationStatus.CONFIRMED.value, index=True)
    walk_in: Mapped[bool] = mapped_column(default=False)
    # The student asked for a person, not the automated tool: carried to the applications made at conversion.
    human_review_requested: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    event: Mapped[CampusEvent] = relationship()
    candidate: Mapped["Candidate | None"] = relationship()  # noqa: F821


class DriveRound(db.Model):
    """One round of a drive (aptitude test, group discussion, interview), in order."""

    __tablename__ = "drive_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("campus_events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    position: Mapped[int] = mapped_column(default=0)
    pass_mark: Mapped[float | None] = mapped_column()  # with scores: this or more clears the round

    event: Mapped[CampusEvent] = relationship(back_populates="rounds")
    slots: Mapped[list["RoundSlot"]] = relationship(back_populates="round", cascade="all, delete-orphan",
                                                    order_by="RoundSlot.starts_at")


class RoundSlot(db.Model):
    """A time in a round that a number of students are assigned to (a test batch, a GD group)."""

    __tablename__ = "round_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("drive_rounds.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int] = mapped_column(default=10)
    place: Mapped[str] = mapped_column(String(200), default="")

    round: Mapped[DriveRound] = relationship(back_populates="slots")


class RoundResult(db.Model):
    """A student's slot in a round and, once assessed, the outcome."""

    __tablename__ = "round_results"
    __table_args__ = (UniqueConstraint("round_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("drive_rounds.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("round_slots.id", ondelete="SET NULL"))
    passed: Mapped[bool | None] = mapped_column()
    score: Mapped[float | None] = mapped_column()
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    registration: Mapped[Registration] = relationship()
    slot: Mapped["RoundSlot | None"] = relationship()
    assessor: Mapped["User | None"] = relationship()  # noqa: F821


class RegistrationDemographic(db.Model):
    """A student's answer to the old gender question at sign-up. No longer asked: migration 0019 copied the
    answers to ``self_id_answers`` (by registration, question "sex"); the rows stay until the student is erased."""

    __tablename__ = "registration_demographics"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), unique=True)
    group: Mapped[str] = mapped_column("group_label", String(60))
    self_description: Mapped[str | None] = mapped_column(String(200))  # with "Prefer to self-describe"
