"""The campus forms: an event (what a recruiter types when planning a drive), its status, check-in, rounds,
slots and results, each checked and read as plain values.
Dates are read in the event's own time zone and given to the service in UTC."""
from __future__ import annotations

import re
from datetime import datetime

from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import ActionForm, Form, Ids, StatusForm, Number, number, tidy, whole
from recruit.models import EventStatus, RoundKind
from recruit.services.errors import InvalidInput
from recruit.services.interviews import to_utc, zone

YEARS_MESSAGE = "Graduation years are four-digit years, separated by commas."


def words(value) -> list[str]:
    """Comma, semicolon or line separated items, tidied, each once, in the order given."""
    return list(dict.fromkeys(tidy(i) for i in re.split(r"[,\n;]", value or "") if i and i.strip()))


def _moment(value: str | None) -> datetime | None:
    """A ``datetime-local`` value as a wall-clock time (None when empty)."""
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("Give dates and times as the form asks.")


class EventForm(Form):
    """A campus event: title and school, when and where, how many places, and who may sign up.

    Fields are checked in the order below, then the dates against each other; the page names the first
    answer that is wrong. ``jobs`` and ``team`` (ticked ids) come apart, from ``links()``.
    """

    timezone = StringField(default="Asia/Kolkata")
    title = StringField()
    school = StringField()
    starts_at = StringField()
    capacity = StringField()
    graduation_years = StringField()
    ends_at = StringField()
    signup_opens_at = StringField()
    signup_closes_at = StringField()
    min_cgpa = StringField(validators=[Number("Minimum CGPA", 0, 10)])
    min_percentage = StringField(validators=[Number("Minimum percentage", 0, 100)])
    description = StringField()
    venue = StringField()
    eligible_degrees = StringField()
    eligible_branches = StringField()
    no_active_backlogs = StringField()
    jobs = Ids()
    team = Ids()

    def _zone_name(self) -> str:
        return self.timezone.data or "Asia/Kolkata"

    def validate_timezone(self, field) -> None:
        try:
            zone(self._zone_name())
        except InvalidInput as exc:
            raise ValidationError(str(exc))

    def validate_title(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("An event needs a title and a school.")

    def validate_school(self, field) -> None:
        if tidy(self.title.data) and not tidy(field.data):  # a missing title is told once, above
            raise ValidationError("An event needs a title and a school.")

    def validate_starts_at(self, field) -> None:
        if _moment(field.data) is None:
            raise ValidationError("When does it start?")

    def validate_capacity(self, field) -> None:
        try:
            capacity = int(field.data)
        except (TypeError, ValueError):
            raise ValidationError("Capacity is a number of students.")
        if not 1 <= capacity <= 100_000:
            raise ValidationError("Capacity is between 1 and 100,000.")

    def validate_graduation_years(self, field) -> None:
        if any(not y.isdigit() or not 1990 <= int(y) <= 2100 for y in words(field.data)):
            raise ValidationError(YEARS_MESSAGE)

    def validate_ends_at(self, field) -> None:
        _moment(field.data)

    def validate_signup_opens_at(self, field) -> None:
        _moment(field.data)

    def validate_signup_closes_at(self, field) -> None:
        _moment(field.data)

    def validate(self, extra_validators=None) -> bool:
        """The fields, then the dates against each other."""
        if not super().validate(extra_validators):
            return False
        values = self.values()
        if values["ends_at"] and values["ends_at"] < values["starts_at"]:
            self.ends_at.errors.append("The event ends before it starts.")
        elif values["signup_opens_at"] and values["signup_closes_at"] \
                and values["signup_closes_at"] <= values["signup_opens_at"]:
            self.signup_closes_at.errors.append("Sign-up closes before it opens.")
        else:
            return True
        return False


    def _utc(self, field) -> datetime | None:
        moment = _moment(field.data)
        return to_utc(moment, self._zone_name()) if moment else None

    def values(self) -> dict:
        """The event as plain values for ``campus.create_event`` / ``campus.update_event`` (times in UTC)."""
        return {"title": tidy(self.title.data, 200), "school": tidy(self.school.data, 200),
                "description": (self.description.data or "").strip(), "timezone": self._zone_name(),
                "starts_at": self._utc(self.starts_at), "ends_at": self._utc(self.ends_at),
                "venue": (self.venue.data or "").strip()[:300], "capacity": int(self.capacity.data),
                "signup_opens_at": self._utc(self.signup_opens_at),
                "signup_closes_at": self._utc(self.signup_closes_at),
                "eligible_degrees": words(self.eligible_degrees.data),
                "eligible_branches": words(self.eligible_branches.data),
                "graduation_years": [int(y) for y in words(self.graduation_years.data)],
                "min_cgpa": number(self.min_cgpa.data, "Minimum CGPA", 0, 10),
                "min_percentage": number(self.min_percentage.data, "Minimum percentage", 0, 100),
                "no_active_backlogs": bool(self.no_active_backlogs.data)}

    def links(self) -> dict:
        """The event's jobs and team (ticked ids) for ``campus.create_event`` / ``campus.update_event``."""
        return {"job_ids": self.jobs.ids(), "team_ids": self.team.ids()}


class RoundForm(Form):
    """A new round of a drive: its name, kind and (for a scored round) pass mark."""

    name = StringField()
    kind = StringField()
    pass_mark = StringField(validators=[Number("Pass mark", 0, 1000)])

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("Name the round.")

    def validate_kind(self, field) -> None:
        if field.data not in set(RoundKind):
            raise ValidationError("Choose the kind of round.")

    def values(self) -> dict:
        """The round as plain values for ``campus.add_round``."""
        return {"name": tidy(self.name.data, 100), "kind": self.kind.data,
                "pass_mark": number(self.pass_mark.data, "Pass mark", 0, 1000)}


class SlotForm(Form):
    """A slot of a round: when (in the event's time zone), how many students, and where."""

    starts_at = StringField()
    capacity = StringField()
    place = StringField()

    def validate_starts_at(self, field) -> None:
        if _moment(field.data) is None:
            raise ValidationError("When is the slot?")

    def validate_capacity(self, field) -> None:
        if not 1 <= (whole(field.data, 0) or 0) <= 10_000:
            raise ValidationError("A slot holds between 1 and 10,000 students.")

    def values(self) -> dict:
        """The slot as plain values for ``campus.add_slot`` (the start as a wall-clock time)."""
        return {"starts_at": _moment(self.starts_at.data), "capacity": whole(self.capacity.data, 0),
                "place": (self.place.data or "").strip()[:200]}


class EventStatusForm(StatusForm):
    """Publish, close, complete or cancel an event (or back to draft)."""

    STATUSES = tuple(EventStatus)


class EarlyForm(Form):
    """Whether the recruiter confirmed checking students in before the event's day."""

    early = StringField()

    def values(self) -> dict:
        return {"early": self.early.data == "1"}


class CheckInForm(EarlyForm):
    """Check a student in by the QR code's token or by their registration (found by name)."""

    token = StringField()
    registration_id = StringField()

    def values(self) -> dict:
        return {**super().values(), "token": (self.token.data or "").strip()[:200] or None,
                "registration_id": whole(self.registration_id.data, None)}


class ResultForm(Form):
    """A student's result in a round: pass or fail, or a score (which passes at the round's pass mark)."""

    registration_id = StringField()
    outcome = StringField()
    score = StringField(validators=[Number("Score", 0, 1000)])

    def validate_registration_id(self, field) -> None:
        if whole(field.data, None) is None:
            raise ValidationError("No such registration.")

    def validate_outcome(self, field) -> None:
        if (field.data or "") not in ("", "pass", "fail"):
            raise ValidationError("Record a pass or a fail, or a score (with a pass mark set for the round).")

    def values(self) -> dict:
        return {"registration_id": whole(self.registration_id.data, None), "outcome": self.outcome.data or "",
                "score": self.score.data}


class RoundActionForm(ActionForm):
    """What a round's page asks: add a slot, assign students to the slots, or record a result."""

    ACTIONS = ("slot", "assign", "result")
