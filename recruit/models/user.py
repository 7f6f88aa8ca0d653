"""People who sign in: admins, recruiters and interviewers."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from recruit.extensions import db
from recruit.models.base import UTCDateTime, utcnow


class Role(str, enum.Enum):
    """What a user may do; checked on every route by ``role_required``."""

    ADMIN = "admin"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    # A senior consultant: owns client relationships, keeps the rate card, approves fees below its floor.
    EXECUTIVE = "executive"

    @property
    def label(self) -> str:
        return "Executive consultant" if self is Role.EXECUTIVE else self.value.capitalize()


class User(UserMixin, db.Model):
    """A staff member's account."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default=Role.RECRUITER.value)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active_account: Mapped[bool] = mapped_column("is_active", default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    # Part of every session and remember-me cookie: raising it (sign-out, a new password) ends those cookies.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invite_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    invite_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: the id and the session version."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.is_active_account

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    @property
    def is_executive(self) -> bool:
        return self.role == Role.EXECUTIVE.value

    def has_role(self, *roles: Role | str) -> bool:
        wanted = {r.value if isinstance(r, Role) else r for r in roles}
        return self.role in wanted

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()

    @property
    def has_pending_invite(self) -> bool:
        return self.password_hash is None and self.invite_token_hash is not None

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
