"""Pieces the blueprints' forms share: numbers, dates, lists and tidy text read the way every form of the app
reads them, and the contact form of a client's or a partner firm's people."""
from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.http import INT_MAX
from recruit.services.campus.details import read_number
from recruit.services.candidates import normalise_email, normalise_phone
from recruit.services.errors import InvalidInput


def tidy(value: str | None, limit: int | None = None) -> str:
    """Text with its runs of spaces and line breaks made single spaces, cut to ``limit`` characters."""
    text = " ".join((value or "").split())
    return text[:limit] if limit else text


def whole(value, default):
    """``value`` as a whole number, or ``default`` when it is none (or larger than the database holds)."""
    try:
        out = int(value)
    except (TypeError, ValueError):
        return default
    return out if -INT_MAX - 1 <= out <= INT_MAX else default


def number(value, name: str, low: float, high: float) -> float | None:
    """``value`` as a number between ``low`` and ``high`` (None when left empty); ValidationError otherwise."""
    try:
        return read_number(value, name, low, high)
    except InvalidInput as exc:
        raise ValidationError(str(exc))


def read_by(reader):
    """A field validator from a service's reader (``normalise_email``): its refusal becomes the field's error."""
    def validator(form, field) -> None:
        try:
            reader(field.data)
        except InvalidInput as exc:
            raise ValidationError(str(exc))
    return validator


class Number:
    """A field validator: empty, or a number between ``low`` and ``high`` ("CGPA must be a number.")."""

    def __init__(self, name: str, low: float, high: float) -> None:
        self.name, self.low, self.high = name, low, high

    def __call__(self, form, field) -> None:
        number(field.data, self.name, self.low, self.high)


class Form(FlaskForm):
    """A form whose page names one problem at a time: the first wrong answer, in the order of the fields."""

    def first_error(self) -> str:
        """The message for the first field that is wrong."""
        return next(message for errors in self.errors.values() for message in errors)


def listed(value: str | None, limit: int = 120) -> list[str]:
    """Comma, semicolon or line separated entries, tidied, each once (first spelling kept)."""
    seen, out = set(), []
    for part in (value or "").replace(";", ",").replace("\n", ",").split(","):
        item = tidy(part, limit)
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def day(value: str | None, message: str) -> date | None:
    """An ISO date (None when empty); ValidationError with ``message`` otherwise."""
    if not (value or "").strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(message)


def money(value: str | None, name: str) -> float | None:
    """An amount of money, zero or more (None when empty)."""
    return number(value, name, 0, 1e12)


def some_id(value: str | None) -> int | None:
    """A chosen record's id, or None for "none"."""
    out = whole(value, 0)
    return out if out > 0 else None


class ContactForm(Form):
    """A person at a client or a partner firm: name, role, email and phone (read as the candidate forms read
    them)."""

    name = StringField()
    role = StringField()
    email = StringField(validators=[read_by(normalise_email)])
    phone = StringField(validators=[read_by(normalise_phone)])

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A contact needs a name.")

    def values(self) -> dict:
        """The contact as plain, tidied values for ``clients.add_contact`` or ``partners.add_contact``."""
        return {"name": tidy(self.name.data, 120), "role": (self.role.data or "").strip()[:120] or None,
                "email": normalise_email(self.email.data), "phone": normalise_phone(self.phone.data)}
