"""The partner firm forms: a firm, a standard it holds, and a past engagement (a contact there is
``recruit.forms.ContactForm``)."""
from __future__ import annotations

from zoneinfo import available_timezones

from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, day, listed, number, some_id, tidy, whole


class FirmForm(Form):
    """A partner firm: name, website, service lines, capabilities, locations, time zones and capacity."""

    name = StringField()
    website = StringField()
    capabilities = StringField()
    locations = StringField()
    time_zones = StringField()
    capacity = StringField()
    capacity_note = StringField()
    notes = StringField()

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("A partner firm needs a name.")

    def validate_time_zones(self, field) -> None:
        unknown = [z for z in listed(field.data, 64) if z not in available_timezones()]
        if unknown:
            raise ValidationError(f"Unknown time zone {unknown[0]!r}: use names such as Asia/Kolkata or Europe/London.")

    def validate_capacity(self, field) -> None:
        number(field.data, "Capacity", 0, 100000)

    def values(self, service_line_ids: list[str]) -> dict:
        """The firm for ``partners.save_firm``; ``service_line_ids`` are the ticked boxes."""
        capacity = number(self.capacity.data, "Capacity", 0, 100000)
        return {"name": tidy(self.name.data, 200), "website": tidy(self.website.data, 300) or None,
                "capabilities": listed(self.capabilities.data), "locations": listed(self.locations.data),
                "time_zones": listed(self.time_zones.data, 64),
                "capacity": int(capacity) if capacity is not None else None,
                "capacity_note": tidy(self.capacity_note.data, 300) or None,
                "notes": (self.notes.data or "").strip() or None,
                "service_line_ids": [i for i in (whole(v, 0) for v in service_line_ids) if i > 0]}


class StandardForm(Form):
    """A standard the firm holds and until when (the certificate comes as a file)."""

    standard = StringField()
    expires_on = StringField()

    def validate_standard(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("Name the standard, such as ISO 27001.")

    def validate_expires_on(self, field) -> None:
        day(field.data, "Give the expiry as a date.")

    def values(self) -> dict:
        return {"standard": tidy(self.standard.data, 120), "expires_on": day(self.expires_on.data, "")}


class EngagementForm(Form):
    """Past work by the firm: what, for which client, when it ended, a rating 1-5 and comments."""

    title = StringField()
    client_id = StringField()
    service_line_id = StringField()
    rating = StringField()
    comments = StringField()
    ended_on = StringField()

    def validate_title(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("Say what the engagement was.")

    def validate_rating(self, field) -> None:
        if field.data and field.data not in ("1", "2", "3", "4", "5"):
            raise ValidationError("A rating is from 1 to 5.")

    def validate_ended_on(self, field) -> None:
        day(field.data, "Give the end as a date.")

    def values(self) -> dict:
        return {"title": tidy(self.title.data, 200), "client_id": some_id(self.client_id.data),
                "service_line_id": some_id(self.service_line_id.data),
                "rating": int(self.rating.data) if self.rating.data else None,
                "comments": (self.comments.data or "").strip() or None, "ended_on": day(self.ended_on.data, "")}
