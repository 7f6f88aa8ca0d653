"""The client forms: a client company (name, status, how to work with them) and a placement (a candidate
starting with the client, at a rate). A contact is ``recruit.forms.ContactForm``, shared with partner firms."""
from __future__ import annotations

from datetime import date

from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, tidy
from recruit.models import CLIENT_STATUSES
from recruit.services.clients import RATE_UNITS


class ClientForm(Form):
    """A client company; ``values()`` for ``clients.save_client`` (which keeps names unique)."""

    name = StringField()
    status = StringField()
    industry = StringField()
    size = StringField()
    guidelines = StringField()
    notes = StringField()

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A client needs a company name.")

    def validate_status(self, field) -> None:
        if (field.data or "active") not in CLIENT_STATUSES:
            raise ValidationError("Choose a status.")

    def values(self) -> dict:
        """The client as plain, tidied values."""
        return {"name": tidy(self.name.data), "status": self.status.data or "active",
                "industry": (self.industry.data or "").strip()[:120] or None,
                "size": (self.size.data or "").strip()[:40] or None,
                "guidelines": (self.guidelines.data or "").strip() or None,
                "notes": (self.notes.data or "").strip() or None}


class PlacementFeedbackForm(Form):
    """The client's rating of a placed worker, 1 to 5, and what they said."""

    feedback_rating = StringField()
    feedback = StringField()

    def validate_feedback_rating(self, field) -> None:
        if field.data and field.data not in ("1", "2", "3", "4", "5"):
            raise ValidationError("A rating is from 1 to 5.")

    def values(self) -> dict:
        """The feedback for ``clients.placement_feedback``."""
        return {"rating": int(self.feedback_rating.data) if self.feedback_rating.data else None,
                "feedback": (self.feedback.data or "").strip() or None}


class PlacementForm(Form):
    """A placement: when the candidate starts, the rate and what it is per, and the firm's margin."""

    start_date = StringField()
    rate = StringField()
    rate_unit = StringField()
    margin_percent = StringField()

    def validate_start_date(self, field) -> None:
        try:
            date.fromisoformat(field.data or "")
        except ValueError:
            raise ValidationError("Give the start date.")

    def validate_rate(self, field) -> None:
        try:
            rate = float(field.data or "")
        except ValueError:
            raise ValidationError("The rate is a number.")
        if rate <= 0:
            raise ValidationError("The rate is more than zero.")

    def validate_rate_unit(self, field) -> None:
        if (field.data or "month") not in RATE_UNITS:
            raise ValidationError("Choose what the rate is per.")

    def validate_margin_percent(self, field) -> None:
        try:
            margin = float(field.data) if field.data not in (None, "") else None
        except ValueError:
            raise ValidationError("The margin is a percentage.")
        if margin is not None and not -100 <= margin <= 100:
            raise ValidationError("The margin is a percentage between -100 and 100.")

    def values(self) -> dict:
        """The placement as plain values for ``clients.place``."""
        margin = self.margin_percent.data
        return {"start": date.fromisoformat(self.start_date.data), "rate": float(self.rate.data),
                "unit": self.rate_unit.data or "month", "margin": float(margin) if margin not in (None, "") else None}
