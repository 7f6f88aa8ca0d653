"""Accounts: creating and inviting users, signing in with lockout, sessions, roles and deactivation."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from recruit.extensions import db
from recruit.models import Role, User
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services.audit import record_audit
from recruit.services.email import queue_to
from recruit.services.errors import Conflict, InvalidInput, ServiceError
from recruit.services.lookup import get_or_raise
from recruit.services.urls import public_url

MIN_PASSWORD_LENGTH = 10
INVITE_DAYS = 7
RESET_HOURS = 2  # a password-reset link works this long
# Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
_DUMMY_HASH = None


class LoginFailed(ServiceError):
    """Wrong email or password, or the account cannot sign in. The message never says which."""

    status = 401


class AccountLocked(LoginFailed):
    status = 423


def _hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Use at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    if password.isdigit() or len(set(password)) < 5:
        raise InvalidInput("Choose a less predictable password.", field="password")


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> str:
    """The address in the form accounts keep, or InvalidInput: the one test for the CLI, invitations and sign-in.

    Anything this accepts the sign-in form accepts, so no account is created that can never sign in.
    """
    try:
        validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"{email!r} is not an email address that can sign in: {exc}", field="email") from None
    return _normalise_email(email)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_user(user_id: int) -> User:
    return get_or_raise(User, user_id, "user")


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == _normalise_email(email)))


def create_user(email: str, name: str, role: str, password: str, *, actor_id: int | None = None) -> User:
    """Create an account that can sign in at once (used by the CLI and set-up)."""
    role = Role(role).value
    email = check_email(email)
    if find_by_email(email):
        raise Conflict("A user with that email already exists.")
    _check_password_policy(password)
    user = User(email=email, name=name.strip(), role=role,
                password_hash=_hash_password(password))
    db.session.add(user)
    db.session.flush()
    record_audit("user.create", user, actor_id=actor_id, role=role)
    db.session.commit()
    return user


def invite_user(email: str, name: str, role: str, *, actor_id: int) -> tuple[User, str]:
    """Create an account without a password and return it with a one-time invitation token."""
    role = Role(role).value
    email = check_email(email)
    if find_by_email(email):
        raise Conflict("A user with that email already exists.")
    token = secrets.token_urlsafe(32)
    user = User(email=email, name=name.strip(), role=role,
                invite_token_hash=_hash_token(token), invite_expires_at=utcnow() + timedelta(days=INVITE_DAYS))
    db.session.add(user)
    db.session.flush()
    record_audit("user.invite", user, actor_id=actor_id, role=role)
    db.session.commit()
    return user, token


def reissue_invite(user_id: int, *, actor_id: int) -> str:
    """A fresh invitation token for a user who has not yet set a password (the old one stops working)."""
    user = get_user(user_id)
    if user.password_hash is not None:
        raise Conflict("This user has already set a password.")
    token = secrets.token_urlsafe(32)
    user.invite_token_hash = _hash_token(token)
    user.invite_expires_at = utcnow() + timedelta(days=INVITE_DAYS)
    record_audit("user.reinvite", user, actor_id=actor_id)
    db.session.commit()
    return token


def start_reset(email: str) -> None:
    """Queue a one-time link to choose a new password for ``email`` (sent by ``send_reset_link``).

    The request does the same work whether or not the address has an account (one queued task), so
    neither the answer nor its timing says which.
    """
    enqueue_after_commit(send_reset_link, _normalise_email(email or "")[:254])
    db.session.commit()  # nothing else to commit: this sends it


@task("send_password_reset", retries=3, retry_delay=60)
def send_reset_link(email: str) -> bool:
    """(In the worker.) Email an active user a link valid ``RESET_HOURS``; False when no such user."""
    user = find_by_email(email or "")
    if user is None or not user.is_active_account:
        return False
    token = secrets.token_urlsafe(32)
    user.invite_token_hash, user.invite_expires_at = _hash_token(token), utcnow() + timedelta(hours=RESET_HOURS)
    link = public_url("auth.accept_invite", token=token)
    message = queue_to(user.email, subject="Choose a new password", template_key="password_reset", actor_id=None,
                       body=f"Dear {user.name.split()[0]},\n\nSomeone (we hope you) asked to reset the password of "
                            f"your recruit account. Choose a new one here within {RESET_HOURS} hours: {link}\n\n"
                            f"If it was not you, ignore this email: your password stays as it is.")
    record_audit("user.reset_request", user, actor_id=None)
    db.session.commit()
    return True


def user_for_invite(token: str) -> User | None:
    """The invited user a token belongs to, if it is valid and unexpired."""
    user = db.session.scalar(select(User).where(User.invite_token_hash == _hash_token(token)))
    if user is None or user.invite_expires_at is None or user.invite_expires_at < utcnow():
        return None
    return user


def accept_invite(token: str, password: str) -> User:
    """Set the password of an invited user; the token then stops working."""
    user = user_for_invite(token)
    if user is None or not user.is_active_account:
        raise InvalidInput("This invitation link is invalid or has expired. Ask an admin for a new one.")
    _check_password_policy(password)
    user.password_hash = _hash_password(password)
    user.invite_token_hash = None
    user.invite_expires_at = None
    user.failed_logins, user.locked_until = 0, None  # a reset also lifts a lockout
    user.session_version = User.session_version + 1  # a reset ends every session signed in before it
    record_audit("user.accept_invite", user, actor_id=user.id)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User:
    """Return the user for a correct email and password, counting failures and locking the account.

    After ``LOGIN_MAX_FAILURES`` wrong passwords in a row the account is locked for
    ``LOGIN_LOCKOUT_MINUTES``; a correct password during the lock is refused too. Each attempt is
    counted in the database before its password is checked, so a burst of simultaneous guesses gets
    no more checks than a series of them.
    """
    global _DUMMY_HASH
    cfg = current_app.config
    user = find_by_email(email)
    if user is None or user.password_hash is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = _hash_password(secrets.token_hex(8))
        check_password_hash(_DUMMY_HASH, password)
        record_audit("auth.login_failed", ("user", None), actor_id=None, email=_normalise_email(email)[:254])
        db.session.commit()
        raise LoginFailed("Wrong email or password.")
    attempt = _count_attempt(user.id)
    if attempt is None or attempt > cfg["LOGIN_MAX_FAILURES"]:
        if attempt is not None:  # guesses beyond the last allowed one, sent at the same moment as it
            _lock(user.id)
        record_audit("auth.login_locked", user, actor_id=None)
        db.session.commit()
        raise AccountLocked(
            "Too many failed attempts. This account is locked for a while; try again later or ask an admin."
        )
    if not check_password_hash(user.password_hash, password):
        details = {"failures": attempt}
        if attempt >= cfg["LOGIN_MAX_FAILURES"]:
            details["locked_until"] = _lock(user.id).isoformat()
        record_audit("auth.login_failed", user, actor_id=None, **details)
        db.session.commit()
        raise LoginFailed("Wrong email or password.")
    if not user.is_active_account:
        record_audit("auth.login_inactive", user, actor_id=None)
        db.session.commit()
        raise LoginFailed("Wrong email or password.")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    record_audit("auth.login", user, actor_id=user.id)
    db.session.commit()
    return user


def _count_attempt(user_id: int) -> int | None:
    """Add one to the user's failed sign-ins in a single UPDATE and return the new count; None while locked.

    Committed at once, so simultaneous attempts each see the ones before them.
    """
    count = db.session.scalar(
        update(User)
        .where(User.id == user_id, (User.locked_until.is_(None)) | (User.locked_until <= utcnow()))
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return count


def _lock(user_id: int):
    """Lock the account for ``LOGIN_LOCKOUT_MINUTES`` and start counting afresh; returns when the lock ends."""
    locked_until = utcnow() + timedelta(minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])
    db.session.execute(update(User).where(User.id == user_id).values(locked_until=locked_until, failed_logins=0)
                       .execution_options(synchronize_session=False))
    return locked_until


def user_for_session(session_id: str) -> User | None:
    """The active user a session or remember-me cookie names (``id:version``), while that version is current."""
    user_id, _, version = (session_id or "").partition(":")
    if not (user_id.isdigit() and version.isdigit() and len(user_id) < 10):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def end_sessions(user_id: int) -> None:
    """Sign the user out everywhere: every session and remember-me cookie issued so far stops working."""
    db.session.execute(update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
                       .execution_options(synchronize_session=False))
    record_audit("auth.logout", ("user", user_id), actor_id=user_id)
    db.session.commit()


def change_password(user_id: int, current: str, new: str) -> User:
    """Set a new password after checking the current one; every session signed in before it ends."""
    user = get_user(user_id)
    if not user.password_hash or not check_password_hash(user.password_hash, current):
        raise InvalidInput("The current password is wrong.", field="current_password")
    if current == new:
        raise InvalidInput("Choose a password different from the current one.", field="password")
    _check_password_policy(new)
    user.password_hash = _hash_password(new)
    user.session_version = User.session_version + 1  # other sessions end; the caller renews its own
    record_audit("user.password_change", user, actor_id=user.id)
    db.session.commit()
    return user


def _active_admins() -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.is_active_account)
    )


def update_user(user_id: int, *, role: str, active: bool, name: str | None = None, actor_id: int) -> User:
    """Change a user's role, name or active flag; the last active admin cannot be demoted or deactivated."""
    user = get_user(user_id)
    role = Role(role).value
    losing_admin = user.is_admin and user.is_active_account and (role != Role.ADMIN.value or not active)
    if user.id == actor_id and not active:
        raise Conflict("You cannot deactivate your own account.")
    if losing_admin and _active_admins() <= 1:
        raise Conflict("This is the last active admin; make another admin first.")
    changes = {}
    if role != user.role:
        changes["role"] = [user.role, role]
        user.role = role
    if active != user.is_active_account:
        changes["active"] = [user.is_active_account, active]
        user.is_active_account = active
    if name and name.strip() != user.name:
        changes["name"] = [user.name, name.strip()]
        user.name = name.strip()
    if changes:
        record_audit("user.update", user, actor_id=actor_id, **changes)
        db.session.commit()
    return user


def unlock_user(user_id: int, *, actor_id: int) -> None:
    user = get_user(user_id)
    user.locked_until = None
    user.failed_logins = 0
    record_audit("user.unlock", user, actor_id=actor_id)
    db.session.commit()


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.is_active_account.desc(), User.name)))


def ensure_admin(email: str | None = None, password: str | None = None) -> tuple[User, str | None] | None:
    """Create the first admin when there is none; return it with the generated password, if any.

    Returns None when an admin already exists.
    """
    if db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN.value)):
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    user = create_user(email or "admin@example.com", "Administrator", Role.ADMIN.value, password)
    return user, generated
