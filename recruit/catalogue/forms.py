"""The catalogue forms: a service line, a rate card entry, and an executive's decision on a fee."""
from __future__ import annotations

from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, money, tidy
from recruit.models import RATE_CARD_UNITS


class ServiceLineForm(Form):
    """A service line: its name and what it covers."""

    name = StringField()
    description = StringField()

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A service line needs a name.")

    def values(self) -> dict:
        return {"name": tidy(self.name.data, 120), "description": (self.description.data or "").strip() or None}


class RateForm(Form):
    """A rate card entry: the unit, the currency, the standard rate and the floor."""

    unit = StringField()
    currency = StringField()
    standard_rate = StringField()
    floor_rate = StringField()

    def validate_unit(self, field) -> None:
        if field.data not in RATE_CARD_UNITS:
            raise ValidationError("Choose what the rate is per.")

    def validate_currency(self, field) -> None:
        if field.data and (len(field.data.strip()) != 3 or not field.data.strip().isalpha()):
            raise ValidationError("The currency is a three-letter code such as USD or INR.")

    def validate_standard_rate(self, field) -> None:
        if money(field.data, "The standard rate") is None:
            raise ValidationError("Give the standard rate.")

    def validate_floor_rate(self, field) -> None:
        if money(field.data, "The floor") is None:
            raise ValidationError("Give the floor.")

    def values(self) -> dict:
        return {"unit": self.unit.data, "currency": (self.currency.data or "USD").strip().upper(),
                "standard_rate": money(self.standard_rate.data, ""), "floor_rate": money(self.floor_rate.data, "")}


class DecisionForm(Form):
    """An executive's answer to a fee below the floor."""

    decision = StringField()
    note = StringField()

    def validate_decision(self, field) -> None:
        if field.data not in ("approve", "decline"):
            raise ValidationError("Approve or decline the fee.")

    def values(self) -> dict:
        return {"approve": self.decision.data == "approve", "note": (self.note.data or "").strip() or None}
