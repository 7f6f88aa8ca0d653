"""Client businesses a KPO firm recruits for, and the people there it deals with."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow

CLIENT_STATUSES = ("prospect", "active", "inactive")


class Client(db.Model):
    """A company that gives the firm job orders."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    industry: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[str | None] = mapped_column(String(40))
    guidelines: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="active")
    # The consultant who owns the relationship: only they or an executive write to the contacts and the log.
    account_owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    contacts: Mapped[list["ClientContact"]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientContact.name"
    )
    jobs: Mapped[list["Job"]] = relationship(back_populates="client")  # noqa: F821
    account_owner: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Client {self.name}>"


class ClientContact(db.Model):
    """A person at a client: hiring manager, procurement, account sponsor."""

    __tablename__ = "client_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    client: Mapped[Client] = relationship(back_populates="contacts")


class ClientDocument(db.Model):
    """A contract, service-level agreement or other paper kept on a client's page."""

    __tablename__ = "client_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"))
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(20), default="other")  # contract, sla, other
    mimetype: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    size: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Submittal(db.Model):
    """A shortlist sent to a client as a share link: no login, expires, can be revoked, shows only what
    the consultant chose. Only a hash of the link's token is kept."""

    __tablename__ = "submittals"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("client_contacts.id", ondelete="SET NULL"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    message: Mapped[str | None] = mapped_column(Text)
    anonymise: Mapped[bool] = mapped_column(default=True)  # anonymised profile, else the full resume
    show_breakdown: Mapped[bool] = mapped_column(default=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    views: Mapped[int] = mapped_column(default=0)
    last_viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    job: Mapped["Job"] = relationship()  # noqa: F821
    client: Mapped[Client] = relationship()
    contact: Mapped["ClientContact | None"] = relationship()
    created_by: Mapped["User | None"] = relationship()  # noqa: F821
    items: Mapped[list["SubmittalItem"]] = relationship(back_populates="submittal", cascade="all, delete-orphan",
                                                        order_by="SubmittalItem.position")


class SubmittalItem(db.Model):
    """One candidate in a submittal, the consultant's note on them, and the client's answer."""

    __tablename__ = "submittal_items"
    __table_args__ = (UniqueConstraint("application_id", name="uq_submittal_items_application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submittal_id: Mapped[int] = mapped_column(ForeignKey("submittals.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)
    conflict: Mapped[str | None] = mapped_column(Text)  # submitted to another client recently
    decision: Mapped[str | None] = mapped_column(String(20))  # interested, not_interested
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    submittal: Mapped[Submittal] = relationship(back_populates="items")
    application: Mapped["Application"] = relationship()  # noqa: F821


class RepresentationConsent(db.Model):
    """A candidate's yes or no to being represented to a named client, asked by email before their
    resume goes out."""

    __tablename__ = "representation_consents"
    __table_args__ = (UniqueConstraint("candidate_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="requested")  # requested, granted, declined
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    client: Mapped[Client] = relationship()
    candidate: Mapped["Candidate"] = relationship()  # noqa: F821


class Placement(db.Model):
    """A candidate placed with a client through a job order: start date, rate and the firm's margin."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    start_date: Mapped[date]
    rate: Mapped[float]
    rate_unit: Mapped[str] = mapped_column(String(20), default="month")  # hour, day, month, year, fixed
    margin_percent: Mapped[float | None]
    # The client's word on how the placed worker performed, 1 to 5, read when matching a brief.
    feedback_rating: Mapped[int | None]
    feedback: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    application: Mapped["Application"] = relationship()  # noqa: F821
    client: Mapped["Client | None"] = relationship()
