"""The report forms: starting a report (anonymised or not), editing a draft's sections and notes, sending an
issued version."""
from __future__ import annotations

from flask import request
from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, whole
from recruit.services.report_documents import SECTIONS


class NewReportForm(Form):
    """What a new report is about (``subject``: ``job:<id>`` or ``brief:<id>``; or ``job_id``) and what it shows
    of the candidates: anonymised (the default) or named; the score's reasons."""

    subject = StringField()
    job_id = StringField()
    share = StringField()
    breakdown = StringField()

    def values(self) -> dict:
        kind, _, ident = (self.subject.data or "").partition(":")
        job_id = whole(ident, 0) if kind == "job" else whole(self.job_id.data, 0)
        return {"job_id": job_id, "brief_id": whole(ident, 0) if kind == "brief" else 0,
                "anonymise": self.share.data != "full", "show_breakdown": self.breakdown.data != "0"}


class DraftForm(Form):
    """The consultant's edits: each section's text, a note per recommendation, which stay recommended."""

    needs = StringField()
    summary = StringField()
    reasoning = StringField()
    method = StringField()

    def values(self) -> dict:
        """Plain values for ``recommendations.save_draft``; notes come as ``note:<key>`` and the kept
        recommendations as the ``keep`` keys (one per ticked box)."""
        notes = {key[5:]: value for key, value in request.form.items() if key.startswith("note:")}
        keep = request.form.getlist("keep") if request.form.get("keep_sent") else None
        return {"sections": {name: getattr(self, name).data or "" for name in SECTIONS}, "notes": notes,
                "keep": keep}


class ShareForm(Form):
    """A link to an issued version: for which contact, for how long, emailed or not, with the files or not."""

    contact_id = StringField()
    expires = StringField()
    send_email = BooleanField()
    attach = BooleanField()
    message = StringField()

    def validate_expires(self, field) -> None:
        if not 1 <= whole(field.data or 14, 0) <= 90:
            raise ValidationError("A link lasts between 1 and 90 days.")

    def values(self) -> dict:
        return {"contact_id": whole(self.contact_id.data, 0) or None, "expires_in_days": whole(self.expires.data or 14,
                                                                                               14),
                "send_email": bool(self.send_email.data), "attach": bool(self.attach.data),
                "message": (self.message.data or "").strip()[:4000] or None}
