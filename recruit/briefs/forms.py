"""The brief forms: a brief, one of its problems, a quote, a contact log entry and a client's account owner;
each ``values()`` hands the service checked, plain values."""
from __future__ import annotations

from datetime import datetime, time, timezone

from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, day, listed, money, number, some_id, tidy
from recruit.models import BRIEF_STATUSES, CONTACT_KINDS, RATE_CARD_UNITS


class BriefForm(Form):
    """A brief: its title, what the client said in a line or two, and its status."""

    title = StringField()
    summary = StringField()
    status = StringField()

    def validate_title(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A brief needs a title.")

    def validate_status(self, field) -> None:
        if (field.data or "open") not in BRIEF_STATUSES:
            raise ValidationError("Choose a status.")

    def values(self) -> dict:
        """The brief for ``briefs.save_brief``."""
        return {"title": tidy(self.title.data, 200), "summary": (self.summary.data or "").strip() or None,
                "status": self.status.data or "open"}


class ProblemForm(Form):
    """A problem or potential project: service line, work, skills, volume, timeline, budget, standards."""

    title = StringField()
    service_line_id = StringField()
    work = StringField()
    skills = StringField()
    volume = StringField()
    timeline = StringField()
    start_date = StringField()
    end_date = StringField()
    budget_amount = StringField()
    budget_unit = StringField()
    required_standards = StringField()
    min_years = StringField()

    def validate_title(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A problem needs a title: what the client needs done, in a few words.")

    def validate_start_date(self, field) -> None:
        day(field.data, "Give the start as a date.")

    def validate_end_date(self, field) -> None:
        day(field.data, "Give the end as a date.")

    def validate_budget_amount(self, field) -> None:
        money(field.data, "The budget")

    def validate_budget_unit(self, field) -> None:
        if field.data and field.data not in RATE_CARD_UNITS:
            raise ValidationError("Choose what the budget is per.")

    def validate_min_years(self, field) -> None:
        number(field.data, "Years of experience", 0, 50)

    def values(self) -> dict:
        """The problem for ``briefs.save_problem``."""
        budget = money(self.budget_amount.data, "The budget")
        return {"title": tidy(self.title.data, 200), "service_line_id": some_id(self.service_line_id.data),
                "work": (self.work.data or "").strip(), "skills": listed(self.skills.data),
                "volume": tidy(self.volume.data, 200) or None, "timeline": tidy(self.timeline.data, 200) or None,
                "start_date": day(self.start_date.data, ""), "end_date": day(self.end_date.data, ""),
                "budget_amount": budget, "budget_unit": (self.budget_unit.data or None) if budget is not None else None,
                "required_standards": listed(self.required_standards.data),
                "min_years": number(self.min_years.data, "Years of experience", 0, 50) or 0}


class QuoteForm(Form):
    """A fee quoted for a problem, what it is per, and why (for a fee below the floor)."""

    amount = StringField()
    unit = StringField()
    reason = StringField()

    def validate_amount(self, field) -> None:
        if money(field.data, "The fee") in (None, 0):
            raise ValidationError("Give the fee, above zero.")

    def validate_unit(self, field) -> None:
        if field.data not in RATE_CARD_UNITS:
            raise ValidationError("Choose what the fee is per.")

    def values(self) -> dict:
        """The quote for ``briefs.quote``."""
        return {"amount": money(self.amount.data, "The fee"), "unit": self.unit.data,
                "reason": (self.reason.data or "").strip() or None}


class ContactLogForm(Form):
    """A meeting, call or email: with whom, when, what was said, and the next step by a date."""

    kind = StringField()
    contact_id = StringField()
    brief_id = StringField()
    happened_on = StringField()
    summary = StringField()
    next_step = StringField()
    due_date = StringField()

    def validate_kind(self, field) -> None:
        if field.data not in CONTACT_KINDS:
            raise ValidationError("Choose meeting, call or email.")

    def validate_happened_on(self, field) -> None:
        day(field.data, "Give the day it happened as a date.")

    def validate_summary(self, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError("Say what was discussed.")

    def validate_due_date(self, field) -> None:
        day(field.data, "Give the next step's due date as a date.")

    def values(self) -> dict:
        """The entry for ``briefs.log_contact``; a day without a time is noon UTC, so it shows on that day."""
        happened = day(self.happened_on.data, "")
        return {"kind": self.kind.data, "contact_id": some_id(self.contact_id.data),
                "brief_id": some_id(self.brief_id.data),
                "happened_at": datetime.combine(happened, time(12), timezone.utc) if happened
                else datetime.now(timezone.utc),
                "summary": self.summary.data.strip(), "next_step": tidy(self.next_step.data, 300) or None,
                "due_date": day(self.due_date.data, "")}


class OwnerForm(Form):
    """The client's account owner."""

    account_owner_id = StringField()

    def values(self) -> dict:
        return {"owner_id": some_id(self.account_owner_id.data)}
