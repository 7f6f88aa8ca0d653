"""Pieces the blueprints' forms share: numbers, dates, lists and tidy text read the way every form of the app
reads them, and the contact form of a client's or a partner firm's people."""
from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
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


def prefixed(formdata, prefix: str, limit: int = 10_000) -> dict[str, str]:
    """The fields of ``formdata`` named ``prefix`` + a name (``f:skills``, ``note_12``), by name, each value cut to
    ``limit`` characters: for forms whose fields are the rows of a page (profile corrections, notes per applicant)."""
    return {key[len(prefix):]: (value or "")[:limit] for key, value in (formdata or {}).items()
            if key.startswith(prefix) and len(key) > len(prefix)}


class Ids(SelectMultipleField):
    """Ticked rows of a page (``application_id`` repeated): the whole numbers among them, each once, in order."""

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        super().__init__(label, validators, validate_choice=False, **kwargs)

    def ids(self) -> list[int]:
        """The ids ticked (anything that is not an id the database could hold is left out)."""
        return list(dict.fromkeys(i for i in (whole(x, None) for x in self.data or []) if i is not None and i > 0))


class Form(FlaskForm):
    """A form whose page names one problem at a time: the first wrong answer, in the order of the fields.
    ``submitted`` keeps what was posted, for the fields named by the page's rows (see ``prefixed``)."""

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs) -> None:
        self.submitted = self.meta.wrap_formdata(self, formdata)
        super().process(self.submitted, obj, data=data, extra_filters=extra_filters, **kwargs)

    def first_error(self) -> str:
        """The message for the first field that is wrong."""
        return next(message for errors in self.errors.values() for message in errors)

    def check(self) -> dict:
        """The form's ``values()`` once it is right; InvalidInput with the first problem otherwise, so a route
        flashes or answers it as it does the service's own refusals."""
        if not self.validate_on_submit():
            raise InvalidInput(self.first_error())
        return self.values()

    def values(self) -> dict:  # pragma: no cover - every form says what it hands on
        raise NotImplementedError


def one_of(choices: str, message: str):
    """A field validator: the value is one of the form class's ``choices`` attribute (each subclass names its own)."""
    def validator(form, field) -> None:
        if field.data not in getattr(form, choices):
            raise ValidationError(message)
    return validator


class ActionForm(Form):
    """A page's form whose buttons say what to do (``action``): one of ``ACTIONS``, or "Unknown action."."""

    ACTIONS: tuple[str, ...] = ()
    action = StringField(validators=[one_of("ACTIONS", "Unknown action.")])

    def values(self) -> dict:
        return {"action": self.action.data}


class StatusForm(Form):
    """A status change (a job opened, an event published): one of ``STATUSES``, or "Unknown status."."""

    STATUSES: tuple[str, ...] = ()
    status = StringField(validators=[one_of("STATUSES", "Unknown status.")])

    def values(self) -> dict:
        return {"status": self.status.data}


PROFILE_PATH = re.compile(r"[a-z_]{1,40}(\.\d{1,4}\.[a-z_]{1,40})?")  # skills, experience.0.title
CONTACT_FIELDS = ("email", "phone")


class CorrectionsForm(Form):
    """A recruiter's corrections of a parsed profile: ``f:<path>`` fields (``f:skills``, ``f:experience.0.title``),
    as many as the page has rows, and on the review page ``c:email`` / ``c:phone``. The form checks the names;
    ``parsing.correct_profile`` checks each value against its field, all or nothing."""

    next = StringField()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        wrong = next((path for path in prefixed(self.submitted, "f:") if not PROFILE_PATH.fullmatch(path)), None)
        if wrong is not None:
            self.next.errors.append(f"{wrong[:60]} cannot be corrected.")
            return False
        return True

    def values(self) -> dict:
        """``changes`` (profile path -> typed text) and ``contact`` (email, phone) as plain dicts."""
        contact = prefixed(self.submitted, "c:", 320)
        return {"changes": prefixed(self.submitted, "f:"),
                "contact": {k: v for k, v in contact.items() if k in CONTACT_FIELDS}}


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
