"""Jobs: the firm's own openings and clients' job orders."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow
from recruit.models.consulting import RATE_CARD_UNITS


class JobStatus(str, enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    ON_HOLD = "on_hold"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


EMPLOYMENT_TYPES = {
    "full_time": "Full-time",
    "part_time": "Part-time",
    "contract": "Contract",
    "internship": "Internship",
    "temporary": "Temporary",
}

EDUCATION_LEVELS = {
    "": "Any",
    "high_school": "High school",
    "diploma": "Diploma",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "mba": "MBA",
    "ca": "Chartered accountant (CA) / CPA",
    "law": "Law degree (LLB / LLM)",
    "phd": "PhD",
}


class Job(db.Model):
    """An opening to fill, in-house or for a client."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    location: Mapped[str | None] = mapped_column(String(200))
    employment_type: Mapped[str] = mapped_column(String(20), default="full_time")
    description: Mapped[str] = mapped_column(Text, default="")
    required_skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_years: Mapped[float] = mapped_column(default=0)
    education: Mapped[str] = mapped_column(String(40), default="")
    openings: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.DRAFT.value, index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Shortlisting: criterion weights (None = the scorer's defaults), the suggested shortlist, blind review.
    scoring_weights: Mapped[dict | None] = mapped_column(JSON)
    shortlist_size: Mapped[int] = mapped_column(default=10)
    shortlist_threshold: Mapped[float | None] = mapped_column()
    blind_review: Mapped[bool] = mapped_column(default=False)
    blind_until_stage: Mapped[str] = mapped_column(String(30), default="interview")
    # Listed on the public careers page (and its feeds) while open.
    public: Mapped[bool] = mapped_column(default=False, index=True)
    # A client's job order: their requirements, the fee or rate agreed, and when they need people.
    client_requirements: Mapped[str | None] = mapped_column(Text)
    fee: Mapped[str | None] = mapped_column(String(120))  # the terms as written ("8.33% of annual CTC")
    # The fee as the rate card is written (an amount in a currency per unit, for a service line), so it is compared
    # with the floor: below it, an executive's approval is needed before the order opens.
    service_line_id: Mapped[int | None] = mapped_column(ForeignKey("service_lines.id", ondelete="SET NULL"))
    fee_amount: Mapped[float | None]
    fee_currency: Mapped[str | None] = mapped_column(String(3))
    fee_unit: Mapped[str | None] = mapped_column(String(20))  # RATE_CARD_UNITS
    due_date: Mapped[date | None] = mapped_column(Date)

    client: Mapped["Client | None"] = relationship(back_populates="jobs")  # noqa: F821
    owner: Mapped["User | None"] = relationship()  # noqa: F821
    service_line: Mapped["ServiceLine | None"] = relationship()  # noqa: F821
    applications: Mapped[list["Application"]] = relationship(  # noqa: F821
        back_populates="job", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return JobStatus(self.status).label

    @property
    def employment_type_label(self) -> str:
        return EMPLOYMENT_TYPES.get(self.employment_type, self.employment_type)

    @property
    def education_label(self) -> str:
        return EDUCATION_LEVELS.get(self.education, self.education)

    @property
    def fee_label(self) -> str | None:
        """The fee as a person reads it: "USD 3,500.00 per month" when it is an amount, else the terms as written."""
        if self.fee_amount is None:
            return self.fee
        return f"{self.fee_currency} {self.fee_amount:,.2f} {RATE_CARD_UNITS.get(self.fee_unit, self.fee_unit)}"

    @property
    def is_client_order(self) -> bool:
        return self.client_id is not None

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.title!r} {self.status}>"
