"""The client forms: a client company (name, status, how to work with them), its documents, a placement (a
candidate starting with the client, at a rate) and its feedback, and a job order's pool match and submittals.
A contact is ``recruit.forms.ContactForm``, shared with partner firms."""
from __future__ import annotations

from datetime import date

from flask_wtf.file import FileField
from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, Ids, prefixed, read_by, tidy, whole
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


DOCUMENT_KINDS = {"contract": "Contract", "sla": "Service levels", "other": "Other"}


class DocumentForm(Form):
    """A contract or SLA to keep with the client: the file (checked by content by the service) and its kind."""

    document = FileField()
    kind = StringField(default="other")

    def validate_kind(self, field) -> None:
        if (field.data or "other") not in DOCUMENT_KINDS:
            raise ValidationError("Choose what kind of document it is.")

    def values(self) -> dict:
        return {"kind": self.kind.data or "other"}


class PoolForm(Form):
    """The people ticked in a talent-pool match, to add to the job order."""

    candidate_id = Ids()

    def values(self) -> dict:
        return {"candidate_ids": self.candidate_id.ids()}


class SubmitForm(Form):
    """On a job order's submit page: ask the ticked candidates for consent, or send them to the client as a share
    link (to a contact, anonymised or the full resume, with or without the breakdown, a note per candidate)."""

    application_id = Ids()
    action = StringField()
    contact_id = StringField()
    message = StringField()
    share = StringField()
    breakdown = StringField()
    expires = StringField()

    def validate_expires(self, field) -> None:
        if (field.data or "").strip() and whole(field.data.strip(), None) is None:
            raise ValidationError("A link lasts between 1 and 90 days.")

    def consent(self) -> bool:
        """Whether the button pressed asks for consent (any other sends the link)."""
        return self.action.data == "consent"

    def values(self) -> dict:
        """The ticked ids, and what the share link needs, for ``clients.create_submittal``."""
        ids = self.application_id.ids()
        notes = {whole(k, None): v for k, v in prefixed(self.submitted, "note_", 1000).items()}
        return {"ids": ids, "notes": {i: notes.get(i, "") for i in ids},
                "contact_id": whole(self.contact_id.data, None) or None,
                "message": (self.message.data or "")[:5000] or None, "anonymise": self.share.data != "full",
                "show_breakdown": self.breakdown.data == "1",
                "expires_in_days": whole((self.expires.data or "").strip(), None) or 14}
