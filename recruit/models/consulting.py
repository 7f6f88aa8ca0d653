"""The consultant's work beyond job orders: client briefs and their problems, the contact log, the firm's
service lines and rate card, fee approvals below the floor, and partner KPO firms with the standards they
hold, their contacts and past engagements."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

BRIEF_STATUSES = {"open": "Open", "proposed": "Proposed", "won": "Won", "lost": "Lost", "closed": "Closed"}
CONTACT_KINDS = {"meeting": "Meeting", "call": "Call", "email": "Email"}
APPROVAL_STATUSES = {"pending": "Waiting for an executive", "approved": "Approved", "declined": "Declined"}
# Units a rate is quoted in (the same words as a placement's rate unit, plus per-item work).
RATE_CARD_UNITS = {"hour": "per hour", "day": "per day", "month": "per month", "item": "per item",
                   "fixed": "fixed fee"}
# Standards the consultants are asked for most; a problem or a firm may name others.
COMMON_STANDARDS = ("ISO 27001", "ISO 9001", "SOC 2", "GDPR", "HIPAA", "PCI DSS", "Data kept in India",
                    "Data kept in the EU", "Data kept in the US")


class ServiceLine(db.Model):
    """A kind of work the firm sells: equity research, legal research, market intelligence, analytics."""

    __tablename__ = "service_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    rates: Mapped[list["RateCardEntry"]] = relationship(back_populates="service_line", cascade="all, delete-orphan",
                                                        order_by="RateCardEntry.unit")

    def __repr__(self) -> str:
        return f"<ServiceLine {self.name}>"


class RateCardEntry(db.Model):
    """The rate card: per service line and unit, the standard rate and the floor below which an executive
    must approve."""

    __tablename__ = "rate_card_entries"
    __table_args__ = (UniqueConstraint("service_line_id", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_line_id: Mapped[int] = mapped_column(ForeignKey("service_lines.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(20), default="hour")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    floor_rate: Mapped[float]
    standard_rate: Mapped[float]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    service_line: Mapped[ServiceLine] = relationship(back_populates="rates")

    @property
    def unit_label(self) -> str:
        return RATE_CARD_UNITS.get(self.unit, self.unit)


class ClientBrief(db.Model):
    """What a client asked for: one or more problems or potential projects, owned by an account lead."""

    __tablename__ = "client_briefs"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    client: Mapped["Client"] = relationship()  # noqa: F821
    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])  # noqa: F821
    problems: Mapped[list["BriefProblem"]] = relationship(back_populates="brief", cascade="all, delete-orphan",
                                                          order_by="BriefProblem.position, BriefProblem.id")

    @property
    def status_label(self) -> str:
        return BRIEF_STATUSES.get(self.status, self.status)


class BriefProblem(db.Model):
    """One problem or potential project in a brief: the service line, the work, the skills, how much and by
    when, the budget, and the standards the work must meet."""

    __tablename__ = "brief_problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("client_briefs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    service_line_id: Mapped[int | None] = mapped_column(ForeignKey("service_lines.id", ondelete="SET NULL"))
    work: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    volume: Mapped[str | None] = mapped_column(String(200))  # "3 analysts", "40 reports a month"
    timeline: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    budget_amount: Mapped[float | None]
    budget_unit: Mapped[str | None] = mapped_column(String(20))  # RATE_CARD_UNITS
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    required_standards: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_years: Mapped[float] = mapped_column(default=0)
    # The fee quoted to the client for this work; below the rate card's floor it needs an executive's approval.
    quote_amount: Mapped[float | None]
    quote_unit: Mapped[str | None] = mapped_column(String(20))
    # The job order this problem became, when it did.
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    brief: Mapped[ClientBrief] = relationship(back_populates="problems")
    service_line: Mapped["ServiceLine | None"] = relationship()
    job: Mapped["Job | None"] = relationship()  # noqa: F821


class ContactLogEntry(db.Model):
    """A meeting, call or email with a client's contact: who, when, what was said, and the next step by a
    date (open next steps are the owner's follow-ups on the dashboard)."""

    __tablename__ = "contact_log_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("client_briefs.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("client_contacts.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="call")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    summary: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str | None] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    client: Mapped["Client"] = relationship()  # noqa: F821
    contact: Mapped["ClientContact | None"] = relationship()  # noqa: F821
    user: Mapped["User | None"] = relationship()  # noqa: F821

    @property
    def kind_label(self) -> str:
        return CONTACT_KINDS.get(self.kind, self.kind)

    @property
    def done(self) -> bool:
        return self.done_at is not None


class FeeApproval(db.Model):
    """A quote or a job order's fee below the rate card's floor: who asked, the amount and the floor, and
    the executive who approved or declined it."""

    __tablename__ = "fee_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("brief_problems.id", ondelete="CASCADE"), index=True)
    service_line_id: Mapped[int | None] = mapped_column(ForeignKey("service_lines.id", ondelete="SET NULL"))
    unit: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    amount: Mapped[float]
    floor: Mapped[float]
    floor_currency: Mapped[str | None] = mapped_column(String(3))  # the rate card's, when the fee is in another
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)

    client: Mapped["Client | None"] = relationship()  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821
    problem: Mapped["BriefProblem | None"] = relationship()
    service_line: Mapped["ServiceLine | None"] = relationship()
    requested_by: Mapped["User | None"] = relationship(foreign_keys=[requested_by_id])  # noqa: F821
    approved_by: Mapped["User | None"] = relationship(foreign_keys=[approved_by_id])  # noqa: F821

    @property
    def status_label(self) -> str:
        return APPROVAL_STATUSES.get(self.status, self.status)


partner_firm_service_lines = Table(
    "partner_firm_service_lines", db.metadata,
    Column("firm_id", ForeignKey("partner_firms.id", ondelete="CASCADE"), primary_key=True),
    Column("service_line_id", ForeignKey("service_lines.id", ondelete="CASCADE"), primary_key=True),
)


class PartnerFirm(db.Model):
    """A KPO firm the consultants can refer work to."""

    __tablename__ = "partner_firms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    website: Mapped[str | None] = mapped_column(String(300))
    capabilities: Mapped[list[str]] = mapped_column(JSON, default=list)  # skills and kinds of work
    locations: Mapped[list[str]] = mapped_column(JSON, default=list)
    time_zones: Mapped[list[str]] = mapped_column(JSON, default=list)  # IANA names
    capacity: Mapped[int | None]  # analysts they can put on new work
    capacity_note: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    service_lines: Mapped[list[ServiceLine]] = relationship(secondary=partner_firm_service_lines,
                                                            order_by="ServiceLine.name")
    standards: Mapped[list["FirmStandard"]] = relationship(back_populates="firm", cascade="all, delete-orphan",
                                                           order_by="FirmStandard.standard")
    contacts: Mapped[list["FirmContact"]] = relationship(back_populates="firm", cascade="all, delete-orphan",
                                                         order_by="FirmContact.name")
    engagements: Mapped[list["Engagement"]] = relationship(back_populates="firm", cascade="all, delete-orphan",
                                                           order_by="Engagement.created_at.desc()")

    def __repr__(self) -> str:
        return f"<PartnerFirm {self.name}>"


class FirmStandard(db.Model):
    """A standard a partner firm holds (ISO 27001, SOC 2...), until when, and its certificate, kept as a
    stored file checked by content."""

    __tablename__ = "firm_standards"
    __table_args__ = (UniqueConstraint("firm_id", "standard"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("partner_firms.id", ondelete="CASCADE"), index=True)
    standard: Mapped[str] = mapped_column(String(120))
    expires_on: Mapped[date | None] = mapped_column(Date)
    certificate_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"))
    certificate_filename: Mapped[str | None] = mapped_column(String(255))
    certificate_mimetype: Mapped[str | None] = mapped_column(String(120))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    firm: Mapped[PartnerFirm] = relationship(back_populates="standards")

    def expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today


class FirmContact(db.Model):
    """A person at a partner firm."""

    __tablename__ = "firm_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("partner_firms.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    firm: Mapped[PartnerFirm] = relationship(back_populates="contacts")


class Engagement(db.Model):
    """Work a partner firm did for a client through us, rated 1 to 5 with comments."""

    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("partner_firms.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    brief_id: Mapped[int | None] = mapped_column(ForeignKey("client_briefs.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    service_line_id: Mapped[int | None] = mapped_column(ForeignKey("service_lines.id", ondelete="SET NULL"))
    rating: Mapped[int | None]  # 1..5
    comments: Mapped[str | None] = mapped_column(Text)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    firm: Mapped[PartnerFirm] = relationship(back_populates="engagements")
    client: Mapped["Client | None"] = relationship()  # noqa: F821
    service_line: Mapped["ServiceLine | None"] = relationship()
