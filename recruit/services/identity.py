"""Who a person is: their email and phone as stored (normalised), and finding the candidate they already are.

Read by candidates, parsing, imports, careers and campus, so it depends on none of them.
"""
from __future__ import annotations

import random
import time

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from rapidfuzz import fuzz
from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import OperationalError

from recruit.extensions import db
from recruit.models import Candidate
from recruit.services.errors import InvalidInput
from recruit.services.listing import contains


def normalise_phone(raw: str | None, region: str | None = None) -> str | None:
    """A phone number in E.164 (``+919876543210``), read in the default region when it has no country code."""
    if not raw or not raw.strip():
        return None
    region = region or current_app.config["DEFAULT_PHONE_REGION"]
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput("This is not a phone number we can read.", field="phone")
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput("This phone number is not valid; include the country code (+44 …) "
                           "if it is not a local number.", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str | None) -> str | None:
    """An email address as stored (checked, lower case); None for none; ``InvalidInput`` when it is not one."""
    if not raw or not raw.strip():
        return None
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidInput(f"This email address is not valid: {exc}", field="email")


def find_duplicate(email: str | None, phone: str | None, *, exclude_id: int | None = None) -> Candidate | None:
    """Another candidate with the same email or phone, if any."""
    conditions = []
    if email:
        conditions.append(Candidate.email == email)
    if phone:
        conditions.append(Candidate.phone == phone)
    if not conditions:
        return None
    stmt = select(Candidate).where(or_(*conditions))
    if exclude_id:
        stmt = stmt.where(Candidate.id != exclude_id)
    return db.session.scalars(stmt.limit(1)).first()


def find_same_person(name: str | None, text: str) -> Candidate | None:
    """A candidate with a near-identical name whose latest resume reads nearly the same, if any.

    For resumes without a known email or phone: the same person sending an updated resume keeps
    most of its wording, while two people who share a name do not.
    """
    words = (name or "").split()
    if len(words) < 2 or len(text) < 200:
        return None
    wanted = " ".join(words).lower()
    surname = words[-1].lower()
    rows = db.session.scalars(select(Candidate).where(func.lower(Candidate.name).like(contains(surname), escape="\\"))
                              .order_by(Candidate.id).limit(50))
    for candidate in rows:
        if fuzz.token_sort_ratio(candidate.name.lower(), wanted) < 90:
            continue
        for resume in candidate.resumes[:3]:
            if resume.parse_status == "done" and resume.extracted_text and \
                    fuzz.ratio(resume.extracted_text[:4000], text[:4000]) >= 80:
                return candidate
    return None


def lock_identity(email: str | None, phone: str | None) -> None:
    """Hold, until the transaction ends, a lock on a person's email and phone, so two requests matching
    the same person one after the other see each other's candidate instead of both creating one.

    PostgreSQL: transaction-scoped advisory locks on the normalised keys (in a fixed order, so two
    requests never wait on each other). SQLite has one writer at a time: a write taken first makes the
    transaction the writer at once (waiting its turn), so the match that follows reads the latest data.
    """
    keys = sorted(f"{kind}:{value}" for kind, value in (("email", email), ("phone", phone)) if value)
    if not keys:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        for key in keys:
            db.session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
    else:
        db.session.execute(text("UPDATE candidates SET id = id WHERE 0"))


def retry_when_locked(work, *, attempts: int = 6):
    """``work()`` (a unit that ends in a commit), run again when SQLite answers "database is locked": one
    writer at a time, so a burst of sign-ups can keep a request waiting past the busy timeout. The unit is
    rolled back and retried after a short random pause, so the request gets its answer instead of a 500."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as exc:
            if "database is locked" not in str(exc) or attempt == attempts - 1:
                raise
            db.session.rollback()
            time.sleep(random.uniform(0.05, 0.25) * (attempt + 1))
